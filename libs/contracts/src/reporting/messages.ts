/**
 * Every request the reporting service answers, declared once (see `land/messages.ts`): the gateway
 * builds its routes from these, the service binds one handler to each.
 */
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_UPLOAD_ERRORS } from '../attachments';
import { defineMessage, type AnyMessageDef } from '../catalogue';
import {
  ProgrammeActivityDto,
  ProgrammeActivityListDto,
  ProgrammeActivityListQueryDto,
  RecordProgrammeActivityDto,
  UpdateProgrammeActivityDto,
} from './activity-dtos';
import {
  DashboardDto,
  DashboardQueryDto,
  DefineIndicatorDto,
  ResultIndicatorDto,
  ResultIndicatorListDto,
  IndicatorValuesDto,
  IndicatorValuesQueryDto,
  IndicatorListQueryDto,
  ParkedEventIdDto,
  ParkedEventListDto,
  ParkedEventRetryDto,
  ParkedEventQueryDto,
  RetireIndicatorDto,
  SetTargetDto,
} from './indicator-dtos';
import {
  Dhis2DataValueSetDto,
  DraftReportDto,
  EditReportDto,
  PublishReportDto,
  ReportDto,
  ReportFileQueryDto,
  ReportIdDto,
  ReportListDto,
  ReportListQueryDto,
  ReportPhotoUploadDto,
} from './report-dtos';

const REPORT_ID = '5e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b';
const byReport = (r: { reportId: string }) => r.reportId;
const TAG_FRAMEWORK = 'Indicateurs';
const TAG_REPORTS = 'Rapports';

const activityRecord = defineMessage({
  service: 'reporting',
  name: 'activity.record',
  version: 1,
  kind: 'command',
  request: RecordProgrammeActivityDto,
  response: ProgrammeActivityDto,
  errors: [
    'SUBCOUNT_EXCEEDS_TOTAL',
    'SUBCOUNT_TWICE',
    'ACTIVITY_END_BEFORE_START',
    'ACTIVITY_IN_FUTURE',
    'PLACE_UNKNOWN',
  ],
  permission: 'programme-activity:write',
  key: (r) => r.placeCode,
  http: {
    method: 'POST',
    path: 'activities',
    status: 201,
    tag: 'Activités du programme',
    summary: 'Enregistrer une activité du programme (formation, atelier, sensibilisation…)',
    description:
      'Les activités qu’aucun autre service n’enregistre. Sous-totaux (femmes, hommes, jeunes) au plus égaux au ' +
      'total ; un pourcentage (`womenPercent`) est enregistré comme le nombre qu’il représente (arrondi à la ' +
      'personne la plus proche, la demie vers le haut). Rejouer avec le même `Idempotency-Key` ne crée rien.',
    example: {
      resultArea: 'R1',
      kind: 'awareness-session',
      title: 'Public show sur la gestion des conflits fonciers',
      audience: 'women-youth-associations',
      placeCode: 'ML-SEG-SEG',
      startDate: '2023-10-12',
      endDate: '2023-10-12',
      participants: { total: 589, women: 402 },
    },
  },
});

const activityUpdate = defineMessage({
  service: 'reporting',
  name: 'activity.update',
  version: 1,
  kind: 'command',
  request: UpdateProgrammeActivityDto,
  response: ProgrammeActivityDto,
  errors: [
    'ACTIVITY_NOT_FOUND',
    'VERSION_CONFLICT',
    'SUBCOUNT_EXCEEDS_TOTAL',
    'SUBCOUNT_TWICE',
    'ACTIVITY_END_BEFORE_START',
    'ACTIVITY_IN_FUTURE',
    'PLACE_UNKNOWN',
  ],
  permission: 'programme-activity:write',
  key: (r) => r.activityId,
  http: {
    method: 'PUT',
    path: 'activities/:activityId',
    tag: 'Activités du programme',
    summary: 'Corriger une activité du programme (toute l’activité, avec la version lue)',
    description: 'Les indicateurs ne comptent plus que la version corrigée.',
    example: {
      activityId: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
      version: 1,
      resultArea: 'R1',
      kind: 'awareness-session',
      title: 'Public show sur la gestion des conflits fonciers',
      audience: 'women-youth-associations',
      placeCode: 'ML-SEG-SEG',
      startDate: '2023-10-12',
      endDate: '2023-10-12',
      participants: { total: 589, women: 402 },
    },
  },
});

