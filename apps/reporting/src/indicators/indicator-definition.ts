import { domainError, type DefineIndicatorDto } from '@prosmed/contracts';
import { EVENT_SOURCES } from '../ingest/event-sources';

const MAX_WHERE_VALUES = 20;

/** Refuses a definition that would count nothing or crash the fact builder, naming the reason in both languages. */
export function assertDefinition(dto: DefineIndicatorDto): void {
  const fail = (fr: string, en: string) =>
    domainError('INDICATOR_DEFINITION_INVALID', { reason: fr, reasonEn: en });
  dto.sources.forEach((s, i) => {
    const unknown = s.eventTypes.find((t) => !EVENT_SOURCES[t]);
    if (unknown) {
      throw fail(
        `sources[${i}] : type d’événement inconnu ${unknown}.`,
        `sources[${i}]: unknown event type ${unknown}.`,
      );
    }
    if (dto.measure === 'distinct' && !s.distinctField) {
      throw fail(
        `sources[${i}] : un décompte distinct demande distinctField.`,
        `sources[${i}]: distinct needs distinctField.`,
      );
    }
    for (const [path, v] of Object.entries(s.where ?? {})) {
      const values = Array.isArray(v) ? v : [v];
      const ok =
        /^[A-Za-z0-9_-]{1,40}(\.[A-Za-z0-9_-]{1,40}){0,4}$/.test(path) &&
        values.length >= 1 &&
        values.length <= MAX_WHERE_VALUES &&
        values.every((x) => ['string', 'number', 'boolean'].includes(typeof x));
      if (!ok) {
        throw fail(
          `sources[${i}].where.${path} : une valeur simple ou une liste de 1 à ${MAX_WHERE_VALUES} valeurs simples.`,
          `sources[${i}].where.${path}: a plain value or a list of 1 to ${MAX_WHERE_VALUES} plain values.`,
        );
      }
    }
  });
}
