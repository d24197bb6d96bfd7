// The role areas of the app, one line each: add yours here (and its folder beside this file).
import { anticorruptionArea } from './anticorruption';
import { landArea } from './land';
import { securityArea } from './security';
import type { RoleArea } from './types';

export const AREAS: readonly RoleArea[] = [
  landArea, // CoFo secretary, tribunal clerk
  securityArea, // CCS secretary
  anticorruptionArea, // focal points, Secrétariat permanent, comité de pilotage
];
