/**
 * Every request the anti-corruption (SNLCC) service answers, declared once (see `land/messages.ts`):
 * the gateway builds its routes from these, the service binds one handler to each.
 */
import { AttachmentDto, AttachmentListDto } from '../attachments';
import type { AnyMessageDef } from '../catalogue';
import { defineMessage } from '../catalogue';
import {
  ActionCodeDto,
  ActionListQueryDto,
  CreateStructureDto,
  PlanExportQueryDto,
  PLAN_FILE_MAX_BYTES,
  PlanImportDto,
  SpreadsheetFormatDto,
  StructureListQueryDto,
} from './plan-dtos';
import {
  ActionDto,
  ActionPageDto,
  ExecutionReportDto,
  MissingUpdatesDto,
  PlanImportResultDto,
  ReminderRunDto,
  SessionDto,
  SessionListDto,
  StructureDto,
  StructureListDto,
  UpdateDto,
  UpdateListDto,
  WorkPlanDto,
} from './replies';
import {
  AdoptWorkPlanDto,
  CloseSessionDto,
  CreateWorkPlanDto,
  ExecutionReportQueryDto,
  OpenSessionDto,
  PeriodDto,
  RecordMinutesDto,
  SessionListQueryDto,
  SessionReportQueryDto,
  WorkPlanYearDto,
} from './session-dtos';
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

const S = 'anticorruption' as const;
const UPDATE_ID = '5c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e';
const SESSION_ID = '6d2e3f4a-5b6c-4d7e-9f80-1a2b3c4d5e6f';
const UPDATE_COMMAND_ERRORS = [
  'UPDATE_NOT_FOUND',
  'OUT_OF_SCOPE',
  'VERSION_CONFLICT',
  'UPDATE_TRANSITION_FORBIDDEN',
  'UPDATE_VALIDATED',
] as const;
const byUpdate = (r: { updateId: string }) => r.updateId;
const bySession = (r: { sessionId: string }) => r.sessionId;
const T_PLAN = 'SNLCC - Plan d’action';
const T_UPDATES = 'SNLCC - Mises à jour';
const T_SESSIONS = 'SNLCC - Comité de pilotage';
const T_REPORTS = 'SNLCC - Rapports d’exécution';

const structureList = defineMessage({
  service: S,
  name: 'structure.list',
  version: 1,
  kind: 'query',
  request: StructureListQueryDto,
  response: StructureListDto,
  errors: [],
  permission: 'action:read',
  http: {
    method: 'GET',
    path: 'structures',
    tag: T_PLAN,
    summary: 'Lister les structures (ministères et agences)',
    example: { kind: 'agency' },
  },
});

const structureCreate = defineMessage({
  service: S,
  name: 'structure.create',
  version: 1,
  kind: 'command',
  request: CreateStructureDto,
  response: StructureDto,
  errors: ['STRUCTURE_CODE_TAKEN'],
  permission: 'plan:write',
  key: (r) => r.code,
  http: {
    method: 'POST',
    path: 'structures',
    status: 201,
    tag: T_PLAN,
    summary: 'Ajouter une structure au registre',
    description: 'Le code est le `structure_id` porté par le jeton des points focaux de la structure.',
    example: {
      code: 'CENTIF',
      name: 'Cellule nationale de traitement des informations financières',
      kind: 'agency',
    },
  },
});

const actionList = defineMessage({
  service: S,
  name: 'action.list',
  version: 1,
  kind: 'query',
  request: ActionListQueryDto,
  response: ActionPageDto,
  errors: [],
  permission: 'action:read',
  http: {
    method: 'GET',
    path: 'actions',
    tag: T_PLAN,
    summary: 'Lister les actions du plan',
    description:
      'Par code, pagination par curseur. Un point focal ne voit que les actions de sa structure. Le statut ' +
      'et l’avancement sont les derniers validés ; « en retard » est calculé à la lecture.',
    example: { axis: 'A2', limit: 50 },
  },
});

const actionGet = defineMessage({
  service: S,
  name: 'action.get',
  version: 1,
  kind: 'query',
  request: ActionCodeDto,
  response: ActionDto,
  errors: ['ACTION_NOT_FOUND', 'OUT_OF_SCOPE'],
  permission: 'action:read',
  http: {
    method: 'GET',
    path: 'actions/:code',
    tag: T_PLAN,
    summary: 'Lire une action, ses indicateurs, ses mises à jour et tout leur historique',
    example: { code: 'ACT-2.1.1.01' },
  },
});

/** What a file sent to the service may turn out to be, once its content is read. */
const FILE_ERRORS = [
  'ATTACHMENT_EMPTY',
  'ATTACHMENT_TOO_LARGE',
  'ATTACHMENT_TYPE_MISMATCH',
  'ATTACHMENT_TYPE_NOT_ALLOWED',
  'ATTACHMENT_UNREADABLE',
] as const;

