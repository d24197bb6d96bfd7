/**
 * Every request the land service answers, declared once: the gateway builds its HTTP routes and OpenAPI
 * operations from these, the service binds one handler to each (`@Handles(LandMessages.caseFile)`).
 * Texts are in French, the users' language.
 */
import { defineMessage } from '../catalogue';
import { PlaceCodeDto, PlaceImportDto, PlaceSearchDto } from '../places/places';
import {
  CaseIdDto,
  CaseListQueryDto,
  CloseCaseDto,
  DecideHomologationDto,
  FileCaseDto,
  HomologationQueueQueryDto,
  InstructionStepDto,
  PvCheckDto,
  PvIdDto,
  RecordPvDto,
  ReferCaseDto,
  RequestHomologationDto,
} from './case-dtos';
import {
  CaseDto,
  CaseSummaryPageDto,
  HomologationQueuePageDto,
  PlaceDetailDto,
  PlaceDto,
  PlaceImportResultDto,
  PvCheckResultDto,
} from './case-replies';
import {
  CofoDto,
  CofoListQueryDto,
  CofoPageDto,
  CreateCofoDto,
  CreateTribunalDto,
  RegistryCodeDto,
  TribunalDto,
  TribunalListQueryDto,
  TribunalPageDto,
  UpdateCofoDto,
  UpdateTribunalDto,
} from './registry-dtos';

/** An example case id and PV id (the examples' routes then answer 404: valid, but no such record). */
const CASE_ID = '3f2a9c1e-5b7d-4e8a-9c0f-1a2b3c4d5e6f';
const PARTY_A = '0b1c2d3e-4f50-4a1b-8c2d-3e4f5a6b7c8d';
const PARTY_B = '1c2d3e4f-5a6b-4c7d-9e8f-a0b1c2d3e4f5';

/** Answers of every command on an existing case. */
const CASE_COMMAND_ERRORS = [
  'CASE_NOT_FOUND',
  'OUT_OF_SCOPE',
  'VERSION_CONFLICT',
  'CASE_TRANSITION_FORBIDDEN',
  'CASE_CLOSED',
] as const;

const byCase = (r: { caseId: string }) => r.caseId;
const byCode = (r: { code: string }) => r.code;

const cofoCreate = defineMessage({
  service: 'land',
  name: 'cofo.create',
  version: 1,
  kind: 'command',
  request: CreateCofoDto,
  response: CofoDto,
  errors: ['COFO_CODE_TAKEN', 'PLACE_UNKNOWN', 'TRIBUNAL_NOT_FOUND'],
  permission: 'cofo:write',
  key: byCode,
  http: {
    method: 'POST',
    path: 'cofos',
    status: 201,
    tag: 'CoFo',
    summary: 'Créer une commission foncière (CoFo)',
    description: 'Réservé à l’admin. Le code est stable : c’est le `cofo_id` de la secrétaire.',
    location: (c) => `cofos/${encodeURIComponent(c.code)}`,
    example: {
      code: 'BLA01',
      name: 'COFOCOM de Bla',
      level: 'commune',
      placeCode: 'ML-SEG-BLA',
      tribunalCode: 'TI-SAN',
      members: [
        { name: 'Mariam Dembélé', sex: 'F', role: 'présidente' },
        { name: 'Oumar Sangaré', sex: 'M', role: 'secrétaire' },
      ],
    },
  },
});

const cofoUpdate = defineMessage({
  service: 'land',
  name: 'cofo.update',
  version: 1,
  kind: 'command',
  request: UpdateCofoDto,
  response: CofoDto,
  errors: ['COFO_NOT_FOUND', 'VERSION_CONFLICT', 'PLACE_UNKNOWN', 'TRIBUNAL_NOT_FOUND'],
  permission: 'cofo:write',
  key: byCode,
  http: {
    method: 'PATCH',
    path: 'cofos/:code',
    tag: 'CoFo',
    summary: 'Modifier une CoFo',
    description:
      'Envoyer la `version` lue et les champs à changer (verrou optimiste dans le corps). Le code ne change pas.',
    example: { code: 'SEG01', version: 1, name: 'COFOCOM de Ségou' },
  },
});

