/** Every business route lives under this prefix (no leading slash: Nest's controller paths). */
export const API_V1 = 'api/v1';
/**
 * The only routes without a token: operations, and the check of a printed PV (which answers a number, a
 * state and a hash, never personal data: the tribunal scans the QR code on the paper).
 */
export const PUBLIC_PATHS = ['/api/health', '/api/ready', '/metrics', '/api/public/pvs/check/:code'] as const;
export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = 'api/docs-json';