const planImport = defineMessage({
  service: S,
  name: 'plan.import',
  version: 1,
  kind: 'command',
  request: PlanImportDto,
  response: PlanImportResultDto,
  errors: ['PLAN_IMPORT_INVALID', 'PLAN_IMPORT_UNREADABLE', ...FILE_ERRORS],
  permission: 'plan:write',
  key: () => 'plan',
  http: {
    method: 'POST',
    path: 'plan/import',
    status: 201,
    tag: T_PLAN,
    summary: 'Importer un plan depuis le modèle de tableur (XLSX ou CSV)',
    description:
      'Le fichier est le corps brut de la requête (`curl --data-binary @plan.xlsx`), son nom dans ' +
      '`?fileName=`. Tout ou rien : chaque cellule fautive est signalée dans `details` (ligne, colonne, ' +
      'message dans la langue de l’appelant) et rien n’est écrit. Colonnes : le modèle GET /plan/template.',
    example: { fileName: 'plan.csv', content: 'YXhlO2NvZGVfYWN0aW9uCg==' },
    upload: { maxBytes: PLAN_FILE_MAX_BYTES },
  },
});

const planTemplate = defineMessage({
  service: S,
  name: 'plan.template',
  version: 1,
  kind: 'query',
  request: SpreadsheetFormatDto,
  response: null,
  errors: [],
  permission: 'action:read',
  http: {
    method: 'GET',
    path: 'plan/template',
    tag: T_PLAN,
    summary: 'Télécharger le modèle de tableur du plan (XLSX ou CSV)',
    render: 'file',
    example: { format: 'csv' },
  },
});

const planExport = defineMessage({
  service: S,
  name: 'plan.export',
  version: 1,
  kind: 'query',
  request: PlanExportQueryDto,
  response: null,
  errors: [],
  permission: 'report:read',
  http: {
    method: 'GET',
    path: 'plan/export',
    tag: T_PLAN,
    summary: 'Exporter le plan dans le modèle de tableur (réimportable)',
    render: 'file',
    example: { format: 'xlsx' },
  },
});

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

const sessionOpen = defineMessage({
  service: S,
  name: 'session.open',
  version: 1,
  kind: 'command',
  request: OpenSessionDto,
  response: SessionDto,
  errors: ['SESSION_PERIODS_REVERSED'],
  permission: 'plan:write',
  key: (r) => r.periodTo,
  http: {
    method: 'POST',
    path: 'sessions',
    status: 201,
    tag: T_SESSIONS,
    summary: 'Ouvrir une session du comité de pilotage pour une période',
    example: {
      title: 'Session ordinaire, 1er trimestre 2024',
      heldOn: '2024-04-15',
      periodFrom: '2024-Q1',
      periodTo: '2024-Q1',
    },
  },
});

const sessionMinutes = defineMessage({
  service: S,
  name: 'session.minutes',
  version: 1,
  kind: 'command',
  request: RecordMinutesDto,
  response: SessionDto,
  errors: ['SESSION_NOT_FOUND', 'VERSION_CONFLICT', 'SESSION_CLOSED'],
  permission: 'plan:write',
  key: bySession,
  http: {
    method: 'PUT',
    path: 'sessions/:sessionId/minutes',
    tag: T_SESSIONS,
    summary: 'Enregistrer le procès-verbal et les décisions de la session',
    example: {
      sessionId: SESSION_ID,
      version: 1,
      minutes: 'Le comité a examiné les mises à jour consolidées.',
      decisions: ['Adopter le plan de travail annuel 2024'],
    },
  },
});

const sessionClose = defineMessage({
  service: S,
  name: 'session.close',
  version: 1,
  kind: 'command',
  request: CloseSessionDto,
  response: SessionDto,
  errors: ['SESSION_NOT_FOUND', 'VERSION_CONFLICT', 'SESSION_CLOSED'],
  permission: 'session:close',
  key: bySession,
  http: {
    method: 'POST',
    path: 'sessions/:sessionId/closure',
    tag: T_SESSIONS,
    summary: 'Clore la session : fige les statuts validés de sa période',
    example: { sessionId: SESSION_ID, version: 2 },
  },
});

const sessionList = defineMessage({
  service: S,
  name: 'session.list',
  version: 1,
  kind: 'query',
  request: SessionListQueryDto,
  response: SessionListDto,
  errors: [],
  permission: 'action:read',
  http: {
    method: 'GET',
    path: 'sessions',
    tag: T_SESSIONS,
    summary: 'Lister les sessions du comité de pilotage',
    example: {},
  },
});

