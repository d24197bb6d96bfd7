import { gzipSync } from 'node:zlib';
import { ID, JSON_LIMIT, routeHarness, UPLOAD_LIMIT, upload } from './route-harness';

const h = routeHarness();

const uploadUrl = (query = '?fileName=pv.pdf') =>
  `${h.base}/api/v1/test/activities/${ID}/attachments${query}`;
const post = (
  url: string,
  body: Buffer | string | undefined,
  role: string | null,
  type = 'application/pdf',
) =>
  fetch(url, {
    method: 'POST',
    headers: {
      ...(role ? { authorization: `Bearer ${role}` } : {}),
      ...(body ? { 'content-type': type } : {}),
    },
    body,
  });
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 9, 0x41)]);

describe('an upload route (http.upload)', () => {
  it('forwards the raw body as base64 content with the path and query fields', async () => {
    const file = pdf(UPLOAD_LIMIT);
    const r = await post(uploadUrl('?fileName=%20Proc%C3%A8s-verbal.pdf&category=liste'), file, 'admin');
    expect(r.status).toBe(201);
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0].id).toBe(upload.id);
    const { content, ...rest } = h.sent[0].value;
    expect(rest).toEqual({ activityId: ID, fileName: 'Procès-verbal.pdf', category: 'liste' });
    expect(Buffer.from(content as string, 'base64').equals(file)).toBe(true);
  });

  it('takes any content type, octet-stream included', async () => {
    for (const type of ['image/jpeg', 'application/octet-stream', 'text/csv', 'application/json']) {
      const r = await post(uploadUrl(), Buffer.from('nom;présent\n'), 'admin', type);
      expect({ type, status: r.status }).toEqual({ type, status: 201 });
    }
  });

  it('refuses a body over the route limit with 413 and the limit in French', async () => {
    const r = await post(uploadUrl(), pdf(UPLOAD_LIMIT + 1), 'admin');
    expect(r.status).toBe(413);
    const body = (await r.json()) as { code: string; message: string };
    expect(body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.message).toBe('Le corps de la requête dépasse la taille maximale (5 Mio).');
    expect(h.sent).toHaveLength(0);
  });

  it('reads a gzip body (the limit counts its inflated bytes), and refuses an encoding it cannot read', async () => {
    const file = pdf(1000);
    const gz = await fetch(uploadUrl(), {
      method: 'POST',
      headers: {
        authorization: 'Bearer admin',
        'content-type': 'application/pdf',
        'content-encoding': 'gzip',
      },
      body: gzipSync(file),
    });
    expect(gz.status).toBe(201);
    expect(Buffer.from(h.sent[0].value.content as string, 'base64').equals(file)).toBe(true);
    const bomb = await fetch(uploadUrl(), {
      method: 'POST',
      headers: {
        authorization: 'Bearer admin',
        'content-type': 'application/pdf',
        'content-encoding': 'gzip',
      },
      body: gzipSync(pdf(UPLOAD_LIMIT + 1)),
    });
    expect(bomb.status).toBe(413);
    const compress = await fetch(uploadUrl(), {
      method: 'POST',
      headers: {
        authorization: 'Bearer admin',
        'content-type': 'application/pdf',
        'content-encoding': 'compress',
      },
      body: file,
    });
    expect(compress.status).toBe(415);
    expect(await compress.json()).toMatchObject({
      code: 'UPLOAD_ENCODING_UNSUPPORTED',
      message:
        "Le fichier est envoyé avec un Content-Encoding que l'API ne lit pas (compress) : envoyez-le tel quel (ou en gzip).",
    });
    for (const encoding of ['gzip', 'br', 'deflate']) {
      // Said to be compressed, but is not: a 400, never a 500.
      const broken = await fetch(uploadUrl(), {
        method: 'POST',
        headers: {
          authorization: 'Bearer admin',
          'content-type': 'application/pdf',
          'content-encoding': encoding,
        },
        body: file,
      });
      expect({ encoding, status: broken.status }).toEqual({ encoding, status: 400 });
      expect(await broken.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'content', code: 'compressedBodyUnreadable' }],
      });
    }
    expect(h.sent).toHaveLength(1);
  });

  it('refuses an empty body, and a missing or unsafe fileName, with 400 VALIDATION_FAILED', async () => {
    const empty = await post(uploadUrl(), undefined, 'admin');
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'content' }] });
    const noName = await post(uploadUrl(''), pdf(100), 'admin');
    expect(noName.status).toBe(400);
    const body = (await noName.json()) as { code: string; details: { field: string }[] };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details.map((d) => d.field)).toContain('fileName');
    const unsafe = await post(uploadUrl('?fileName=..%2F..%2Fetc%2Fpasswd'), pdf(100), 'admin');
    expect(unsafe.status).toBe(400);
    const unknown = await post(uploadUrl('?fileName=a.pdf&content=abcd'), pdf(100), 'admin');
    expect(unknown.status).toBe(400);
    expect(h.sent).toHaveLength(0);
  });

  it('answers an empty JSON body (the authorisation matrix) with 400 VALIDATION_FAILED', async () => {
    const r = await post(uploadUrl(''), '{}', 'admin', 'application/json');
    expect(r.status).toBe(400);
    expect(((await r.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
  });

  it('checks the token and the permission before reading the body', async () => {
    // Over the limit: a 413 would mean the body was read first.
    const denied = await post(uploadUrl(), pdf(UPLOAD_LIMIT + 1), 'steering-committee');
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { code: string }).code).toBe('FORBIDDEN_ROLE');
    const anonymous = await post(uploadUrl(), pdf(UPLOAD_LIMIT + 1), null);
    expect(anonymous.status).toBe(401);
    expect(h.sent).toHaveLength(0);
  });

  it('leaves JSON routes as they were: JSON only, with the global limit', async () => {
    const ok = await post(
      `${h.base}/api/v1/test/touch`,
      JSON.stringify({ activityId: ID }),
      'admin',
      'application/json',
    );
    expect(ok.status).toBe(200);
    const octets = await post(`${h.base}/api/v1/test/touch`, pdf(100), 'admin', 'application/octet-stream');
    expect(octets.status).toBe(415);
    const big = JSON.stringify({ activityId: ID, pad: 'x'.repeat(JSON_LIMIT) });
    const tooBig = await post(`${h.base}/api/v1/test/touch`, big, 'admin', 'application/json');
    expect(tooBig.status).toBe(413);
  });
});
