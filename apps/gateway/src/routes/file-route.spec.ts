import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ID, routeHarness } from './route-harness';

const h = routeHarness();

describe('a file download (render: file)', () => {
  it('sends 5 MiB as an attachment with a safe name, nosniff and no caching', async () => {
    const bytes = Buffer.alloc(5 * 1024 * 1024, 7);
    h.nextFile = {
      base64: bytes.toString('base64'),
      filename: 'Liste "présence"\r\n.pdf',
      contentType: 'application/pdf',
    };
    const r = await fetch(`${h.base}/api/v1/test/attachments/${ID}/content`, {
      headers: { authorization: 'Bearer admin' },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('content-disposition')).toBe(
      `attachment; filename="Liste _pr_sence___.pdf"; filename*=UTF-8''Liste%20%22pr%C3%A9sence%22%0D%0A.pdf`,
    );
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await r.arrayBuffer()).equals(bytes)).toBe(true);
  });
});

describe('the OpenAPI operation of an upload route', () => {
  it('has an octet-stream body (a file picker in Swagger UI) and the fileName query parameter', () => {
    const doc = SwaggerModule.createDocument(h.app, new DocumentBuilder().build());
    const op = doc.paths['/api/v1/test/activities/{activityId}/attachments'].post!;
    const requestBody = op.requestBody as {
      required: boolean;
      description: string;
      content: Record<string, unknown>;
    };
    expect(requestBody.required).toBe(true);
    expect(requestBody.content).toEqual({
      'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
    });
    expect(requestBody.description).toContain('au plus 5 Mio');
    const params = (op.parameters ?? []) as {
      name: string;
      in: string;
      required?: boolean;
      description?: string;
    }[];
    expect(
      params
        .filter((p) => p.in !== 'header')
        .map((p) => `${p.in}:${p.name}:${p.required ?? false}`)
        .sort(),
    ).toEqual(['path:activityId:true', 'query:category:false', 'query:fileName:true'].sort());
    expect(params.find((p) => p.name === 'fileName')?.description).toMatch(/^Nom du fichier/);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['201', '400', '413']));
    // 415 only for a Content-Encoding it cannot read, never "only JSON".
    const unsupported = (op.responses['415'] as { description: string }).description;
    expect(unsupported).toContain('UPLOAD_ENCODING_UNSUPPORTED');
    expect(unsupported).not.toContain('UNSUPPORTED_MEDIA_TYPE');
  });
});
