// The anti-corruption area: focal points, Secrétariat permanent, comité de pilotage (SNLCC action plan).
import { localized } from '../../i18n/messages';
import type { RoleArea } from '../types';
import './anticorruption.css';
import { ActionScreen } from './ActionScreen';
import { m } from './messages';
import { MyActions } from './MyActions';
import { Queue } from './Queue';
import { SessionReport } from './SessionReport';
import { Sessions } from './Sessions';
import { UpdateForm } from './UpdateForm';

const FOCAL = ['focal-point'] as const;
const SECRETARIAT = ['snlcc-secretariat'] as const;
const COMMITTEE = ['steering-committee'] as const;
/** Who reads sessions and their frozen reports (the API refuses reports to focal points). */
const BOARD = ['snlcc-secretariat', 'steering-committee', 'programme-manager', 'admin'] as const;

export const anticorruptionArea: RoleArea = {
  id: 'anticorruption',
  title: localized(m, 'area'),
  tasks: [
    { path: '/anticorruption/actions', label: localized(m, 'myActions'), roles: FOCAL },
    { path: '/anticorruption/queue', label: localized(m, 'queueSecretariat'), roles: SECRETARIAT },
    { path: '/anticorruption/queue', label: localized(m, 'queueCommittee'), roles: COMMITTEE },
    {
      path: '/anticorruption/sessions',
      label: localized(m, 'sessions'),
      roles: [...SECRETARIAT, ...COMMITTEE],
    },
  ],
  routes: [
    { path: '/anticorruption/actions', component: MyActions, roles: FOCAL },
    { path: '/anticorruption/actions/:code/propose', component: UpdateForm, roles: FOCAL },
    { path: '/anticorruption/actions/:code/updates/:updateId/resubmit', component: UpdateForm, roles: FOCAL },
    { path: '/anticorruption/actions/:code', component: ActionScreen, roles: [...FOCAL, ...BOARD] },
    { path: '/anticorruption/queue', component: Queue, roles: [...SECRETARIAT, ...COMMITTEE] },
    { path: '/anticorruption/sessions', component: Sessions, roles: BOARD },
    { path: '/anticorruption/sessions/:sessionId/report', component: SessionReport, roles: BOARD },
  ],
};
