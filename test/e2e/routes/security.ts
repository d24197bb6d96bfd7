import { type RouteRows } from './route-row';

/** How the authorisation matrix calls each route of the security service. */
export const SECURITY_ROUTE_ROWS: RouteRows = {};
