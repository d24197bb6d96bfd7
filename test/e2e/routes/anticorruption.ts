import { type RouteRows } from './route-row';

/** How the authorisation matrix calls each route of the anticorruption service. */
export const ANTICORRUPTION_ROUTE_ROWS: RouteRows = {};
