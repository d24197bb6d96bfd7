import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requirePermission } from '@prosmed/auth';
import { domainError, type ExecutionReportDto, type FileReply } from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import { today } from '../shared/lateness';
import { executionReport, type ActionFact } from './execution-rate';
import { executionReportXlsx } from './report-xlsx';
import { ReportFacts } from './report-facts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Execution reports: live (validated values as of a period) or frozen at a session's closing. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly facts: ReportFacts,
  ) {}

  async execution(rc: RequestContext, period: string | undefined): Promise<ExecutionReportDto> {
    requirePermission(rc.identity, 'report:read');
    return (await this.live(period ?? null)).report;
  }

  async executionXlsx(rc: RequestContext, period: string | undefined): Promise<FileReply> {
    requirePermission(rc.identity, 'report:read');
    const { report, facts } = await this.live(period ?? null);
    return this.file(`rapport-execution-snlcc${period ? `-${period}` : ''}.xlsx`, report, facts);
  }

  async session(rc: RequestContext, sessionId: string): Promise<ExecutionReportDto> {
    requirePermission(rc.identity, 'report:read');
    return (await this.frozen(sessionId)).report;
  }

  async sessionXlsx(rc: RequestContext, sessionId: string): Promise<FileReply> {
    requirePermission(rc.identity, 'report:read');
    const { report, facts } = await this.frozen(sessionId);
    return this.file(`rapport-session-${report.period}.xlsx`, report, facts);
  }

  private async live(period: string | null): Promise<{ report: ExecutionReportDto; facts: ActionFact[] }> {
    const tx = this.dataSource.manager;
    const asOf = today();
    const facts = await this.facts.live(tx, period, asOf);
    return {
      facts,
      report: executionReport(facts, await this.facts.labels(tx), { period, sessionId: null, asOf }),
    };
  }

  /** The session's snapshot, written at its closing: nothing validated later changes it. */
  private async frozen(sessionId: string): Promise<{ report: ExecutionReportDto; facts: ActionFact[] }> {
    const tx = this.dataSource.manager;
    const rows: { state: string; period_to: string; closed_at: Date | null }[] = await tx.query(
      `SELECT "state", "period_to", "closed_at" FROM "anticorruption"."committee_session" WHERE "id" = $1`,
      [sessionId],
    );
    const s = rows[0];
    if (!s) throw domainError('SESSION_NOT_FOUND');
    if (s.state !== 'closed' || !s.closed_at) throw domainError('SESSION_NOT_CLOSED');
    const facts = await this.facts.frozen(tx, sessionId);
    const asOf = new Date(s.closed_at).toISOString().slice(0, 10);
    const report = executionReport(facts, await this.facts.labels(tx), {
      period: s.period_to,
      sessionId,
      asOf,
    });
    return { report, facts };
  }

  private async file(filename: string, report: ExecutionReportDto, facts: ActionFact[]): Promise<FileReply> {
    const bytes = await executionReportXlsx(report, facts);
    return { base64: bytes.toString('base64'), filename, contentType: XLSX };
  }
}
