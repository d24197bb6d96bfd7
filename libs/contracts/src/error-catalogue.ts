import { DomainError, type ErrorDetail, type ErrorKind } from './errors';
import { ANTICORRUPTION_ERRORS } from './anticorruption/errors';
import { REPORTING_ERRORS } from './reporting/errors';
import { SECURITY_ERRORS } from './security/errors';

export interface CatalogueEntry {
  kind:
    | ErrorKind
    | 'rate_limited'
    | 'too_large'
    | 'headers_too_large'
    | 'unsupported_media'
    | 'timeout'
    | 'unavailable'
    | 'internal';
  /** Message templates; `{name}` is replaced by the error's params. French first: users work in French. */
  fr: string;
  en: string;
}

/**
 * Every stable error code the API can answer with. The gateway renders the message in the caller's
 * language; services only send the code, its kind and params. Add a code here before throwing it.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: {
    kind: 'validation',
    fr: 'La requête contient des champs invalides : corrigez les champs indiqués.',
    en: 'The request has invalid fields: fix the fields listed.',
  },
  MALFORMED_JSON: {
    kind: 'validation',
    fr: "Le corps de la requête n'est pas un JSON valide.",
    en: 'The request body is not valid JSON.',
  },
  JSON_TOO_DEEP: {
    kind: 'validation',
    fr: "Le JSON de la requête est trop imbriqué : au plus {max} niveaux de tableaux et d'objets.",
    en: 'The request JSON is nested too deeply: at most {max} levels of arrays and objects.',
  },
  CONTROL_CHARACTER: {
    kind: 'validation',
    fr: 'Un texte contient un caractère de contrôle interdit (comme U+0000) : retirez-le des champs indiqués.',
    en: 'A text contains a forbidden control character (such as U+0000): remove it from the fields listed.',
  },
  AUTH_MISSING_TOKEN: {
    kind: 'unauthenticated',
    fr: "Jeton d'accès manquant : connectez-vous.",
    en: 'Missing access token: sign in.',
  },
  AUTH_INVALID_TOKEN: {
    kind: 'unauthenticated',
    fr: "Jeton d'accès invalide ou expiré : reconnectez-vous.",
    en: 'Invalid or expired access token: sign in again.',
  },
  FORBIDDEN_ROLE: {
    kind: 'forbidden',
    fr: 'Votre rôle ne permet pas cette opération ({permission}).',
    en: 'Your role does not allow this operation ({permission}).',
  },
  OUT_OF_SCOPE: {
    kind: 'forbidden',
    fr: "Cet enregistrement n'est pas dans votre périmètre.",
    en: 'This record is outside your scope.',
  },
  ROUTE_NOT_FOUND: {
    kind: 'not_found',
    fr: "Cette adresse n'existe pas dans l'API.",
    en: 'This path does not exist in the API.',
  },
  COFO_NOT_FOUND: { kind: 'not_found', fr: 'CoFo introuvable : {code}.', en: 'CoFo not found: {code}.' },
  COFO_CODE_TAKEN: {
    kind: 'conflict',
    fr: 'Le code CoFo {code} est déjà utilisé.',
    en: 'CoFo code {code} is already in use.',
  },
  TRIBUNAL_NOT_FOUND: {
    kind: 'not_found',
    fr: 'Tribunal introuvable : {code}.',
    en: 'Tribunal not found: {code}.',
  },
  TRIBUNAL_CODE_TAKEN: {
    kind: 'conflict',
    fr: 'Le code de tribunal {code} est déjà utilisé.',
    en: 'Tribunal code {code} is already in use.',
  },
  PLACE_UNKNOWN: {
    kind: 'business_rule',
    fr: 'Lieu inconnu : {code}. Utilisez un code de /api/v1/places.',
    en: 'Unknown place: {code}. Use a code from /api/v1/places.',
  },
  VERSION_CONFLICT: {
    kind: 'conflict',
    fr: "L'enregistrement a été modifié par quelqu'un d'autre (version {expected} attendue, {actual} actuelle) : rechargez-le puis recommencez.",
    en: 'The record was changed by someone else (expected version {expected}, current {actual}): reload it and try again.',
  },
  CASE_TRANSITION_FORBIDDEN: {
    kind: 'conflict',
    fr: "Opération impossible : le dossier est à l'étape « {from} », où la procédure ne prévoit pas {action}.",
    en: 'Not possible: the case is at the "{from}" stage, where the procedure does not provide for {action}.',
  },
  CASE_CLOSED: {
    kind: 'conflict',
    fr: 'Le dossier est clos : il ne peut plus être modifié.',
    en: 'The case is closed: it can no longer be changed.',
  },
  PV_NOT_CONCILIATION: {
    kind: 'business_rule',
    fr: "Seul un PV de conciliation peut être soumis à l'homologation ; un PV de non-conciliation permet le renvoi au tribunal.",
    en: 'Only a PV de conciliation can be submitted for homologation; a PV de non-conciliation allows referral to the tribunal.',
  },
  REFERRAL_NEEDS_NON_CONCILIATION: {
    kind: 'business_rule',
    fr: "Le renvoi au tribunal exige d'abord un PV de non-conciliation enregistré.",
    en: 'Referral to the tribunal first needs a recorded PV de non-conciliation.',
  },
  CASE_WITHDRAWAL_AFTER_PV: {
    kind: 'business_rule',
    fr: "Un désistement n'est possible qu'avant l'établissement d'un PV.",
    en: 'A withdrawal is only possible before a PV is drawn up.',
  },
  CASE_NOT_FOUND: { kind: 'not_found', fr: 'Dossier introuvable.', en: 'Case not found.' },
  PV_NOT_FOUND: { kind: 'not_found', fr: 'PV introuvable.', en: 'PV not found.' },
  DATE_IN_FUTURE: {
    kind: 'business_rule',
    fr: '{field} ({date}) est dans le futur : saisissez une date passée ou celle du jour.',
    en: '{field} ({date}) is in the future: enter a past date or today.',
  },
  DATE_BEFORE_FILING: {
    kind: 'business_rule',
    fr: '{field} ({date}) précède la date de saisine ({filedOn}) : corrigez la date.',
    en: '{field} ({date}) is before the filing date ({filedOn}): fix the date.',
  },
  DATE_BEFORE_PV: {
    kind: 'business_rule',
    fr: '{field} ({date}) précède la date du PV ({pvDate}) : corrigez la date.',
    en: '{field} ({date}) is before the date of the PV ({pvDate}): fix the date.',
  },
  DATE_BEFORE_REQUEST: {
    kind: 'business_rule',
    fr: "La date de la décision ({date}) précède la date de la demande d'homologation ({requestedOn}).",
    en: 'The decision date ({date}) is before the date of the homologation request ({requestedOn}).',
  },
  PARTIES_NEED_BOTH_SIDES: {
    kind: 'business_rule',
    fr: 'Un litige doit avoir au moins un demandeur et un défendeur.',
    en: 'A dispute needs at least one demandeur and one défendeur.',
  },
  PARTY_UNKNOWN: {
    kind: 'business_rule',
    fr: "La partie {partyId} n'appartient pas à ce dossier.",
    en: 'Party {partyId} does not belong to this case.',
  },
  MARKS_EXCEED_PARTIES: {
    kind: 'business_rule',
    fr: 'Le PV porte {marks} marques pour {parties} parties : une seule marque par partie.',
    en: 'The PV has {marks} marks for {parties} parties: one mark per party.',
  },
  PV_INCOMPLETE: {
    kind: 'business_rule',
    fr: "PV de conciliation incomplet : {missing}. Complétez-le avant de le soumettre à l'homologation.",
    en: 'Incomplete PV de conciliation: {missing}. Complete it before submitting it for homologation.',
  },
  PV_FIELDS_MISMATCH: {
    kind: 'business_rule',
    fr: 'Un PV de {kind} ne comporte pas {field} : retirez ce champ.',
    en: 'A PV de {kind} does not include {field}: remove this field.',
  },
  CORRECTION_REASON_REQUIRED: {
    kind: 'business_rule',
    fr: 'Un PV est déjà en vigueur : indiquez le motif de la nouvelle version.',
    en: 'A PV is already in force: give the reason for the new version.',
  },
  COFO_WITHOUT_TRIBUNAL: {
    kind: 'business_rule',
    fr: "La CoFo {code} n'est rattachée à aucun tribunal : l'administrateur doit l'indiquer avant la demande d'homologation.",
    en: 'CoFo {code} has no tribunal: an admin must set it before a homologation request.',
  },
  PLACE_OUTSIDE_COFO: {
    kind: 'business_rule',
    fr: "Le lieu {code} n'est pas dans le territoire de la CoFo {cofoCode} ({territory}) : choisissez un village de ce territoire.",
    en: 'Place {code} is not in the territory of CoFo {cofoCode} ({territory}): choose a village of that territory.',
  },
  PLACE_NOT_FOUND: { kind: 'not_found', fr: 'Lieu introuvable : {code}.', en: 'Place not found: {code}.' },
  PLACES_IMPORT_INVALID: {
    kind: 'validation',
    fr: "Import refusé : {count} erreur(s) dans le fichier, rien n'a été importé. Corrigez les lignes indiquées.",
    en: 'Import refused: {count} error(s) in the file, nothing was imported. Fix the lines listed.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    kind: 'business_rule',
    fr: "Cette clé d'idempotence a déjà servi pour une autre requête : utilisez une nouvelle clé.",
    en: 'This idempotency key was already used for a different request: use a new key.',
  },
  IDEMPOTENCY_KEY_INVALID: {
    kind: 'validation',
    fr: "L'en-tête Idempotency-Key doit faire de 8 à 128 caractères (lettres, chiffres, - et _).",
    en: 'The Idempotency-Key header must be 8 to 128 characters (letters, digits, - and _).',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    kind: 'conflict',
    fr: 'Une requête avec cette clé est encore en cours : réessayez dans un instant.',
    en: 'A request with this key is still in progress: retry in a moment.',
  },
  RATE_LIMITED: {
    kind: 'rate_limited',
    fr: 'Trop de requêtes : réessayez dans {retryAfter} s.',
    en: 'Too many requests: retry in {retryAfter} s.',
  },
  PAYLOAD_TOO_LARGE: {
    kind: 'too_large',
    fr: 'Le corps de la requête dépasse la taille maximale ({limit}).',
    en: 'The request body exceeds the maximum size ({limit}).',
  },
  HEADERS_TOO_LARGE: {
    kind: 'headers_too_large',
    fr: "L'adresse et les en-têtes de la requête dépassent la taille maximale ({limit}) : raccourcissez l'adresse (moins de filtres ou de texte recherché).",
    en: 'The request URL and headers exceed the maximum size ({limit}): shorten the URL (fewer filters or less search text).',
  },
  MALFORMED_REQUEST: {
    kind: 'validation',
    fr: "La requête n'est pas une requête HTTP valide.",
    en: 'The request is not a valid HTTP request.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    kind: 'unsupported_media',
    fr: 'Seul le JSON (application/json) est accepté.',
    en: 'Only JSON (application/json) is accepted.',
  },
  MESSAGE_UNKNOWN: {
    kind: 'not_found',
    fr: "Le service ne connaît pas l'opération {message} : il est peut-être plus ancien que la passerelle. Réessayez plus tard.",
    en: 'The service does not know operation {message}: it may be older than the gateway. Try again later.',
  },
  SERVICE_TIMEOUT: {
    kind: 'timeout',
    fr: "Le service n'a pas répondu à temps : une écriture a pu être appliquée. Réessayez avec la même clé Idempotency-Key, elle ne sera pas appliquée deux fois.",
    en: 'The service did not answer in time: a write may have been applied. Retry with the same Idempotency-Key; it will not be applied twice.',
  },
  SERVICE_UNAVAILABLE: {
    kind: 'unavailable',
    fr: 'Le service est momentanément indisponible : réessayez plus tard (une écriture, avec la même clé Idempotency-Key).',
    en: 'The service is temporarily unavailable: try again later (a write with the same Idempotency-Key).',
  },
  COMMAND_EXPIRED: {
    kind: 'expired',
    fr: "Le service a reçu l'opération après le délai d'attente : elle n'a pas été appliquée. Réessayez avec la même clé Idempotency-Key.",
    en: 'The service received the operation after its deadline: it was not applied. Retry with the same Idempotency-Key.',
  },
  INTERNAL_ERROR: {
    kind: 'internal',
    fr: "Erreur interne : communiquez l'identifiant de la requête au support.",
    en: 'Internal error: give the request id to support.',
  },
  // Attachments (`@prosmed/attachments`): what a file really is, checked from its bytes.
  ATTACHMENT_EMPTY: {
    kind: 'validation',
    fr: 'Le fichier est vide : envoyez son contenu comme corps de la requête.',
    en: 'The file is empty: send its content as the request body.',
  },
  ATTACHMENT_TOO_LARGE: {
    kind: 'validation',
    fr: 'Le fichier dépasse la taille maximale ({max}).',
    en: 'The file exceeds the maximum size ({max}).',
  },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    kind: 'validation',
    fr: "Ce type de fichier ({detected}) n'est pas accepté ici : types acceptés : {allowed}.",
    en: 'This type of file ({detected}) is not accepted here: accepted types: {allowed}.',
  },
  ATTACHMENT_TYPE_MISMATCH: {
    kind: 'validation',
    fr: "Le fichier n'est pas ce que son nom annonce (extension {extension}, contenu {detected}) : un fichier renommé est refusé.",
    en: 'The file is not what its name says (extension {extension}, content {detected}): a renamed file is refused.',
  },
  ATTACHMENT_TEXT_NOT_UTF8: {
    kind: 'validation',
    fr: "Le fichier texte n'est pas en UTF-8 : enregistrez-le au format « CSV UTF-8 » (ou « Texte Unicode UTF-8 ») puis renvoyez-le.",
    en: 'The text file is not in UTF-8: save it as "CSV UTF-8" (or "Unicode Text UTF-8") and send it again.',
  },
  ATTACHMENT_UNREADABLE: {
    kind: 'validation',
    fr: 'Le fichier {detected} est illisible ou tronqué : enregistrez-le de nouveau puis renvoyez-le.',
    en: 'The {detected} file is unreadable or truncated: save it again and send it again.',
  },
  UPLOAD_ENCODING_UNSUPPORTED: {
    kind: 'unsupported_media',
    fr: "Le fichier est envoyé avec un Content-Encoding que l'API ne lit pas ({encoding}) : envoyez-le tel quel (ou en gzip).",
    en: 'The file is sent with a Content-Encoding the API does not read ({encoding}): send it as it is (or gzip).',
  },
  ATTACHMENT_NOT_FOUND: {
    kind: 'not_found',
    fr: 'Pièce jointe introuvable.',
    en: 'Attachment not found.',
  },
  // Each new service keeps its codes in its own file, so services are written side by side.
  ...SECURITY_ERRORS,
  ...ANTICORRUPTION_ERRORS,
  ...REPORTING_ERRORS,
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

type DomainKindCode = {
  [C in ErrorCode]: (typeof ERROR_CATALOGUE)[C]['kind'] extends ErrorKind ? C : never;
}[ErrorCode];

/** A DomainError whose kind comes from the catalogue, so a code always maps to the same HTTP status. */
export function domainError(
  code: DomainKindCode,
  params?: Record<string, string | number>,
  details?: ErrorDetail[],
): DomainError {
  return new DomainError(code, ERROR_CATALOGUE[code].kind as ErrorKind, params, details);
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, code);
}