const cofoList = defineMessage({
  service: 'land',
  name: 'cofo.list',
  version: 1,
  kind: 'query',
  request: CofoListQueryDto,
  response: CofoPageDto,
  errors: [],
  permission: 'cofo:read',
  http: {
    method: 'GET',
    path: 'cofos',
    tag: 'CoFo',
    summary: 'Lister les CoFo',
    description: 'Filtrées et paginées (curseur), par code. Une secrétaire ne voit que la sienne.',
    example: { level: 'commune', limit: 20 },
  },
});

const cofoGet = defineMessage({
  service: 'land',
  name: 'cofo.get',
  version: 1,
  kind: 'query',
  request: RegistryCodeDto,
  response: CofoDto,
  errors: ['COFO_NOT_FOUND', 'OUT_OF_SCOPE'],
  permission: 'cofo:read',
  http: {
    method: 'GET',
    path: 'cofos/:code',
    tag: 'CoFo',
    summary: 'Lire une CoFo',
    description: 'Une secrétaire ne lit que la sienne.',
    example: { code: 'SEG01' },
  },
});

const tribunalCreate = defineMessage({
  service: 'land',
  name: 'tribunal.create',
  version: 1,
  kind: 'command',
  request: CreateTribunalDto,
  response: TribunalDto,
  errors: ['TRIBUNAL_CODE_TAKEN', 'PLACE_UNKNOWN'],
  permission: 'tribunal:write',
  key: byCode,
  http: {
    method: 'POST',
    path: 'tribunals',
    status: 201,
    tag: 'Tribunaux',
    summary: 'Créer un tribunal',
    description: 'Avec les cercles qu’il sert.',
    location: (t) => `tribunals/${encodeURIComponent(t.code)}`,
    example: {
      code: 'TI-BLA',
      name: "Tribunal d'instance de Bla",
      kind: 'tribunal-instance',
      placeCode: 'ML-SEG-BLA',
      cercleCodes: ['ML-SEG-BLA'],
    },
  },
});

const tribunalUpdate = defineMessage({
  service: 'land',
  name: 'tribunal.update',
  version: 1,
  kind: 'command',
  request: UpdateTribunalDto,
  response: TribunalDto,
  errors: ['TRIBUNAL_NOT_FOUND', 'VERSION_CONFLICT', 'PLACE_UNKNOWN'],
  permission: 'tribunal:write',
  key: byCode,
  http: {
    method: 'PATCH',
    path: 'tribunals/:code',
    tag: 'Tribunaux',
    summary: 'Modifier un tribunal',
    description: 'Envoyer la `version` lue et les champs à changer ; le code ne change pas.',
    example: { code: 'TI-SEGOU', version: 1, name: "Tribunal d'instance de Ségou" },
  },
});

const tribunalList = defineMessage({
  service: 'land',
  name: 'tribunal.list',
  version: 1,
  kind: 'query',
  request: TribunalListQueryDto,
  response: TribunalPageDto,
  errors: [],
  permission: 'tribunal:read',
  http: {
    method: 'GET',
    path: 'tribunals',
    tag: 'Tribunaux',
    summary: 'Lister les tribunaux',
    description: 'Filtrés et paginés (curseur).',
    example: { kind: 'tribunal-instance' },
  },
});

const tribunalGet = defineMessage({
  service: 'land',
  name: 'tribunal.get',
  version: 1,
  kind: 'query',
  request: RegistryCodeDto,
  response: TribunalDto,
  errors: ['TRIBUNAL_NOT_FOUND', 'OUT_OF_SCOPE'],
  permission: 'tribunal:read',
  http: {
    method: 'GET',
    path: 'tribunals/:code',
    tag: 'Tribunaux',
    summary: 'Lire un tribunal',
    example: { code: 'TI-SEGOU' },
  },
});

