/** Messages of community security grievances (see `messages.ts`). */
import { defineMessage } from '../catalogue';
import {
  CloseGrievanceDto,
  GRIEVANCE_EXAMPLE_ID,
  GrievanceDetailDto,
  GrievanceDto,
  GrievanceFollowUpDto,
  GrievanceIdDto,
  GrievanceListQueryDto,
  GrievancePageDto,
  RecordGrievanceDto,
  ReferGrievanceDto,
} from './grievance-dtos';
import { byCcs, CCS_WRITE_ERRORS, TAG_GRIEVANCES } from './message-common';

const GRIEVANCE_COMMAND_ERRORS = [
  'OUT_OF_SCOPE',
  'GRIEVANCE_NOT_FOUND',
  'VERSION_CONFLICT',
  'GRIEVANCE_TRANSITION_FORBIDDEN',
  'GRIEVANCE_CLOSED',
  'DATE_IN_FUTURE',
  'GRIEVANCE_DATE_BEFORE_RECEIPT',
] as const;
const byGrievance = (r: { grievanceId: string }) => r.grievanceId;

const grievanceRecord = defineMessage({
  service: 'security',
  name: 'grievance.record',
  version: 1,
  kind: 'command',
  request: RecordGrievanceDto,
  response: GrievanceDto,
  errors: [...CCS_WRITE_ERRORS, 'COMPLAINANT_EMPTY'],
  permission: 'grievance:write',
  key: byCcs,
  http: {
    method: 'POST',
    path: 'grievances',
    status: 201,
    tag: TAG_GRIEVANCES,
    summary: 'Enregistrer une plainte communautaire de sécurité',
    description:
      'Incident, menace, plainte contre une force, conflit. L’identité du plaignant (facultative) est chiffrée ' +
      'et lisible par la seule secrétaire du CCS : la réponse ne la contient pas, elle la relit par GET.',
    location: (g) => `grievances/${g.id}`,
    example: {
      ccsCode: 'CCS-SEGOU',
      receivedOn: '2026-11-20',
      channel: 'in-person',
      category: 'threat',
      placeCode: 'ML-SEG-SEG-SEG',
      summary: 'Menaces répétées contre les commerçants du marché',
      complainant: { name: 'Awa Diarra', phone: '+223 76 00 00 00' },
    },
  },
});

const grievanceRefer = defineMessage({
  service: 'security',
  name: 'grievance.refer',
  version: 1,
  kind: 'command',
  request: ReferGrievanceDto,
  response: GrievanceDto,
  errors: [...GRIEVANCE_COMMAND_ERRORS],
  permission: 'grievance:write',
  key: byGrievance,
  http: {
    method: 'POST',
    path: 'grievances/:grievanceId/referral',
    tag: TAG_GRIEVANCES,
    summary: 'Transmettre la plainte à un service (police, gendarmerie, garde, justice, maire)',
    example: { grievanceId: GRIEVANCE_EXAMPLE_ID, version: 1, service: 'police', referredOn: '2026-11-21' },
  },
});

const grievanceFollowUp = defineMessage({
  service: 'security',
  name: 'grievance.follow-up',
  version: 1,
  kind: 'command',
  request: GrievanceFollowUpDto,
  response: GrievanceDto,
  errors: [...GRIEVANCE_COMMAND_ERRORS],
  permission: 'grievance:write',
  key: byGrievance,
  http: {
    method: 'POST',
    path: 'grievances/:grievanceId/follow-ups',
    tag: TAG_GRIEVANCES,
    summary: 'Ajouter une note de suivi (après transmission)',
    example: {
      grievanceId: GRIEVANCE_EXAMPLE_ID,
      version: 2,
      date: '2026-11-25',
      note: 'Le commissariat a convoqué les auteurs présumés',
    },
  },
});

const grievanceClose = defineMessage({
  service: 'security',
  name: 'grievance.close',
  version: 1,
  kind: 'command',
  request: CloseGrievanceDto,
  response: GrievanceDto,
  errors: [...GRIEVANCE_COMMAND_ERRORS],
  permission: 'grievance:write',
  key: byGrievance,
  http: {
    method: 'POST',
    path: 'grievances/:grievanceId/closure',
    tag: TAG_GRIEVANCES,
    summary: 'Clôturer la plainte avec son issue',
    example: { grievanceId: GRIEVANCE_EXAMPLE_ID, version: 3, closedOn: '2026-11-28', outcome: 'resolved' },
  },
});

const grievanceList = defineMessage({
  service: 'security',
  name: 'grievance.list',
  version: 1,
  kind: 'query',
  request: GrievanceListQueryDto,
  response: GrievancePageDto,
  errors: [],
  permission: 'grievance:read',
  http: {
    method: 'GET',
    path: 'grievances',
    tag: TAG_GRIEVANCES,
    summary: 'Lister les plaintes (avec `overdue=true` : celles ouvertes depuis trop longtemps)',
    description: 'Sans identité des plaignants. Une secrétaire ne voit que son CCS.',
    example: { state: 'referred', limit: 20 },
  },
});

const grievanceGet = defineMessage({
  service: 'security',
  name: 'grievance.get',
  version: 1,
  kind: 'query',
  request: GrievanceIdDto,
  response: GrievanceDetailDto,
  errors: ['GRIEVANCE_NOT_FOUND', 'OUT_OF_SCOPE'],
  permission: 'grievance:read',
  http: {
    method: 'GET',
    path: 'grievances/:grievanceId',
    tag: TAG_GRIEVANCES,
    summary: 'Lire une plainte et son historique (l’identité du plaignant : secrétaire du CCS seule)',
    example: { grievanceId: GRIEVANCE_EXAMPLE_ID },
  },
});

/** Grievances, by handler name. */
export const GrievanceMessages = {
  grievanceRecord,
  grievanceRefer,
  grievanceFollowUp,
  grievanceClose,
  grievanceList,
  grievanceGet,
} as const;