const sessionReport = defineMessage({
  service: S,
  name: 'session.report',
  version: 1,
  kind: 'query',
  request: SessionReportQueryDto,
  response: ExecutionReportDto,
  errors: ['SESSION_NOT_FOUND', 'SESSION_NOT_CLOSED'],
  permission: 'report:read',
  http: {
    method: 'GET',
    path: 'sessions/:sessionId/report',
    tag: T_SESSIONS,
    summary: 'Le rapport d’exécution figé à la clôture de la session',
    example: { sessionId: SESSION_ID },
  },
});

const workPlanCreate = defineMessage({
  service: S,
  name: 'workplan.create',
  version: 1,
  kind: 'command',
  request: CreateWorkPlanDto,
  response: WorkPlanDto,
  errors: ['WORK_PLAN_YEAR_TAKEN', 'ACTION_NOT_FOUND', 'WORK_PLAN_ACTION_OUTSIDE_YEAR', 'INDICATOR_UNKNOWN'],
  permission: 'plan:write',
  key: (r) => String(r.year),
  http: {
    method: 'POST',
    path: 'work-plans',
    status: 201,
    tag: T_SESSIONS,
    summary: 'Préparer le plan de travail annuel (actions et cibles de l’année)',
    example: { year: 2024, items: [{ code: 'ACT-2.1.1.01' }] },
  },
});

const workPlanAdopt = defineMessage({
  service: S,
  name: 'workplan.adopt',
  version: 1,
  kind: 'command',
  request: AdoptWorkPlanDto,
  response: WorkPlanDto,
  errors: [
    'WORK_PLAN_NOT_FOUND',
    'VERSION_CONFLICT',
    'WORK_PLAN_ADOPTED',
    'SESSION_NOT_FOUND',
    'SESSION_CLOSED',
  ],
  permission: 'plan:write',
  key: (r) => String(r.year),
  http: {
    method: 'POST',
    path: 'work-plans/:year/adoption',
    tag: T_SESSIONS,
    summary: 'Enregistrer l’adoption du plan de travail annuel en session du comité de pilotage',
    example: { year: 2024, version: 1, sessionId: SESSION_ID },
  },
});

const workPlanGet = defineMessage({
  service: S,
  name: 'workplan.get',
  version: 1,
  kind: 'query',
  request: WorkPlanYearDto,
  response: WorkPlanDto,
  errors: ['WORK_PLAN_NOT_FOUND'],
  permission: 'action:read',
  http: {
    method: 'GET',
    path: 'work-plans/:year',
    tag: T_SESSIONS,
    summary: 'Lire le plan de travail annuel d’une année',
    example: { year: 2024 },
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

const reportExecution = defineMessage({
  service: S,
  name: 'report.execution',
  version: 1,
  kind: 'query',
  request: ExecutionReportQueryDto,
  response: ExecutionReportDto,
  errors: [],
  permission: 'report:read',
  http: {
    method: 'GET',
    path: 'plan/execution',
    tag: T_REPORTS,
    summary: 'Taux d’exécution par axe, objectif et structure ; actions en retard ; budget prévu et dépensé',
    description:
      'Valeurs validées seulement. Taux = moyenne des avancements validés (voir le README du service).',
    example: { period: '2024-Q4' },
  },
});

const reportExecutionXlsx = defineMessage({
  service: S,
  name: 'report.execution-xlsx',
  version: 1,
  kind: 'query',
  request: ExecutionReportQueryDto,
  response: null,
  errors: [],
  permission: 'report:read',
  http: {
    method: 'GET',
    path: 'plan/execution.xlsx',
    tag: T_REPORTS,
    summary: 'Le rapport d’exécution en XLSX (une feuille par axe, montants en FCFA)',
    render: 'file',
    example: { period: '2024-Q4' },
  },
});

const sessionReportXlsx = defineMessage({
  service: S,
  name: 'session.report-xlsx',
  version: 1,
  kind: 'query',
  request: SessionReportQueryDto,
  response: null,
  errors: ['SESSION_NOT_FOUND', 'SESSION_NOT_CLOSED'],
  permission: 'report:read',
  http: {
    method: 'GET',
    path: 'sessions/:sessionId/report.xlsx',
    tag: T_SESSIONS,
    summary: 'Le rapport figé de la session en XLSX',
    render: 'file',
    example: { sessionId: SESSION_ID },
  },
});

export const AnticorruptionMessages = {
  structureList,
  structureCreate,
  actionList,
  actionGet,
  planImport,
  planTemplate,
  planExport,
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
  sessionOpen,
  sessionMinutes,
  sessionClose,
  sessionList,
  sessionReport,
  sessionReportXlsx,
  workPlanCreate,
  workPlanAdopt,
  workPlanGet,
  reportExecution,
  reportExecutionXlsx,
} satisfies Record<string, AnyMessageDef>;
