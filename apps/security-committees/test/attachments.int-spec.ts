import { randomUUID } from 'node:crypto';
import {
  SecurityMessages,
  messageIds,
  type ActivityDetailDto,
  type ActivityDto,
  type AttachmentDto,
  type AttachmentListDto,
  type FileReply,
} from '@prosmed/contracts';
import { attendanceSheet, GPS_MARK, photoWithGps } from './sample-files';
import { demoIdentity, startSecurity, type SecurityHarness } from './security-harness';

const S = messageIds(SecurityMessages);
let h: SecurityHarness;

beforeAll(async () => {
  h = await startSecurity();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const segou = () => demoIdentity('ccs.segou');
const nara = () => demoIdentity('ccs.nara');
const manager = () => demoIdentity('manager');
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function activity(): Promise<ActivityDto> {
  return h.call<ActivityDto>(
    S.activityRecord,
    {
      ccsCode: 'CCS-SEGOU',
      type: 'fds-open-day',
      startOn: daysAgo(2),
      placeCode: 'ML-SEG-SEG-SEG',
      theme: 'Journée porte ouverte de la police',
      forces: ['police'],
      participants: { total: 60, women: 20, youth: 30, fds: 10 },
    },
    segou(),
  );
}

describe('photos and attendance sheets of an activity (real PostgreSQL and Kafka)', () => {
  it('stores a photo without its GPS metadata and a PDF sheet, listed and downloaded within scope', async () => {
    const a = await activity();
    const photo = await h.call<AttachmentDto>(
      S.activityAttachmentAdd,
      { activityId: a.id, fileName: 'match.png', content: photoWithGps().toString('base64') },
      segou(),
    );
    expect(photo).toMatchObject({ kind: 'png', contentType: 'image/png', fileName: 'match.png' });
    const sheet = await h.call<AttachmentDto>(
      S.activityAttachmentAdd,
      { activityId: a.id, fileName: 'liste-de-presence.pdf', content: attendanceSheet().toString('base64') },
      segou(),
    );
    expect(sheet.kind).toBe('pdf');
    const list = await h.call<AttachmentListDto>(S.activityAttachmentList, { activityId: a.id }, manager());
    expect(list.items.map((x) => x.id)).toEqual([photo.id, sheet.id]);
    const file = await h.call<FileReply>(
      S.activityAttachmentContent,
      { activityId: a.id, attachmentId: photo.id },
      manager(),
    );
    expect(Buffer.from(file.base64, 'base64').toString('latin1')).not.toContain(GPS_MARK);
    const detail = await h.call<ActivityDetailDto>(S.activityGet, { activityId: a.id }, segou());
    expect(detail.history.map((e) => e.action)).toEqual([
      'activity.recorded',
      'activity.attachment-added',
      'activity.attachment-added',
    ]);
    expect((await h.fail(S.activityAttachmentList, { activityId: a.id }, nara())).code).toBe('OUT_OF_SCOPE');
    expect(
      (await h.fail(S.activityAttachmentContent, { activityId: a.id, attachmentId: photo.id }, nara())).code,
    ).toBe('OUT_OF_SCOPE');
    expect(
      (
        await h.fail(
          S.activityAttachmentAdd,
          { activityId: a.id, fileName: 'x.pdf', content: attendanceSheet().toString('base64') },
          nara(),
        )
      ).code,
    ).toBe('OUT_OF_SCOPE');
    const other = await activity();
    expect(
      (await h.fail(S.activityAttachmentContent, { activityId: other.id, attachmentId: photo.id }, manager()))
        .code,
    ).toBe('ATTACHMENT_NOT_FOUND');
  });

  it('refuses a file that is not what its name says, or not a photo or PDF, and stores nothing', async () => {
    const a = await activity();
    const renamed = await h.fail(
      S.activityAttachmentAdd,
      { activityId: a.id, fileName: 'photo.jpg', content: attendanceSheet().toString('base64') },
      segou(),
    );
    expect(renamed.code).toBe('ATTACHMENT_TYPE_MISMATCH');
    const text = await h.fail(
      S.activityAttachmentAdd,
      { activityId: a.id, fileName: 'notes.txt', content: Buffer.from('bonjour').toString('base64') },
      segou(),
    );
    expect(text.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    const [{ n }]: { n: string }[] = await h.db.query(
      `SELECT count(*) AS n FROM "security"."attachment" WHERE "owner_id" = $1`,
      [a.id],
    );
    expect(Number(n)).toBe(0);
    expect(
      (
        await h.fail(
          S.activityAttachmentAdd,
          { activityId: randomUUID(), fileName: 'x.pdf', content: attendanceSheet().toString('base64') },
          manager(),
        )
      ).code,
    ).toBe('FORBIDDEN_ROLE');
  });
});
