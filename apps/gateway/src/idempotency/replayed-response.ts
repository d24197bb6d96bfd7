/** The stored first answer of an idempotent POST, thrown so that the exception filter sends it verbatim. */
export class ReplayedResponse {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string>,
  ) {}
}

export const REPLAYED_HEADER = 'Idempotent-Replayed';
