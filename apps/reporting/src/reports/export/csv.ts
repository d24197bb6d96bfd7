import type { ReportDto } from '@prosmed/contracts';

/**
 * The report's figures as CSV for a French spreadsheet: `;` between fields, a decimal comma, UTF-8 with a
 * BOM (so accents open right), one line per indicator then one per cercle of each section's table. A masked
 * count is an empty field.
 */
export function toCsv(r: ReportDto): string {
  const cell = (v: string | number | null): string => {
    if (v === null) return '';
    if (typeof v === 'number') return String(v).replace('.', ',');
    return /[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const lines: string[] = [
    [
      'periode',
      'section',
      'indicateur',
      'libelle',
      'unite',
      'lieu',
      'total',
      'femmes',
      'hommes',
      'jeunes',
      'cible',
      'avancement_pct',
    ].join(';'),
  ];
  for (const s of r.sections) {
    for (const i of s.indicators) {
      lines.push(
        [
          r.period,
          s.key,
          i.code,
          i.label,
          i.unit,
          'ML',
          i.value,
          i.female,
          i.male,
          i.youth,
          i.target,
          i.progress,
        ]
          .map(cell)
          .join(';'),
      );
    }
    for (const row of s.table?.rows ?? []) {
      lines.push(
        [
          r.period,
          s.key,
          'tableau',
          s.table?.title ?? '',
          'personnes',
          row.placeCode,
          row.total,
          row.female,
          row.male,
          row.youth,
          null,
          null,
        ]
          .map(cell)
          .join(';'),
      );
    }
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
