import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  domainError,
  type PlaceDetailV1,
  type PlaceImportResultV1,
  type PlaceV1,
  type PlaceSearchDto,
} from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import { requirePermission } from '@prosmed/auth';
import { inTransaction } from '@prosmed/persistence';
import { shippedPlaceDirectory, type Place, type PlaceDirectory } from '@prosmed/places';
import { auditActor, landAudit } from '../shared/audit';
import type { PlaceChecker, PlaceRef } from '../shared/place-checker';

/** How often a replica looks for places imported through another replica. */
const REFRESH_MS = 5000;

interface ImportedRow {
  code: string;
  name: string;
  level: Place['level'];
  parent_code: string | null;
  map: Place['map'];
  valid_from: string;
  valid_to: string | null;
}

const view = (p: Place): PlaceV1 => ({
  code: p.code,
  name: p.name,
  level: p.level,
  parentCode: p.parentCode,
  map: p.map,
  validFrom: p.validFrom,
  validTo: p.validTo,
});

/**
 * The place directory of this service: the reference data shipped with @prosmed/places plus what admins
 * imported (table `land.imported_place`). Lookups are in memory; imports are all or nothing.
 */
@Injectable()
export class PlacesService implements PlaceChecker {
  private readonly shipped = shippedPlaceDirectory();
  private directory: PlaceDirectory = this.shipped;
  private stamp = '';
  private checkedAt = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The directory, refreshed when another replica imported places (checked at most every 5 s). */
  async current(force = false): Promise<PlaceDirectory> {
    if (!force && Date.now() - this.checkedAt < REFRESH_MS) return this.directory;
    this.checkedAt = Date.now();
    const [{ stamp }]: { stamp: string }[] = await this.dataSource.query(
      `SELECT count(*) || ':' || COALESCE(max("imported_at")::text, '') AS "stamp" FROM "land"."imported_place"`,
    );
    if (stamp !== this.stamp) {
      const rows: ImportedRow[] = await this.dataSource.query(
        `SELECT "code", "name", "level", "parent_code", "map", "valid_from"::text AS "valid_from", "valid_to"::text AS "valid_to"
           FROM "land"."imported_place" ORDER BY "imported_at", "code"`,
      );
      this.directory = this.shipped.withImported(rows.map(fromRow));
      this.stamp = stamp;
    }
    return this.directory;
  }

  /** A code unknown here may have been imported through another replica a moment ago: look again. */
  private async lookup(codes: readonly string[]): Promise<PlaceDirectory> {
    const dir = await this.current();
    return codes.every((c) => dir.exists(c)) ? dir : this.current(true);
  }

  async assertKnown(refs: readonly PlaceRef[]): Promise<void> {
    const dir = await this.lookup(refs.map((r) => r.code));
    const bad = refs.find((r) => !dir.exists(r.code));
    if (bad)
      throw domainError('PLACE_UNKNOWN', { code: bad.code }, [{ field: bad.field, code: 'unknownPlace' }]);
  }

  async search(q: PlaceSearchDto): Promise<PlaceV1[]> {
    const dir = await this.current();
    return dir.search(q.q, { level: q.level, map: q.map, limit: q.limit ?? 20 }).map(view);
  }

  async get(code: string): Promise<PlaceDetailV1> {
    const dir = await this.lookup([code]);
    const p = dir.get(code);
    if (!p) throw domainError('PLACE_NOT_FOUND', { code });
    const other = p.map === 'pre2024' ? 'post2024' : 'pre2024';
    const on = (level: Place['level']) => {
      const u = dir.rollUp(code, level, { map: other });
      return u ? view(u) : null;
    };
    return {
      ...view(p),
      ancestors: dir.ancestors(code).map(view),
      children: dir.children(code).map(view),
      onOtherMap: { region: on('region'), cercle: p.level === 'region' ? null : on('cercle') },
    };
  }

  /** Admin only. Every bad row is reported by line and nothing is written unless the whole file is valid. */
  async import(rc: RequestContext, csv: string): Promise<PlaceImportResultV1> {
    requirePermission(rc.identity, 'place:write');
    const base = await this.current();
    const { directory, places, errors } = base.importCsv(csv);
    if (!directory) {
      throw domainError(
        'PLACES_IMPORT_INVALID',
        { count: errors.length },
        errors.slice(0, 200).map((e) => ({
          field: `line ${e.line}: ${e.field}`,
          code: e.code,
          message: rc.language === 'en' ? e.message_en : e.message_fr,
        })),
      );
    }
    const fresh = places.filter((p) => !base.exists(p.code));
    await inTransaction(this.dataSource, async (tx) => {
      for (let i = 0; i < fresh.length; i += 500) {
        const chunk = fresh.slice(i, i + 500);
        const values: unknown[] = [];
        const tuples = chunk.map((p, k) => {
          values.push(
            p.code,
            p.name,
            p.level,
            p.parentCode,
            p.map,
            p.validFrom,
            p.validTo,
            rc.identity.username,
          );
          return `(${Array.from({ length: 8 }, (_, j) => `$${k * 8 + j + 1}`).join(', ')})`;
        });
        await tx.query(
          `INSERT INTO "land"."imported_place" ("code", "name", "level", "parent_code", "map", "valid_from", "valid_to", "imported_by")
           VALUES ${tuples.join(', ')}`,
          values,
        );
      }
      await landAudit.record(tx, {
        ...auditActor(rc),
        action: 'places.imported',
        entityType: 'places',
        entityId: 'import',
        after: { imported: fresh.length, codes: fresh.slice(0, 50).map((p) => p.code) },
      });
    });
    this.checkedAt = 0;
    return { imported: fresh.length, skipped: places.length - fresh.length };
  }
}

function fromRow(r: ImportedRow): Place {
  return {
    code: r.code,
    name: r.name,
    level: r.level,
    parentCode: r.parent_code,
    map: r.map,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  };
}
