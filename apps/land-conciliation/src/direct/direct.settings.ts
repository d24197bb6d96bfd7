import { env } from '@prosmed/config';
import type { Identity } from '@prosmed/contracts';

/**
 * `LAND_DIRECT_HTTP=true` adds `POST /direct/cases` (and two reads) to the land service's own HTTP port:
 * the filing handled in-process, without the gateway and Kafka, so that `npm run bench` can show what each
 * hop costs. Off by default, and never to be turned on outside a benchmark: these routes check no token.
 * Every call acts as ONE fixed identity taken from the environment (a demo CoFo secretary by default),
 * so whoever can reach the port can file cases in that CoFo. Hence: loopback callers only (see
 * `isLoopback`), and only where the service's health port is not reachable from elsewhere.
 * `LAND_DIRECT_COFO` may list several CoFos (comma-separated, the first is the default): a call then
 * names one of them in `x-direct-cofo`, so the bench's writers can each file in their own CoFo as they
 * do through the gateway. Only the listed CoFos can be named.
 */
export const DIRECT_SETTINGS = Symbol('DIRECT_SETTINGS');

export interface DirectSettings {
  enabled: boolean;
  /** The identity of a call that names no CoFo (secretary of the first listed CoFo). */
  identity: Identity;
  /** Every CoFo a call may name in `x-direct-cofo`, the default first. */
  cofoIds: string[];
}

/** Header naming the CoFo whose secretary a direct call acts as (one of `cofoIds`). */
export const DIRECT_COFO_HEADER = 'x-direct-cofo';

export function loadDirectSettings(src: Record<string, string | undefined> = process.env): DirectSettings {
  const username = env.str(src, 'LAND_DIRECT_USER', 'secretaire.segou');
  const cofoIds = env.list(src, 'LAND_DIRECT_COFO', ['SEG01']);
  return {
    enabled: env.bool(src, 'LAND_DIRECT_HTTP', false),
    identity: {
      sub: env.str(src, 'LAND_DIRECT_SUB', `direct-http:${username}`),
      username,
      roles: ['cofo-secretary'],
      cofoId: cofoIds[0] ?? 'SEG01',
    },
    cofoIds,
  };
}

/**
 * The identity of one call: the default one, or the same secretary of the CoFo named in
 * `x-direct-cofo`; `undefined` when that CoFo is not listed (the caller answers 403).
 */
export function directIdentity(settings: DirectSettings, cofo: string | undefined): Identity | undefined {
  if (cofo === undefined || cofo === settings.identity.cofoId) return settings.identity;
  return settings.cofoIds.includes(cofo) ? { ...settings.identity, cofoId: cofo } : undefined;
}

/** Loopback peers only: 127.0.0.0/8, ::1 and their IPv4-mapped form. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}
