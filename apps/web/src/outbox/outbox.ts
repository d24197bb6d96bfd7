// The outbox: every write of a role screen goes through `submit`. The item is stored in IndexedDB first,
// with its Idempotency-Key (made once, when the form is submitted), then sent; with no network it waits and
// is sent again when the network returns (the `online` event, and a timer), always with the same key, so
// the server applies it once however many times it arrives. A refusal (4xx, 409) stays on the item with
// the server's message, to fix (resubmit) or discard.
import { apiHeaders } from '../api/client';
import type { ApiErrorBody } from '../api/errors';
import { currentUser } from '../auth/session';
import { classify, newIdempotencyKey, retryDelayMs } from './classify';

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface OutboxItem {
  /** The Idempotency-Key, also the item's id. */
  id: string;
  /** Whose write it is: only she sees and sends it (another person may sign in on the same phone). */
  sub: string;
  method: WriteMethod;
  path: string;
  body: unknown;
  /** What the person sees in the outbox ("Saisine : Désaccord sur ..."). */
  label: string;
  /** What kind of record (`land.case.file`): screens show their own waiting items. */
  kind: string;
  status: 'waiting' | 'refused';
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastReason?: string;
  error?: ApiErrorBody;
}

export interface SubmitRequest {
  method: WriteMethod;
  /** The concrete path (`/api/v1/cases/123/steps`). */
  path: string;
  body: unknown;
  label: string;
  kind: string;
}

export type SubmitResult =
  | { status: 'sent'; httpStatus: number; body: unknown }
  | { status: 'waiting'; item: OutboxItem }
  | { status: 'refused'; item: OutboxItem; error: ApiErrorBody };

const DB = 'prosmed';
const STORE = 'outbox';
const listeners = new Set<() => void>();

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(STORE, { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB'));
  });
}

let dbp: Promise<IDBDatabase> | undefined;

async function tx<T>(
  mode: IDBTransactionMode,
  fn: (s: IDBObjectStore) => IDBRequest<T> | undefined,
): Promise<T> {
  dbp ??= openDb();
  const db = await dbp;
  return new Promise<T>((resolve, reject) => {
    const t = db.transaction(STORE, mode);
    const req = fn(t.objectStore(STORE));
    t.oncomplete = () => resolve(req?.result as T);
    t.onerror = () => reject(t.error ?? new Error('IndexedDB'));
  });
}

const put = (item: OutboxItem) => tx('readwrite', (s) => s.put(item));
const remove = (id: string) => tx('readwrite', (s) => s.delete(id));

function changed(): void {
  listeners.forEach((fn) => fn());
}

/** The signed-in person's items, oldest first. */
export async function listOutbox(): Promise<OutboxItem[]> {
  const sub = currentUser()?.sub;
  const all = await tx<OutboxItem[]>('readonly', (s) => s.getAll() as IDBRequest<OutboxItem[]>);
  return all.filter((i) => i.sub === sub).sort((a, b) => a.createdAt - b.createdAt);
}

export function onOutboxChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** One attempt; the item is removed once the server has it, updated otherwise. */
async function send(item: OutboxItem): Promise<SubmitResult> {
  let status: number | undefined;
  let body: unknown;
  try {
    const res = await fetch(item.path, {
      method: item.method,
      headers: { ...(await apiHeaders()), 'Content-Type': 'application/json', 'Idempotency-Key': item.id },
      body: item.body === undefined ? undefined : JSON.stringify(item.body),
    });
    status = res.status;
    const text = await res.text();
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    if (status !== undefined) body = undefined;
  }
  const outcome = classify(status, body);
  if (outcome.kind === 'sent') {
    await remove(item.id);
    changed();
    return { status: 'sent', httpStatus: outcome.status, body: outcome.body };
  }
  const attempts = item.attempts + 1;
  const next: OutboxItem =
    outcome.kind === 'retry'
      ? {
          ...item,
          status: 'waiting',
          attempts,
          lastReason: outcome.reason,
          nextAttemptAt: Date.now() + retryDelayMs(attempts),
        }
      : { ...item, status: 'refused', attempts, error: outcome.error };
  await put(next);
  changed();
  return outcome.kind === 'retry'
    ? { status: 'waiting', item: next }
    : { status: 'refused', item: next, error: outcome.error };
}

/**
 * A write from a form: kept on the device first (with a new Idempotency-Key), then sent. The answer says
 * whether the server has it (`sent`, with its body), it waits for the network (`waiting`), or the server
 * refused it (`refused`, with its error body: show it beside the fields, see api/errors.ts).
 */
export async function submit(req: SubmitRequest): Promise<SubmitResult> {
  const sub = currentUser()?.sub;
  if (!sub) throw new Error('not signed in');
  const item: OutboxItem = {
    id: newIdempotencyKey(),
    sub,
    ...req,
    status: 'waiting',
    createdAt: Date.now(),
    attempts: 0,
    nextAttemptAt: 0,
  };
  await put(item);
  changed();
  return send(item);
}

/** A refused item, corrected: sent again as a new request (a new key: the body is not the same). */
export async function resubmit(id: string, body: unknown): Promise<SubmitResult> {
  const item = (await listOutbox()).find((i) => i.id === id);
  if (!item) throw new Error('no such item');
  await remove(id);
  return submit({ method: item.method, path: item.path, body, label: item.label, kind: item.kind });
}

export async function discard(id: string): Promise<void> {
  await remove(id);
  changed();
}

let flushing: Promise<void> | undefined;

/**
 * Sends every waiting item whose time has come (`force`: all of them), one at a time, oldest first. One
 * flush at a time in this tab, and one per browser when Web Locks exist (two tabs never send together).
 */
export function flush(force = false): Promise<void> {
  if (flushing) return flushing;
  const run = async () => {
    for (const item of await listOutbox()) {
      if (!navigator.onLine) break;
      if (item.status !== 'waiting' || (!force && item.nextAttemptAt > Date.now())) continue;
      const r = await send(item);
      if (r.status === 'waiting' && r.item.lastReason === 'network') break;
    }
  };
  const locked = () => (navigator.locks ? navigator.locks.request('prosmed-outbox', run) : run());
  flushing = locked().finally(() => {
    flushing = undefined;
  });
  return flushing;
}

/** Started once by the app: sends when the network returns, and retries every 15 s. */
export function startOutbox(): void {
  window.addEventListener('online', () => void flush(true));
  setInterval(() => {
    if (navigator.onLine && currentUser()) void flush();
  }, 15_000);
  if (navigator.onLine) void flush(true);
}
