/**
 * Sessions of the comité de pilotage and annual work plans: one declaration per message (see
 * `messages.ts`).
 */
import { defineMessage } from '../catalogue';
import { ExecutionReportDto, SessionDto, SessionListDto, WorkPlanDto } from './replies';
import {
  AdoptWorkPlanDto,
  CloseSessionDto,
  CreateWorkPlanDto,
  OpenSessionDto,
  RecordMinutesDto,
  SessionListQueryDto,
  SessionReportQueryDto,
  WorkPlanYearDto,
} from './session-dtos';
import { S, SESSION_ID, bySession, T_SESSIONS } from './message-common';
import type { AnyMessageDef } from '../catalogue';

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

export const SessionMessages = {
  sessionOpen,
  sessionMinutes,
  sessionClose,
  sessionList,
  sessionReport,
  sessionReportXlsx,
  workPlanCreate,
  workPlanAdopt,
  workPlanGet,
} satisfies Record<string, AnyMessageDef>;
