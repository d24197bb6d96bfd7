// The land area: CoFo secretary and tribunal clerk. Its screens, messages and rules live in this folder.
import { localized } from '../../i18n/messages';
import type { RoleArea } from '../types';
import { ClerkQueue } from './ClerkQueue';
import { FileCase } from './FileCase';
import { m } from './messages';
import { MyCases } from './MyCases';

const SECRETARY = ['cofo-secretary'] as const;
const CLERK = ['tribunal-clerk'] as const;

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
    { path: '/land/cases/new', component: FileCase, roles: SECRETARY },
    { path: '/land/homologations', component: ClerkQueue, roles: CLERK },
  ],
};
