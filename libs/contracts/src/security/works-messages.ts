/** Messages of security infrastructures and trainings (see `messages.ts`). */
import { defineMessage } from '../catalogue';
import { byCcs, CCS_WRITE_ERRORS, TAG_WORKS } from './message-common';
import {
  InfrastructureDetailDto,
  InfrastructureDto,
  InfrastructureIdDto,
  InfrastructureListQueryDto,
  InfrastructurePageDto,
  RecordInfrastructureDto,
  RecordTrainingDto,
  TrainingDetailDto,
  TrainingDto,
  TrainingIdDto,
  TrainingListQueryDto,
  TrainingPageDto,
  UpdateInfrastructureDto,
} from './works-dtos';

const infrastructureRecord = defineMessage({
  service: 'security',
  name: 'infrastructure.record',
  version: 1,
  kind: 'command',
  request: RecordInfrastructureDto,
  response: InfrastructureDto,
  errors: [...CCS_WRITE_ERRORS],
  permission: 'activity:write',
  key: byCcs,
  http: {
    method: 'POST',
    path: 'infrastructures',
    status: 201,
    tag: TAG_WORKS,
    summary: 'Enregistrer une infrastructure de sécurité construite ou réhabilitée',
    location: (i) => `infrastructures/${i.id}`,
    example: {
      ccsCode: 'CCS-SEGOU',
      name: 'Commissariat de police du 2e arrondissement',
      type: 'police-station',
      works: 'rehabilitated',
      placeCode: 'ML-SEG-SEG-SEG',
      handedOverOn: '2026-11-14',
      receivingMinistry: 'Ministère de la sécurité et de la protection civile',
    },
  },
});

const infrastructureUpdate = defineMessage({
  service: 'security',
  name: 'infrastructure.update',
  version: 1,
  kind: 'command',
  request: UpdateInfrastructureDto,
  response: InfrastructureDto,
  errors: ['OUT_OF_SCOPE', 'INFRASTRUCTURE_NOT_FOUND', 'VERSION_CONFLICT', 'DATE_IN_FUTURE'],
  permission: 'activity:write',
  key: (r) => r.infrastructureId,
  http: {
    method: 'PATCH',
    path: 'infrastructures/:infrastructureId',
    tag: TAG_WORKS,
    summary: 'Enregistrer la remise (date, ministère) ou corriger une infrastructure',
    example: {
      infrastructureId: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
      version: 1,
      handedOverOn: '2026-11-14',
      receivingMinistry: 'Ministère de la sécurité et de la protection civile',
    },
  },
});

const infrastructureList = defineMessage({
  service: 'security',
  name: 'infrastructure.list',
  version: 1,
  kind: 'query',
  request: InfrastructureListQueryDto,
  response: InfrastructurePageDto,
  errors: [],
  permission: 'activity:read',
  http: {
    method: 'GET',
    path: 'infrastructures',
    tag: TAG_WORKS,
    summary: 'Lister les infrastructures de sécurité (remises ou non)',
    example: { handedOver: true },
  },
});

const infrastructureGet = defineMessage({
  service: 'security',
  name: 'infrastructure.get',
  version: 1,
  kind: 'query',
  request: InfrastructureIdDto,
  response: InfrastructureDetailDto,
  errors: ['INFRASTRUCTURE_NOT_FOUND', 'OUT_OF_SCOPE'],
  permission: 'activity:read',
  http: {
    method: 'GET',
    path: 'infrastructures/:infrastructureId',
    tag: TAG_WORKS,
    summary: 'Lire une infrastructure et son historique',
    example: { infrastructureId: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d' },
  },
});

const trainingRecord = defineMessage({
  service: 'security',
  name: 'training.record',
  version: 1,
  kind: 'command',
  request: RecordTrainingDto,
  response: TrainingDto,
  errors: [...CCS_WRITE_ERRORS, 'TRAINEE_BODY_REPEATED'],
  permission: 'activity:write',
  key: byCcs,
  http: {
    method: 'POST',
    path: 'trainings',
    status: 201,
    tag: TAG_WORKS,
    summary: 'Enregistrer une formation (OPJ, droits humains...) avec les participants par sexe et par corps',
    location: (t) => `trainings/${t.id}`,
    example: {
      ccsCode: 'CCS-SEGOU',
      topic: 'opj',
      title: 'Conduite des enquêtes et techniques d’audition',
      startOn: '2026-11-02',
      endOn: '2026-11-13',
      placeCode: 'ML-SEG-SEG-SEG',
      trainees: [
        { body: 'police', women: 1, men: 14 },
        { body: 'gendarmerie', women: 0, men: 10 },
      ],
    },
  },
});

const trainingList = defineMessage({
  service: 'security',
  name: 'training.list',
  version: 1,
  kind: 'query',
  request: TrainingListQueryDto,
  response: TrainingPageDto,
  errors: [],
  permission: 'activity:read',
  http: {
    method: 'GET',
    path: 'trainings',
    tag: TAG_WORKS,
    summary: 'Lister les formations',
    example: { topic: 'opj' },
  },
});

const trainingGet = defineMessage({
  service: 'security',
  name: 'training.get',
  version: 1,
  kind: 'query',
  request: TrainingIdDto,
  response: TrainingDetailDto,
  errors: ['TRAINING_NOT_FOUND', 'OUT_OF_SCOPE'],
  permission: 'activity:read',
  http: {
    method: 'GET',
    path: 'trainings/:trainingId',
    tag: TAG_WORKS,
    summary: 'Lire une formation et son historique',
    example: { trainingId: '3b4c5d6e-7f80-4a9b-8c1d-2e3f4a5b6c7d' },
  },
});

/** The security service's messages, by handler name. */
/** Infrastructures and trainings, by handler name. */
export const WorksMessages = {
  infrastructureRecord,
  infrastructureUpdate,
  infrastructureList,
  infrastructureGet,
  trainingRecord,
  trainingList,
  trainingGet,
} as const;
