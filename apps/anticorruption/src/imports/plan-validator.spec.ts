import { PLAN_COLUMNS, TEMPLATE_EXAMPLE, type PlanSheetRow } from './plan-template';
import { parseFcfa, parseTargets, sheetRowOf, validatePlanSheet, type PlanContext } from './plan-validator';
import { parseCsv, parseXlsx, UnreadableSheet, writeCsv, writeXlsx } from './spreadsheet-io';

const CTX: PlanContext = {
  structures: new Set(['OCLEI', 'MJDH', 'MATD', 'MCENI']),
  actionCodes: new Set(['ACT-TAKEN']),
  objectives: new Map(),
  results: new Map(),
};

const row = (over: Partial<PlanSheetRow> = {}): PlanSheetRow => ({ ...TEMPLATE_EXAMPLE, ...over });
const sheet = (...rows: PlanSheetRow[]): string[][] => [
  [...PLAN_COLUMNS],
  ...rows.map((r) => PLAN_COLUMNS.map((c) => r[c])),
];
const errorsOf = (...rows: PlanSheetRow[]) =>
  validatePlanSheet(sheet(...rows), CTX).errors.map((e) => `${e.row}:${e.column}:${e.code}`);

describe('plan sheet validation', () => {
  it('accepts the template example and reads it into a plan line', () => {
    const { errors, lines } = validatePlanSheet(sheet(row()), CTX);
    expect(errors).toEqual([]);
    expect(lines[0]).toMatchObject({
      row: 2,
      axis: 'A2',
      action: { code: 'ACT-2.1.1.99', responsible: 'OCLEI', partners: ['MATD', 'MCENI'], budget: 12_500_000 },
      indicator: { unit: 'nombre', baseline: 0, targets: { 2025: 500 } },
    });
  });

  it('reports every bad cell by row and column, and no line at all (all or nothing)', () => {
    const { errors, lines } = validatePlanSheet(
      sheet(
        row({ code_action: 'ACT-1' }),
        row({ code_action: 'ACT-2', date_debut: '2025-02-30' }),
        row({ code_action: 'ACT-3', budget_fcfa: '1500000.5' }),
        row({ code_action: 'ACT-4', budget_fcfa: '-5' }),
        row({ code_action: 'ACT-5', axe: 'A9' }),
        row({ code_action: 'ACT-1' }),
        row({ code_action: 'ACT-7', structure_responsable: 'NOPE' }),
        row({ code_action: 'ACT-8', date_fin: '2024-12-31' }),
        row({ code_action: 'ACT-TAKEN' }),
        row({ code_action: 'ACT-10', libelle_action: '' }),
        row({ code_action: 'act 11' }),
        row({ code_action: 'ACT-12', cibles: '2031:4' }),
        row({ code_action: 'ACT-13', valeur_reference: 'beaucoup' }),
        row({ code_action: 'ACT-14', objectif_specifique_libelle: 'Un autre libellé' }),
        row({ code_action: 'ACT-15', structures_partenaires: 'MATD|XYZ' }),
      ),
      CTX,
    );
    expect(lines).toEqual([]);
    expect(errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual([
      '3:date_debut:IMPORT_BAD_DATE',
      '4:budget_fcfa:IMPORT_BAD_BUDGET',
      '5:budget_fcfa:IMPORT_BAD_BUDGET',
      '6:axe:IMPORT_UNKNOWN_AXIS',
      // Row 6 has another axis, so its objectives no longer match the ones of row 2.
      '6:objectif_specifique:IMPORT_INCONSISTENT',
      '6:objectif_operationnel:IMPORT_INCONSISTENT',
      '7:code_action:IMPORT_DUPLICATE_CODE',
      '8:structure_responsable:IMPORT_UNKNOWN_STRUCTURE',
      '9:date_fin:IMPORT_END_BEFORE_START',
      '10:code_action:IMPORT_CODE_TAKEN',
      '11:libelle_action:IMPORT_REQUIRED',
      '12:code_action:IMPORT_BAD_CODE',
      '13:cibles:IMPORT_BAD_TARGETS',
      '14:valeur_reference:IMPORT_BAD_NUMBER',
      '15:objectif_specifique:IMPORT_INCONSISTENT',
      '16:structures_partenaires:IMPORT_UNKNOWN_STRUCTURE',
    ]);
    expect(errors.find((e) => e.code === 'IMPORT_DUPLICATE_CODE')?.params).toMatchObject({ first: 2 });
    expect(errors.find((e) => e.code === 'IMPORT_BAD_BUDGET')?.params).toMatchObject({ value: '1500000.5' });
  });

  it('names a missing column in the header row', () => {
    const cells = sheet(row()).map((r) => r.slice(1));
    expect(validatePlanSheet(cells, CTX).errors).toEqual([
      { row: 1, column: 'axe', code: 'IMPORT_MISSING_COLUMN', params: { row: 1, column: 'axe' } },
    ]);
  });

  it('checks objectives against the existing plan too', () => {
    const ctx = { ...CTX, objectives: new Map([['OS2', 'A1||Autre']]) };
    expect(validatePlanSheet(sheet(row()), ctx).errors.map((e) => e.column)).toEqual(['objectif_specifique']);
  });

  it('ignores empty rows and needs a unit with an indicator', () => {
    expect(errorsOf(row({ unite: '' }))).toEqual(['2:unite:IMPORT_REQUIRED']);
  });

  it('reads FCFA as integers only and targets per year', () => {
    expect(parseFcfa('45 000 000')).toBe(45_000_000);
    expect(parseFcfa('1e6')).toBeNull();
    expect(parseFcfa('12,5')).toBeNull();
    expect(parseTargets('2024:10|2025:2,5')).toEqual({ 2024: 10, 2025: 2.5 });
    expect(parseTargets('2024:10|2024:11')).toBeNull();
  });
});

describe('the template as files (round trip)', () => {
  const rows = [
    row(),
    row({
      code_action: 'ACT-2',
      libelle_action: 'Texte ; avec "guillemets"',
      indicateur: '',
      unite: '',
      valeur_reference: '',
      cibles: '',
    }),
  ];

  it('writes CSV that reads back to the same cells', () => {
    const back = parseCsv(writeCsv(rows));
    const { errors, lines } = validatePlanSheet(back, CTX);
    expect(errors).toEqual([]);
    expect(lines.map(sheetRowOf)).toEqual(rows);
  });

  it('writes XLSX (dates and amounts typed) that reads back to the same cells', async () => {
    const back = await parseXlsx(await writeXlsx(rows));
    const { errors, lines } = validatePlanSheet(back, CTX);
    expect(errors).toEqual([]);
    expect(lines.map(sheetRowOf)).toEqual(rows);
  });

  it('refuses bytes that are no workbook', async () => {
    await expect(parseXlsx(Buffer.from('not a zip'))).rejects.toBeInstanceOf(UnreadableSheet);
    expect(() => parseCsv(Buffer.from([0x50, 0x4b, 0x00, 0x01]))).toThrow(UnreadableSheet);
  });
});