const activityList = defineMessage({
  service: 'reporting',
  name: 'activity.list',
  version: 1,
  kind: 'query',
  request: ProgrammeActivityListQueryDto,
  response: ProgrammeActivityListDto,
  errors: ['PERIOD_INVALID'],
  permission: 'report:read',
  http: {
    method: 'GET',
    path: 'activities',
    tag: 'Activités du programme',
    summary: 'Lister les activités du programme d’une période',
    example: { period: '2023Q4', resultArea: 'R1' },
  },
});

const indicatorList = defineMessage({
  service: 'reporting',
  name: 'indicator.list',
  version: 1,
  kind: 'query',
  request: IndicatorListQueryDto,
  response: ResultIndicatorListDto,
  errors: [],
  permission: 'report:read',
  http: {
    method: 'GET',
    path: 'indicators',
    tag: TAG_FRAMEWORK,
    summary: 'Le cadre de résultats : indicateurs (dernière version) et cibles',
    example: { resultArea: 'R1' },
  },
});

const indicatorDefine = defineMessage({
  service: 'reporting',
  name: 'indicator.define',
  version: 1,
  kind: 'command',
  request: DefineIndicatorDto,
  response: ResultIndicatorDto,
  errors: ['INDICATOR_DEFINITION_INVALID', 'INDICATOR_UNCHANGED'],
  permission: 'indicator:write',
  key: (r) => r.code,
  http: {
    method: 'POST',
    path: 'indicators',
    status: 201,
    tag: TAG_FRAMEWORK,
    summary: 'Définir un indicateur (ou une nouvelle version), sans changer le code',
    description:
      'Quels événements comptent (types, filtre `where`) et comment (`count`, `sum` d’un champ, `distinct`). ' +
      'Les faits sont recalculés sur tout l’historique reçu ; l’ancienne version reste consultable dans l’audit.',
    example: {
      // The seeded definition itself: sending it changes nothing (409 INDICATOR_UNCHANGED), so trying the
      // example never adds an indicator to the framework.
      code: 'r1-land-workshop-people',
      resultArea: 'R1',
      label: 'Acteurs de justice, membres des CoFo et société civile renforcés sur les textes fonciers',
      unit: 'personnes',
      measure: 'sum',
      sources: [
        {
          eventTypes: ['reporting.activity.v1'],
          where: { resultArea: 'R1', kind: ['workshop', 'training'] },
          valueField: 'participants.total',
          femaleField: 'participants.women',
          maleField: 'participants.men',
          youthField: 'participants.youth',
        },
      ],
    },
  },
});

const indicatorTarget = defineMessage({
  service: 'reporting',
  name: 'indicator.target-set',
  version: 1,
  kind: 'command',
  request: SetTargetDto,
  response: ResultIndicatorDto,
  errors: ['INDICATOR_NOT_FOUND'],
  permission: 'indicator:write',
  key: (r) => r.code,
  http: {
    method: 'PUT',
    path: 'indicators/:code/targets/:year',
    tag: TAG_FRAMEWORK,
    summary: 'Fixer la cible annuelle d’un indicateur',
    example: { code: 'r1-awareness-people', year: 2023, value: 3000 },
  },
});

const indicatorRetire = defineMessage({
  service: 'reporting',
  name: 'indicator.retire',
  version: 1,
  kind: 'command',
  request: RetireIndicatorDto,
  response: ResultIndicatorDto,
  errors: ['INDICATOR_NOT_FOUND'],
  permission: 'indicator:write',
  key: (r) => r.code,
  http: {
    method: 'POST',
    path: 'indicators/:code/retirement',
    tag: TAG_FRAMEWORK,
    summary: 'Retirer un indicateur du cadre de résultats (ses versions et ses faits restent)',
    description:
      'Il ne figure plus dans les requêtes, le tableau de bord ni les nouveaux rapports ; le redéfinir le rétablit.',
    // No such indicator: trying the example answers 404 and retires nothing.
    example: {
      code: 'r9-indicateur-ancien',
      reason: 'Remplacé par un indicateur du nouveau cadre de résultats',
    },
  },
});

