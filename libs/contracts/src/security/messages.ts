/**
 * Every request the security-committee (CCS) service answers, declared once (see `land/messages.ts`):
 * the gateway builds its routes from these, the service binds one handler to each. Texts in French.
 */
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_UPLOAD_ERRORS,
  AttachmentDto,
  AttachmentListDto,
} from '../attachments';
import type { AnyMessageDef } from '../catalogue';
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
import { CcsCodeDto, CcsDto, CcsListQueryDto, CcsPageDto, CreateCcsDto, UpdateCcsDto } from './ccs-dtos';
import {
  CloseGrievanceDto,
  GRIEVANCE_EXAMPLE_ID,
  GrievanceDetailDto,
  GrievanceDto,
  GrievanceFollowUpDto,
  GrievanceIdDto,
  GrievanceListQueryDto,
  GrievancePageDto,
  RecordGrievanceDto,
  ReferGrievanceDto,
} from './grievance-dtos';
import {
  InfrastructureDetailDto,
  InfrastructureDto,
  InfrastructureIdDto,
  InfrastructureListQueryDto,
  InfrastructurePageDto,
  RecordInfrastructureDto,
  RecordTrainingDto,
  TrainingDetailDto,
  TrainingDto,
  TrainingIdDto,
  TrainingListQueryDto,
  TrainingPageDto,
  UpdateInfrastructureDto,
} from './works-dtos';

const ACTIVITY_ID = '5c1d7a3e-2b4f-4c6d-8e9f-0a1b2c3d4e5f';
const TAG_CCS = 'CCS';
const TAG_ACTIVITIES = 'CCS : activités';
const TAG_GRIEVANCES = 'CCS : plaintes';
const TAG_WORKS = 'CCS : infrastructures et formations';

/** What a write inside a CCS may answer besides validation: scope, the CCS, its territory. */
const CCS_WRITE_ERRORS = [
  'OUT_OF_SCOPE',
  'CCS_NOT_FOUND',
  'CCS_INACTIVE',
  'PLACE_UNKNOWN',
  'PLACE_OUTSIDE_CCS',
  'DATE_IN_FUTURE',
  'DATE_RANGE_INVERTED',
] as const;

const byCcs = (r: { ccsCode: string }) => r.ccsCode;

const ccsCreate = defineMessage({
  service: 'security',
  name: 'ccs.create',
  version: 1,
  kind: 'command',
  request: CreateCcsDto,
  response: CcsDto,
  errors: [
    'CCS_CODE_TAKEN',
    'PLACE_UNKNOWN',
    'CCS_LEVEL_PLACE_MISMATCH',
    'MEMBER_FORCE_MISMATCH',
    'DATE_RANGE_INVERTED',
  ],
  permission: 'ccs:write',
  key: (r) => r.code,
  http: {
    method: 'POST',
    path: 'ccs',
    status: 201,
    tag: TAG_CCS,
    summary: 'Créer un comité consultatif de sécurité (CCS)',
    description:
      'Réservé à l’admin. Régional (présidé par le gouverneur, lieu : une région), de cercle (le préfet) ou ' +
      'communal (le maire). Les membres sont décrits par leur fonction, jamais par leur nom.',
    location: (c) => `ccs/${encodeURIComponent(c.code)}`,
    example: {
      code: 'CCS-BARAOUELI',
      name: 'CCS du cercle de Barouéli',
      level: 'cercle',
      placeCode: 'ML-SEG-BAR',
      activeFrom: '2017-03-01',
      members: [
        { function: 'préfet', sex: 'M', fds: false },
        { function: 'commandant de brigade', sex: 'M', fds: true, force: 'gendarmerie' },
        { function: 'présidente des femmes', sex: 'F', fds: false },
      ],
    },
  },
});

