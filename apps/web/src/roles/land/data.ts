// The land screens' reads and their offline copies. A case read is kept in sessionStorage (this tab only,
// gone with it, like the tokens), so a case screen opened again with no network shows what was last read
// and its commands still go to the outbox. The CoFo's territory and places seen are reference data, kept in
// localStorage so the place picker works offline on this phone.
import { useEffect, useState } from 'preact/hooks';
import { api, apiHeaders, type Schemas } from '../../api/client';
import { isApiErrorBody } from '../../api/errors';
import { listOutbox, onOutboxChange } from '../../outbox/outbox';
import type { CaseDetail } from './cases';
import { type Place, territoryOf } from './places';

const CASE_KEY = (id: string) => `prosmed.land.case.${id}`;

function reason(e: unknown, status?: number): string {
  if (isApiErrorBody(e)) return e.message;
  if (e instanceof Error) return e.message;
  return status ? `HTTP ${status}` : String(e);
}

export interface Loaded<T> {
  data?: T;
  error?: string;
  /** When the data is the offline copy: when it was read. */
  copyOf?: number;
  reload: () => void;
}

/** The case, from the API, or its last copy read in this tab when there is no network. */
export function useCase(caseId: string): Loaded<CaseDetail> {
  const [state, set] = useState<Omit<Loaded<CaseDetail>, 'reload'>>({});
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    const copy = () => {
      const raw = sessionStorage.getItem(CASE_KEY(caseId));
      return raw ? (JSON.parse(raw) as { at: number; data: CaseDetail }) : undefined;
    };
    api
      .GET('/api/v1/cases/{caseId}', { params: { path: { caseId } } })
      .then(({ data, error, response }) => {
        if (!live) return;
        if (data) {
          sessionStorage.setItem(CASE_KEY(caseId), JSON.stringify({ at: Date.now(), data }));
          set({ data });
        } else set({ error: reason(error, response.status) });
      })
      .catch((e: unknown) => {
        if (!live) return;
        const c = copy();
        set(c ? { data: c.data, copyOf: c.at } : { error: reason(e) });
      });
    return () => {
      live = false;
    };
  }, [caseId, n]);
  return { ...state, reload: () => setN((x) => x + 1) };
}

/** The commands on this case still waiting in the outbox (refused ones are not applied: not counted). */
export function useWaitingOnCase(caseId: string): number {
  const [n, set] = useState(0);
  useEffect(() => {
    let live = true;
    const load = () =>
      void waitingOnCase(caseId).then((c) => {
        if (live) set(c);
      });
    load();
    const off = onOutboxChange(load);
    return () => {
      live = false;
      off();
    };
  }, [caseId]);
  return n;
}

export async function waitingOnCase(caseId: string): Promise<number> {
  const prefix = `/api/v1/cases/${encodeURIComponent(caseId)}/`;
  return (await listOutbox()).filter((i) => i.status === 'waiting' && i.path.startsWith(prefix)).length;
}

const COFO_KEY = (code: string) => `prosmed.land.cofo.${code}`;
const PLACES_KEY = (code: string) => `prosmed.land.places.${code}`;

export interface CofoInfo {
  cofo: Schemas['CofoDto'];
  territory: string;
}

function stored<T>(key: string): T | undefined {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps places of the territory seen on this phone (at most 500), for the picker with no network. */
export function rememberPlaces(cofoCode: string, places: readonly Place[]): void {
  const known = stored<Place[]>(PLACES_KEY(cofoCode)) ?? [];
  const byCode = new Map(known.map((p) => [p.code, p]));
  for (const p of places) byCode.set(p.code, p);
  localStorage.setItem(PLACES_KEY(cofoCode), JSON.stringify([...byCode.values()].slice(-500)));
}

export function rememberedPlaces(cofoCode: string): Place[] {
  return stored<Place[]>(PLACES_KEY(cofoCode)) ?? [];
}

/**
 * The secretary's CoFo (name, members, tribunal) and its territory, from the API (then kept) or from the
 * copy kept on this phone. The places of the territory met on the way (the seat, its children) are kept
 * for the picker.
 */
export function useCofo(code: string | undefined): CofoInfo | undefined {
  const [info, set] = useState<CofoInfo | undefined>(() => (code ? stored(COFO_KEY(code)) : undefined));
  useEffect(() => {
    if (!code) return;
    let live = true;
    void (async () => {
      const { data: cofo } = await api.GET('/api/v1/cofos/{code}', { params: { path: { code } } });
      if (!cofo) return;
      const { data: seat } = await api.GET('/api/v1/places/{code}', {
        params: { path: { code: cofo.placeCode } },
      });
      const territory = territoryOf(cofo, seat);
      const info: CofoInfo = { cofo, territory };
      localStorage.setItem(COFO_KEY(code), JSON.stringify(info));
      if (live) set(info);
      // The territory and what lies under it (a commune's villages, a cercle's communes).
      const { data: unit } =
        territory === cofo.placeCode && seat
          ? { data: seat }
          : await api.GET('/api/v1/places/{code}', { params: { path: { code: territory } } });
      if (unit) rememberPlaces(code, [unit, ...unit.children, ...(seat ? [seat] : [])]);
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [code]);
  return info;
}

/**
 * The printed PV: fetched with the token (a link cannot carry the bearer header), then handed to the
 * phone as a file it opens with its PDF viewer (Android's Chrome shows no PDF in a tab; a download always
 * works, and a laptop prints it from there).
 */
export async function downloadPvPdf(pvId: string, fileName: string): Promise<void> {
  const res = await fetch(`/api/v1/pvs/${encodeURIComponent(pvId)}.pdf`, { headers: await apiHeaders() });
  if (!res.ok) {
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    throw new Error(reason(body, res.status));
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
