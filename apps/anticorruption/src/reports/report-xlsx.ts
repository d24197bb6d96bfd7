import type { ExecutionReportDto, RateLineDto } from '@prosmed/contracts';
import type { Worksheet } from 'exceljs';
import { excel } from '../imports/spreadsheet-io';
import type { ActionFact } from './execution-rate';

const FCFA = '#,##0 "FCFA"';
const PCT = '0.0" %"';
const RATE_HEADER = [
  'Code',
  'Libellé',
  'Actions',
  'Comptées',
  'Réalisées',
  'En retard',
  'Taux d’exécution',
  'Taux de réalisation',
  'Budget prévu',
  'Budget dépensé',
];

function rateRow(sheet: Worksheet, l: RateLineDto): void {
  const row = sheet.addRow([
    l.key,
    l.label,
    l.actions,
    l.counted,
    l.done,
    l.late,
    l.executionRate,
    l.doneRate,
    l.budgetPlanned,
    l.budgetSpent,
  ]);
  row.getCell(7).numFmt = PCT;
  row.getCell(8).numFmt = PCT;
  row.getCell(9).numFmt = FCFA;
  row.getCell(10).numFmt = FCFA;
}

function header(sheet: Worksheet, cells: string[]): void {
  sheet.addRow(cells).font = { bold: true };
}

/**
 * The execution report as a workbook: a summary sheet (total, axes, objectives, structures) and one
 * sheet per axis listing its actions. Numbers are numbers (amounts with the FCFA format), no names.
 */
export async function executionReportXlsx(
  report: ExecutionReportDto,
  facts: readonly ActionFact[],
): Promise<Buffer> {
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  const summary = wb.addWorksheet('Synthèse');
  summary.addRow([
    report.sessionId
      ? `Rapport figé à la clôture de la session ${report.sessionId}`
      : 'Rapport d’exécution (valeurs validées)',
  ]).font = { bold: true };
  summary.addRow(['Période', report.period ?? 'toutes', 'Retard apprécié au', report.asOf]);
  summary.addRow([]);
  for (const [title, lines] of [
    ['Total', [report.total]],
    ['Par axe', report.byAxis],
    ['Par objectif spécifique', report.byObjective],
    ['Par structure', report.byStructure],
  ] as [string, RateLineDto[]][]) {
    summary.addRow([title]).font = { bold: true };
    header(summary, RATE_HEADER);
    lines.forEach((l) => rateRow(summary, l));
    summary.addRow([]);
  }
  summary.getColumn(2).width = 50;
  for (const axis of report.byAxis) {
    const sheet = wb.addWorksheet(`Axe ${axis.key}`);
    sheet.addRow([`${axis.key} - ${axis.label}`]).font = { bold: true };
    header(sheet, RATE_HEADER);
    rateRow(sheet, axis);
    sheet.addRow([]);
    header(sheet, [
      'Action',
      'Objectif spécifique',
      'Structure',
      'Fin',
      'Statut validé',
      'Avancement',
      'En retard',
      'Budget prévu',
      'Budget dépensé',
    ]);
    for (const f of facts.filter((x) => x.axisCode === axis.key)) {
      const row = sheet.addRow([
        f.code,
        f.specificCode,
        f.structureCode,
        f.endOn,
        f.status,
        f.progress,
        f.late ? 'oui' : 'non',
        f.budgetPlanned,
        f.budgetSpent,
      ]);
      row.getCell(6).numFmt = PCT;
      row.getCell(8).numFmt = FCFA;
      row.getCell(9).numFmt = FCFA;
    }
    sheet.getColumn(1).width = 18;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
