// The typed API client: `paths` is generated from docs/openapi.json (npm run web:api, at each build), so a
// path, a parameter or a body that no longer matches the contract fails `tsc -p apps/web`.
import createClient, { type Middleware } from 'openapi-fetch';
import { accessToken } from '../auth/session';
import { getLang } from '../i18n/lang';
import type { components, paths } from './schema';

export type { components, paths };
export type Schemas = components['schemas'];

/** Every call: a fresh token (refreshed first when about to expire) and the chosen language. */
export async function apiHeaders(): Promise<Record<string, string>> {
  const token = await accessToken();
  return {
    'Accept-Language': getLang(),
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  };
}

const auth: Middleware = {
  async onRequest({ request }) {
    for (const [k, v] of Object.entries(await apiHeaders())) request.headers.set(k, v);
    return request;
  },
};

/** `api.GET('/api/v1/cases', { params: { query: { state: 'filed' } } })`: reads. Writes go through the outbox. */
export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);
