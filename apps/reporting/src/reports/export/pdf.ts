import type PDFKitDocument from 'pdfkit';
import type { ReportDto, ReportIndicatorDto, ReportTableDto } from '@prosmed/contracts';
import { frDate, frNumber } from '../../shared/fr-format';

const M = 50;
const BLUE = '#1f4e79';
const ROSE = '#c0504d';

const n = (v: number | null): string => (v === null ? '—' : frNumber(v));

/**
 * The quarterly report as a PDF: French, A4, the sections in the order of the Q4-2023 report, each with the
 * manager's text, the generated sentences, its indicators, its table by cercle and sex and a bar chart of
 * that table (drawn with pdfkit's vector primitives: total and women per cercle), its photos with their
 * captions. Numbers "1 234,5",
 * dates dd/mm/yyyy, page numbers at the foot.
 */
export async function renderReportPdf(
  r: ReportDto,
  photos: ReadonlyMap<string, Buffer> = new Map(),
): Promise<Buffer> {
  // Loaded on the first download: pdfkit weighs about 10 MB, which a resting service need not carry.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    bufferPages: true,
    margins: { top: M, bottom: M + 10, left: M, right: M },
    info: {
      Title: `PROSMED - Rapport trimestriel ${r.periodLabel}`,
      Author: 'PROSMED',
      Subject: 'Rapport trimestriel',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * M;

  doc.font('Helvetica-Bold').fontSize(15).fillColor(BLUE);
  doc.text(
    'PROGRAMME D’APPUI A LA STABILISATION DU MALI A TRAVERS LE RENFORCEMENT DE L’ETAT DE DROIT - PROSMED',
    { align: 'center' },
  );
  doc.moveDown(0.8).fontSize(20).text('RAPPORT TRIMESTRIEL', { align: 'center' });
  doc.moveDown(0.3).fontSize(14).text(r.periodLabel, { align: 'center' });
  doc.moveDown(0.3).font('Helvetica').fontSize(9).fillColor('black');
  const state = r.state === 'published' ? `publié, version ${r.publishedVersion}` : 'brouillon';
  doc.text(
    `Période du ${frDate(r.from)} au ${frDate(r.to)} — ${state} — généré le ${frDate(r.generatedAt)}`,
    { align: 'center' },
  );

  for (const s of r.sections) {
    doc.moveDown(1.2);
    if (doc.y > doc.page.height - 180) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(12).fillColor(BLUE).text(s.title, M, doc.y, { width });
    doc.moveDown(0.4).font('Helvetica').fontSize(10).fillColor('black');
    if (s.narrative) doc.text(s.narrative, { width, align: 'justify' }).moveDown(0.4);
    for (const p of s.paragraphs) doc.text(p, { width, align: 'justify' }).moveDown(0.3);
    if (s.indicators.length > 0) indicatorTable(doc, s.indicators, width);
    if (s.table && s.table.rows.length > 0) {
      placeTable(doc, s.table, width);
      barChart(doc, s.table, width);
    }
    for (const p of s.photos) {
      const bytes = photos.get(p.attachmentId);
      if (bytes) photo(doc, bytes, p.caption, width);
    }
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font('Helvetica').fontSize(8).fillColor('#555555');
    doc.text(
      `PROSMED — Rapport trimestriel ${r.periodLabel} — page ${i + 1}/${range.count}`,
      M,
      doc.page.height - M,
      {
        width,
        align: 'center',
        lineBreak: false,
      },
    );
  }
  doc.end();
  return done;
}

type Doc = InstanceType<typeof PDFKitDocument>;

function row(doc: Doc, cells: string[], widths: number[], bold = false): void {
  if (doc.y > doc.page.height - 90) doc.addPage();
  const y = doc.y;
  let x = M;
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
  const heights = cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 6 }));
  cells.forEach((c, i) => {
    doc.text(c, x + 3, y + 2, { width: widths[i] - 6, align: i === 0 ? 'left' : 'right' });
    x += widths[i];
  });
  const h = Math.max(...heights) + 4;
  doc
    .moveTo(M, y + h)
    .lineTo(M + widths.reduce((a, b) => a + b, 0), y + h)
    .strokeColor('#bbbbbb')
    .lineWidth(0.5)
    .stroke();
  doc.x = M;
  doc.y = y + h;
}

