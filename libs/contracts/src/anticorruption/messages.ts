/**
 * Every request the anti-corruption (SNLCC) service answers, declared once (see `land/messages.ts`):
 * the gateway builds its routes from these, the service binds one handler to each. The declarations live
 * by feature in `plan-messages.ts`, `update-messages.ts` and `session-messages.ts`.
 */
import type { AnyMessageDef } from '../catalogue';
import { PlanMessages as P } from './plan-messages';
import { SessionMessages as SM } from './session-messages';
import { UpdateMessages as U } from './update-messages';

export const AnticorruptionMessages = {
  structureList: P.structureList,
  structureCreate: P.structureCreate,
  actionList: P.actionList,
  actionGet: P.actionGet,
  planImport: P.planImport,
  planTemplate: P.planTemplate,
  planExport: P.planExport,
  updatePropose: U.updatePropose,
  updateConsolidate: U.updateConsolidate,
  updateValidate: U.updateValidate,
  updateReturn: U.updateReturn,
  updateResubmit: U.updateResubmit,
  updateList: U.updateList,
  evidenceAdd: U.evidenceAdd,
  evidenceList: U.evidenceList,
  evidenceContent: U.evidenceContent,
  missingUpdates: U.missingUpdates,
  reminderRun: U.reminderRun,
  sessionOpen: SM.sessionOpen,
  sessionMinutes: SM.sessionMinutes,
  sessionClose: SM.sessionClose,
  sessionList: SM.sessionList,
  sessionReport: SM.sessionReport,
  sessionReportXlsx: SM.sessionReportXlsx,
  workPlanCreate: SM.workPlanCreate,
  workPlanAdopt: SM.workPlanAdopt,
  workPlanGet: SM.workPlanGet,
  reportExecution: P.reportExecution,
  reportExecutionXlsx: P.reportExecutionXlsx,
} satisfies Record<string, AnyMessageDef>;
