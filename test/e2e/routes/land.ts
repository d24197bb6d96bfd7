import { NO_SUCH_ID, type RouteRows } from './route-row';

/** How the authorisation matrix calls each land route (and the platform's own: /me, places). */
export const LAND_ROUTE_ROWS: RouteRows = {
  'GET /api/v1/me': {},
  'GET /api/v1/cofos': {},
  'POST /api/v1/cofos': { body: {} },
  'GET /api/v1/cofos/{code}': { params: { code: 'SEG01' } },
  'PATCH /api/v1/cofos/{code}': { params: { code: 'SEG01' }, body: {} },
  'GET /api/v1/tribunals': {},
  'POST /api/v1/tribunals': { body: {} },
  'GET /api/v1/tribunals/{code}': { params: { code: 'TI-SEGOU' } },
  'PATCH /api/v1/tribunals/{code}': { params: { code: 'TI-SEGOU' }, body: {} },
  'GET /api/v1/cases': {},
  'POST /api/v1/cases': { body: {} },
  'GET /api/v1/cases/{caseId}': { params: { caseId: NO_SUCH_ID } },
  'POST /api/v1/cases/{caseId}/steps': { params: { caseId: NO_SUCH_ID }, body: {} },
  'POST /api/v1/cases/{caseId}/pvs': { params: { caseId: NO_SUCH_ID }, body: {} },
  'POST /api/v1/cases/{caseId}/homologation-request': { params: { caseId: NO_SUCH_ID }, body: {} },
  'POST /api/v1/cases/{caseId}/homologation-decision': { params: { caseId: NO_SUCH_ID }, body: {} },
  'POST /api/v1/cases/{caseId}/referral': { params: { caseId: NO_SUCH_ID }, body: {} },
  'POST /api/v1/cases/{caseId}/closure': { params: { caseId: NO_SUCH_ID }, body: {} },
  'GET /api/v1/homologations': {},
  'GET /api/v1/pvs/{pvId}.pdf': { params: { pvId: NO_SUCH_ID } },
  'GET /api/v1/places': { query: 'q=segou' },
  'GET /api/v1/places/{code}': { params: { code: 'ML-SEG-SAN' } },
  'POST /api/v1/places/import': { body: {} },
};
