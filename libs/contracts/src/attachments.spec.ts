import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  ATTACHMENT_MAX_BYTES,
  base64LengthOf,
  FileUploadDto,
  formatBytes,
  isPaddedBase64,
  isSafeFileName,
  uploadHttpParts,
} from './attachments';

/** The constraints that fail, by field (as the gateway and the services validate: same class). */
function failures(body: object): Record<string, string[]> {
  const dto = plainToInstance(FileUploadDto, body);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  return Object.fromEntries(errors.map((e) => [e.property, Object.keys(e.constraints ?? {})]));
}

const content = Buffer.from('%PDF-1.4').toString('base64');

describe('FileUploadDto', () => {
  it('accepts a plain name, trimmed, and base64 content', () => {
    expect(failures({ fileName: 'liste-de-presence.pdf', content })).toEqual({});
    expect(failures({ fileName: '  Procès-verbal n°3 (copie).pdf  ', content })).toEqual({});
    const dto = plainToInstance(FileUploadDto, { fileName: ' pv.pdf ', content });
    expect(dto.fileName).toBe('pv.pdf');
  });

  it.each([
    ['../../etc/passwd', 'isFileName'],
    ['dossier/photo.jpg', 'isFileName'],
    ['C:\\temp\\photo.jpg', 'isFileName'],
    ['.', 'isFileName'],
    ['..', 'isFileName'],
    ['photo\u0000.jpg', 'isFileName'],
    ['photo\n.jpg', 'isFileName'],
    ['photo\u0085.jpg', 'isFileName'],
    ['facture\u202Efdp.exe', 'isFileName'],
    ['photo\u200B.jpg', 'isFileName'],
    ['photo\uFEFF.jpg', 'isFileName'],
    ['', 'minLength'],
    ['   ', 'minLength'],
    ['a'.repeat(197) + '.pdf', 'maxLength'],
  ])('refuses the name %j (%s)', (fileName, constraint) => {
    expect(failures({ fileName, content }).fileName).toContain(constraint);
  });

  it('refuses a name that is not a string, and a missing one', () => {
    expect(failures({ fileName: ['a.pdf'], content }).fileName).toContain('isString');
    expect(failures({ content }).fileName).toContain('isString');
  });

  it('refuses empty, non-base64 and oversized content', () => {
    expect(failures({ fileName: 'a.pdf', content: '' }).content).toContain('isNotEmpty');
    expect(failures({ fileName: 'a.pdf', content: 'pas du base64 !' }).content).toContain('isBase64');
    const tooLong = 'A'.repeat(base64LengthOf(ATTACHMENT_MAX_BYTES) + 4);
    expect(failures({ fileName: 'a.pdf', content: tooLong }).content).toContain('maxLength');
    expect(
      failures({ fileName: 'a.pdf', content: 'A'.repeat(base64LengthOf(ATTACHMENT_MAX_BYTES)) }),
    ).toEqual({});
  });

  it('checks base64 in one pass, also on a 5 MiB file (a backtracking regex overflowed the stack: a 500)', () => {
    const big = Buffer.alloc(ATTACHMENT_MAX_BYTES, 0xa5).toString('base64');
    expect(isPaddedBase64(big)).toBe(true);
    expect(failures({ fileName: 'a.jpg', content: big })).toEqual({});
    expect(failures({ fileName: 'a.jpg', content: `${big.slice(0, -4)}A*A=` }).content).toEqual(['isBase64']);
    for (const ok of ['', 'QQ==', 'QUI=', 'QUJD', 'ab+/']) expect(isPaddedBase64(ok)).toBe(true);
    for (const bad of ['Q', 'QQ=', 'Q===', '=QQQ', 'QQ=Q', 'QU I', 'QUJD\n', 'QUé=', 'QU-_']) {
      expect({ bad, ok: isPaddedBase64(bad) }).toEqual({ bad, ok: false });
    }
  });

  it('isSafeFileName and formatBytes', () => {
    expect(isSafeFileName('photo.jpg')).toBe(true);
    expect(isSafeFileName('a/b')).toBe(false);
    expect(isSafeFileName(3)).toBe(false);
    expect(formatBytes(ATTACHMENT_MAX_BYTES)).toBe('5 Mio');
    expect(formatBytes(ATTACHMENT_MAX_BYTES, 'en')).toBe('5 MiB');
    expect(formatBytes(1536)).toBe('1,5 kio');
    expect(formatBytes(12)).toBe('12 o');
  });
});

describe('uploadHttpParts', () => {
  it('puts the bytes in the body and the other fields but the path ones in the query string', () => {
    const parts = uploadHttpParts(
      { activityId: 'a1', fileName: 'liste de présence.pdf', category: 'liste', content: 'JVBERi0=' },
      ['activityId'],
    );
    expect(parts.query).toBe('fileName=liste+de+pr%C3%A9sence.pdf&category=liste');
    expect(parts.body.toString()).toBe('%PDF-');
  });
});
