import type { ErrorDetail } from './errors';

/**
 * The message of one field detail in the reader's language, from its stable constraint code. Validation
 * details are made by class-validator in English; a secretary reads French. The numbers of a constraint
 * (a length, a bound) are taken from the English message, which states them.
 */
type Template = (n: string | undefined) => { fr: string; en: string };

const T: Record<string, Template> = {
  isString: () => ({ fr: 'doit être un texte', en: 'must be a string' }),
  isNotEmpty: () => ({ fr: 'ne doit pas être vide', en: 'must not be empty' }),
  isDefined: () => ({ fr: 'est obligatoire', en: 'is required' }),
  minLength: (n) => ({
    fr: `doit contenir au moins ${n ?? 1} caractère(s)`,
    en: `must be at least ${n ?? 1} characters long`,
  }),
  maxLength: (n) => ({
    fr: `doit contenir au plus ${n} caractères`,
    en: `must be at most ${n} characters long`,
  }),
  isIn: () => ({ fr: 'n’est pas une valeur permise', en: 'is not one of the allowed values' }),
  isEnum: () => ({ fr: 'n’est pas une valeur permise', en: 'is not one of the allowed values' }),
  isInt: () => ({ fr: 'doit être un nombre entier', en: 'must be an integer' }),
  isNumber: () => ({ fr: 'doit être un nombre', en: 'must be a number' }),
  isBoolean: () => ({ fr: 'doit être vrai ou faux', en: 'must be true or false' }),
  min: (n) => ({ fr: `doit être au moins ${n}`, en: `must be at least ${n}` }),
  max: (n) => ({ fr: `doit être au plus ${n}`, en: `must be at most ${n}` }),
  matches: () => ({ fr: 'n’a pas la forme attendue', en: 'does not have the expected format' }),
  isPlaceCode: () => ({
    fr: 'doit être un code de lieu comme ML-SEG-SEG',
    en: 'must be a place code like ML-SEG-SEG',
  }),
  isUuid: () => ({ fr: 'doit être un identifiant (UUID)', en: 'must be an id (UUID)' }),
  isUUID: () => ({ fr: 'doit être un identifiant (UUID)', en: 'must be an id (UUID)' }),
  isArray: () => ({ fr: 'doit être une liste', en: 'must be a list' }),
  arrayMinSize: (n) => ({
    fr: `doit contenir au moins ${n} élément(s)`,
    en: `must contain at least ${n} item(s)`,
  }),
  arrayMaxSize: (n) => ({ fr: `doit contenir au plus ${n} éléments`, en: `must contain at most ${n} items` }),
  arrayUnique: () => ({ fr: 'ne doit pas contenir de doublon', en: 'must not contain duplicates' }),
  isObject: () => ({ fr: 'doit être un objet', en: 'must be an object' }),
  nestedValidation: () => ({ fr: 'doit être un objet valide', en: 'must be a valid object' }),
  whitelistValidation: () => ({ fr: 'champ inconnu : retirez-le', en: 'unknown field: remove it' }),
  unknownValue: () => ({ fr: 'valeur inattendue', en: 'unexpected value' }),
  isLatitude: () => ({ fr: 'doit être une latitude (-90 à 90)', en: 'must be a latitude (-90 to 90)' }),
  isLongitude: () => ({
    fr: 'doit être une longitude (-180 à 180)',
    en: 'must be a longitude (-180 to 180)',
  }),
  invalidCursor: () => ({
    fr: 'curseur invalide : reprenez la liste depuis le début',
    en: 'invalid cursor: start the list again',
  }),
  noChanges: () => ({ fr: 'aucun champ à modifier', en: 'no field to change' }),
};

/** Constraint messages that state a date format; class-validator's `matches` on a date says so. */
const DATE_HINT = /YYYY-MM-DD/;

export function localizeDetail(detail: ErrorDetail, lang: 'fr' | 'en'): ErrorDetail {
  if (detail.code === 'matches' && DATE_HINT.test(detail.message ?? '')) {
    return {
      ...detail,
      message: lang === 'fr' ? 'doit être une date AAAA-MM-JJ' : 'must be a date YYYY-MM-DD',
    };
  }
  const template = T[detail.code];
  if (!template) return detail;
  const n = /(\d+(?:\.\d+)?)/.exec(detail.message ?? '')?.[1];
  return { ...detail, message: template(n)[lang] };
}

export function localizeDetails(
  details: readonly ErrorDetail[] | undefined,
  lang: 'fr' | 'en',
): ErrorDetail[] | undefined {
  return details?.map((d) => localizeDetail(d, lang));
}