const caseFile = defineMessage({
  service: 'land',
  name: 'case.file',
  version: 1,
  kind: 'command',
  request: FileCaseDto,
  response: CaseDto,
  errors: [
    'OUT_OF_SCOPE',
    'COFO_NOT_FOUND',
    'PLACE_UNKNOWN',
    'PLACE_OUTSIDE_COFO',
    'DATE_IN_FUTURE',
    'PARTIES_NEED_BOTH_SIDES',
  ],
  permission: 'case:write',
  key: (r) => r.cofoCode,
  http: {
    method: 'POST',
    path: 'cases',
    status: 201,
    tag: 'Dossiers',
    summary: 'Enregistrer une saisine (nouveau dossier)',
    description:
      'Pour une secrétaire de CoFo, dans sa CoFo. Le numéro (`COFO-<code>-<année>-<n>`) est donné par le ' +
      'serveur, sans trou. Envoyer une `Idempotency-Key` : une nouvelle tentative après une coupure rend la ' +
      'première réponse.',
    location: (c) => `cases/${c.id}`,
    example: {
      cofoCode: 'SEG01',
      filedOn: '2026-11-20',
      disputeType: 'limites-de-champs',
      summary: 'Désaccord sur la limite entre deux champs de mil',
      parties: [
        { kind: 'person', name: 'Aminata Traoré', sex: 'F', ageGroup: 'adult-36-59', role: 'demandeur' },
        { kind: 'person', name: 'Bakary Diarra', sex: 'M', ageGroup: 'youth-15-35', role: 'defendeur' },
        { kind: 'group', name: 'Famille Coulibaly', role: 'temoin', memberCount: 12 },
      ],
      land: {
        villageCode: 'ML-SEG-SEG-SEG',
        description: 'Champ de mil au nord du village, limite avec le champ de la famille Diarra',
        surfaceHa: 2.5,
        gps: { lat: 13.4317, lon: -6.2157 },
      },
    },
  },
});

const caseList = defineMessage({
  service: 'land',
  name: 'case.list',
  version: 1,
  kind: 'query',
  request: CaseListQueryDto,
  response: CaseSummaryPageDto,
  errors: [],
  permission: 'case:read',
  http: {
    method: 'GET',
    path: 'cases',
    tag: 'Dossiers',
    summary: 'Lister les dossiers',
    description:
      'Du plus récent au plus ancien, pagination par curseur. Une secrétaire voit sa CoFo, une greffière ce ' +
      'qui a été transmis à son tribunal.',
    example: { state: 'filed', limit: 20 },
  },
});

const caseGet = defineMessage({
  service: 'land',
  name: 'case.get',
  version: 1,
  kind: 'query',
  request: CaseIdDto,
  response: CaseDto,
  errors: ['CASE_NOT_FOUND', 'OUT_OF_SCOPE'],
  permission: 'case:read',
  http: {
    method: 'GET',
    path: 'cases/:caseId',
    tag: 'Dossiers',
    summary: 'Lire un dossier : parties, actes d’instruction, PV (toutes versions) et historique',
    example: { caseId: CASE_ID },
  },
});

const caseStep = defineMessage({
  service: 'land',
  name: 'case.step',
  version: 1,
  kind: 'command',
  request: InstructionStepDto,
  response: CaseDto,
  errors: [...CASE_COMMAND_ERRORS, 'DATE_IN_FUTURE', 'DATE_BEFORE_FILING', 'PARTY_UNKNOWN'],
  permission: 'case:write',
  key: byCase,
  http: {
    method: 'POST',
    path: 'cases/:caseId/steps',
    tag: 'Dossiers',
    summary: 'Enregistrer un acte d’instruction',
    description:
      'PV de constat, audition, confrontation ou séance de conciliation, avec les membres présents.',
    example: {
      caseId: CASE_ID,
      version: 1,
      kind: 'pv-constat',
      date: '2026-11-22',
      membersPresent: ['Moussa Keïta', 'Fatoumata Coulibaly'],
      summary: 'Visite du terrain en présence des deux parties',
    },
  },
});

const casePv = defineMessage({
  service: 'land',
  name: 'case.pv',
  version: 1,
  kind: 'command',
  request: RecordPvDto,
  response: CaseDto,
  errors: [
    ...CASE_COMMAND_ERRORS,
    'DATE_IN_FUTURE',
    'DATE_BEFORE_FILING',
    'MARKS_EXCEED_PARTIES',
    'PARTY_UNKNOWN',
    'PV_FIELDS_MISMATCH',
    'CORRECTION_REASON_REQUIRED',
  ],
  permission: 'case:write',
  key: byCase,
  http: {
    method: 'POST',
    path: 'cases/:caseId/pvs',
    tag: 'Dossiers',
    summary: 'Enregistrer un PV de conciliation ou de non-conciliation',
    description:
      'Conciliation : points d’accord, points restés ouverts, marque de chaque partie (signature, empreinte, ' +
      'ou représentée). Non-conciliation : démarches tentées et motif de l’échec. Un PV en vigueur est ' +
      'remplacé par une nouvelle version (donner `correctionReason`) ; l’ancien est conservé.',
    example: {
      caseId: CASE_ID,
      version: 2,
      kind: 'conciliation',
      drawnUpOn: '2026-11-25',
      membersPresent: [
        { name: 'Moussa Keïta', role: 'président', sex: 'M' },
        { name: 'Fatoumata Coulibaly', role: 'secrétaire', sex: 'F' },
      ],
      agreedPoints: ['La limite suit la ligne des karités plantés en 1998'],
      openPoints: [],
      marks: [
        { partyId: PARTY_A, kind: 'signature' },
        { partyId: PARTY_B, kind: 'thumbprint' },
      ],
    },
  },
});

