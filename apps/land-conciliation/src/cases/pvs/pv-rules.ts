import {
  domainError,
  type MemberMarkDto,
  type PartyMarkV1,
  type PvKind,
  type PvMemberV1,
} from '@prosmed/contracts';

interface PvFields {
  kind: PvKind;
  agreedPoints?: string[];
  openPoints?: string[];
  marks?: PartyMarkV1[];
  stepsTried?: string[];
  failureReason?: string | null;
}

/** Fields of one kind of PV refused on the other, so nothing typed in the wrong form is silently kept. */
export function assertPvFieldsMatchKind(pv: PvFields): void {
  const wrong =
    pv.kind === 'conciliation'
      ? (['stepsTried', 'failureReason'] as const).find((f) => present(pv[f]))
      : (['agreedPoints', 'openPoints', 'marks'] as const).find((f) => present(pv[f]));
  if (wrong)
    throw domainError('PV_FIELDS_MISMATCH', { field: wrong, kind: pv.kind }, [
      { field: wrong, code: 'wrongKind' },
    ]);
  if (pv.kind === 'non-conciliation' && !(pv.stepsTried?.length && pv.failureReason)) {
    const field = pv.stepsTried?.length ? 'failureReason' : 'stepsTried';
    throw domainError('VALIDATION_FAILED', undefined, [
      { field, code: 'required', message: `${field} is required` },
    ]);
  }
  if (pv.kind === 'conciliation' && !pv.agreedPoints?.length) {
    throw domainError('VALIDATION_FAILED', undefined, [
      { field: 'agreedPoints', code: 'required', message: 'agreedPoints needs at least one point' },
    ]);
  }
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
}

/** Marks name parties of this case, once each, and never outnumber them. */
export function assertMarks(marks: readonly PartyMarkV1[], partyIds: readonly string[]): void {
  if (marks.length > partyIds.length) {
    throw domainError('MARKS_EXCEED_PARTIES', { marks: marks.length, parties: partyIds.length }, [
      { field: 'marks', code: 'tooMany' },
    ]);
  }
  const seen = new Set<string>();
  marks.forEach((m, i) => {
    if (!partyIds.includes(m.partyId)) {
      throw domainError('PARTY_UNKNOWN', { partyId: m.partyId }, [
        { field: `marks[${i}].partyId`, code: 'unknownParty' },
      ]);
    }
    if (seen.has(m.partyId)) {
      throw domainError('MARKS_EXCEED_PARTIES', { marks: marks.length, parties: partyIds.length }, [
        { field: `marks[${i}].partyId`, code: 'duplicate' },
      ]);
    }
    seen.add(m.partyId);
  });
}

/** Members' marks name members present on this PV (as typed in `membersPresent`), once each. */
export function assertMemberMarks(marks: readonly MemberMarkDto[], members: readonly PvMemberV1[]): void {
  const names = new Set(members.map((m) => m.name));
  const seen = new Set<string>();
  marks.forEach((m, i) => {
    const code = !names.has(m.name) ? 'unknownMember' : seen.has(m.name) ? 'duplicate' : null;
    if (code) {
      throw domainError('VALIDATION_FAILED', undefined, [
        {
          field: `memberMarks[${i}].name`,
          code,
          message: code === 'duplicate' ? 'one mark per member' : 'not a member present on this PV',
        },
      ]);
    }
    seen.add(m.name);
  });
}

/**
 * What a PV de conciliation lacks before it can go to the tribunal: agreed points, and the mark of every
 * party to the dispute (demandeurs and défendeurs; witnesses may sign but need not).
 */
export function missingForHomologation(
  pv: { kind: PvKind; agreedPoints: string[]; marks: PartyMarkV1[] },
  parties: readonly { id: string; role: string; name: string }[],
): string[] {
  if (pv.kind !== 'conciliation') return ['PV de conciliation'];
  const missing: string[] = [];
  if (pv.agreedPoints.length === 0) missing.push('points d’accord');
  const marked = new Set(pv.marks.map((m) => m.partyId));
  for (const p of parties) if (p.role !== 'temoin' && !marked.has(p.id)) missing.push(`marque de ${p.name}`);
  return missing;
}
