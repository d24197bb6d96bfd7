import { type IsoDate } from './place.types';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (2023-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A `Date` (its UTC day) or an ISO date string, as `YYYY-MM-DD`; throws on anything else. */
export function toIsoDate(at: IsoDate | Date): IsoDate {
  if (at instanceof Date) {
    if (Number.isNaN(at.getTime())) throw new RangeError('Invalid Date');
    return at.toISOString().slice(0, 10);
  }
  if (!isIsoDate(at)) throw new RangeError(`Not a YYYY-MM-DD date: "${at}"`);
  return at;
}

/** True when `at` falls in [validFrom, validTo], both inclusive, an open end when validTo is null. */
export function isWithin(at: IsoDate, validFrom: IsoDate, validTo: IsoDate | null): boolean {
  // ISO dates of the same width sort like the days they name.
  return validFrom <= at && (validTo === null || at <= validTo);
}
