/** The CCS registry's messages (see `messages.ts`). */
import { defineMessage } from '../catalogue';
import {
  CcsCodeDto,
  CcsDetailDto,
  CcsDto,
  CcsListQueryDto,
  CcsPageDto,
  CreateCcsDto,
  UpdateCcsDto,
} from './ccs-dtos';
import { TAG_CCS } from './message-common';

const ccsCreate = defineMessage({
  service: 'security',
  name: 'ccs.create',
  version: 1,
  kind: 'command',
  request: CreateCcsDto,
  response: CcsDto,
  errors: [
    'CCS_CODE_TAKEN',
    'PLACE_UNKNOWN',
    'CCS_LEVEL_PLACE_MISMATCH',
    'MEMBER_FORCE_MISMATCH',
    'DATE_RANGE_INVERTED',
  ],
  permission: 'ccs:write',
  key: (r) => r.code,
  http: {
    method: 'POST',
    path: 'ccs',
    status: 201,
    tag: TAG_CCS,
    summary: 'Créer un comité consultatif de sécurité (CCS)',
    description:
      'Réservé à l’admin. Régional (présidé par le gouverneur, lieu : une région), de cercle (le préfet) ou ' +
      'communal (le maire). Les membres sont décrits par leur fonction, jamais par leur nom.',
    location: (c) => `ccs/${encodeURIComponent(c.code)}`,
    example: {
      code: 'CCS-BARAOUELI',
      name: 'CCS du cercle de Barouéli',
      level: 'cercle',
      placeCode: 'ML-SEG-BAR',
      activeFrom: '2017-03-01',
      members: [
        { function: 'préfet', sex: 'M', fds: false },
        { function: 'commandant de brigade', sex: 'M', fds: true, force: 'gendarmerie' },
        { function: 'présidente des femmes', sex: 'F', fds: false },
      ],
    },
  },
});

const ccsUpdate = defineMessage({
  service: 'security',
  name: 'ccs.update',
  version: 1,
  kind: 'command',
  request: UpdateCcsDto,
  response: CcsDto,
  errors: [
    'CCS_NOT_FOUND',
    'VERSION_CONFLICT',
    'PLACE_UNKNOWN',
    'CCS_LEVEL_PLACE_MISMATCH',
    'MEMBER_FORCE_MISMATCH',
    'DATE_RANGE_INVERTED',
  ],
  permission: 'ccs:write',
  key: (r) => r.code,
  http: {
    method: 'PATCH',
    path: 'ccs/:code',
    tag: TAG_CCS,
    summary: 'Modifier un CCS (membres, dates, lieu)',
    description: 'Envoyer la `version` lue et les champs à changer ; le code ne change pas.',
    example: { code: 'CCS-SEGOU', version: 1, name: 'CCS du cercle de Ségou' },
  },
});

const ccsList = defineMessage({
  service: 'security',
  name: 'ccs.list',
  version: 1,
  kind: 'query',
  request: CcsListQueryDto,
  response: CcsPageDto,
  errors: [],
  permission: 'ccs:read',
  http: {
    method: 'GET',
    path: 'ccs',
    tag: TAG_CCS,
    summary: 'Lister les CCS',
    description: 'Par code, pagination par curseur. Une secrétaire de CCS ne voit que le sien.',
    example: { level: 'cercle', limit: 20 },
  },
});

const ccsGet = defineMessage({
  service: 'security',
  name: 'ccs.get',
  version: 1,
  kind: 'query',
  request: CcsCodeDto,
  response: CcsDetailDto,
  errors: ['CCS_NOT_FOUND', 'OUT_OF_SCOPE'],
  permission: 'ccs:read',
  http: {
    method: 'GET',
    path: 'ccs/:code',
    tag: TAG_CCS,
    summary: 'Lire un CCS et son historique',
    example: { code: 'CCS-SEGOU' },
  },
});

/** The CCS registry, by handler name. */
export const CcsRegistryMessages = {
  ccsCreate,
  ccsUpdate,
  ccsList,
  ccsGet,
} as const;