const caseHomologationRequest = defineMessage({
  service: 'land',
  name: 'case.homologation-request',
  version: 1,
  kind: 'command',
  request: RequestHomologationDto,
  response: CaseDto,
  errors: [
    ...CASE_COMMAND_ERRORS,
    'PV_NOT_CONCILIATION',
    'PV_INCOMPLETE',
    'COFO_WITHOUT_TRIBUNAL',
    'DATE_IN_FUTURE',
    'DATE_BEFORE_PV',
  ],
  permission: 'case:write',
  key: byCase,
  http: {
    method: 'POST',
    path: 'cases/:caseId/homologation-request',
    tag: 'Dossiers',
    summary: 'Transmettre le PV de conciliation au tribunal du cercle pour homologation',
    description:
      'Seulement un PV de conciliation complet : points d’accord et marque de chaque partie au litige.',
    example: { caseId: CASE_ID, version: 3, requestedOn: '2026-11-26' },
  },
});

const caseHomologationDecide = defineMessage({
  service: 'land',
  name: 'case.homologation-decide',
  version: 1,
  kind: 'command',
  request: DecideHomologationDto,
  response: CaseDto,
  errors: [...CASE_COMMAND_ERRORS, 'PV_NOT_FOUND', 'DATE_IN_FUTURE', 'DATE_BEFORE_REQUEST'],
  permission: 'homologation:decide',
  key: byCase,
  http: {
    method: 'POST',
    path: 'cases/:caseId/homologation-decision',
    tag: 'Dossiers',
    summary: 'Enregistrer la décision du tribunal : homologué (numéro et date) ou rejeté (motif)',
    description: 'Pour la greffière du tribunal saisi.',
    example: {
      caseId: CASE_ID,
      version: 4,
      decision: 'homologated',
      decisionNumber: 'HOM-2026-041',
      decisionDate: '2026-11-27',
    },
  },
});

const caseRefer = defineMessage({
  service: 'land',
  name: 'case.refer',
  version: 1,
  kind: 'command',
  request: ReferCaseDto,
  response: CaseDto,
  errors: [...CASE_COMMAND_ERRORS, 'REFERRAL_NEEDS_NON_CONCILIATION', 'DATE_IN_FUTURE', 'DATE_BEFORE_PV'],
  permission: 'case:refer',
  key: byCase,
  http: {
    method: 'POST',
    path: 'cases/:caseId/referral',
    tag: 'Dossiers',
    summary: 'Enregistrer le renvoi d’une non-conciliation devant le tribunal',
    description:
      'Par la secrétaire de la CoFo ou la greffière du tribunal ; il faut un PV de non-conciliation. Le ' +
      'tribunal saisi et la date du renvoi sont obligatoires.',
    example: { caseId: CASE_ID, version: 3, court: "Tribunal d'instance de Ségou", referredOn: '2026-11-27' },
  },
});

const caseClose = defineMessage({
  service: 'land',
  name: 'case.close',
  version: 1,
  kind: 'command',
  request: CloseCaseDto,
  response: CaseDto,
  errors: [...CASE_COMMAND_ERRORS, 'CASE_WITHDRAWAL_AFTER_PV'],
  permission: 'case:write',
  key: byCase,
  http: {
    method: 'POST',
    path: 'cases/:caseId/closure',
    tag: 'Dossiers',
    summary: 'Clôturer un dossier',
    description: 'Après homologation, après renvoi, ou par désistement avant tout PV.',
    example: { caseId: CASE_ID, version: 5, reason: 'homologated', comment: 'PV homologué, dossier archivé' },
  },
});

const homologationQueue = defineMessage({
  service: 'land',
  name: 'homologation.queue',
  version: 1,
  kind: 'query',
  request: HomologationQueueQueryDto,
  response: HomologationQueuePageDto,
  errors: [],
  permission: 'case:read',
  http: {
    method: 'GET',
    path: 'homologations',
    tag: 'Dossiers',
    summary: 'PV transmis pour homologation : en attente, en retard ou décidés',
    description:
      'Une greffière voit ceux de son tribunal, une secrétaire ceux de sa CoFo ; avec l’attente en jours.',
    example: { status: 'pending' },
  },
});

