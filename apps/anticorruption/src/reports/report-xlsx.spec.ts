import { Workbook } from 'exceljs';
import { executionReport, type ActionFact } from './execution-rate';
import { executionReportXlsx } from './report-xlsx';

const fact = (code: string, axisCode: string, budgetPlanned: number): ActionFact => ({
  code,
  axisCode,
  specificCode: `OS${axisCode.slice(1)}`,
  structureCode: 'OCLEI',
  endOn: '2025-12-31',
  status: 'en cours',
  progress: 40,
  budgetPlanned,
  budgetSpent: 1_000_000,
  late: false,
});

describe('the execution report workbook', () => {
  it('has a summary and one sheet per axis, amounts as numbers in the FCFA format', async () => {
    const facts = [fact('ACT-1', 'A1', 45_000_000), fact('ACT-2', 'A3', 7_000_000_000)];
    const axes = new Map([
      ['A1', 'Gouvernance et réformes'],
      ['A2', 'Prévention'],
      ['A3', 'Répression et réparation'],
      ['A4', 'Communication'],
    ]);
    const report = executionReport(
      facts,
      { axes, objectives: new Map(), structures: new Map() },
      { period: '2024-Q4', sessionId: null, asOf: '2025-01-10' },
    );
    const wb = new Workbook();
    await wb.xlsx.load((await executionReportXlsx(report, facts)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Synthèse', 'Axe A1', 'Axe A2', 'Axe A3', 'Axe A4']);
    const a3 = wb.getWorksheet('Axe A3')!;
    const row = a3.getRow(6);
    expect(row.getCell(1).value).toBe('ACT-2');
    expect(row.getCell(8).value).toBe(7_000_000_000);
    expect(row.getCell(8).numFmt).toBe('#,##0 "FCFA"');
    expect(row.getCell(6).value).toBe(40);
    const rateRow = a3.getRow(3);
    expect([rateRow.getCell(1).value, rateRow.getCell(7).value, rateRow.getCell(9).value]).toEqual([
      'A3',
      40,
      7_000_000_000,
    ]);
    expect(JSON.stringify(wb.getWorksheet('Axe A2')!.getSheetValues())).not.toContain('ACT-');
  });
});
