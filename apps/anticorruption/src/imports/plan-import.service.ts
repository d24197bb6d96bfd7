import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { inspectFileUpload } from '@prosmed/attachments';
import { requirePermission } from '@prosmed/auth';
import {
  domainError,
  PLAN_FILE_MAX_BYTES,
  renderMessage,
  type FileReply,
  type PlanExportQueryDto,
  type PlanImportDto,
  type PlanImportResultDto,
  type SpreadsheetFormat,
} from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import { inTransaction } from '@prosmed/persistence';
import { acAudit, auditActor } from '../shared/audit';
import { PlanWriter } from './plan-writer';
import { TEMPLATE_EXAMPLE, type PlanSheetRow } from './plan-template';
import { sheetRowOf, validatePlanSheet, type PlanContext } from './plan-validator';
import { parseCsv, parseXlsx, UnreadableSheet, writeCsv, writeXlsx } from './spreadsheet-io';

const CONTENT_TYPES: Record<SpreadsheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The plan spreadsheet: import (all or nothing), export in the same template, the empty template. */
@Injectable()
export class PlanImportService {
  private readonly writer = new PlanWriter();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async import(rc: RequestContext, dto: PlanImportDto): Promise<PlanImportResultDto> {
    requirePermission(rc.identity, 'plan:write');
    // The content says what the file is (a renamed program or PDF is refused here, with its code).
    const file = inspectFileUpload(dto, { allowed: ['xlsx', 'csv'], maxBytes: PLAN_FILE_MAX_BYTES });
    const format: SpreadsheetFormat = file.kind === 'xlsx' ? 'xlsx' : 'csv';
    let cells: string[][];
    try {
      cells = format === 'xlsx' ? await parseXlsx(file.bytes) : parseCsv(file.bytes);
    } catch (err) {
      if (err instanceof UnreadableSheet) {
        throw domainError('PLAN_IMPORT_UNREADABLE', { fileName: dto.fileName, format: format.toUpperCase() });
      }
      throw err;
    }
    return inTransaction(this.dataSource, async (tx) => {
      // One import at a time: two files naming the same new objective must not both insert it.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('anticorruption.plan.import'))`);
      const { errors, lines } = validatePlanSheet(cells, await this.context(tx));
      if (errors.length) {
        throw domainError(
          'PLAN_IMPORT_INVALID',
          { count: errors.length },
          errors.map((e) => ({
            field: e.column ? `rows[${e.row}].${e.column}` : `rows[${e.row}]`,
            code: e.code,
            message: renderMessage(e.code, rc.language, e.params),
          })),
        );
      }
      const result = await this.writer.write(tx, lines);
      await acAudit.record(tx, {
        ...auditActor(rc),
        action: 'plan.imported',
        entityType: 'plan',
        entityId: 'SNLCC-2023-2027',
        after: { fileName: dto.fileName, ...result },
      });
      return result;
    });
  }

  async template(rc: RequestContext, format: SpreadsheetFormat): Promise<FileReply> {
    requirePermission(rc.identity, 'action:read');
    return this.file(`modele-plan-snlcc.${format}`, format, [TEMPLATE_EXAMPLE]);
  }

  async export(rc: RequestContext, q: PlanExportQueryDto): Promise<FileReply> {
    requirePermission(rc.identity, 'report:read');
    const format = q.format ?? 'xlsx';
    const rows = (await this.writer.read(this.dataSource.manager, q.codePrefix)).map(sheetRowOf);
    return this.file(`plan-snlcc.${format}`, format, rows);
  }

  private async file(filename: string, format: SpreadsheetFormat, rows: PlanSheetRow[]): Promise<FileReply> {
    const bytes = format === 'csv' ? writeCsv(rows) : await writeXlsx(rows);
    return { base64: bytes.toString('base64'), filename, contentType: CONTENT_TYPES[format] };
  }

  private async context(tx: EntityManager): Promise<PlanContext> {
    const [structures, actions, objectives, results] = await Promise.all([
      tx.query(`SELECT "code" FROM "anticorruption"."structure"`) as Promise<{ code: string }[]>,
      tx.query(`SELECT "code" FROM "anticorruption"."action"`) as Promise<{ code: string }[]>,
      tx.query(
        `SELECT "code", "axis_code" || '|' || coalesce("parent_code", '') || '|' || "title" AS "key"
           FROM "anticorruption"."objective"`,
      ) as Promise<{ code: string; key: string }[]>,
      tx.query(
        `SELECT "code", "objective_code" || '|' || "title" AS "key" FROM "anticorruption"."expected_result"`,
      ) as Promise<{ code: string; key: string }[]>,
    ]);
    return {
      structures: new Set(structures.map((r) => r.code)),
      actionCodes: new Set(actions.map((r) => r.code)),
      objectives: new Map(objectives.map((r) => [r.code, r.key])),
      results: new Map(results.map((r) => [r.code, r.key])),
    };
  }
}
