import { env } from '@prosmed/config';
import type { Identity } from '@prosmed/contracts';

/**
 * `LAND_DIRECT_HTTP=true` adds `POST /direct/cases` (and two reads) to the land service's own HTTP port:
 * the filing handled in-process, without the gateway and Kafka, so that `npm run bench` can show what each
 * hop costs. Off by default, and never to be turned on outside a benchmark: these routes check no token.
 * Every call acts as ONE fixed identity taken from the environment (a demo CoFo secretary by default),
 * so whoever can reach the port can file cases in that CoFo. Hence: loopback callers only (see
 * `isLoopback`), and only where the service's health port is not reachable from elsewhere.
 */
export const DIRECT_SETTINGS = Symbol('DIRECT_SETTINGS');

export interface DirectSettings {
  enabled: boolean;
  identity: Identity;
}

export function loadDirectSettings(src: Record<string, string | undefined> = process.env): DirectSettings {
  const username = env.str(src, 'LAND_DIRECT_USER', 'secretaire.segou');
  return {
    enabled: env.bool(src, 'LAND_DIRECT_HTTP', false),
    identity: {
      sub: env.str(src, 'LAND_DIRECT_SUB', `direct-http:${username}`),
      username,
      roles: ['cofo-secretary'],
      cofoId: env.str(src, 'LAND_DIRECT_COFO', 'SEG01'),
    },
  };
}

/** Loopback peers only: 127.0.0.0/8, ::1 and their IPv4-mapped form. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}
