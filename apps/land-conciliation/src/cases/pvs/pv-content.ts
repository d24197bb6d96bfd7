import { createHash, randomInt } from 'node:crypto';
import { canonicalJson } from '@prosmed/messaging';
import type { PartyRow } from '../case-rows';
import type { NewPv } from './pv-repository';

export function contentHash(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** No 0/O, 1/I/L: the code is typed by hand from paper when the QR cannot be scanned. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function verificationCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** The PV's own fields as recorded (`NewPv`), with the case's number, parties and land they refer to. */
type ContentInput = Pick<
  NewPv,
  | 'kind'
  | 'pvVersion'
  | 'drawnUpOn'
  | 'membersPresent'
  | 'agreedPoints'
  | 'openPoints'
  | 'marks'
  | 'memberMarks'
  | 'stepsTried'
  | 'failureReason'
> & {
  caseNumber: string;
  parties: readonly Pick<PartyRow, 'id' | 'name' | 'role' | 'sex'>[];
  land: { villageCode: string; description: string; surfaceHa: string | null };
};

/**
 * What the PV says, as hashed for the public check: every legal field, with parties by name (a mark
 * names its party) so that a paper with another name or point no longer matches the record.
 */
export function pvContent(c: ContentInput): Record<string, unknown> {
  const partyName = new Map(c.parties.map((p) => [p.id, p.name]));
  return {
    caseNumber: c.caseNumber,
    kind: c.kind,
    pvVersion: c.pvVersion,
    drawnUpOn: c.drawnUpOn,
    membersPresent: c.membersPresent,
    agreedPoints: c.agreedPoints,
    openPoints: c.openPoints,
    marks: c.marks.map((m) => ({ ...m, party: partyName.get(m.partyId) })),
    memberMarks: c.memberMarks,
    stepsTried: c.stepsTried,
    failureReason: c.failureReason,
    parties: c.parties.map((p) => ({ name: p.name, role: p.role, sex: p.sex })),
    land: c.land,
  };
}