const indicatorValues = defineMessage({
  service: 'reporting',
  name: 'indicator.values',
  version: 1,
  kind: 'query',
  request: IndicatorValuesQueryDto,
  response: IndicatorValuesDto,
  errors: ['INDICATOR_NOT_FOUND', 'PERIOD_INVALID', 'PLACE_UNKNOWN'],
  permission: 'report:read',
  http: {
    method: 'GET',
    path: 'indicators/:code/values',
    tag: TAG_FRAMEWORK,
    summary: 'Valeur d’un indicateur sur une période, par lieu, sexe et jeunes, et avancement vers la cible',
    description:
      'Période `2023Q4`, `2023` ou `2023-10-01..2023-12-31` ; agrégé au niveau demandé (région, cercle, commune, ' +
      'pays) sur l’ancienne ou la nouvelle carte, par la table de correspondance.',
    example: { code: 'r1-awareness-people', period: '2023Q4', level: 'cercle', map: 'pre2024' },
  },
});

const dashboard = defineMessage({
  service: 'reporting',
  name: 'dashboard.get',
  version: 1,
  kind: 'query',
  request: DashboardQueryDto,
  response: DashboardDto,
  errors: ['PERIOD_INVALID'],
  permission: 'report:read',
  http: {
    method: 'GET',
    path: 'dashboard',
    tag: TAG_FRAMEWORK,
    summary: 'Tableau de bord d’une période : chaque indicateur par résultat',
    example: { period: '2023Q4' },
  },
});

const parkedEventRetry = defineMessage({
  service: 'reporting',
  name: 'parked-event.retry',
  version: 1,
  kind: 'command',
  request: ParkedEventIdDto,
  response: ParkedEventRetryDto,
  errors: ['PARKED_EVENT_NOT_FOUND'],
  permission: 'indicator:write',
  key: (r) => `parked-${r.id}`,
  http: {
    method: 'POST',
    path: 'parked-events/:id/retry',
    tag: TAG_FRAMEWORK,
    summary: 'Relire un événement mis de côté (après une mise à jour qui sait le lire)',
    description:
      'Un événement compté est retiré de la liste, une seule fois ; un événement toujours illisible y reste, avec son motif à jour.',
    // No such parked event: trying the example answers 404 and changes nothing.
    example: { id: '999999999', note: 'Mise à jour qui lit land.case.filed.v2' },
  },
});

const parkedEvents = defineMessage({
  service: 'reporting',
  name: 'parked-event.list',
  version: 1,
  kind: 'query',
  request: ParkedEventQueryDto,
  response: ParkedEventListDto,
  errors: [],
  permission: 'report:read',
  http: {
    method: 'GET',
    path: 'parked-events',
    tag: TAG_FRAMEWORK,
    summary: 'Événements mis de côté (type ou version inconnus, contenu illisible)',
    example: { limit: 50 },
  },
});

const reportDraft = defineMessage({
  service: 'reporting',
  name: 'report.draft',
  version: 1,
  kind: 'command',
  request: DraftReportDto,
  response: ReportDto,
  errors: [],
  permission: 'report:write',
  key: (r) => r.period,
  http: {
    method: 'POST',
    path: 'reports',
    status: 201,
    tag: TAG_REPORTS,
    summary: 'Rédiger le rapport trimestriel d’un trimestre à partir des données',
    description:
      'Toutes les sections du rapport (Principaux résultats, Résultat 1 à 4, Comité de pilotage) avec chiffres, ' +
      'phrases générées, tableaux par cercle et par sexe.',
    location: (r) => `reports/${r.id}`,
    example: { period: '2023Q4' },
  },
});

const reportList = defineMessage({
  service: 'reporting',
  name: 'report.list',
  version: 1,
  kind: 'query',
  request: ReportListQueryDto,
  response: ReportListDto,
  errors: [],
  permission: 'report:read',
  http: {
    method: 'GET',
    path: 'reports',
    tag: TAG_REPORTS,
    summary: 'Lister les rapports',
    example: { period: '2023Q4' },
  },
});

const reportGet = defineMessage({
  service: 'reporting',
  name: 'report.get',
  version: 1,
  kind: 'query',
  request: ReportIdDto,
  response: ReportDto,
  errors: ['REPORT_NOT_FOUND'],
  permission: 'report:read',
  http: {
    method: 'GET',
    path: 'reports/:reportId',
    tag: TAG_REPORTS,
    summary: 'Lire un rapport',
    example: { reportId: REPORT_ID },
  },
});

