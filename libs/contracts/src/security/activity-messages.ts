/** Messages of CCS activities, their recommendations and attachments (see `messages.ts`). */
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_UPLOAD_ERRORS,
  AttachmentDto,
  AttachmentListDto,
} from '../attachments';
import { defineMessage } from '../catalogue';
import {
  ActivityAttachmentIdDto,
  ActivityAttachmentUploadDto,
  ActivityDetailDto,
  ActivityDto,
  ActivityIdDto,
  ActivityListQueryDto,
  ActivityPageDto,
  RecordActivityDto,
  UpdateActivityDto,
  UpdateRecommendationDto,
} from './activity-dtos';
import { byCcs, CCS_WRITE_ERRORS, TAG_ACTIVITIES } from './message-common';

const ACTIVITY_ID = '5c1d7a3e-2b4f-4c6d-8e9f-0a1b2c3d4e5f';

const activityRecord = defineMessage({
  service: 'security',
  name: 'activity.record',
  version: 1,
  kind: 'command',
  request: RecordActivityDto,
  response: ActivityDto,
  errors: [...CCS_WRITE_ERRORS, 'PARTICIPANTS_EXCEED_TOTAL'],
  permission: 'activity:write',
  key: byCcs,
  http: {
    method: 'POST',
    path: 'ccs-activities',
    status: 201,
    tag: TAG_ACTIVITIES,
    summary: 'Enregistrer une activité du CCS',
    description:
      'Réunion, sensibilisation, porte ouverte des FDS, match, émission de radio... Participants : un total et ' +
      'des sous-totaux qui se chevauchent (femmes, jeunes, FDS, enfants), chacun au plus égal au total. ' +
      'Envoyer une `Idempotency-Key`.',
    location: (a) => `ccs-activities/${a.id}`,
    example: {
      ccsCode: 'CCS-SEGOU',
      type: 'sports-event',
      startOn: '2026-11-21',
      placeCode: 'ML-SEG-SEG-SEG',
      theme: 'Match de football FDS-population, journée porte ouverte de la police',
      forces: ['police', 'gendarmerie'],
      participants: { total: 120, women: 45, youth: 70, fds: 30 },
      outcomes: 'Rencontre dans un bon esprit',
      recommendations: ['Organiser un match chaque trimestre'],
    },
  },
});

const activityUpdate = defineMessage({
  service: 'security',
  name: 'activity.update',
  version: 1,
  kind: 'command',
  request: UpdateActivityDto,
  response: ActivityDto,
  errors: [...CCS_WRITE_ERRORS, 'ACTIVITY_NOT_FOUND', 'VERSION_CONFLICT', 'PARTICIPANTS_EXCEED_TOTAL'],
  permission: 'activity:write',
  key: (r) => r.activityId,
  http: {
    method: 'PATCH',
    path: 'ccs-activities/:activityId',
    tag: TAG_ACTIVITIES,
    summary: 'Corriger une activité',
    description: 'Envoyer la `version` lue et les champs à changer.',
    example: { activityId: ACTIVITY_ID, version: 1, theme: 'Police de proximité' },
  },
});

const activityRecommendation = defineMessage({
  service: 'security',
  name: 'activity.recommendation',
  version: 1,
  kind: 'command',
  request: UpdateRecommendationDto,
  response: ActivityDto,
  errors: ['OUT_OF_SCOPE', 'ACTIVITY_NOT_FOUND', 'RECOMMENDATION_NOT_FOUND', 'VERSION_CONFLICT'],
  permission: 'activity:write',
  key: (r) => r.activityId,
  http: {
    method: 'POST',
    path: 'ccs-activities/:activityId/recommendations/:recommendationId',
    tag: TAG_ACTIVITIES,
    summary: 'Suivre une recommandation : son état et une note',
    example: {
      activityId: ACTIVITY_ID,
      recommendationId: '6d2e8b4f-3c5a-4d7e-9f0a-1b2c3d4e5f60',
      version: 1,
      state: 'in-progress',
      note: 'Date du prochain match fixée',
    },
  },
});

