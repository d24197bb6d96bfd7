import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReportDto, ReportPhotoDto, ReportSectionDto, ReportState } from '@prosmed/contracts';

type Tx = Pick<EntityManager, 'query'>;

/** What a report holds besides its state: the generated sections and the words it is printed with. */
export interface ReportContent {
  period: string;
  periodLabel: string;
  from: string;
  to: string;
  sections: ReportSectionDto[];
}

export interface ReportRow {
  id: string;
  period: string;
  map: string;
  state: ReportState;
  version: number;
  content: ReportContent;
  narratives: Record<string, string>;
  generated_at: Date;
  published_version: number | null;
  published_at: Date | null;
  photos: ReportPhotoDto[];
}

const COLUMNS = `"id", "period", "map", "state", "version", "content", "narratives", "generated_at", "published_version", "published_at", "photos"`;

@Injectable()
export class ReportRepository {
  async insert(tx: Tx, period: string, map: string, content: ReportContent, by: string): Promise<ReportRow> {
    const [row]: ReportRow[] = await tx.query(
      `INSERT INTO "reporting"."report" ("period", "map", "content", "created_by") VALUES ($1, $2, $3::jsonb, $4) RETURNING ${COLUMNS}`,
      [period, map, JSON.stringify(content), by],
    );
    return row;
  }

  async find(tx: Tx, id: string, lock = false): Promise<ReportRow | undefined> {
    const rows: ReportRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM "reporting"."report" WHERE "id" = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0];
  }

  async list(tx: Tx): Promise<ReportRow[]> {
    return tx.query(`SELECT ${COLUMNS} FROM "reporting"."report" ORDER BY "generated_at" DESC LIMIT 200`);
  }

  async saveNarratives(tx: Tx, id: string, narratives: Record<string, string>): Promise<ReportRow> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows]: [ReportRow[], number] = await tx.query(
      `UPDATE "reporting"."report" SET "narratives" = $2::jsonb, "version" = "version" + 1 WHERE "id" = $1 RETURNING ${COLUMNS}`,
      [id, JSON.stringify(narratives)],
    );
    return rows[0];
  }

  async addPhoto(tx: Tx, id: string, photo: ReportPhotoDto): Promise<ReportRow> {
    const [rows]: [ReportRow[], number] = await tx.query(
      `UPDATE "reporting"."report" SET "photos" = "photos" || $2::jsonb WHERE "id" = $1 RETURNING ${COLUMNS}`,
      [id, JSON.stringify([photo])],
    );
    return rows[0];
  }

  async publish(tx: Tx, row: ReportRow, frozen: ReportDto, by: string): Promise<ReportRow> {
    await tx.query(
      `INSERT INTO "reporting"."report_version" ("report_id", "version", "content", "published_by") VALUES ($1, $2, $3::jsonb, $4)`,
      [row.id, row.version, JSON.stringify(frozen), by],
    );
    const [rows]: [ReportRow[], number] = await tx.query(
      `UPDATE "reporting"."report" SET "state" = 'published', "published_version" = "version", "published_at" = now()
        WHERE "id" = $1 RETURNING ${COLUMNS}`,
      [row.id],
    );
    return rows[0];
  }

  async publishedVersion(tx: Tx, id: string, version: number): Promise<ReportDto | undefined> {
    const rows: { content: ReportDto }[] = await tx.query(
      `SELECT "content" FROM "reporting"."report_version" WHERE "report_id" = $1 AND "version" = $2`,
      [id, version],
    );
    return rows[0]?.content;
  }
}

/** The report as read: generated sections with the manager's words in them. */
export function reportView(r: ReportRow): ReportDto {
  return {
    id: r.id,
    period: r.period,
    periodLabel: r.content.periodLabel,
    from: r.content.from,
    to: r.content.to,
    map: r.map,
    state: r.state,
    version: r.version,
    publishedVersion: r.published_version,
    sections: r.content.sections.map((s) => ({
      ...s,
      narrative: r.narratives[s.key] ?? null,
      photos: (r.photos ?? []).filter((p) => p.section === s.key),
    })),
    generatedAt: new Date(r.generated_at).toISOString(),
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
  };
}