const ccsUpdate = defineMessage({
  service: 'security',
  name: 'ccs.update',
  version: 1,
  kind: 'command',
  request: UpdateCcsDto,
  response: CcsDto,
  errors: [
    'CCS_NOT_FOUND',
    'VERSION_CONFLICT',
    'PLACE_UNKNOWN',
    'CCS_LEVEL_PLACE_MISMATCH',
    'MEMBER_FORCE_MISMATCH',
    'DATE_RANGE_INVERTED',
  ],
  permission: 'ccs:write',
  key: (r) => r.code,
  http: {
    method: 'PATCH',
    path: 'ccs/:code',
    tag: TAG_CCS,
    summary: 'Modifier un CCS (membres, dates, lieu)',
    description: 'Envoyer la `version` lue et les champs à changer ; le code ne change pas.',
    example: { code: 'CCS-SEGOU', version: 1, name: 'CCS du cercle de Ségou' },
  },
});

const ccsList = defineMessage({
  service: 'security',
  name: 'ccs.list',
  version: 1,
  kind: 'query',
  request: CcsListQueryDto,
  response: CcsPageDto,
  errors: [],
  permission: 'ccs:read',
  http: {
    method: 'GET',
    path: 'ccs',
    tag: TAG_CCS,
    summary: 'Lister les CCS',
    description: 'Par code, pagination par curseur. Une secrétaire de CCS ne voit que le sien.',
    example: { level: 'cercle', limit: 20 },
  },
});

const ccsGet = defineMessage({
  service: 'security',
  name: 'ccs.get',
  version: 1,
  kind: 'query',
  request: CcsCodeDto,
  response: CcsDto,
  errors: ['CCS_NOT_FOUND', 'OUT_OF_SCOPE'],
  permission: 'ccs:read',
  http: {
    method: 'GET',
    path: 'ccs/:code',
    tag: TAG_CCS,
    summary: 'Lire un CCS',
    example: { code: 'CCS-SEGOU' },
  },
});

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

const GRIEVANCE_COMMAND_ERRORS = [
  'OUT_OF_SCOPE',
  'GRIEVANCE_NOT_FOUND',
  'VERSION_CONFLICT',
  'GRIEVANCE_TRANSITION_FORBIDDEN',
  'GRIEVANCE_CLOSED',
  'DATE_IN_FUTURE',
  'GRIEVANCE_DATE_BEFORE_RECEIPT',
] as const;
const byGrievance = (r: { grievanceId: string }) => r.grievanceId;

const grievanceRecord = defineMessage({
  service: 'security',
  name: 'grievance.record',
  version: 1,
  kind: 'command',
  request: RecordGrievanceDto,
  response: GrievanceDto,
  errors: [...CCS_WRITE_ERRORS, 'COMPLAINANT_EMPTY'],
  permission: 'grievance:write',
  key: byCcs,
  http: {
    method: 'POST',
    path: 'grievances',
    status: 201,
    tag: TAG_GRIEVANCES,
    summary: 'Enregistrer une plainte communautaire de sécurité',
    description:
      'Incident, menace, plainte contre une force, conflit. L’identité du plaignant (facultative) est chiffrée ' +
      'et lisible par la seule secrétaire du CCS : la réponse ne la contient pas, elle la relit par GET.',
    location: (g) => `grievances/${g.id}`,
    example: {
      ccsCode: 'CCS-SEGOU',
      receivedOn: '2026-11-20',
      channel: 'in-person',
      category: 'threat',
      placeCode: 'ML-SEG-SEG-SEG',
      summary: 'Menaces répétées contre les commerçants du marché',
      complainant: { name: 'Awa Diarra', phone: '+223 76 00 00 00' },
    },
  },
});

const grievanceRefer = defineMessage({
  service: 'security',
  name: 'grievance.refer',
  version: 1,
  kind: 'command',
  request: ReferGrievanceDto,
  response: GrievanceDto,
  errors: [...GRIEVANCE_COMMAND_ERRORS],
  permission: 'grievance:write',
  key: byGrievance,
  http: {
    method: 'POST',
    path: 'grievances/:grievanceId/referral',
    tag: TAG_GRIEVANCES,
    summary: 'Transmettre la plainte à un service (police, gendarmerie, garde, justice, maire)',
    example: { grievanceId: GRIEVANCE_EXAMPLE_ID, version: 1, service: 'police', referredOn: '2026-11-21' },
  },
});

