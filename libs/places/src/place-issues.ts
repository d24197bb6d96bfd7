import { type PlaceIssue, type PlaceIssueCode } from './place.types';

type Params = Record<string, string | number>;

/** Message templates, French first (admins work in French); `{name}` is replaced from the issue's params. */
const MESSAGES: Readonly<Record<PlaceIssueCode, { fr: string; en: string }>> = {
  CSV_EMPTY: { fr: 'Le fichier est vide.', en: 'The file is empty.' },
  CSV_MISSING_HEADER: {
    fr: "La première ligne doit être l'en-tête : {columns}.",
    en: 'The first line must be the header: {columns}.',
  },
  CSV_MISSING_COLUMN: {
    fr: "Colonne manquante dans l'en-tête : {column}.",
    en: 'Column missing from the header: {column}.',
  },
  CSV_UNKNOWN_COLUMN: {
    fr: 'Colonne inconnue : {column} (colonnes attendues : {columns}).',
    en: 'Unknown column: {column} (expected columns: {columns}).',
  },
  CSV_DUPLICATE_COLUMN: {
    fr: "Colonne en double dans l'en-tête : {column}.",
    en: 'Column appears twice in the header: {column}.',
  },
  CSV_COLUMN_COUNT: {
    fr: 'La ligne a {found} colonnes au lieu de {expected}.',
    en: 'The line has {found} columns instead of {expected}.',
  },
  CSV_UNTERMINATED_QUOTE: {
    fr: "Guillemet ouvert jamais fermé : la suite du fichier n'a pas pu être lue.",
    en: 'A quote is opened and never closed: the rest of the file could not be read.',
  },
  PLACE_REQUIRED: { fr: 'Le champ {field} est obligatoire.', en: 'The {field} field is required.' },
  PLACE_UNKNOWN_LEVEL: {
    fr: 'Niveau inconnu « {value} » (attendu : {allowed}).',
    en: 'Unknown level "{value}" (expected: {allowed}).',
  },
  PLACE_UNKNOWN_MAP: {
    fr: 'Carte inconnue « {value} » (attendu : {allowed}).',
    en: 'Unknown map "{value}" (expected: {allowed}).',
  },
  PLACE_BAD_CODE: {
    fr: 'Code « {value} » invalide pour le niveau {level} (format attendu : {example}).',
    en: 'Code "{value}" is not valid for level {level} (expected format: {example}).',
  },
  PLACE_CODE_MAP_MISMATCH: {
    fr: 'Le code « {value} » doit commencer par {prefix}- sur la carte {map}.',
    en: 'Code "{value}" must start with {prefix}- on map {map}.',
  },
  PLACE_CODE_NOT_UNDER_PARENT: {
    fr: 'Le code « {value} » doit prolonger le code {base} de son rattachement.',
    en: 'Code "{value}" must extend the code {base} of the unit it belongs to.',
  },
  PLACE_DUPLICATE_CODE: {
    fr: 'Le code {value} existe déjà {where_fr}.',
    en: 'Code {value} already exists {where_en}.',
  },
  PLACE_PARENT_REQUIRED: {
    fr: 'Un(e) {level} doit avoir un rattachement (parent_code).',
    en: 'A {level} must have a parent (parent_code).',
  },
  PLACE_PARENT_NOT_ALLOWED: {
    fr: "Une région n'a pas de rattachement : laissez parent_code vide.",
    en: 'A région has no parent: leave parent_code empty.',
  },
  PLACE_PARENT_MISSING: {
    fr: "Le rattachement {value} n'existe ni dans le fichier ni dans le référentiel.",
    en: 'Parent {value} exists neither in the file nor in the directory.',
  },
  PLACE_PARENT_LEVEL: {
    fr: 'Un(e) {level} ne peut pas être rattaché(e) à {value}, qui est de niveau {parentLevel} (attendu : {allowed}).',
    en: 'A {level} cannot belong to {value}, which is a {parentLevel} (expected: {allowed}).',
  },
  PLACE_PARENT_MAP: {
    fr: 'Le rattachement {value} est sur la carte {parentMap}, pas sur la carte {map}.',
    en: 'Parent {value} is on map {parentMap}, not on map {map}.',
  },
  PLACE_BAD_DATE: {
    fr: 'Date « {value} » invalide : format attendu AAAA-MM-JJ.',
    en: 'Invalid date "{value}": expected YYYY-MM-DD.',
  },
  PLACE_DATE_ORDER: {
    fr: 'La fin de validité ({validTo}) précède le début ({validFrom}).',
    en: 'The end of validity ({validTo}) is before its start ({validFrom}).',
  },
  CROSSWALK_FROM_MISSING: {
    fr: "L'unité d'origine {value} n'existe pas.",
    en: 'Source unit {value} does not exist.',
  },
  CROSSWALK_TO_MISSING: {
    fr: "L'unité de destination {value} n'existe pas.",
    en: 'Target unit {value} does not exist.',
  },
  CROSSWALK_FROM_MAP: {
    fr: "L'unité d'origine {value} doit être sur la carte pre2024.",
    en: 'Source unit {value} must be on map pre2024.',
  },
  CROSSWALK_TO_MAP: {
    fr: "L'unité de destination {value} doit être sur la carte post2024.",
    en: 'Target unit {value} must be on map post2024.',
  },
  CROSSWALK_LEVEL: {
    fr: 'Correspondance impossible : {from} ({fromLevel}) ne peut pas être {relation} {to} ({toLevel}).',
    en: 'Impossible link: {from} ({fromLevel}) cannot be {relation} {to} ({toLevel}).',
  },
  CROSSWALK_BAD_DATE: {
    fr: 'Date « {value} » invalide : format attendu AAAA-MM-JJ.',
    en: 'Invalid date "{value}": expected YYYY-MM-DD.',
  },
  CROSSWALK_BAD_RELATION: {
    fr: 'Relation « {value} » inconnue (attendu : within, same).',
    en: 'Unknown relation "{value}" (expected: within, same).',
  },
  CROSSWALK_DUPLICATE: {
    fr: 'Correspondance en double pour {value} ({detail}).',
    en: 'Duplicate link for {value} ({detail}).',
  },
};

function render(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

export function placeIssue(
  line: number,
  field: string,
  code: PlaceIssueCode,
  params: Params = {},
  placeCode?: string,
): PlaceIssue {
  const t = MESSAGES[code];
  const issue: PlaceIssue = {
    line,
    field,
    code,
    message_fr: render(t.fr, { field, ...params }),
    message_en: render(t.en, { field, ...params }),
  };
  return placeCode ? { ...issue, placeCode } : issue;
}

/** Thrown when places or a crosswalk would break the directory; nothing was changed. */
export class PlacesValidationError extends Error {
  override readonly name = 'PlacesValidationError';
  readonly code = 'PLACES_INVALID';
  constructor(readonly issues: readonly PlaceIssue[]) {
    super(
      `${issues.length} invalid place row(s): ` +
        issues
          .slice(0, 5)
          .map((i) => `line ${i.line} ${i.field}: ${i.message_en}`)
          .join('; '),
    );
  }
}
