import type { Workbook } from 'exceljs';
import { PLAN_COLUMNS, type PlanSheetRow } from './plan-template';

/**
 * Reading and writing the template as bytes. exceljs weighs on a resting service's memory, so it is
 * loaded on first use only (a service that never imports nor exports never loads it).
 */
export async function excel(): Promise<typeof import('exceljs')> {
  return import('exceljs');
}

/** The unread file: not CSV text, not an XLSX workbook. */
export class UnreadableSheet extends Error {}

/** CSV (RFC 4180 quotes; `;` or `,` chosen from the header line) into rows of cells. */
export function parseCsv(bytes: Buffer): string[][] {
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\u0000')) throw new UnreadableSheet('binary content');
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const sep = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A cell of the first worksheet as text: dates as `YYYY-MM-DD`, numbers as JavaScript writes them. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { result?: unknown; text?: string; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((t) => t.text).join('');
    if (v.text !== undefined) return String(v.text);
    if ('result' in v) return cellText(v.result);
    return '';
  }
  return String(value);
}

export async function parseXlsx(bytes: Buffer): Promise<string[][]> {
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableSheet('not an xlsx workbook');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new UnreadableSheet('no worksheet');
  const rows: string[][] = [];
  const width = Math.max(sheet.columnCount, PLAN_COLUMNS.length);
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Array.from({ length: width }, (_, c) => cellText(row.getCell(c + 1).value)));
  }
  return rows;
}

function csvCell(v: string): string {
  return /[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The template as CSV: UTF-8 with a BOM (Excel opens it in the right encoding), `;` separated. */
export function writeCsv(rows: readonly PlanSheetRow[]): Buffer {
  const lines = [
    PLAN_COLUMNS.join(';'),
    ...rows.map((r) => PLAN_COLUMNS.map((c) => csvCell(r[c])).join(';')),
  ];
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The template as XLSX: dates and amounts as real dates and numbers (FCFA format), the rest as text. */
export async function writeXlsx(rows: readonly PlanSheetRow[]): Promise<Buffer> {
  const ExcelJS = await excel();
  const wb: Workbook = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Plan');
  sheet.addRow([...PLAN_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    sheet.addRow(
      PLAN_COLUMNS.map((c) => {
        const v = r[c];
        if ((c === 'date_debut' || c === 'date_fin') && /^\d{4}-\d{2}-\d{2}$/.test(v))
          return new Date(`${v}T00:00:00Z`);
        if ((c === 'budget_fcfa' || c === 'valeur_reference') && /^\d+(\.\d+)?$/.test(v)) return Number(v);
        return v;
      }),
    );
  }
  sheet.getColumn(PLAN_COLUMNS.indexOf('date_debut') + 1).numFmt = 'yyyy-mm-dd';
  sheet.getColumn(PLAN_COLUMNS.indexOf('date_fin') + 1).numFmt = 'yyyy-mm-dd';
  sheet.getColumn(PLAN_COLUMNS.indexOf('budget_fcfa') + 1).numFmt = '#,##0 "FCFA"';
  PLAN_COLUMNS.forEach((c, i) => (sheet.getColumn(i + 1).width = Math.max(12, c.length + 2)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
