// Reads shared by the anti-corruption screens: every page of a list (the API pages with `nextCursor`).
import { api, type Schemas } from '../../api/client';
import { isApiErrorBody } from '../../api/errors';

export type ActionSummary = Schemas['ActionSummaryDto'];
export type Action = Schemas['ActionDto'];
export type Update = Schemas['UpdateDto'];
export type Session = Schemas['SessionDto'];
export type Report = Schemas['ExecutionReportDto'];
export type Attachment = Schemas['AttachmentDto'];

/** A failed read as one line: the server's French message, or the HTTP status. */
export class LoadError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

function fail(e: unknown, status: number): never {
  throw new LoadError(
    isApiErrorBody(e) ? e.message : `HTTP ${status}`,
    status,
    isApiErrorBody(e) ? e.code : undefined,
  );
}

/** Every action the person may see (a focal point: her structure's, the gateway scopes it). */
export async function loadActions(structure?: string): Promise<ActionSummary[]> {
  const all: ActionSummary[] = [];
  for (let cursor: string | undefined; ;) {
    const { data, error, response } = await api.GET('/api/v1/actions', {
      params: { query: { structure, cursor, limit: 200 } },
    });
    if (!data) fail(error, response.status);
    all.push(...data.items);
    if (!data.nextCursor) return all;
    cursor = data.nextCursor;
  }
}

/** Every update in one of these states (the validation circuit's step). */
export async function loadUpdates(states: readonly Update['state'][]): Promise<Update[]> {
  const all: Update[] = [];
  for (const state of states) {
    for (let cursor: string | undefined; ;) {
      const { data, error, response } = await api.GET('/api/v1/updates', {
        params: { query: { state, cursor, limit: 200 } },
      });
      if (!data) fail(error, response.status);
      all.push(...data.items);
      if (!data.nextCursor) break;
      cursor = data.nextCursor;
    }
  }
  return all;
}

export async function loadAction(code: string): Promise<Action> {
  const { data, error, response } = await api.GET('/api/v1/actions/{code}', { params: { path: { code } } });
  if (!data) fail(error, response.status);
  return data;
}

export async function loadEvidence(updateId: string): Promise<Attachment[]> {
  const { data, error, response } = await api.GET('/api/v1/updates/{updateId}/evidence', {
    params: { path: { updateId } },
  });
  if (!data) fail(error, response.status);
  return data.items;
}

export async function loadSessions(): Promise<Session[]> {
  const { data, error, response } = await api.GET('/api/v1/sessions', { params: { query: {} } });
  if (!data) fail(error, response.status);
  return data.items;
}

export async function loadReport(sessionId: string): Promise<Report> {
  const { data, error, response } = await api.GET('/api/v1/sessions/{sessionId}/report', {
    params: { path: { sessionId } },
  });
  if (!data) fail(error, response.status);
  return data;
}
