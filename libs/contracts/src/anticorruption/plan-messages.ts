/**
 * The plan, its structures, its spreadsheet and its execution reports: one declaration per message
 * (see `messages.ts`).
 */
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
  PlanImportResultDto,
  StructureDto,
  StructureListDto,
} from './replies';
import { ExecutionReportQueryDto } from './session-dtos';
import { S, T_PLAN, T_REPORTS, FILE_ERRORS } from './message-common';
import type { AnyMessageDef } from '../catalogue';

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

export const PlanMessages = {
  structureList,
  structureCreate,
  actionList,
  actionGet,
  planImport,
  planTemplate,
  planExport,
  reportExecution,
  reportExecutionXlsx,
} satisfies Record<string, AnyMessageDef>;
