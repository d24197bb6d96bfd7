import { AXIS_CODES, MAX_FCFA, PLAN_CODE_PATTERN, type AnticorruptionErrorCode } from '@prosmed/contracts';
import {
  LIST_SEPARATOR,
  MAX_PLAN_ROWS,
  OPTIONAL_COLUMNS,
  PLAN_COLUMNS,
  type PlanColumn,
  type PlanSheetRow,
} from './plan-template';

/** One bad cell: its spreadsheet row (the header is row 1) and column, a catalogue code and its params. */
export interface CellError {
  row: number;
  column: string;
  code: AnticorruptionErrorCode;
  params: Record<string, string | number>;
}

/** What the plan already holds, for the checks a file cannot make alone. */
export interface PlanContext {
  structures: ReadonlySet<string>;
  actionCodes: ReadonlySet<string>;
  /** code -> `axis|parent|title` of existing objectives, `objective|title` of results. */
  objectives: ReadonlyMap<string, string>;
  results: ReadonlyMap<string, string>;
}

export interface PlanLine {
  row: number;
  axis: string;
  specific: { code: string; title: string };
  operational: { code: string; title: string };
  result: { code: string; title: string };
  action: {
    code: string;
    title: string;
    responsible: string;
    partners: string[];
    startOn: string;
    endOn: string;
    budget: number;
  };
  indicator: { label: string; unit: string; baseline: number; targets: Record<string, number> } | null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(v: string): boolean {
  const m = ISO_DATE.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v;
}

/** Integer FCFA: digits only (spaces between thousands allowed); no decimals, no sign. */
export function parseFcfa(v: string): number | null {
  const s = v.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d{1,16}$/.test(s)) return null;
  const n = Number(s);
  return n <= MAX_FCFA ? n : null;
}

/** A number zero or more, with `.` or `,` as decimal mark. */
export function parseAmount(v: string): number | null {
  const s = v.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^\d{1,13}(\.\d{1,4})?$/.test(s)) return null;
  return Number(s);
}

/** `2024:10|2025:20` -> `{2024: 10, 2025: 20}`; years of the strategy only. */
export function parseTargets(v: string): Record<string, number> | null {
  if (v.trim() === '') return {};
  const out: Record<string, number> = {};
  for (const part of v.split(LIST_SEPARATOR)) {
    const m = /^\s*(20\d\d)\s*:\s*(.+?)\s*$/.exec(part);
    const year = m ? Number(m[1]) : 0;
    const value = m ? parseAmount(m[2]) : null;
    if (!m || year < 2023 || year > 2027 || value === null || m[1] in out) return null;
    out[m[1]] = value;
  }
  return out;
}

/**
 * Checks every cell of a plan sheet (header row first) and returns either every error, by row and
 * column, or the plan's lines: all or nothing, so one bad row keeps the whole file out.
 */
