/**
 * Focal points’ updates, their circuit and evidence, deadlines and reminders: one declaration per
 * message (see `messages.ts`).
 */
import { AttachmentDto, AttachmentListDto } from '../attachments';
import { defineMessage } from '../catalogue';
import { MissingUpdatesDto, ReminderRunDto, UpdateDto, UpdateListDto } from './replies';
import { PeriodDto } from './session-dtos';
import {
  ConsolidateUpdateDto,
  EvidenceFileDto,
  EvidenceUploadDto,
  UpdateIdDto,
  ProposeUpdateDto,
  ResubmitUpdateDto,
  ReturnUpdateDto,
  UpdateListQueryDto,
  ValidateUpdateDto,
} from './update-dtos';
import {
  S,
  UPDATE_ID,
  SESSION_ID,
  UPDATE_COMMAND_ERRORS,
  byUpdate,
  T_UPDATES,
  FILE_ERRORS,
} from './message-common';
import type { AnyMessageDef } from '../catalogue';

const updatePropose = defineMessage({
  service: S,
  name: 'update.propose',
  version: 1,
  kind: 'command',
  request: ProposeUpdateDto,
  response: UpdateDto,
  errors: [
    'ACTION_NOT_FOUND',
    'OUT_OF_SCOPE',
    'UPDATE_EXISTS_FOR_PERIOD',
    'INDICATOR_UNKNOWN',
    'PERIOD_BEFORE_ACTION',
  ],
  permission: 'update:propose',
  key: (r) => r.code,
  http: {
    method: 'POST',
    path: 'actions/:code/updates',
    status: 201,
    tag: T_UPDATES,
    summary: 'Proposer la mise à jour d’une action de ma structure pour un trimestre',
    description:
      'Point focal, pour les actions de sa structure seulement. Envoyer une `Idempotency-Key` : une ' +
      'nouvelle tentative rend la première réponse.',
    example: {
      code: 'ACT-2.1.1.01',
      period: '2024-Q1',
      status: 'en cours',
      progress: 40,
      budgetSpent: 15_000_000,
      comment: 'Atelier de validation tenu ; rapport en cours de rédaction.',
    },
  },
});
const updateConsolidate = defineMessage({
  service: S,
  name: 'update.consolidate',
  version: 1,
  kind: 'command',
  request: ConsolidateUpdateDto,
  response: UpdateDto,
  errors: UPDATE_COMMAND_ERRORS,
  permission: 'update:consolidate',
  key: byUpdate,
  http: {
    method: 'POST',
    path: 'updates/:updateId/consolidation',
    tag: T_UPDATES,
    summary: 'Consolider une mise à jour (Secrétariat permanent)',
    example: { updateId: UPDATE_ID, version: 1, comment: 'Vérifié avec les pièces transmises.' },
  },
});
const updateValidate = defineMessage({
  service: S,
  name: 'update.validate',
  version: 1,
  kind: 'command',
  request: ValidateUpdateDto,
  response: UpdateDto,
  errors: UPDATE_COMMAND_ERRORS,
  permission: 'update:validate',
  key: byUpdate,
  http: {
    method: 'POST',
    path: 'updates/:updateId/validation',
    tag: T_UPDATES,
    summary: 'Valider une mise à jour consolidée (comité de pilotage)',
    description: 'Seules les valeurs validées comptent dans les rapports.',
    example: { updateId: UPDATE_ID, version: 2 },
  },
});
const updateReturn = defineMessage({
  service: S,
  name: 'update.return',
  version: 1,
  kind: 'command',
  request: ReturnUpdateDto,
  response: UpdateDto,
  errors: UPDATE_COMMAND_ERRORS,
  permission: 'update:validate',
  key: byUpdate,
  http: {
    method: 'POST',
    path: 'updates/:updateId/return',
    tag: T_UPDATES,
    summary: 'Renvoyer une mise à jour au point focal, avec un commentaire (comité de pilotage)',
    example: { updateId: UPDATE_ID, version: 2, comment: 'Précisez le taux d’avancement.' },
  },
});
const updateResubmit = defineMessage({
  service: S,
  name: 'update.resubmit',
  version: 1,
  kind: 'command',
  request: ResubmitUpdateDto,
  response: UpdateDto,
  errors: [...UPDATE_COMMAND_ERRORS, 'INDICATOR_UNKNOWN'],
  permission: 'update:propose',
  key: byUpdate,
  http: {
    method: 'POST',
    path: 'updates/:updateId/resubmission',
    tag: T_UPDATES,
    summary: 'Répondre à un renvoi et soumettre de nouveau (point focal)',
    example: {
      updateId: UPDATE_ID,
      version: 3,
      status: 'en cours',
      progress: 35,
      budgetSpent: 15_000_000,
      comment: 'Avancement corrigé : 35 %, pièces jointes au dossier.',
    },
  },
});
const updateList = defineMessage({
  service: S,
  name: 'update.list',
  version: 1,
  kind: 'query',
  request: UpdateListQueryDto,
  response: UpdateListDto,
  errors: [],
  permission: 'action:read',
  http: {
    method: 'GET',
    path: 'updates',
    tag: T_UPDATES,
    summary: 'Lister les mises à jour (par étape, période, structure)',
    description: 'Un point focal ne voit que celles de sa structure. Les plus récentes d’abord.',
    example: { state: 'proposed', period: '2024-Q1' },
  },
});
const evidenceAdd = defineMessage({
  service: S,
  name: 'update.evidence-add',
  version: 1,
  kind: 'command',
  request: EvidenceUploadDto,
  response: AttachmentDto,
  errors: ['UPDATE_NOT_FOUND', 'OUT_OF_SCOPE', 'UPDATE_VALIDATED', ...FILE_ERRORS],
  permission: 'update:propose',
  key: byUpdate,
  http: {
    method: 'POST',
    path: 'updates/:updateId/evidence',
    status: 201,
    tag: T_UPDATES,
    summary: 'Joindre une pièce justificative à une mise à jour (PDF, photo, tableur, document)',
    description:
      'Point focal, pour une mise à jour de sa structure pas encore validée. Le fichier est le corps brut ' +
      'de la requête, son nom dans `?fileName=` ; son type est reconnu à son contenu (5 Mio au plus).',
    example: { updateId: UPDATE_ID, fileName: 'rapport-atelier.pdf', content: 'JVBERi0=' },
    upload: { maxBytes: 5 * 1024 * 1024 },
  },
});
const evidenceList = defineMessage({
  service: S,
  name: 'update.evidence-list',
  version: 1,
  kind: 'query',
  request: UpdateIdDto,
  response: AttachmentListDto,
  errors: ['UPDATE_NOT_FOUND', 'OUT_OF_SCOPE'],
  permission: 'action:read',
  http: {
    method: 'GET',
    path: 'updates/:updateId/evidence',
    tag: T_UPDATES,
    summary: 'Lister les pièces justificatives d’une mise à jour',
    example: { updateId: UPDATE_ID },
  },
});
const evidenceContent = defineMessage({
  service: S,
  name: 'update.evidence-content',
  version: 1,
  kind: 'query',
  request: EvidenceFileDto,
  response: null,
  errors: ['UPDATE_NOT_FOUND', 'OUT_OF_SCOPE', 'ATTACHMENT_NOT_FOUND'],
  permission: 'action:read',
  http: {
    method: 'GET',
    path: 'updates/:updateId/evidence/:attachmentId',
    tag: T_UPDATES,
    summary: 'Télécharger une pièce justificative',
    render: 'file',
    example: { updateId: UPDATE_ID, attachmentId: SESSION_ID },
  },
});
const missingUpdates = defineMessage({
  service: S,
  name: 'update.missing',
  version: 1,
  kind: 'query',
  request: PeriodDto,
  response: MissingUpdatesDto,
  errors: [],
  permission: 'plan:write',
  http: {
    method: 'GET',
    path: 'reminders/missing',
    tag: T_UPDATES,
    summary: 'Structures sans mise à jour pour la période (Secrétariat permanent)',
    example: { period: '2024-Q1' },
  },
});
const reminderRun = defineMessage({
  service: S,
  name: 'reminder.run',
  version: 1,
  kind: 'command',
  request: PeriodDto,
  response: ReminderRunDto,
  errors: [],
  permission: 'plan:write',
  key: (r) => r.period,
  http: {
    method: 'POST',
    path: 'reminders',
    tag: T_UPDATES,
    summary: 'Émettre les rappels de la période et les signalements de retard',
    description:
      'Un événement par structure sans mise à jour (une seule fois par structure et période) et par action ' +
      'passée en retard (une seule fois par action) : un notificateur les relaie.',
    example: { period: '2024-Q1' },
  },
});

export const UpdateMessages = {
  updatePropose,
  updateConsolidate,
  updateValidate,
  updateReturn,
  updateResubmit,
  updateList,
  evidenceAdd,
  evidenceList,
  evidenceContent,
  missingUpdates,
  reminderRun,
} satisfies Record<string, AnyMessageDef>;
