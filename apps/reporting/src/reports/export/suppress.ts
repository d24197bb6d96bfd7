import type { FigureDto, ReportDto } from '@prosmed/contracts';

/**
 * A report fit to leave the programme: every count from 1 to `threshold - 1` masked (null), so that a
 * small group (3 women of one village) cannot be singled out. The generated sentences quote the counts, so
 * they are replaced by a note; the manager's narrative is kept (she writes it for publication).
 */
export function suppressSmall(report: ReportDto, threshold: number): ReportDto {
  const mask = (n: number | null): number | null => (n !== null && n > 0 && n < threshold ? null : n);
  const fig = <T extends FigureDto>(f: T): T => ({
    ...f,
    value: mask(f.value) as number,
    female: mask(f.female),
    male: mask(f.male),
    youth: mask(f.youth),
  });
  const note = `Export public : les effectifs inférieurs à ${threshold} sont masqués.`;
  return {
    ...report,
    sections: report.sections.map((s) => ({
      ...s,
      paragraphs: [note],
      indicators: s.indicators.map(fig),
      table: s.table
        ? {
            ...s.table,
            rows: s.table.rows.map((r) => ({
              ...r,
              total: mask(r.total) as number,
              female: mask(r.female),
              male: mask(r.male),
              youth: mask(r.youth),
            })),
          }
        : null,
    })),
  };
}
