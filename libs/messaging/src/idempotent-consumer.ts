import type { DataSource, EntityManager } from 'typeorm';
import { assertSchemaName } from '@prosmed/persistence';

export type IdempotentResult<T> = { applied: true; result: T } | { applied: false };

/**
 * Applies a message's effect at most once per consumer: the processed-message row is inserted in the
 * same transaction as the effect. A redelivered message finds the row and is skipped; two deliveries
 * in flight at once serialise on the primary key and the second one is skipped.
 */
export class IdempotentConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly consumer: string,
  ) {
    assertSchemaName(schema);
  }

  async handle<T>(
    messageId: string,
    effect: (tx: EntityManager) => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    if (!messageId) throw new Error('IdempotentConsumer.handle needs a message id');
    return this.dataSource.transaction(async (tx) => {
      const claimed: unknown[] = await tx.query(
        `INSERT INTO "${this.schema}"."processed_message" ("consumer", "message_id") VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING 1`,
        [this.consumer, messageId],
      );
      if (claimed.length === 0) return { applied: false } as const;
      return { applied: true, result: await effect(tx) } as const;
    });
  }
}
