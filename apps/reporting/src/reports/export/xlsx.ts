import type { ReportDto, ReportSectionDto } from '@prosmed/contracts';

const SHEET_NAMES: Record<ReportSectionDto['key'], string> = {
  highlights: 'Principaux résultats',
  R1: 'Résultat 1',
  R2: 'Résultat 2',
  R3: 'Résultat 3',
  R4: 'Résultat 4',
  COPIL: 'Comité de pilotage',
};

/**
 * The report as an editable workbook: one sheet per section (a sheet per result area), its title, the
 * manager's text and the generated sentences, then its indicators and its table by cercle with the numbers
 * as numbers (a masked count is an empty cell), in French number format for display.
 */
export async function renderXlsx(r: ReportDto): Promise<Buffer> {
  // Loaded on the first download: exceljs weighs about 25 MB, which a resting service need not carry.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PROSMED';
  wb.title = `Rapport trimestriel ${r.periodLabel}`;
  for (const s of r.sections) {
    const ws = wb.addWorksheet(SHEET_NAMES[s.key]);
    ws.columns = [
      { width: 60 },
      { width: 14 },
      { width: 12 },
      { width: 12 },
      { width: 12 },
      { width: 12 },
      { width: 14 },
    ];
    ws.addRow([s.title]).font = { bold: true, size: 13 };
    ws.addRow([`Période : ${r.periodLabel}`]);
    if (s.narrative) ws.addRow([s.narrative]);
    for (const p of s.paragraphs) ws.addRow([p]);
    if (s.indicators.length > 0) {
      ws.addRow([]);
      ws.addRow(['Indicateur', 'Unité', 'Total', 'Femmes', 'Hommes', 'Jeunes', 'Cible']).font = {
        bold: true,
      };
      for (const i of s.indicators)
        ws.addRow([i.label, i.unit, i.value, i.female, i.male, i.youth, i.target]);
    }
    if (s.table) {
      ws.addRow([]);
      ws.addRow([s.table.title]).font = { bold: true };
      ws.addRow(['Cercle', 'Total', 'Femmes', 'Hommes', 'Jeunes']).font = { bold: true };
      for (const row of s.table.rows) ws.addRow([row.label, row.total, row.female, row.male, row.youth]);
    }
    ws.getColumn(1).alignment = { wrapText: true, vertical: 'top' };
    for (let c = 2; c <= 7; c++) ws.getColumn(c).numFmt = '#,##0';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
