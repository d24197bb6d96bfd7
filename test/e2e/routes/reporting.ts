import { NO_SUCH_ID, type RouteRows } from './route-row';

/** How the authorisation matrix calls each route of the reporting service. */
export const REPORTING_ROUTE_ROWS: RouteRows = {
  'POST /api/v1/activities': { body: {} },
  'GET /api/v1/activities': { query: 'period=2023Q4' },
  'PUT /api/v1/activities/{activityId}': { params: { activityId: NO_SUCH_ID }, body: {} },
  'GET /api/v1/indicators': {},
  'POST /api/v1/indicators': { body: {} },
  'PUT /api/v1/indicators/{code}/targets/{year}': {
    params: { code: 'r1-awareness-people', year: '2023' },
    body: {},
  },
  'POST /api/v1/indicators/{code}/retirement': { params: { code: 'NOT-A-CODE' }, body: {} },
  'GET /api/v1/indicators/{code}/values': { params: { code: 'r1-awareness-people' }, query: 'period=2023Q4' },
  'GET /api/v1/dashboard': { query: 'period=2023Q4' },
  'GET /api/v1/parked-events': {},
  'POST /api/v1/parked-events/{id}/retry': { params: { id: 'abc' }, body: {} },
  'POST /api/v1/reports': { body: {} },
  'GET /api/v1/reports': {},
  'GET /api/v1/reports/{reportId}': { params: { reportId: NO_SUCH_ID } },
  'PATCH /api/v1/reports/{reportId}': { params: { reportId: NO_SUCH_ID }, body: {} },
  'POST /api/v1/reports/{reportId}/publication': { params: { reportId: NO_SUCH_ID }, body: {} },
  'POST /api/v1/reports/{reportId}/photos': { params: { reportId: NO_SUCH_ID }, body: {} },
  'GET /api/v1/reports/{reportId}/pdf': { params: { reportId: NO_SUCH_ID } },
  'GET /api/v1/reports/{reportId}/xlsx': { params: { reportId: NO_SUCH_ID } },
  'GET /api/v1/reports/{reportId}/csv': { params: { reportId: NO_SUCH_ID } },
  'GET /api/v1/reports/{reportId}/dhis2': { params: { reportId: NO_SUCH_ID } },
};
