import type { AnyMessageDef } from './catalogue';
import { AnticorruptionMessages } from './anticorruption/messages';
import { LandMessages } from './land/messages';
import { ReportingMessages } from './reporting/messages';
import { SecurityMessages } from './security/messages';

/**
 * Every message of the platform. A new service adds its `XxxMessages` here; the gateway then offers its
 * routes, and the tests check each entry (example valid, permission known, errors declared).
 */
export const CATALOGUE: readonly AnyMessageDef[] = [
  ...Object.values(LandMessages),
  ...Object.values<AnyMessageDef>(SecurityMessages),
  ...Object.values<AnyMessageDef>(AnticorruptionMessages),
  ...Object.values<AnyMessageDef>(ReportingMessages),
];

/** The entry of a message id, or undefined. */
export function messageById(id: string): AnyMessageDef | undefined {
  return CATALOGUE.find((m) => m.id === id);
}

/** `{ caseFile: 'land.case.file.v1', ... }` of a service's messages: ids for tests and tools. */
export function messageIds<T extends Record<string, AnyMessageDef>>(messages: T): { [K in keyof T]: string } {
  return Object.fromEntries(Object.entries(messages).map(([k, m]) => [k, m.id])) as {
    [K in keyof T]: string;
  };
}
