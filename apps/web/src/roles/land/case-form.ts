// The filing form as data (pure; case-form.spec.ts): its steps, what each requires, and the API body.
import type { Schemas } from '../../api/client';
import { allOf } from '../../api/enums';

export type FileCaseBody = Schemas['FileCaseDto'];
type PartyInput = Schemas['PartyInputDto'];
export type AgeGroup = NonNullable<PartyInput['ageGroup']>;
export type PartyRole = PartyInput['role'];
export type DisputeType = FileCaseBody['disputeType'];

export const DISPUTES = allOf<DisputeType>()([
  'limites-de-champs',
  'heritage-succession',
  'pret-retrait-de-terre',
  'vente-transaction',
  'agriculteurs-eleveurs',
  'couloir-transhumance',
  'eau-peche',
  'autre',
]);
export const AGES = allOf<AgeGroup>()(['under-15', 'youth-15-35', 'adult-36-59', 'elder-60-plus', 'unknown']);
export const ROLES = allOf<PartyRole>()(['demandeur', 'defendeur', 'temoin']);

export interface PartyForm {
  kind: 'person' | 'group';
  name: string;
  sex: 'F' | 'M' | '';
  ageGroup: AgeGroup;
  role: PartyRole;
  /** For a group: how many people it stands for (optional). */
  memberCount: string;
}

export interface CaseForm {
  filedOn: string;
  disputeType: DisputeType;
  summary: string;
  parties: PartyForm[];
  land: { villageCode: string; villageName: string; description: string; surfaceHa: string };
}

/** The steps, one screen each on a phone. */
export const FILE_STEPS = ['case', 'parties', 'land', 'review'] as const;
export type FileStep = (typeof FILE_STEPS)[number];

export function newParty(role: PartyRole): PartyForm {
  return { kind: 'person', name: '', sex: '', ageGroup: 'unknown', role, memberCount: '' };
}

export function emptyCaseForm(today: string): CaseForm {
  return {
    filedOn: today,
    disputeType: 'limites-de-champs',
    summary: '',
    parties: [newParty('demandeur'), newParty('defendeur')],
    land: { villageCode: '', villageName: '', description: '', surfaceHa: '' },
  };
}

/** `2,5` or `2.5` as 2.5; empty as null; anything else as NaN (the server says why). */
export function parseDecimal(text: string): number | null {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!t) return null;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/** The field names of the form (the API's paths), for the server's messages to go beside them. */
export function caseFields(form: CaseForm): string[] {
  return [
    'filedOn',
    'disputeType',
    'summary',
    'parties',
    ...form.parties.flatMap((_, i) =>
      ['name', 'sex', 'ageGroup', 'role', 'kind', 'memberCount'].map((f) => `parties[${i}].${f}`),
    ),
    'land.villageCode',
    'land.description',
    'land.surfaceHa',
  ];
}

/** The step that shows a field: a refusal takes the person back to the first step with a message. */
export function stepOfField(field: string): FileStep {
  if (field.startsWith('parties')) return 'parties';
  if (field.startsWith('land')) return 'land';
  if (['filedOn', 'disputeType', 'summary'].includes(field)) return 'case';
  return 'review';
}

/** The fields of a step left empty (what the browser can tell at once; the server checks the rest). */
export function missingOnStep(form: CaseForm, step: FileStep): string[] {
  const missing: string[] = [];
  if (step === 'case') {
    if (!form.filedOn) missing.push('filedOn');
    if (!form.summary.trim()) missing.push('summary');
  }
  if (step === 'parties') {
    form.parties.forEach((p, i) => {
      if (!p.name.trim()) missing.push(`parties[${i}].name`);
      if (p.kind === 'person' && !p.sex) missing.push(`parties[${i}].sex`);
    });
  }
  if (step === 'land') {
    if (!form.land.villageCode) missing.push('land.villageCode');
    if (!form.land.description.trim()) missing.push('land.description');
  }
  return missing;
}

/** Both sides are named (the law's first rule of a filing): a demandeur and a défendeur. */
export function hasBothSides(form: CaseForm): boolean {
  return form.parties.some((p) => p.role === 'demandeur') && form.parties.some((p) => p.role === 'defendeur');
}

export function caseBody(form: CaseForm, cofoCode: string): FileCaseBody {
  const surface = parseDecimal(form.land.surfaceHa);
  return {
    cofoCode,
    filedOn: form.filedOn,
    disputeType: form.disputeType,
    summary: form.summary.trim(),
    parties: form.parties.map((p): PartyInput => {
      const count = parseDecimal(p.memberCount);
      return {
        kind: p.kind,
        name: p.name.trim(),
        // A group has no sex: the API refuses one.
        sex: p.kind === 'person' ? (p.sex as 'F' | 'M') : null,
        ageGroup: p.ageGroup,
        role: p.role,
        ...(p.kind === 'group' && count !== null ? { memberCount: count } : {}),
      };
    }),
    land: {
      villageCode: form.land.villageCode,
      description: form.land.description.trim(),
      ...(surface !== null ? { surfaceHa: surface } : {}),
    },
  };
}

/** A body kept in the outbox, back in the form (to fix a refusal). The place's name is not in the body. */
export function caseFormOf(body: FileCaseBody): CaseForm {
  return {
    filedOn: body.filedOn,
    disputeType: body.disputeType,
    summary: body.summary,
    parties: body.parties.map((p) => ({
      kind: p.kind,
      name: p.name,
      sex: p.sex ?? '',
      ageGroup: p.ageGroup ?? 'unknown',
      role: p.role,
      memberCount: p.memberCount ? String(p.memberCount) : '',
    })),
    land: {
      villageCode: body.land.villageCode,
      villageName: '',
      description: body.land.description,
      surfaceHa: body.land.surfaceHa == null ? '' : String(body.land.surfaceHa).replace('.', ','),
    },
  };
}