/**
 * How fields are named to the people who read the messages: a noun phrase with its article, so that a
 * template can start with it ("La date du PV (15/10/2026) est dans le futur"). Fields not listed are
 * shown as « name ».
 */
const FIELD_LABELS: Record<string, { fr: string; en: string }> = {
  filedOn: { fr: 'la date de saisine', en: 'the filing date' },
  date: { fr: "la date de l'étape", en: 'the date of the step' },
  drawnUpOn: { fr: 'la date du PV', en: 'the date of the PV' },
  requestedOn: { fr: "la date de la demande d'homologation", en: 'the date of the homologation request' },
  decisionDate: { fr: 'la date de la décision', en: 'the decision date' },
  referredOn: { fr: 'la date du renvoi', en: 'the referral date' },
  court: { fr: 'le tribunal saisi', en: 'the court' },
  agreedPoints: { fr: "les points d'accord", en: 'the agreed points' },
  openPoints: { fr: 'les points restés en suspens', en: 'the open points' },
  marks: { fr: 'les marques des parties', en: "the parties' marks" },
  memberMarks: { fr: 'les marques des membres', en: "the members' marks" },
  stepsTried: { fr: 'les démarches entreprises', en: 'the steps tried' },
  failureReason: { fr: "le motif de l'échec", en: 'the reason for the failure' },
  correctionReason: { fr: 'le motif de la nouvelle version', en: 'the reason for the new version' },
  // CCS activities, grievances, infrastructures and trainings; SNLCC plan and sessions.
  startOn: { fr: 'la date de début', en: 'the start date' },
  endOn: { fr: 'la date de fin', en: 'the end date' },
  receivedOn: { fr: 'la date de réception', en: 'the date of receipt' },
  closedOn: { fr: 'la date de clôture', en: 'the closing date' },
  handedOverOn: { fr: 'la date de remise', en: 'the handover date' },
  heldOn: { fr: 'la date de la session', en: 'the date of the session' },
  'participants.total': { fr: 'le nombre total de participants', en: 'the total of participants' },
  'participants.women': { fr: 'le nombre de femmes', en: 'the number of women' },
  'participants.youth': { fr: 'le nombre de jeunes', en: 'the number of youth' },
  'participants.fds': { fr: 'le nombre de membres des FDS', en: 'the number of FDS members' },
  'participants.children': { fr: "le nombre d'enfants", en: 'the number of children' },
};