const pvPdf = defineMessage({
  service: 'land',
  name: 'pv.pdf',
  version: 1,
  kind: 'query',
  request: PvIdDto,
  response: null,
  errors: ['PV_NOT_FOUND', 'OUT_OF_SCOPE'],
  permission: 'case:read',
  http: {
    method: 'GET',
    path: 'pvs/:pvId.pdf',
    tag: 'Dossiers',
    summary: 'Le PV imprimable (PDF, français, A4)',
    description:
      'Tous les champs légaux, cases de signature ou d’empreinte, dates jj/mm/aaaa, et un code de vérification ' +
      '(QR) que le tribunal contrôle sur /api/public/pvs/check/{code}.',
    render: 'file',
    example: { pvId: '7d9e2f4a-1b3c-4d5e-8f6a-7b8c9d0e1f2a' },
  },
});

const pvCheck = defineMessage({
  service: 'land',
  name: 'pv.check',
  version: 1,
  kind: 'query',
  request: PvCheckDto,
  response: PvCheckResultDto,
  errors: [],
  permission: 'public',
  http: {
    method: 'GET',
    path: 'pvs/check/:code',
    tag: 'Public',
    summary: 'Vérifier un PV imprimé (public)',
    description:
      'Le code imprimé (et dans le QR) sur le PV. Dit s’il existe, son numéro de dossier, sa version, son état ' +
      'et l’empreinte SHA-256 de son contenu, à comparer au papier. Aucun nom, aucune donnée personnelle. ' +
      'Avec `Accept: text/html`, une petite page en français lisible sur un téléphone.',
    render: 'html-or-json',
    example: { code: 'K7Q2-9XHD-PM4A' },
  },
});

const placeSearch = defineMessage({
  service: 'land',
  name: 'place.search',
  version: 1,
  kind: 'query',
  request: PlaceSearchDto,
  response: [PlaceDto],
  errors: [],
  permission: 'place:read',
  http: {
    method: 'GET',
    path: 'places',
    tag: 'Lieux',
    summary: 'Chercher un lieu par son nom (accents et casse ignorés : « Segou » trouve « Ségou »)',
    example: { q: 'Segou' },
  },
});

const placeGet = defineMessage({
  service: 'land',
  name: 'place.get',
  version: 1,
  kind: 'query',
  request: PlaceCodeDto,
  response: PlaceDetailDto,
  errors: ['PLACE_NOT_FOUND'],
  permission: 'place:read',
  http: {
    method: 'GET',
    path: 'places/:code',
    tag: 'Lieux',
    summary: 'Un lieu avec ses ancêtres, ses enfants et son correspondant sur l’autre carte',
    example: { code: 'ML-SEG-SAN' },
  },
});

const placeImport = defineMessage({
  service: 'land',
  name: 'place.import',
  version: 1,
  kind: 'command',
  request: PlaceImportDto,
  response: PlaceImportResultDto,
  errors: ['PLACES_IMPORT_INVALID'],
  permission: 'place:write',
  key: () => 'places',
  http: {
    method: 'POST',
    path: 'places/import',
    tag: 'Lieux',
    summary: 'Importer des lieux depuis un CSV (admin)',
    description:
      'Tout ou rien : chaque ligne fautive est signalée dans `details` et rien n’est écrit. Les lignes ' +
      'identiques à des lieux connus sont ignorées : renvoyer le même fichier ne fait pas de mal.',
    example: {
      csv:
        'code,name,level,parent_code,map,valid_from,valid_to\n' +
        'ML-SEG-SAN-SAN-K07,Kimparana,village,ML-SEG-SAN-SAN,pre2024,1999-08-10,2024-09-23',
    },
  },
});

/** The land service's messages, by handler name. */
export const LandMessages = {
  cofoCreate,
  cofoUpdate,
  cofoList,
  cofoGet,
  tribunalCreate,
  tribunalUpdate,
  tribunalList,
  tribunalGet,
  caseFile,
  caseList,
  caseGet,
  caseStep,
  casePv,
  caseHomologationRequest,
  caseHomologationDecide,
  caseRefer,
  caseClose,
  homologationQueue,
  pvPdf,
  pvCheck,
  placeSearch,
  placeGet,
  placeImport,
} as const;