export function validatePlanSheet(
  cells: readonly (readonly string[])[],
  ctx: PlanContext,
): { errors: CellError[]; lines: PlanLine[] } {
  const errors: CellError[] = [];
  const header = (cells[0] ?? []).map((h) => h.trim().toLowerCase());
  const index = new Map<PlanColumn, number>();
  for (const column of PLAN_COLUMNS) {
    const i = header.indexOf(column);
    if (i === -1) errors.push({ row: 1, column, code: 'IMPORT_MISSING_COLUMN', params: { row: 1, column } });
    else index.set(column, i);
  }
  if (errors.length) return { errors, lines: [] };
  const body = cells
    .map((r, i) => ({ r, row: i + 1 }))
    .slice(1)
    .filter(({ r }) => r.some((c) => c.trim() !== ''));
  if (body.length > MAX_PLAN_ROWS) {
    return {
      errors: [
        {
          row: 1,
          column: '',
          code: 'IMPORT_TOO_MANY_ROWS',
          params: { count: body.length, max: MAX_PLAN_ROWS },
        },
      ],
      lines: [],
    };
  }
  const firstRowOfAction = new Map<string, number>();
  const seenObjectives = new Map<string, { key: string; row: number }>();
  const seenResults = new Map<string, { key: string; row: number }>();
  const lines: PlanLine[] = [];

  for (const { r, row } of body) {
    const v = Object.fromEntries(
      PLAN_COLUMNS.map((c) => [c, (r[index.get(c)!] ?? '').trim()]),
    ) as PlanSheetRow;
    const before = errors.length;
    const fail = (
      column: PlanColumn,
      code: AnticorruptionErrorCode,
      extra: Record<string, string | number> = {},
    ) => errors.push({ row, column, code, params: { row, column, value: v[column], ...extra } });

    for (const c of PLAN_COLUMNS)
      if (!OPTIONAL_COLUMNS.includes(c) && v[c] === '') fail(c, 'IMPORT_REQUIRED');
    if (v.indicateur !== '' && v.unite === '') fail('unite', 'IMPORT_REQUIRED');
    if (v.axe !== '' && !(AXIS_CODES as readonly string[]).includes(v.axe))
      fail('axe', 'IMPORT_UNKNOWN_AXIS');
    for (const c of ['objectif_specifique', 'objectif_operationnel', 'resultat', 'code_action'] as const) {
      if (v[c] !== '' && !PLAN_CODE_PATTERN.test(v[c])) fail(c, 'IMPORT_BAD_CODE');
    }
    for (const c of ['date_debut', 'date_fin'] as const)
      if (v[c] !== '' && !isCalendarDate(v[c])) fail(c, 'IMPORT_BAD_DATE');
    if (isCalendarDate(v.date_debut) && isCalendarDate(v.date_fin) && v.date_fin < v.date_debut) {
      fail('date_fin', 'IMPORT_END_BEFORE_START');
    }
    const budget = v.budget_fcfa === '' ? null : parseFcfa(v.budget_fcfa);
    if (v.budget_fcfa !== '' && budget === null) fail('budget_fcfa', 'IMPORT_BAD_BUDGET');
    const baseline = v.valeur_reference === '' ? 0 : parseAmount(v.valeur_reference);
    if (baseline === null) fail('valeur_reference', 'IMPORT_BAD_NUMBER');
    const targets = parseTargets(v.cibles);
    if (targets === null) fail('cibles', 'IMPORT_BAD_TARGETS');
    if (v.structure_responsable !== '' && !ctx.structures.has(v.structure_responsable)) {
      fail('structure_responsable', 'IMPORT_UNKNOWN_STRUCTURE');
    }
    const partners = v.structures_partenaires
      .split(LIST_SEPARATOR)
      .map((s) => s.trim())
      .filter(Boolean);
    const unknownPartner = partners.find((p) => !ctx.structures.has(p));
    if (unknownPartner) fail('structures_partenaires', 'IMPORT_UNKNOWN_STRUCTURE', { value: unknownPartner });

    if (v.code_action !== '') {
      const first = firstRowOfAction.get(v.code_action);
      if (first !== undefined) fail('code_action', 'IMPORT_DUPLICATE_CODE', { first });
      else {
        firstRowOfAction.set(v.code_action, row);
        if (ctx.actionCodes.has(v.code_action)) fail('code_action', 'IMPORT_CODE_TAKEN');
      }
    }
    // The tree: the same objective or result code always with the same parent and label.
    const tree: [
      PlanColumn,
      string,
      Map<string, { key: string; row: number }>,
      ReadonlyMap<string, string>,
    ][] = [
      ['objectif_specifique', `${v.axe}||${v.objectif_specifique_libelle}`, seenObjectives, ctx.objectives],
      [
        'objectif_operationnel',
        `${v.axe}|${v.objectif_specifique}|${v.objectif_operationnel_libelle}`,
        seenObjectives,
        ctx.objectives,
      ],
      ['resultat', `${v.objectif_operationnel}|${v.resultat_libelle}`, seenResults, ctx.results],
    ];
    for (const [column, key, seen, existing] of tree) {
      const code = v[column];
      if (code === '') continue;
      const known = seen.get(code);
      if ((known && known.key !== key) || (existing.has(code) && existing.get(code) !== key)) {
        fail(column, 'IMPORT_INCONSISTENT', { first: known?.row ?? '-' });
      } else if (!known) seen.set(code, { key, row });
    }

    if (errors.length > before) continue;
    lines.push({
      row,
      axis: v.axe,
      specific: { code: v.objectif_specifique, title: v.objectif_specifique_libelle },
      operational: { code: v.objectif_operationnel, title: v.objectif_operationnel_libelle },
      result: { code: v.resultat, title: v.resultat_libelle },
      action: {
        code: v.code_action,
        title: v.libelle_action,
        responsible: v.structure_responsable,
        partners,
        startOn: v.date_debut,
        endOn: v.date_fin,
        budget: budget!,
      },
      indicator: v.indicateur
        ? { label: v.indicateur, unit: v.unite, baseline: baseline!, targets: targets! }
        : null,
    });
  }
  return { errors, lines: errors.length ? [] : lines };
}

/** A plan line back into the template's cells (export). */
export function sheetRowOf(line: Omit<PlanLine, 'row'>): PlanSheetRow {
  const i = line.indicator;
  return {
    axe: line.axis,
    objectif_specifique: line.specific.code,
    objectif_specifique_libelle: line.specific.title,
    objectif_operationnel: line.operational.code,
    objectif_operationnel_libelle: line.operational.title,
    resultat: line.result.code,
    resultat_libelle: line.result.title,
    code_action: line.action.code,
    libelle_action: line.action.title,
    structure_responsable: line.action.responsible,
    structures_partenaires: line.action.partners.join(LIST_SEPARATOR),
    date_debut: line.action.startOn,
    date_fin: line.action.endOn,
    budget_fcfa: String(line.action.budget),
    indicateur: i?.label ?? '',
    unite: i?.unit ?? '',
    valeur_reference: i ? String(i.baseline) : '',
    cibles: i
      ? Object.entries(i.targets)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([y, t]) => `${y}:${t}`)
          .join(LIST_SEPARATOR)
      : '',
  };
}
