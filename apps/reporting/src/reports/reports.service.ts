import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Attachments, inspectFileUpload } from '@prosmed/attachments';
import { requirePermission } from '@prosmed/auth';
import {
  domainError,
  REPORT_SECTIONS,
  type DraftReportDto,
  type EditReportDto,
  type FileReply,
  type PublishReportDto,
  type ReportDto,
  type ReportFileQueryDto,
  type ReportListDto,
  type ReportPhotoUploadDto,
  type Dhis2DataValueSetDto,
} from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import { inTransaction } from '@prosmed/persistence';
import { IndicatorQueries } from '../indicators/indicator-queries';
import { auditActor, reportingAudit } from '../shared/audit';
import { parsePeriod } from '../shared/period';
import { toCsv } from './export/csv';
import { toDhis2 } from './export/dhis2';
import { suppressSmall } from './export/suppress';
import { buildSections } from './report-builder';
import { ReportData } from './report-data';
import { ReportRepository, reportView, type ReportRow } from './report-repository';

/** The quarterly report (item 5): drafted from the data, edited by the manager, frozen when published. */
@Injectable()
export class ReportsService {
  /** The report's photos, in the schema's attachment table (the store is the environment's). */
  private readonly files = new Attachments({ schema: 'reporting' });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly data: ReportData,
    private readonly reports: ReportRepository,
  ) {}

  async draft(rc: RequestContext, dto: DraftReportDto): Promise<ReportDto> {
    requirePermission(rc.identity, 'report:write');
    const period = parsePeriod(dto.period);
    const map = dto.map ?? IndicatorQueries.defaultMap(period);
    return inTransaction(this.dataSource, async (tx) => {
      const sections = buildSections(
        await this.data.indicators(tx, period, map),
        await this.data.activities(tx, period, map),
      );
      const content = {
        period: period.code,
        periodLabel: period.label,
        from: period.from,
        to: period.to,
        sections,
      };
      const row = await this.reports.insert(tx, period.code, map, content, rc.identity.sub);
      await reportingAudit.record(tx, {
        ...auditActor(rc),
        action: 'report.drafted',
        entityType: 'report',
        entityId: row.id,
        toState: 'draft',
        after: { period: period.code, map },
      });
      return reportView(row);
    });
  }

  async get(rc: RequestContext, id: string): Promise<ReportDto> {
    requirePermission(rc.identity, 'report:read');
    return reportView(await this.found(this.dataSource, id));
  }

  async list(rc: RequestContext, period?: string): Promise<ReportListDto> {
    requirePermission(rc.identity, 'report:read');
    const rows = (await this.reports.list(this.dataSource)).filter((r) => !period || r.period === period);
    return {
      items: rows.map((r) => ({
        id: r.id,
        period: r.period,
        state: r.state,
        version: r.version,
        generatedAt: new Date(r.generated_at).toISOString(),
      })),
    };
  }

  async edit(rc: RequestContext, dto: EditReportDto): Promise<ReportDto> {
    requirePermission(rc.identity, 'report:write');
    return inTransaction(this.dataSource, async (tx) => {
      const row = await this.editable(tx, dto.reportId, dto.version);
      const narratives = { ...row.narratives };
      for (const n of dto.narratives) {
        if (!REPORT_SECTIONS.includes(n.section)) {
          throw domainError('REPORT_SECTION_UNKNOWN', {
            section: n.section,
            sections: REPORT_SECTIONS.join(', '),
          });
        }
        if (n.text === '') delete narratives[n.section];
        else narratives[n.section] = n.text;
      }
      const after = await this.reports.saveNarratives(tx, row.id, narratives);
      await reportingAudit.record(tx, {
        ...auditActor(rc),
        action: 'report.edited',
        entityType: 'report',
        entityId: row.id,
        before: { version: row.version, sections: Object.keys(row.narratives) },
        after: { version: after.version, sections: Object.keys(narratives) },
      });
      return reportView(after);
    });
  }

  async publish(rc: RequestContext, dto: PublishReportDto): Promise<ReportDto> {
    requirePermission(rc.identity, 'report:write');
    return inTransaction(this.dataSource, async (tx) => {
      const row = await this.editable(tx, dto.reportId, dto.version);
      const frozen = { ...reportView(row), state: 'published' as const, publishedVersion: row.version };
      const after = await this.reports.publish(tx, row, frozen, rc.identity.sub);
      await reportingAudit.record(tx, {
        ...auditActor(rc),
        action: 'report.published',
        entityType: 'report',
        entityId: row.id,
        fromState: 'draft',
        toState: 'published',
        after: { version: row.version },
      });
      return reportView(after);
    });
  }

  /** A JPEG or PNG under a section of a draft, its caption kept with it; metadata (GPS) stripped. */
  async addPhoto(rc: RequestContext, dto: ReportPhotoUploadDto): Promise<ReportDto> {
    requirePermission(rc.identity, 'report:write');
    return inTransaction(this.dataSource, async (tx) => {
      const row = await this.found(tx, dto.reportId, true);
      if (row.state === 'published')
        throw domainError('REPORT_PUBLISHED', { version: row.published_version ?? row.version });
      const upload = inspectFileUpload(dto, { allowed: ['jpeg', 'png'] });
      const stored = await this.files.add(tx, {
        ownerType: 'report',
        ownerId: row.id,
        upload,
        uploadedBySub: rc.identity.sub,
      });
      const after = await this.reports.addPhoto(tx, row.id, {
        attachmentId: stored.id,
        section: dto.section,
        caption: dto.caption,
      });
      await reportingAudit.record(tx, {
        ...auditActor(rc),
        action: 'report.photo.added',
        entityType: 'report',
        entityId: row.id,
        after: {
          attachmentId: stored.id,
          kind: stored.kind,
          size: stored.size,
          sha256: stored.sha256,
          section: dto.section,
        },
      });
      return reportView(after);
    });
  }

  /** The report to export: a published version when asked, else as it stands; small counts masked on demand. */
  async forExport(rc: RequestContext, q: ReportFileQueryDto): Promise<ReportDto> {
    requirePermission(rc.identity, 'report:read');
    const row = await this.found(this.dataSource, q.reportId);
    let report = reportView(row);
    if (q.version !== undefined) {
      const frozen = await this.reports.publishedVersion(this.dataSource, row.id, q.version);
      if (!frozen) throw domainError('REPORT_VERSION_NOT_FOUND', { version: q.version });
      report = frozen;
    }
    return q.suppressBelow ? suppressSmall(report, q.suppressBelow) : report;
  }

  async csv(rc: RequestContext, q: ReportFileQueryDto): Promise<FileReply> {
    const r = await this.forExport(rc, q);
    return {
      base64: Buffer.from(toCsv(r), 'utf8').toString('base64'),
      filename: `prosmed-${r.period}.csv`,
      contentType: 'text/csv; charset=utf-8',
    };
  }

  async dhis2(rc: RequestContext, q: ReportFileQueryDto): Promise<Dhis2DataValueSetDto> {
    return toDhis2(await this.forExport(rc, q));
  }

  async xlsx(rc: RequestContext, q: ReportFileQueryDto): Promise<FileReply> {
    const r = await this.forExport(rc, q);
    // Loaded on first use: exceljs costs tens of MB that an idle service should not hold.
    const { renderXlsx } = await import('./export/xlsx');
    return {
      base64: (await renderXlsx(r)).toString('base64'),
      filename: `prosmed-${r.period}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }

  async pdf(rc: RequestContext, q: ReportFileQueryDto): Promise<FileReply> {
    const r = await this.forExport(rc, q);
    const photos = new Map<string, Buffer>();
    for (const p of r.sections.flatMap((s) => s.photos ?? [])) {
      const file = await this.files.content(this.dataSource.manager, p.attachmentId, {
        ownerType: 'report',
        ownerId: r.id,
      });
      photos.set(p.attachmentId, Buffer.from(file.base64, 'base64'));
    }
    const { renderReportPdf } = await import('./export/pdf');
    return {
      base64: (await renderReportPdf(r, photos)).toString('base64'),
      filename: `prosmed-${r.period}.pdf`,
      contentType: 'application/pdf',
    };
  }

  private async found(tx: Pick<DataSource, 'query'>, id: string, lock = false): Promise<ReportRow> {
    const row = await this.reports.find(tx, id, lock);
    if (!row) throw domainError('REPORT_NOT_FOUND');
    return row;
  }

  private async editable(tx: Pick<DataSource, 'query'>, id: string, version: number): Promise<ReportRow> {
    const row = await this.found(tx, id, true);
    if (row.state === 'published')
      throw domainError('REPORT_PUBLISHED', { version: row.published_version ?? row.version });
    if (row.version !== version)
      throw domainError('VERSION_CONFLICT', { expected: version, actual: row.version });
    return row;
  }
}