/** Stages of a case and commands on it, as the legal procedure names them. */
const STAGE_LABELS: Record<string, { fr: string; en: string }> = {
  filed: { fr: 'saisi', en: 'filed' },
  'in-instruction': { fr: 'en instruction', en: 'in instruction' },
  conciliated: { fr: 'concilié', en: 'conciliated' },
  'not-conciliated': { fr: 'non concilié', en: 'not conciliated' },
  'homologation-requested': { fr: "en attente d'homologation", en: 'awaiting homologation' },
  homologated: { fr: 'homologué', en: 'homologated' },
  'homologation-rejected': { fr: 'homologation rejetée', en: 'homologation rejected' },
  referred: { fr: 'renvoyé au tribunal', en: 'referred to the tribunal' },
  closed: { fr: 'clos', en: 'closed' },
  'record-step': { fr: "l'enregistrement d'une étape d'instruction", en: 'recording an instruction step' },
  'record-pv': { fr: "l'enregistrement d'un PV", en: 'recording a PV' },
  'request-homologation': { fr: "la demande d'homologation", en: 'the homologation request' },
  'decide-homologation': { fr: "la décision d'homologation", en: 'the homologation decision' },
  refer: { fr: 'le renvoi au tribunal', en: 'the referral to the tribunal' },
  close: { fr: 'la clôture', en: 'closing' },
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** One parameter as the reader sees it: field names in words, dates dd/mm/yyyy in French (ISO in English). */
function renderParam(key: string, value: string | number, lang: 'fr' | 'en'): string {
  const text = String(value);
  if (key === 'field') return FIELD_LABELS[text]?.[lang] ?? `« ${text} »`;
  if (key === 'from' || key === 'action') return STAGE_LABELS[text]?.[lang] ?? text;
  const date = ISO_DATE.exec(text);
  if (date && lang === 'fr') return `${date[3]}/${date[2]}/${date[1]}`;
  return text;
}

export function renderMessage(
  code: ErrorCode,
  lang: 'fr' | 'en',
  params: Record<string, string | number> = {},
): string {
  const text = ERROR_CATALOGUE[code][lang].replace(/\{(\w+)\}/g, (m, k: string) =>
    k in params ? renderParam(k, params[k], lang) : m,
  );
  // A template may start with a field's label ("la date du PV ..."): a sentence starts with a capital.
  return text.charAt(0).toUpperCase() + text.slice(1);
}
