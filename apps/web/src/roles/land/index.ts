// The land area: CoFo secretary and tribunal clerk. Its screens, messages and rules live in this folder.
import './land.css';
import { localized } from '../../i18n/messages';
import type { RoleArea } from '../types';
import {
  CaseScreen,
  DecisionScreen,
  HomologationScreen,
  LAND_EDITORS,
  PvScreen,
  ReferralScreen,
  StepScreen,
} from './CaseScreen';
import { ClerkQueue } from './ClerkQueue';
import { FILE_CASE_KIND, FileCase, FixFileCase } from './FileCase';
import { m } from './messages';
import { MyCases } from './MyCases';

const SECRETARY = ['cofo-secretary'] as const;
const CLERK = ['tribunal-clerk'] as const;
const BOTH = [...SECRETARY, ...CLERK] as const;

export const landArea: RoleArea = {
  id: 'land',
  title: localized(m, 'area'),
  tasks: [
    { path: '/land/cases', label: localized(m, 'myCases'), roles: SECRETARY },
    { path: '/land/cases/new', label: localized(m, 'fileCase'), roles: SECRETARY },
    { path: '/land/homologations', label: localized(m, 'clerkQueue'), roles: CLERK },
  ],
  routes: [
    { path: '/land/cases', component: MyCases, roles: SECRETARY },
    // Before `/land/cases/:caseId`: the first route that matches wins.
    { path: '/land/cases/new', component: FileCase, roles: SECRETARY },
    { path: '/land/cases/:caseId', component: CaseScreen, roles: BOTH },
    { path: '/land/cases/:caseId/step', component: StepScreen, roles: SECRETARY },
    { path: '/land/cases/:caseId/pv', component: PvScreen, roles: SECRETARY },
    { path: '/land/cases/:caseId/homologation', component: HomologationScreen, roles: SECRETARY },
    { path: '/land/cases/:caseId/decision', component: DecisionScreen, roles: CLERK },
    { path: '/land/cases/:caseId/referral', component: ReferralScreen, roles: BOTH },
    { path: '/land/homologations', component: ClerkQueue, roles: CLERK },
  ],
  editors: { [FILE_CASE_KIND]: FixFileCase, ...LAND_EDITORS },
};
