import type { EntityManager } from 'typeorm';
import type { PlanImportResultDto } from '@prosmed/contracts';
import type { PlanLine } from './plan-validator';

type Tx = EntityManager;

/** The SQL of the spreadsheet: writes validated lines, reads the plan back as lines (export). */
export class PlanWriter {
  /** Objectives and results new to the plan, then every action and its indicator, in one transaction. */
  async write(tx: Tx, lines: readonly PlanLine[]): Promise<PlanImportResultDto> {
    let objectives = 0;
    let results = 0;
    for (const l of lines) {
      objectives += await this.insertObjective(
        tx,
        l.specific.code,
        'specific',
        l.axis,
        null,
        l.specific.title,
      );
      objectives += await this.insertObjective(
        tx,
        l.operational.code,
        'operational',
        l.axis,
        l.specific.code,
        l.operational.title,
      );
      const r: unknown[] = await tx.query(
        `INSERT INTO "anticorruption"."expected_result" ("code", "objective_code", "title") VALUES ($1, $2, $3)
         ON CONFLICT ("code") DO NOTHING RETURNING "code"`,
        [l.result.code, l.operational.code, l.result.title],
      );
      results += r.length;
      const [{ id }]: { id: string }[] = await tx.query(
        `INSERT INTO "anticorruption"."action" ("code", "title", "result_code", "responsible_code", "partner_codes",
           "start_on", "end_on", "budget_planned")
         VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8) RETURNING "id"`,
        [
          l.action.code,
          l.action.title,
          l.result.code,
          l.action.responsible,
          l.action.partners,
          l.action.startOn,
          l.action.endOn,
          l.action.budget,
        ],
      );
      if (l.indicator) {
        await tx.query(
          `INSERT INTO "anticorruption"."indicator" ("action_id", "position", "label", "unit", "baseline", "targets")
           VALUES ($1, 1, $2, $3, $4, $5::jsonb)`,
          [
            id,
            l.indicator.label,
            l.indicator.unit,
            l.indicator.baseline,
            JSON.stringify(l.indicator.targets),
          ],
        );
      }
    }
    return { actions: lines.length, objectives, results };
  }

  private async insertObjective(
    tx: Tx,
    code: string,
    level: 'specific' | 'operational',
    axis: string,
    parent: string | null,
    title: string,
  ): Promise<number> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO "anticorruption"."objective" ("code", "level", "axis_code", "parent_code", "title")
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT ("code") DO NOTHING RETURNING "code"`,
      [code, level, axis, parent, title],
    );
    return rows.length;
  }

  /** The plan as template lines, by action code (first indicator of each action). */
  async read(tx: Tx, codePrefix?: string): Promise<Omit<PlanLine, 'row'>[]> {
    const rows: {
      axis: string;
      sc: string;
      st: string;
      oc: string;
      ot: string;
      rc: string;
      rt: string;
      code: string;
      title: string;
      resp: string;
      partners: string[];
      start_on: string;
      end_on: string;
      budget: string;
      label: string | null;
      unit: string | null;
      baseline: string | null;
      targets: Record<string, number> | null;
    }[] = await tx.query(
      `SELECT os."axis_code" AS "axis", os."code" AS "sc", os."title" AS "st", oo."code" AS "oc", oo."title" AS "ot",
              r."code" AS "rc", r."title" AS "rt", a."code", a."title", a."responsible_code" AS "resp", a."partner_codes" AS "partners",
              a."start_on"::text AS "start_on", a."end_on"::text AS "end_on", a."budget_planned"::text AS "budget",
              i."label", i."unit", i."baseline"::text AS "baseline", i."targets"
         FROM "anticorruption"."action" a
         JOIN "anticorruption"."expected_result" r ON r."code" = a."result_code"
         JOIN "anticorruption"."objective" oo ON oo."code" = r."objective_code"
         JOIN "anticorruption"."objective" os ON os."code" = oo."parent_code"
         LEFT JOIN "anticorruption"."indicator" i ON i."action_id" = a."id" AND i."position" = 1
        WHERE $1::text IS NULL OR starts_with(a."code", $1)
        ORDER BY a."code"`,
      [codePrefix ?? null],
    );
    return rows.map((r) => ({
      axis: r.axis,
      specific: { code: r.sc, title: r.st },
      operational: { code: r.oc, title: r.ot },
      result: { code: r.rc, title: r.rt },
      action: {
        code: r.code,
        title: r.title,
        responsible: r.resp,
        partners: r.partners,
        startOn: r.start_on,
        endOn: r.end_on,
        budget: Number(r.budget),
      },
      indicator:
        r.label !== null
          ? { label: r.label, unit: r.unit ?? '', baseline: Number(r.baseline), targets: r.targets ?? {} }
          : null,
    }));
  }
}