const reportEdit = defineMessage({
  service: 'reporting',
  name: 'report.edit',
  version: 1,
  kind: 'command',
  request: EditReportDto,
  response: ReportDto,
  errors: ['REPORT_NOT_FOUND', 'REPORT_PUBLISHED', 'VERSION_CONFLICT'],
  permission: 'report:write',
  key: byReport,
  http: {
    method: 'PATCH',
    path: 'reports/:reportId',
    tag: TAG_REPORTS,
    summary: 'Modifier le texte des sections d’un rapport en brouillon',
    example: {
      reportId: REPORT_ID,
      version: 1,
      narratives: [{ section: 'R1', text: 'Le trimestre a été marqué par…' }],
    },
  },
});

const reportPublish = defineMessage({
  service: 'reporting',
  name: 'report.publish',
  version: 1,
  kind: 'command',
  request: PublishReportDto,
  response: ReportDto,
  errors: ['REPORT_NOT_FOUND', 'REPORT_PUBLISHED', 'VERSION_CONFLICT'],
  permission: 'report:write',
  key: byReport,
  http: {
    method: 'POST',
    path: 'reports/:reportId/publication',
    tag: TAG_REPORTS,
    summary: 'Publier un rapport : sa version est figée',
    example: { reportId: REPORT_ID, version: 1 },
  },
});

const reportPhotoAdd = defineMessage({
  service: 'reporting',
  name: 'report.photo-add',
  version: 1,
  kind: 'command',
  request: ReportPhotoUploadDto,
  response: ReportDto,
  errors: ['REPORT_NOT_FOUND', 'REPORT_PUBLISHED', ...ATTACHMENT_UPLOAD_ERRORS],
  permission: 'report:write',
  key: byReport,
  http: {
    method: 'POST',
    path: 'reports/:reportId/photos',
    status: 201,
    tag: TAG_REPORTS,
    summary: 'Ajouter une photo légendée à une section d’un rapport en brouillon (JPEG ou PNG)',
    description:
      'Le fichier brut en corps de requête, `fileName`, `section` et `caption` dans la chaîne de requête. Les ' +
      'métadonnées (EXIF, position GPS) sont retirées avant l’enregistrement.',
    example: {
      reportId: REPORT_ID,
      section: 'R1',
      caption: 'Sensibilisation communautaire. © ONG AZHAR/Octobre 2023',
      fileName: 'sensibilisation.png',
      content:
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    },
    upload: { maxBytes: ATTACHMENT_MAX_BYTES },
  },
});

function download(name: string, ext: string, summary: string): AnyMessageDef {
  return defineMessage({
    service: 'reporting',
    name: `report.${name}`,
    version: 1,
    kind: 'query',
    request: ReportFileQueryDto,
    response: null,
    errors: ['REPORT_NOT_FOUND', 'REPORT_VERSION_NOT_FOUND'],
    permission: 'report:read',
    http: {
      method: 'GET',
      path: `reports/:reportId/${ext}`,
      tag: TAG_REPORTS,
      summary,
      render: 'file',
      example: { reportId: REPORT_ID },
    },
  });
}

const reportDhis2 = defineMessage({
  service: 'reporting',
  name: 'report.dhis-data-values',
  version: 1,
  kind: 'query',
  request: ReportFileQueryDto,
  response: Dhis2DataValueSetDto,
  errors: ['REPORT_NOT_FOUND', 'REPORT_VERSION_NOT_FOUND'],
  permission: 'report:read',
  http: {
    method: 'GET',
    path: 'reports/:reportId/dhis2',
    tag: TAG_REPORTS,
    summary: 'Le rapport en dataValueSets DHIS2 (élément, période 2023Q4, unité, sexe)',
    example: { reportId: REPORT_ID },
  },
});

export const ReportingMessages = {
  activityRecord,
  activityUpdate,
  activityList,
  indicatorList,
  indicatorDefine,
  indicatorTarget,
  indicatorRetire,
  indicatorValues,
  dashboard,
  parkedEvents,
  parkedEventRetry,
  reportDraft,
  reportList,
  reportGet,
  reportEdit,
  reportPublish,
  reportPhotoAdd,
  reportPdf: download('pdf', 'pdf', 'Le rapport en PDF (français, A4, graphiques)'),
  reportXlsx: download('xlsx', 'xlsx', 'Le rapport en XLSX (une feuille par résultat)'),
  reportCsv: download('csv', 'csv', 'Les indicateurs du rapport en CSV'),
  reportDhis2,
} satisfies Record<string, AnyMessageDef>;
