// The case commands' forms as data (pure; commands.spec.ts): each form's state, its API body, and back.
import type { Schemas } from '../../api/client';
import { allOf } from '../../api/enums';

// The contract's bodies, as generated from docs/openapi.json: a contract change fails tsc here.
// The case id travels in the path (`/cases/{caseId}/...`): the bodies carry the version read.
export type StepBody = Schemas['InstructionStepBody'];
type PartyMark = Schemas['PartyMarkDto'];
export type PvBody = Schemas['RecordPvBody'];
export type HomologationRequestBody = Schemas['RequestHomologationBody'];
export type DecisionBody = Schemas['DecideHomologationBody'];
export type ReferralBody = Schemas['ReferCaseBody'];
export type StepKind = StepBody['kind'];

type Party = Pick<Schemas['PartyDto'], 'id' | 'name' | 'role'>;

export const STEP_KINDS = allOf<StepKind>()([
  'pv-constat',
  'audition',
  'confrontation',
  'conciliation-session',
]);

/** A text area, one item a line (points agreed, steps tried, members present): blank lines dropped. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

export interface StepForm {
  kind: StepKind;
  date: string;
  members: string;
  summary: string;
  partyId: string;
}

export function stepBody(f: StepForm, version: number): StepBody {
  return {
    version,
    kind: f.kind,
    date: f.date,
    membersPresent: lines(f.members),
    summary: f.summary.trim(),
    ...(f.kind === 'audition' && f.partyId ? { partyId: f.partyId } : {}),
  };
}

export function stepFormOf(b: StepBody): StepForm {
  return {
    kind: b.kind,
    date: b.date,
    members: b.membersPresent.join('\n'),
    summary: b.summary,
    partyId: b.partyId ?? '',
  };
}

export type MarkKind = PartyMark['kind'];
export type MemberMarkKind = Schemas['MemberMarkDto']['kind'];

export interface MemberRow {
  name: string;
  role: string;
  sex: 'F' | 'M' | '';
  mark: MemberMarkKind | '';
}

export interface PartyMarkRow {
  partyId: string;
  kind: MarkKind | '';
  representedBy: string;
}

export interface PvForm {
  kind: PvBody['kind'];
  drawnUpOn: string;
  members: MemberRow[];
  agreedPoints: string;
  openPoints: string;
  marks: PartyMarkRow[];
  stepsTried: string;
  failureReason: string;
  correctionReason: string;
}

export function emptyMember(): MemberRow {
  return { name: '', role: '', sex: '', mark: '' };
}

export function emptyPvForm(
  today: string,
  parties: readonly Party[],
  members: readonly Omit<MemberRow, 'mark'>[],
) {
  const form: PvForm = {
    kind: 'conciliation',
    drawnUpOn: today,
    members: members.length ? members.map((m) => ({ ...m, mark: '' })) : [emptyMember()],
    agreedPoints: '',
    openPoints: '',
    marks: parties.map((p) => ({ partyId: p.id, kind: '', representedBy: '' })),
    stepsTried: '',
    failureReason: '',
    correctionReason: '',
  };
  return form;
}

/**
 * The PV's body, and where each row's messages go: the API numbers marks among those given, the form
 * numbers rows (`markField[r]` is the API path of row r's mark, `memberMarkField[r]` of member r's).
 */
export function pvBody(f: PvForm, version: number, replacing: boolean) {
  const members = f.members.filter((m) => m.name.trim() || m.role.trim());
  const memberMarkField: Record<number, string> = {};
  const memberMarks: PvBody['memberMarks'] = [];
  f.members.forEach((m, r) => {
    if (!m.mark || !(m.name.trim() || m.role.trim())) return;
    memberMarkField[r] = `memberMarks[${memberMarks.length}]`;
    memberMarks.push({ name: m.name.trim(), kind: m.mark });
  });
  const markField: Record<number, string> = {};
  const marks: PartyMark[] = [];
  if (f.kind === 'conciliation') {
    f.marks.forEach((m, r) => {
      if (!m.kind) return;
      markField[r] = `marks[${marks.length}]`;
      marks.push({
        partyId: m.partyId,
        kind: m.kind,
        ...(m.kind === 'represented' ? { representedBy: m.representedBy.trim() } : {}),
      });
    });
  }
  const body: PvBody = {
    version,
    kind: f.kind,
    drawnUpOn: f.drawnUpOn,
    membersPresent: members.map((m) => ({ name: m.name.trim(), role: m.role.trim(), sex: m.sex || null })),
    memberMarks,
    ...(f.kind === 'conciliation'
      ? { agreedPoints: lines(f.agreedPoints), openPoints: lines(f.openPoints), marks }
      : { stepsTried: lines(f.stepsTried), failureReason: f.failureReason.trim() }),
    ...(replacing ? { correctionReason: f.correctionReason.trim() } : {}),
  };
  return { body, markField, memberMarkField };
}

export function pvFormOf(b: PvBody, parties: readonly Party[]): PvForm {
  const markOf = (name: string) =>
    b.memberMarks?.find((mm: { name: string }) => mm.name === name)?.kind ?? '';
  return {
    kind: b.kind,
    drawnUpOn: b.drawnUpOn,
    members: b.membersPresent.map((m) => ({
      name: m.name,
      role: m.role,
      sex: m.sex ?? '',
      mark: markOf(m.name),
    })),
    agreedPoints: (b.agreedPoints ?? []).join('\n'),
    openPoints: (b.openPoints ?? []).join('\n'),
    marks: parties.map((p) => {
      const m = b.marks?.find((x) => x.partyId === p.id);
      return { partyId: p.id, kind: m?.kind ?? '', representedBy: m?.representedBy ?? '' };
    }),
    stepsTried: (b.stepsTried ?? []).join('\n'),
    failureReason: b.failureReason ?? '',
    correctionReason: b.correctionReason ?? '',
  };
}

/** The parties whose mark a PV de conciliation needs before it goes to the tribunal (witnesses need not). */
export function unmarkedParties(f: PvForm, parties: readonly Party[]): Party[] {
  if (f.kind !== 'conciliation') return [];
  return parties.filter((p) => p.role !== 'temoin' && !f.marks.find((m) => m.partyId === p.id)?.kind);
}

export interface DecisionForm {
  decision: DecisionBody['decision'];
  decisionNumber: string;
  decisionDate: string;
  rejectionReason: string;
}

export function decisionBody(f: DecisionForm, version: number): DecisionBody {
  return {
    version,
    decision: f.decision,
    decisionDate: f.decisionDate,
    ...(f.decision === 'homologated'
      ? { decisionNumber: f.decisionNumber.trim() }
      : { rejectionReason: f.rejectionReason.trim() }),
  };
}

export function decisionFormOf(b: DecisionBody): DecisionForm {
  return {
    decision: b.decision,
    decisionNumber: b.decisionNumber ?? '',
    decisionDate: b.decisionDate,
    rejectionReason: b.rejectionReason ?? '',
  };
}
