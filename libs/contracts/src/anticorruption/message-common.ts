/** What the SNLCC message declarations share: the service, example ids, error lists, keys, tags. */
export const S = 'anticorruption' as const;
export const UPDATE_ID = '5c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e';
export const SESSION_ID = '6d2e3f4a-5b6c-4d7e-9f80-1a2b3c4d5e6f';
export const UPDATE_COMMAND_ERRORS = [
  'UPDATE_NOT_FOUND',
  'OUT_OF_SCOPE',
  'VERSION_CONFLICT',
  'UPDATE_TRANSITION_FORBIDDEN',
  'UPDATE_VALIDATED',
] as const;
export const byUpdate = (r: { updateId: string }) => r.updateId;
export const bySession = (r: { sessionId: string }) => r.sessionId;
export const T_PLAN = 'SNLCC - Plan d’action';
export const T_UPDATES = 'SNLCC - Mises à jour';
export const T_SESSIONS = 'SNLCC - Comité de pilotage';
export const T_REPORTS = 'SNLCC - Rapports d’exécution';

/** What a file sent to the service may turn out to be, once its content is read. */
export const FILE_ERRORS = [
  'ATTACHMENT_EMPTY',
  'ATTACHMENT_TOO_LARGE',
  'ATTACHMENT_TYPE_MISMATCH',
  'ATTACHMENT_TYPE_NOT_ALLOWED',
  'ATTACHMENT_UNREADABLE',
] as const;
