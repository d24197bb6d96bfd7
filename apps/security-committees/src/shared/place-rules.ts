import { Injectable } from '@nestjs/common';
import { domainError } from '@prosmed/contracts';
import { liesWithin, shippedPlaceDirectory, territoryRoots, type PlaceDirectory } from '@prosmed/places';

/** The CCS a record is entered for: its code and the unit it serves. */
export interface CcsSeat {
  code: string;
  placeCode: string;
}

/** The commune a village code sits under (`ML-SEG-SEG-SEG-DIO` -> `ML-SEG-SEG-SEG`). */
function parentCode(code: string): string {
  return code.slice(0, code.lastIndexOf('-'));
}

/**
 * Place rules of the CCS service over the directory shipped with `@prosmed/places` (both maps and the
 * crosswalk). Villages are mostly not shipped (admins import them in the land service, whose tables this
 * service does not read): a village code is accepted under a known commune, and lies where its commune lies.
 */
@Injectable()
export class PlaceRules {
  readonly directory: PlaceDirectory = shippedPlaceDirectory();

  /** The known unit standing for `code`: itself, or for an unshipped village, its commune. */
  private known(code: string): string | undefined {
    if (this.directory.exists(code)) return code;
    const parent = this.directory.get(parentCode(code));
    return parent?.level === 'commune' ? parent.code : undefined;
  }

  /** `PLACE_UNKNOWN` naming the field. */
  assertKnown(field: string, code: string): void {
    if (this.known(code) === undefined) {
      throw domainError('PLACE_UNKNOWN', { code }, [{ field, code: 'unknownPlace' }]);
    }
  }

  /** `PLACE_OUTSIDE_CCS` unless `code` is the CCS's unit or lies under it, on either map. */
  assertInCcs(field: string, code: string, ccs: CcsSeat): void {
    this.assertKnown(field, code);
    const unit = this.known(code) as string;
    // An unshipped village lies where its commune lies; a known place is checked as it is.
    if (liesWithin(this.directory, code, ccs.placeCode) || liesWithin(this.directory, unit, ccs.placeCode)) {
      return;
    }
    const seat = this.directory.get(ccs.placeCode);
    throw domainError(
      'PLACE_OUTSIDE_CCS',
      { code, ccsCode: ccs.code, territory: seat ? `${seat.level} de ${seat.name}` : ccs.placeCode },
      [{ field, code: 'outsideCcs' }],
    );
  }

  /** SQL "at or under `code`, on either map" over a place-code column. */
  withinSql(column: string, code: string, p: (v: unknown) => string): string {
    const parts = territoryRoots(this.directory, code).map((root) => {
      const r = p(root);
      return `${column} = ${r} OR ${column} LIKE ${r} || '-%'`;
    });
    return `(${parts.join(' OR ')})`;
  }
}
