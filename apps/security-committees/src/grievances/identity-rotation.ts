import type { DataSource } from 'typeorm';
import { inTransaction } from '@prosmed/persistence';
import { IdentityCipher, type IdentityKeys } from './identity-cipher';

/** Rows re-encrypted per transaction: short locks, and a crash loses at most one batch's progress. */
const BATCH = 200;

/**
 * Re-encrypts every stored complainant identity that is not under the current key (the first of
 * `CCS_IDENTITY_KEYS`) with it. Run after putting a new key first and keeping the old ones after it; once
 * it reports 0 left, the old keys can be removed. Safe to run twice, or while the service runs (rows are
 * locked one batch at a time; `SKIP LOCKED` leaves a row being edited for the next pass). `onlyIds`
 * limits it to some grievances (tests on a shared database).
 */
export async function rotateIdentityKeys(
  ds: DataSource,
  keys: IdentityKeys,
  onlyIds?: readonly string[],
): Promise<{ rotated: number; left: number }> {
  const cipher = new IdentityCipher(keys);
  const pattern = `${keys.currentId}:%`;
  const only = onlyIds ? `AND "id" = ANY($3::uuid[])` : '';
  const args = (extra: unknown[]) => (onlyIds ? [...extra, onlyIds] : extra);
  let rotated = 0;
  for (;;) {
    const done = await inTransaction(ds, async (tx) => {
      const rows: { id: string; complainant: string }[] = await tx.query(
        `SELECT "id", "complainant" FROM "security"."grievance"
          WHERE "complainant" IS NOT NULL AND "complainant" NOT LIKE $1 ${only}
          ORDER BY "id" LIMIT $2 FOR UPDATE SKIP LOCKED`,
        args([pattern, BATCH]),
      );
      for (const r of rows) {
        await tx.query(`UPDATE "security"."grievance" SET "complainant" = $2 WHERE "id" = $1`, [
          r.id,
          cipher.reencrypt(r.complainant, `grievance:${r.id}`),
        ]);
      }
      return rows.length;
    });
    rotated += done;
    if (done < BATCH) break;
  }
  const [{ left }]: { left: string }[] = await ds.query(
    `SELECT count(*) AS "left" FROM "security"."grievance"
      WHERE "complainant" IS NOT NULL AND "complainant" NOT LIKE $1 ${onlyIds ? 'AND "id" = ANY($2::uuid[])' : ''}`,
    onlyIds ? [pattern, onlyIds] : [pattern],
  );
  return { rotated, left: Number(left) };
}
