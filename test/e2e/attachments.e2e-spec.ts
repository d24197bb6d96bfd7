import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ATTACHMENT_MAX_BYTES, SecurityMessages } from '@prosmed/contracts';
import { tokenFor } from '@prosmed/testing';
import { call, type ApiResponse } from './support/http';
import { type AppProcess, startGatewayProcess, startServiceProcess } from './support/processes';

jest.setTimeout(180_000);

/**
 * Attachments end to end, at full size: a 5 MiB file up through the gateway (raw body), over Kafka (about
 * 7 MB of base64 on the request topic), into the CCS service and PostgreSQL, and back down (the same on
 * the gateway's reply topic), as a download that is never cached nor shown inline.
 */
let svc: AppProcess;
let gw: AppProcess;

beforeAll(async () => {
  svc = await startServiceProcess('security-committees');
  gw = await startGatewayProcess();
  const until = Date.now() + 60_000;
  for (;;) {
    const r = await call(gw.url, 'GET', '/api/v1/ccs/CCS-SEGOU', { as: 'admin.prosmed' });
    if (r.status === 200) break;
    if (Date.now() > until) throw new Error(`CCS service not answering: ${r.status} ${r.text}`);
  }
}, 240_000);

afterAll(async () => {
  await gw?.stop();
  await svc?.stop();
});

function ok<T>(r: ApiResponse<T>, status = 200): T {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  return r.body;
}

/** The routes, from the catalogue (so a renamed path cannot leave this test calling another service). */
const M = SecurityMessages;
const v1 = (path: string, fields: Record<string, string> = {}) =>
  `/api/v1/${path.replace(/:([A-Za-z]+)/g, (_, k: string) => encodeURIComponent(fields[k]))}`;
const activitiesPath = () => v1(M.activityRecord.http!.path);
const attachmentsPath = (activityId: string) => v1(M.activityAttachmentAdd.http!.path, { activityId });
const attachmentPath = (activityId: string, attachmentId: string) =>
  v1(M.activityAttachmentContent.http!.path, { activityId, attachmentId });

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** A PDF of exactly `size` bytes (the content is what the sniffer reads: `%PDF-` first). */
const pdfOf = (size: number) => {
  const head = Buffer.from('%PDF-1.4\n');
  return Buffer.concat([head, randomBytes(size - head.length)]);
};

async function newActivity(): Promise<string> {
  const example = { ...M.activityRecord.http!.example };
  const body = {
    ...example,
    startOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    theme: `Pièces jointes ${randomUUID().slice(0, 8)}`,
  };
  const r = await call<{ id: string }>(gw.url, M.activityRecord.http!.method, activitiesPath(), {
    as: 'ccs.segou',
    body,
    headers: { 'idempotency-key': randomUUID() },
  });
  return ok(r, 201).id;
}

const upload = (
  activityId: string,
  fileName: string,
  bytes: Buffer,
  opts: { as?: string; key?: string } = {},
) =>
  call<{ id: string; size: number; sha256: string; code?: string; message?: string }>(
    gw.url,
    'POST',
    `${attachmentsPath(activityId)}?fileName=${encodeURIComponent(fileName)}`,
    {
      as: opts.as ?? 'ccs.segou',
      raw: bytes,
      contentType: 'application/pdf',
      headers: { 'idempotency-key': opts.key ?? randomUUID() },
    },
  );

describe('a 5 MiB attachment through the gateway, Kafka and the CCS service', () => {
  it('goes up as a raw body and comes back byte for byte, as a private download', async () => {
    const activityId = await newActivity();
    const file = pdfOf(ATTACHMENT_MAX_BYTES);
    const stored = ok(await upload(activityId, 'Liste de présence (Ségou).pdf', file), 201);
    expect({ size: stored.size, sha256: stored.sha256 }).toEqual({ size: file.length, sha256: sha256(file) });

    const res = await fetch(`${gw.url}${attachmentPath(activityId, stored.id)}`, {
      headers: { authorization: `Bearer ${await tokenFor('manager')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Liste de pr_sence (S_gou).pdf"; filename*=UTF-8''Liste%20de%20pr%C3%A9sence%20%28S%C3%A9gou%29.pdf`,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const back = Buffer.from(await res.arrayBuffer());
    expect(back.length).toBe(file.length);
    expect(sha256(back)).toBe(sha256(file));
  });

  it('refuses one byte more at the gateway (413), and a caller without the permission before reading', async () => {
    const activityId = await newActivity();
    const tooBig = await upload(activityId, 'scan.pdf', pdfOf(ATTACHMENT_MAX_BYTES + 1));
    expect([tooBig.status, tooBig.body.code, tooBig.body.message]).toEqual([
      413,
      'PAYLOAD_TOO_LARGE',
      'Le corps de la requête dépasse la taille maximale (5 Mio).',
    ]);
    const denied = await upload(activityId, 'scan.pdf', pdfOf(ATTACHMENT_MAX_BYTES + 1), {
      as: 'copil.membre',
    });
    expect([denied.status, denied.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    const empty = await upload(activityId, 'scan.pdf', Buffer.alloc(0));
    expect([empty.status, empty.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('replays the same file under the same Idempotency-Key, and refuses another file under it', async () => {
    const activityId = await newActivity();
    const key = randomUUID();
    const file = pdfOf(64 * 1024);
    const first = ok(await upload(activityId, 'pv.pdf', file, { key }), 201);
    const again = await upload(activityId, 'pv.pdf', file, { key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.id);
    const other = await upload(activityId, 'pv.pdf', pdfOf(64 * 1024), { key });
    expect([other.status, other.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    const list = ok(
      await call<{ items: { id: string }[] }>(gw.url, 'GET', attachmentsPath(activityId), {
        as: 'ccs.segou',
      }),
    );
    expect(list.items.map((i) => i.id)).toEqual([first.id]);
  });
});
