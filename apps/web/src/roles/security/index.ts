// The security area: the CCS secretary (activities with their photos, grievances). Its screens, messages
// and rules live in this folder.
import './security.css';
import { localized } from '../../i18n/messages';
import type { RoleArea } from '../types';
import { ActivityScreen } from './ActivityScreen';
import { GrievanceScreen } from './GrievanceScreen';
import { m } from './messages';
import { MyActivities } from './MyActivities';
import { MyGrievances } from './MyGrievances';
import { FixReceiveGrievance, RECORD_GRIEVANCE_KIND, ReceiveGrievance } from './ReceiveGrievance';
import { FixRecordActivity, RECORD_ACTIVITY_KIND, RecordActivity } from './RecordActivity';

const SECRETARY = ['ccs-secretary'] as const;

export const securityArea: RoleArea = {
  id: 'security',
  title: localized(m, 'area'),
  tasks: [
    { path: '/security/activities', label: localized(m, 'myActivities'), roles: SECRETARY },
    { path: '/security/activities/new', label: localized(m, 'recordActivity'), roles: SECRETARY },
    { path: '/security/grievances', label: localized(m, 'myGrievances'), roles: SECRETARY },
    { path: '/security/grievances/new', label: localized(m, 'receiveGrievance'), roles: SECRETARY },
  ],
  routes: [
    { path: '/security/activities', component: MyActivities, roles: SECRETARY },
    { path: '/security/activities/new', component: RecordActivity, roles: SECRETARY },
    { path: '/security/activities/:activityId', component: ActivityScreen, roles: SECRETARY },
    { path: '/security/grievances', component: MyGrievances, roles: SECRETARY },
    { path: '/security/grievances/new', component: ReceiveGrievance, roles: SECRETARY },
    { path: '/security/grievances/:grievanceId', component: GrievanceScreen, roles: SECRETARY },
  ],
  // A record refused when the outbox sent it reopens in its form from the outbox screen.
  editors: { [RECORD_ACTIVITY_KIND]: FixRecordActivity, [RECORD_GRIEVANCE_KIND]: FixReceiveGrievance },
};
