import { domainError } from '@prosmed/contracts';

/**
 * Place codes, as `@prosmed/places` assigns them: `ML-` (map in force until 23 Sept 2024) or `ML2-`
 * (map since 24 Sept 2024), then one segment per level, each an upper-case letter and two letters or
 * digits; an arrondissement segment has an extra leading `A`. A commune's code extends its cercle's even
 * when an arrondissement sits between them.
 *
 *   ML-SEG             région de Ségou
 *   ML-SEG-SEG         cercle de Ségou
 *   ML-SEG-SEG-SEG     commune urbaine de Ségou
 *   ML-SEG-SAN         cercle de San (région de Ségou on the pre-2024 map)
 *   ML-SEG-SAN-SAN     commune urbaine de San
 *   ML-SEG-SEG-SEG-XXX a village of that commune
 */
export const PLACE_CODE_PATTERN = /^ML2?-[A-Z][A-Z0-9]{2}(?:-A?[A-Z][A-Z0-9]{2}){0,3}$/;

export interface PlaceRef {
  /** Payload field, for the error details (`placeCode`, `cercleCodes[1]`). */
  field: string;
  code: string;
}

/**
 * Whether place codes exist. The registry depends on this interface only; the implementation is bound in
 * `RegistryModule` under `PLACE_CHECKER`.
 */
export interface PlaceChecker {
  /** Throws `PLACE_UNKNOWN` (with the first unknown code) when one of them is not a known place. */
  assertKnown(refs: readonly PlaceRef[]): Promise<void>;
}

export const PLACE_CHECKER = Symbol('PLACE_CHECKER');

/**
 * Accepts every well-formed code without looking it up: there is no place reference data in this service
 * yet. A checker backed by `@prosmed/places` replaces it in `RegistryModule`, nothing else changes.
 */
export class FormatOnlyPlaceChecker implements PlaceChecker {
  async assertKnown(refs: readonly PlaceRef[]): Promise<void> {
    const bad = refs.find((r) => !PLACE_CODE_PATTERN.test(r.code));
    if (bad) {
      throw domainError('PLACE_UNKNOWN', { code: bad.code }, [{ field: bad.field, code: 'placeCodeFormat' }]);
    }
  }
}

/** Places at or below `code` in the tree: codes extend their parent's, so this is a prefix test. */
export function placeWithin(candidate: string, ancestor: string): boolean {
  return candidate === ancestor || candidate.startsWith(`${ancestor}-`);
}
