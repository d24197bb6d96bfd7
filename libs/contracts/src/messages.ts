import type { AnyMessageDef } from './catalogue';
import { LandMessages } from './land/messages';

/**
 * Every message of the platform. A new service adds its `XxxMessages` here; the gateway then offers its
 * routes, and the tests check each entry (example valid, permission known, errors declared).
 */
export const CATALOGUE: readonly AnyMessageDef[] = Object.values(LandMessages);

/** The entry of a message id, or undefined. */
export function messageById(id: string): AnyMessageDef | undefined {
  return CATALOGUE.find((m) => m.id === id);
}
