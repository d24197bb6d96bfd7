import { Injectable } from '@nestjs/common';
import { domainError } from '@prosmed/contracts';
import { PlaceRules, type CcsSeat } from './place-rules';
import type { Tx } from './sql';

interface SeatRow {
  code: string;
  place_code: string;
  active_from: string;
  active_to: string | null;
}

/**
 * The CCS a new record is entered for, checked: it exists, was active on the record's date, and the
 * record's place lies in its territory. The caller has already checked that the CCS is hers (scope).
 */
@Injectable()
export class CcsSeats {
  constructor(private readonly places: PlaceRules) {}

  async forRecord(
    tx: Tx,
    ccsCode: string,
    date: string,
    place: { field: string; code: string },
  ): Promise<CcsSeat> {
    // FOR SHARE: the CCS cannot be changed (moved, closed) before this record commits.
    const rows: SeatRow[] = await tx.query(
      `SELECT "code", "place_code", "active_from"::text AS "active_from", "active_to"::text AS "active_to"
         FROM "security"."ccs" WHERE "code" = $1 FOR SHARE`,
      [ccsCode],
    );
    const row = rows[0];
    if (!row) throw domainError('CCS_NOT_FOUND', { code: ccsCode });
    if (date < row.active_from || (row.active_to !== null && date > row.active_to)) {
      throw domainError('CCS_INACTIVE', {
        code: ccsCode,
        date,
        activeFrom: row.active_from,
        activeTo: row.active_to ?? '…',
      });
    }
    const seat = { code: row.code, placeCode: row.place_code };
    this.places.assertInCcs(place.field, place.code, seat);
    return seat;
  }

  /** Where a CCS sits, for a change of place on an existing record. */
  async seat(tx: Tx, ccsCode: string): Promise<CcsSeat> {
    const rows: SeatRow[] = await tx.query(
      `SELECT "code", "place_code" FROM "security"."ccs" WHERE "code" = $1`,
      [ccsCode],
    );
    if (!rows[0]) throw domainError('CCS_NOT_FOUND', { code: ccsCode });
    return { code: rows[0].code, placeCode: rows[0].place_code };
  }
}
