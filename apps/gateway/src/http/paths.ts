/** Every business route lives under this prefix (no leading slash: Nest's controller paths). */
export const API_V1 = 'api/v1';
/** The only routes without a permission. */
export const PUBLIC_PATHS = ['/api/health', '/api/ready', '/metrics'] as const;
export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = 'api/docs-json';