const grievanceFollowUp = defineMessage({
  service: 'security',
  name: 'grievance.follow-up',
  version: 1,
  kind: 'command',
  request: GrievanceFollowUpDto,
  response: GrievanceDto,
  errors: [...GRIEVANCE_COMMAND_ERRORS],
  permission: 'grievance:write',
  key: byGrievance,
  http: {
    method: 'POST',
    path: 'grievances/:grievanceId/follow-ups',
    tag: TAG_GRIEVANCES,
    summary: 'Ajouter une note de suivi (après transmission)',
    example: {
      grievanceId: GRIEVANCE_EXAMPLE_ID,
      version: 2,
      date: '2026-11-25',
      note: 'Le commissariat a convoqué les auteurs présumés',
    },
  },
});

const grievanceClose = defineMessage({
  service: 'security',
  name: 'grievance.close',
  version: 1,
  kind: 'command',
  request: CloseGrievanceDto,
  response: GrievanceDto,
  errors: [...GRIEVANCE_COMMAND_ERRORS],
  permission: 'grievance:write',
  key: byGrievance,
  http: {
    method: 'POST',
    path: 'grievances/:grievanceId/closure',
    tag: TAG_GRIEVANCES,
    summary: 'Clôturer la plainte avec son issue',
    example: { grievanceId: GRIEVANCE_EXAMPLE_ID, version: 3, closedOn: '2026-11-28', outcome: 'resolved' },
  },
});

const grievanceList = defineMessage({
  service: 'security',
  name: 'grievance.list',
  version: 1,
  kind: 'query',
  request: GrievanceListQueryDto,
  response: GrievancePageDto,
  errors: [],
  permission: 'grievance:read',
  http: {
    method: 'GET',
    path: 'grievances',
    tag: TAG_GRIEVANCES,
    summary: 'Lister les plaintes (avec `overdue=true` : celles ouvertes depuis trop longtemps)',
    description: 'Sans identité des plaignants. Une secrétaire ne voit que son CCS.',
    example: { state: 'referred', limit: 20 },
  },
});

const grievanceGet = defineMessage({
  service: 'security',
  name: 'grievance.get',
  version: 1,
  kind: 'query',
  request: GrievanceIdDto,
  response: GrievanceDetailDto,
  errors: ['GRIEVANCE_NOT_FOUND', 'OUT_OF_SCOPE'],
  permission: 'grievance:read',
  http: {
    method: 'GET',
    path: 'grievances/:grievanceId',
    tag: TAG_GRIEVANCES,
    summary: 'Lire une plainte et son historique (l’identité du plaignant : secrétaire du CCS seule)',
    example: { grievanceId: GRIEVANCE_EXAMPLE_ID },
  },
});

const infrastructureRecord = defineMessage({
  service: 'security',
  name: 'infrastructure.record',
  version: 1,
  kind: 'command',
  request: RecordInfrastructureDto,
  response: InfrastructureDto,
  errors: [...CCS_WRITE_ERRORS],
  permission: 'activity:write',
  key: byCcs,
  http: {
    method: 'POST',
    path: 'infrastructures',
    status: 201,
    tag: TAG_WORKS,
    summary: 'Enregistrer une infrastructure de sécurité construite ou réhabilitée',
    location: (i) => `infrastructures/${i.id}`,
    example: {
      ccsCode: 'CCS-SEGOU',
      name: 'Commissariat de police du 2e arrondissement',
      type: 'police-station',
      works: 'rehabilitated',
      placeCode: 'ML-SEG-SEG-SEG',
      handedOverOn: '2026-11-14',
      receivingMinistry: 'Ministère de la sécurité et de la protection civile',
    },
  },
});

const infrastructureUpdate = defineMessage({
  service: 'security',
  name: 'infrastructure.update',
  version: 1,
  kind: 'command',
  request: UpdateInfrastructureDto,
  response: InfrastructureDto,
  errors: ['OUT_OF_SCOPE', 'INFRASTRUCTURE_NOT_FOUND', 'VERSION_CONFLICT', 'DATE_IN_FUTURE'],
  permission: 'activity:write',
  key: (r) => r.infrastructureId,
  http: {
    method: 'PATCH',
    path: 'infrastructures/:infrastructureId',
    tag: TAG_WORKS,
    summary: 'Enregistrer la remise (date, ministère) ou corriger une infrastructure',
    example: {
      infrastructureId: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
      version: 1,
      handedOverOn: '2026-11-14',
      receivingMinistry: 'Ministère de la sécurité et de la protection civile',
    },
  },
});

