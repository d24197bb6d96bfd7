import {
  ActivityListQueryDto,
  CreateCcsDto,
  DomainError,
  GrievanceListQueryDto,
  RecordActivityDto,
  RecordGrievanceDto,
  RecordTrainingDto,
  UpdateRecommendationDto,
  type ErrorDetail,
} from '@prosmed/contracts';
import { validatePayload } from '@prosmed/messaging';

function details(dto: new () => object, value: unknown): string[] {
  try {
    validatePayload(dto, value);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('VALIDATION_FAILED');
    return ((err as DomainError).details ?? []).map((d: ErrorDetail) => `${d.field}:${d.code}`);
  }
  throw new Error('expected VALIDATION_FAILED');
}

const activity = {
  ccsCode: 'CCS-SEGOU',
  type: 'sports-event',
  startOn: '2026-11-21',
  placeCode: 'ML-SEG-SEG-SEG',
  theme: ' Match de football ',
  forces: ['police'],
  participants: { total: 120, women: 45, youth: 70, fds: 30 },
  recommendations: [' Un match par trimestre '],
};

describe('CCS payloads', () => {
  it('accepts the football match, trims texts and keeps children unknown', () => {
    const dto = validatePayload(RecordActivityDto, activity);
    expect(dto.theme).toBe('Match de football');
    expect(dto.recommendations).toEqual(['Un match par trimestre']);
    expect(dto.participants.children).toBeUndefined();
  });

  it('refuses counts that are not whole, negative or absurd, and unknown types or forces', () => {
    expect(
      details(RecordActivityDto, {
        ...activity,
        type: 'concert',
        forces: ['army', 'police', 'police'],
        participants: { total: -1, women: 1.5, youth: 2_000_000, fds: '3' },
      }),
    ).toEqual(
      expect.arrayContaining([
        'type:isIn',
        'forces:isIn',
        'forces:arrayUnique',
        'participants.total:min',
        'participants.women:isInt',
        'participants.youth:max',
        'participants.fds:isInt',
      ]),
    );
    expect(details(RecordActivityDto, { ...activity, participants: [] })).toContain('participants:isObject');
  });

  it('needs a label for the type « other », and a date, not a time', () => {
    expect(details(RecordActivityDto, { ...activity, type: 'other' })).toContain('typeLabel:isString');
    expect(
      validatePayload(RecordActivityDto, { ...activity, type: 'other', typeLabel: 'Causerie' }).typeLabel,
    ).toBe('Causerie');
    expect(details(RecordActivityDto, { ...activity, startOn: '2026-11-21T10:00:00Z' })).toEqual([
      'startOn:matches',
    ]);
  });

  it('refuses a body naming fields the message does not have (no CCS smuggled in)', () => {
    expect(details(RecordActivityDto, { ...activity, ccsId: 'CCS-NARA' })).toEqual([
      'ccsId:whitelistValidation',
    ]);
  });

  it('checks a CCS member’s sex and force, and grievances’ lists', () => {
    expect(
      details(CreateCcsDto, {
        code: 'CCS-X1',
        name: 'CCS',
        level: 'national',
        placeCode: 'ML-SEG',
        activeFrom: '2017-01-01',
        members: [{ function: 'maire', sex: 'X', fds: 'yes', force: 'army' }],
      }),
    ).toEqual(
      expect.arrayContaining([
        'level:isIn',
        'members[0].sex:isIn',
        'members[0].fds:isBoolean',
        'members[0].force:isIn',
      ]),
    );
    const grievance = {
      ccsCode: 'CCS-SEGOU',
      receivedOn: '2026-11-20',
      channel: 'pigeon',
      category: 'rumour',
      placeCode: 'ML-SEG-SEG-SEG',
      summary: 'x',
      complainant: { phone: 'call me' },
    };
    expect(details(RecordGrievanceDto, grievance)).toEqual(
      expect.arrayContaining(['channel:isIn', 'category:isIn', 'complainant.phone:matches']),
    );
  });

  it('reads booleans and numbers from query strings, and nothing else', () => {
    expect(validatePayload(GrievanceListQueryDto, { overdue: 'true', limit: '20' })).toMatchObject({
      overdue: true,
      limit: 20,
    });
    expect(details(GrievanceListQueryDto, { overdue: 'yes' })).toEqual(['overdue:isBoolean']);
    expect(details(ActivityListQueryDto, { from: '21/11/2026', limit: '0' })).toEqual(
      expect.arrayContaining(['from:matches', 'limit:min']),
    );
  });

  it('needs ids, a version and a known state to follow a recommendation', () => {
    expect(
      details(UpdateRecommendationDto, { activityId: 'x', recommendationId: 'y', version: 0, state: 'late' }),
    ).toEqual(
      expect.arrayContaining(['activityId:isUuid', 'recommendationId:isUuid', 'version:min', 'state:isIn']),
    );
  });

  it('needs at least one body of trainees, each by sex', () => {
    const training = {
      ccsCode: 'CCS-SEGOU',
      topic: 'opj',
      title: 'OPJ',
      startOn: '2026-11-02',
      placeCode: 'ML-SEG-SEG-SEG',
      trainees: [],
    };
    expect(details(RecordTrainingDto, training)).toEqual(['trainees:arrayMinSize']);
    expect(details(RecordTrainingDto, { ...training, trainees: [{ body: 'army', women: 1 }] })).toEqual(
      expect.arrayContaining(['trainees[0].body:isIn', 'trainees[0].men:isInt']),
    );
  });
});
