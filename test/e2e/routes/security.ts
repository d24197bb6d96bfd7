import { NO_SUCH_ID, type RouteRows } from './route-row';

/** How the authorisation matrix calls each route of the security (CCS) service. */
export const SECURITY_ROUTE_ROWS: RouteRows = {
  'GET /api/v1/ccs': {},
  'POST /api/v1/ccs': { body: {} },
  'GET /api/v1/ccs/{code}': { params: { code: 'CCS-SEGOU' } },
  'PATCH /api/v1/ccs/{code}': { params: { code: 'CCS-SEGOU' }, body: {} },
  'GET /api/v1/ccs-activities': {},
  'POST /api/v1/ccs-activities': { body: {} },
  'GET /api/v1/ccs-activities/{activityId}': { params: { activityId: NO_SUCH_ID } },
  'PATCH /api/v1/ccs-activities/{activityId}': { params: { activityId: NO_SUCH_ID }, body: {} },
  'POST /api/v1/ccs-activities/{activityId}/recommendations/{recommendationId}': {
    params: { activityId: NO_SUCH_ID, recommendationId: NO_SUCH_ID },
    body: {},
  },
  'POST /api/v1/ccs-activities/{activityId}/attachments': { params: { activityId: NO_SUCH_ID }, body: {} },
  'GET /api/v1/ccs-activities/{activityId}/attachments': { params: { activityId: NO_SUCH_ID } },
  'GET /api/v1/ccs-activities/{activityId}/attachments/{attachmentId}': {
    params: { activityId: NO_SUCH_ID, attachmentId: NO_SUCH_ID },
  },
  'GET /api/v1/grievances': {},
  'POST /api/v1/grievances': { body: {} },
  'GET /api/v1/grievances/{grievanceId}': { params: { grievanceId: NO_SUCH_ID } },
  'POST /api/v1/grievances/{grievanceId}/referral': { params: { grievanceId: NO_SUCH_ID }, body: {} },
  'POST /api/v1/grievances/{grievanceId}/follow-ups': { params: { grievanceId: NO_SUCH_ID }, body: {} },
  'POST /api/v1/grievances/{grievanceId}/closure': { params: { grievanceId: NO_SUCH_ID }, body: {} },
  'GET /api/v1/infrastructures': {},
  'POST /api/v1/infrastructures': { body: {} },
  'GET /api/v1/infrastructures/{infrastructureId}': { params: { infrastructureId: NO_SUCH_ID } },
  'PATCH /api/v1/infrastructures/{infrastructureId}': { params: { infrastructureId: NO_SUCH_ID }, body: {} },
  'GET /api/v1/trainings': {},
  'POST /api/v1/trainings': { body: {} },
  'GET /api/v1/trainings/{trainingId}': { params: { trainingId: NO_SUCH_ID } },
};
