import {
  apiDates,
  ATTACHMENT_MAX_BYTES,
  checkFile,
  checkParticipants,
  formatSize,
  grievanceActions,
  historyKey,
  inTerritory,
  parseCount,
  safeFileName,
  sortGrievances,
  visibleProblems,
} from './rules';

const match = { total: '120', women: '45', youth: '70', fds: '30', children: '' };

describe('parseCount', () => {
  it('reads whole numbers, spaces allowed, and says NaN for anything else', () => {
    expect(parseCount('')).toBeUndefined();
    expect(parseCount('  ')).toBeUndefined();
    expect(parseCount(undefined)).toBeUndefined();
    expect(parseCount('120')).toBe(120);
    expect(parseCount('1 200')).toBe(1200);
    expect(parseCount('1\u202f200')).toBe(1200);
    expect(parseCount('12,5')).toBeNaN();
    expect(parseCount('-3')).toBeNaN();
    expect(parseCount('abc')).toBeNaN();
  });
});

describe('checkParticipants', () => {
  it('gives the API counts when every sub-count is at most the total (children optional)', () => {
    expect(checkParticipants(match)).toEqual({
      problems: {},
      value: { total: 120, women: 45, youth: 70, fds: 30, children: null },
    });
    expect(checkParticipants({ ...match, children: '12' }).value?.children).toBe(12);
    expect(checkParticipants({ ...match, women: '120' }).value?.women).toBe(120);
  });

  it('names each sub-count above the total, with its value and the total', () => {
    const r = checkParticipants({ ...match, women: '130', children: '121' });
    expect(r.value).toBeUndefined();
    expect(r.problems).toEqual({
      women: { kind: 'exceeds-total', value: 130, total: 120 },
      children: { kind: 'exceeds-total', value: 121, total: 120 },
    });
  });

  it('says what is missing or not a count, and compares nothing without a total', () => {
    const r = checkParticipants({ women: '130', youth: 'x' });
    expect(r.problems).toEqual({
      total: { kind: 'required' },
      youth: { kind: 'not-a-number' },
      fds: { kind: 'required' },
    });
    expect(checkParticipants({ ...match, total: '2000000' }).problems.total).toEqual({
      kind: 'too-large',
      max: 1_000_000,
    });
  });

  it('shows while typing only what concerns a filled field, everything once she saves', () => {
    const input = { total: '120', women: '130' };
    const check = checkParticipants(input);
    expect(visibleProblems(check, input, false)).toEqual({
      women: { kind: 'exceeds-total', value: 130, total: 120 },
    });
    expect(Object.keys(visibleProblems(check, input, true)).sort()).toEqual(['fds', 'women', 'youth']);
  });
});

describe('inTerritory', () => {
  it('keeps the CCS place and the places under it', () => {
    expect(inTerritory('ML-SEG-SEG', 'ML-SEG-SEG')).toBe(true);
    expect(inTerritory('ML-SEG-SEG-SEG', 'ML-SEG-SEG')).toBe(true);
    expect(inTerritory('ML-SEG-SEG-SEG-0001', 'ML-SEG-SEG')).toBe(true);
    expect(inTerritory('ML-SEG-SEGX', 'ML-SEG-SEG')).toBe(false);
    expect(inTerritory('ML-SEG-SAN-SAN', 'ML-SEG-SEG')).toBe(false);
    expect(inTerritory('ML-SEG', 'ML-SEG-SEG')).toBe(false);
    expect(inTerritory('ML-KOU-NAR', undefined)).toBe(true);
  });
});

describe('checkFile', () => {
  it('takes photos and PDFs up to 5 MiB', () => {
    expect(checkFile({ size: 1000, type: 'image/png' })).toBeUndefined();
    expect(checkFile({ size: ATTACHMENT_MAX_BYTES, type: 'application/pdf' })).toBeUndefined();
    expect(checkFile({ size: 1000, type: '' })).toBeUndefined();
  });

  it('refuses an empty file, one over 5 MiB and another type before sending', () => {
    expect(checkFile({ size: 0, type: 'image/png' })).toEqual({ kind: 'empty' });
    expect(checkFile({ size: ATTACHMENT_MAX_BYTES + 1, type: 'image/jpeg' })).toEqual({
      kind: 'too-large',
      size: ATTACHMENT_MAX_BYTES + 1,
      max: ATTACHMENT_MAX_BYTES,
    });
    expect(checkFile({ size: 10, type: 'video/mp4' })).toEqual({ kind: 'type', type: 'video/mp4' });
  });

  it('formatSize and safeFileName', () => {
    expect(formatSize(ATTACHMENT_MAX_BYTES)).toBe('5 Mio');
    expect(formatSize(1536)).toBe('1,5 kio');
    expect(formatSize(300)).toBe('300 o');
    expect(safeFileName('IMG_0001.jpg')).toBe('IMG_0001.jpg');
    expect(safeFileName('a/b\\c.png')).toBe('a_b_c.png');
    expect(safeFileName('..')).toBe('photo');
    expect(safeFileName('')).toBe('photo');
    const long = safeFileName(`${'x'.repeat(300)}.jpeg`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.jpeg')).toBe(true);
  });
});

describe('lists', () => {
  it('puts overdue grievances first (longest open first), then open, then closed, newest first', () => {
    const g = (id: string, overdue: boolean, state: string, receivedOn: string, daysOpen: number) => ({
      id,
      overdue,
      state,
      receivedOn,
      daysOpen,
    });
    const sorted = sortGrievances([
      g('closed', false, 'closed', '2026-11-20', 3),
      g('open-new', false, 'received', '2026-11-25', 5),
      g('late', true, 'referred', '2026-09-01', 90),
      g('later', true, 'received', '2026-08-01', 121),
      g('open-old', false, 'in-follow-up', '2026-11-10', 20),
    ]);
    expect(sorted.map((x) => x.id)).toEqual(['later', 'late', 'open-new', 'open-old', 'closed']);
  });

  it('offers the grievance steps the service allows in each state', () => {
    expect(grievanceActions('received')).toEqual(['refer', 'close']);
    expect(grievanceActions('referred')).toEqual(['refer', 'follow-up', 'close']);
    expect(grievanceActions('in-follow-up')).toEqual(['refer', 'follow-up', 'close']);
    expect(grievanceActions('closed')).toEqual([]);
  });

  it('names history actions', () => {
    expect(historyKey('grievance.referred')).toBe('history.grievance.referred');
    expect(historyKey('activity.recommendation.done')).toBe('history.activity.recommendation');
  });
});

describe('apiDates', () => {
  it('turns jj/mm/aaaa into the API dates, an empty optional one left out', () => {
    expect(apiDates({ startOn: '18/11/2023', endOn: '' }, ['endOn'])).toEqual({
      dates: { startOn: '2023-11-18' },
      invalid: [],
    });
    expect(apiDates({ startOn: '1/2/2024', endOn: '03/02/2024' }, ['endOn']).dates).toEqual({
      startOn: '2024-02-01',
      endOn: '2024-02-03',
    });
  });

  it('names what is not a real date, and a required one left empty', () => {
    expect(apiDates({ startOn: '31/11/2023', endOn: '2023-11-18' }, ['endOn']).invalid).toEqual([
      'startOn',
      'endOn',
    ]);
    expect(apiDates({ receivedOn: '' }).invalid).toEqual(['receivedOn']);
  });
});