const activityList = defineMessage({
  service: 'security',
  name: 'activity.list',
  version: 1,
  kind: 'query',
  request: ActivityListQueryDto,
  response: ActivityPageDto,
  errors: [],
  permission: 'activity:read',
  http: {
    method: 'GET',
    path: 'ccs-activities',
    tag: TAG_ACTIVITIES,
    summary: 'Lister les activités des CCS',
    description:
      'Filtres : CCS, type, lieu (toute unité, sur la carte d’avant ou d’après 2024), période. Les plus ' +
      'récentes d’abord, pagination par curseur. Une secrétaire ne voit que son CCS.',
    example: { type: 'sports-event', from: '2026-01-01', limit: 20 },
  },
});

const activityGet = defineMessage({
  service: 'security',
  name: 'activity.get',
  version: 1,
  kind: 'query',
  request: ActivityIdDto,
  response: ActivityDetailDto,
  errors: ['ACTIVITY_NOT_FOUND', 'OUT_OF_SCOPE'],
  permission: 'activity:read',
  http: {
    method: 'GET',
    path: 'ccs-activities/:activityId',
    tag: TAG_ACTIVITIES,
    summary: 'Lire une activité et son historique',
    example: { activityId: ACTIVITY_ID },
  },
});

const activityAttachmentAdd = defineMessage({
  service: 'security',
  name: 'activity.attachment-add',
  version: 1,
  kind: 'command',
  request: ActivityAttachmentUploadDto,
  response: AttachmentDto,
  errors: ['OUT_OF_SCOPE', 'ACTIVITY_NOT_FOUND', ...ATTACHMENT_UPLOAD_ERRORS],
  permission: 'activity:write',
  key: (r) => r.activityId,
  http: {
    method: 'POST',
    path: 'ccs-activities/:activityId/attachments',
    status: 201,
    tag: TAG_ACTIVITIES,
    summary: 'Joindre une photo ou une liste de présence à une activité (JPEG, PNG, WebP, PDF)',
    description:
      'Le fichier est le corps brut de la requête, son nom dans `?fileName=` ; son type est reconnu à son ' +
      'contenu (un fichier qui n’est pas ce que dit son nom est refusé), 5 Mio au plus ; les métadonnées ' +
      'des photos (position GPS, appareil) sont retirées.',
    example: { activityId: ACTIVITY_ID, fileName: 'liste-de-presence.pdf', content: 'JVBERi0=' },
    upload: { maxBytes: ATTACHMENT_MAX_BYTES },
  },
});

const activityAttachmentList = defineMessage({
  service: 'security',
  name: 'activity.attachment-list',
  version: 1,
  kind: 'query',
  request: ActivityIdDto,
  response: AttachmentListDto,
  errors: ['ACTIVITY_NOT_FOUND', 'OUT_OF_SCOPE'],
  permission: 'activity:read',
  http: {
    method: 'GET',
    path: 'ccs-activities/:activityId/attachments',
    tag: TAG_ACTIVITIES,
    summary: 'Lister les pièces jointes d’une activité',
    example: { activityId: ACTIVITY_ID },
  },
});

const activityAttachmentContent = defineMessage({
  service: 'security',
  name: 'activity.attachment-content',
  version: 1,
  kind: 'query',
  request: ActivityAttachmentIdDto,
  response: null,
  errors: ['ACTIVITY_NOT_FOUND', 'OUT_OF_SCOPE', 'ATTACHMENT_NOT_FOUND'],
  permission: 'activity:read',
  http: {
    method: 'GET',
    path: 'ccs-activities/:activityId/attachments/:attachmentId',
    tag: TAG_ACTIVITIES,
    summary: 'Télécharger une pièce jointe d’une activité',
    render: 'file',
    example: { activityId: ACTIVITY_ID, attachmentId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' },
  },
});

/** Activities, by handler name. */
export const ActivityMessages = {
  activityRecord,
  activityUpdate,
  activityRecommendation,
  activityList,
  activityGet,
  activityAttachmentAdd,
  activityAttachmentList,
  activityAttachmentContent,
} as const;