const infrastructureList = defineMessage({
  service: 'security',
  name: 'infrastructure.list',
  version: 1,
  kind: 'query',
  request: InfrastructureListQueryDto,
  response: InfrastructurePageDto,
  errors: [],
  permission: 'activity:read',
  http: {
    method: 'GET',
    path: 'infrastructures',
    tag: TAG_WORKS,
    summary: 'Lister les infrastructures de sécurité (remises ou non)',
    example: { handedOver: true },
  },
});

const infrastructureGet = defineMessage({
  service: 'security',
  name: 'infrastructure.get',
  version: 1,
  kind: 'query',
  request: InfrastructureIdDto,
  response: InfrastructureDetailDto,
  errors: ['INFRASTRUCTURE_NOT_FOUND', 'OUT_OF_SCOPE'],
  permission: 'activity:read',
  http: {
    method: 'GET',
    path: 'infrastructures/:infrastructureId',
    tag: TAG_WORKS,
    summary: 'Lire une infrastructure et son historique',
    example: { infrastructureId: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d' },
  },
});

const trainingRecord = defineMessage({
  service: 'security',
  name: 'training.record',
  version: 1,
  kind: 'command',
  request: RecordTrainingDto,
  response: TrainingDto,
  errors: [...CCS_WRITE_ERRORS, 'TRAINEE_BODY_REPEATED'],
  permission: 'activity:write',
  key: byCcs,
  http: {
    method: 'POST',
    path: 'trainings',
    status: 201,
    tag: TAG_WORKS,
    summary: 'Enregistrer une formation (OPJ, droits humains...) avec les participants par sexe et par corps',
    location: (t) => `trainings/${t.id}`,
    example: {
      ccsCode: 'CCS-SEGOU',
      topic: 'opj',
      title: 'Conduite des enquêtes et techniques d’audition',
      startOn: '2026-11-02',
      endOn: '2026-11-13',
      placeCode: 'ML-SEG-SEG-SEG',
      trainees: [
        { body: 'police', women: 1, men: 14 },
        { body: 'gendarmerie', women: 0, men: 10 },
      ],
    },
  },
});

const trainingList = defineMessage({
  service: 'security',
  name: 'training.list',
  version: 1,
  kind: 'query',
  request: TrainingListQueryDto,
  response: TrainingPageDto,
  errors: [],
  permission: 'activity:read',
  http: {
    method: 'GET',
    path: 'trainings',
    tag: TAG_WORKS,
    summary: 'Lister les formations',
    example: { topic: 'opj' },
  },
});

const trainingGet = defineMessage({
  service: 'security',
  name: 'training.get',
  version: 1,
  kind: 'query',
  request: TrainingIdDto,
  response: TrainingDetailDto,
  errors: ['TRAINING_NOT_FOUND', 'OUT_OF_SCOPE'],
  permission: 'activity:read',
  http: {
    method: 'GET',
    path: 'trainings/:trainingId',
    tag: TAG_WORKS,
    summary: 'Lire une formation et son historique',
    example: { trainingId: '3b4c5d6e-7f80-4a9b-8c1d-2e3f4a5b6c7d' },
  },
});

/** The security service's messages, by handler name. */
export const SecurityMessages = {
  ccsCreate,
  ccsUpdate,
  ccsList,
  ccsGet,
  activityRecord,
  activityUpdate,
  activityRecommendation,
  activityList,
  activityGet,
  activityAttachmentAdd,
  activityAttachmentList,
  activityAttachmentContent,
  grievanceRecord,
  grievanceRefer,
  grievanceFollowUp,
  grievanceClose,
  grievanceList,
  grievanceGet,
  infrastructureRecord,
  infrastructureUpdate,
  infrastructureList,
  infrastructureGet,
  trainingRecord,
  trainingList,
  trainingGet,
} as const satisfies Record<string, AnyMessageDef>;
