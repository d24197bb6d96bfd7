import { type RouteRows } from './route-row';

/** How the authorisation matrix calls each route of the reporting service. */
export const REPORTING_ROUTE_ROWS: RouteRows = {};