function indicatorTable(doc: Doc, list: ReportIndicatorDto[], width: number): void {
  doc.moveDown(0.4);
  const w = [width - 6 * 55, 55, 55, 55, 55, 55, 55];
  row(doc, ['Indicateur', 'Total', 'Femmes', 'Hommes', 'Jeunes', 'Cible', '% cible'], w, true);
  for (const i of list) {
    row(
      doc,
      [
        `${i.label} (${i.unit})`,
        n(i.value),
        n(i.female),
        n(i.male),
        n(i.youth),
        n(i.target),
        i.progress === null ? '—' : `${frNumber(i.progress)} %`,
      ],
      w,
    );
  }
}

function placeTable(doc: Doc, t: ReportTableDto, width: number): void {
  // The title goes with the table's first rows, not alone at the foot of a page.
  if (doc.y > doc.page.height - 160) doc.addPage();
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(9).text(t.title, M, doc.y, { width });
  doc.moveDown(0.2);
  const w = [width - 4 * 70, 70, 70, 70, 70];
  row(doc, ['Cercle', 'Total', 'Femmes', 'Hommes', 'Jeunes'], w, true);
  for (const r of t.rows) row(doc, [r.label, n(r.total), n(r.female), n(r.male), n(r.youth)], w);
}

/** Horizontal bars per cercle: the total in blue, its women in rose over it, the figures at the end. */
function barChart(doc: Doc, t: ReportTableDto, width: number): void {
  const rows = t.rows.filter((r) => r.total !== null);
  const max = Math.max(1, ...rows.map((r) => r.total));
  const barH = 10;
  const height = rows.length * (barH + 6) + 24;
  if (doc.y + height > doc.page.height - 70) doc.addPage();
  const top = doc.y + 10;
  const labelW = 110;
  const barMax = width - labelW - 90;
  doc.font('Helvetica').fontSize(8).fillColor('black');
  rows.forEach((r, k) => {
    const y = top + k * (barH + 6);
    doc.fillColor('black').text(r.label, M, y + 1, { width: labelW - 6, align: 'right', lineBreak: false });
    doc.rect(M + labelW, y, (r.total / max) * barMax, barH).fill(BLUE);
    if (r.female !== null && r.female > 0)
      doc.rect(M + labelW, y + 3, (r.female / max) * barMax, barH - 6).fill(ROSE);
    const label = r.female === null ? n(r.total) : `${n(r.total)} (${n(r.female)} F)`;
    doc
      .fillColor('black')
      .text(label, M + labelW + (r.total / max) * barMax + 4, y + 1, { lineBreak: false });
  });
  const legendY = top + rows.length * (barH + 6) + 2;
  doc.rect(M + labelW, legendY, 8, 8).fill(BLUE);
  doc.fillColor('black').text('Total', M + labelW + 12, legendY, { lineBreak: false });
  doc.rect(M + labelW + 60, legendY, 8, 8).fill(ROSE);
  doc.fillColor('black').text('Femmes', M + labelW + 72, legendY, { lineBreak: false });
  doc.x = M;
  doc.y = legendY + 16;
  doc.fillColor('black');
}

/** A photo fitted in a 240 x 180 box, its caption in italics under it. */
function photo(doc: Doc, bytes: Buffer, caption: string, width: number): void {
  if (doc.y + 210 > doc.page.height - 70) doc.addPage();
  const top = doc.y + 8;
  doc.image(bytes, M, top, { fit: [240, 180] });
  doc
    .font('Helvetica-Oblique')
    .fontSize(8)
    .fillColor('#333333')
    .text(caption, M, top + 184, { width });
  doc.fillColor('black');
  doc.x = M;
}
