import { createHash } from 'node:crypto';
import { Workbook } from 'exceljs';
import { DomainError } from '@prosmed/contracts';
import { extensionOf, inspectFileUpload, inspectUpload, type InspectOptions } from './inspect';
import { sniffKind, zipEntryNames } from './sniff';
import {
  elfProgram,
  GPS_MARK,
  jpegWithMetadata,
  plainJpeg,
  plainPng,
  plainWebp,
  plainZip,
  pngWithMetadata,
  sampleDocm,
  sampleDocx,
  samplePdf,
  webpWithMetadata,
  windowsProgram,
} from './testing/sample-files';

const ALL: InspectOptions = { allowed: ['jpeg', 'png', 'webp', 'pdf', 'xlsx', 'docx', 'csv', 'text'] };
const PHOTOS: InspectOptions = { allowed: ['jpeg', 'png', 'webp'] };

async function sampleXlsx(): Promise<Buffer> {
  const wb = new Workbook();
  wb.addWorksheet('Présence').addRow(['Nom', 'Présent']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The DomainError `fn` throws, as code, params and details. */
function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError)
      return { code: err.code, kind: err.kind, params: err.params, details: err.details };
    throw err;
  }
  throw new Error('not refused');
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('inspectUpload: the type comes from the content', () => {
  it.each([
    { name: 'photo.jpg', bytes: plainJpeg(), kind: 'jpeg', contentType: 'image/jpeg', extension: 'jpg' },
    { name: 'PHOTO.JPEG', bytes: plainJpeg(), kind: 'jpeg', contentType: 'image/jpeg', extension: 'jpg' },
    { name: 'carte.png', bytes: plainPng(), kind: 'png', contentType: 'image/png', extension: 'png' },
    { name: 'photo.webp', bytes: plainWebp(), kind: 'webp', contentType: 'image/webp', extension: 'webp' },
    { name: 'pv.pdf', bytes: samplePdf(), kind: 'pdf', contentType: 'application/pdf', extension: 'pdf' },
    {
      name: 'rapport.docx',
      bytes: sampleDocx(),
      kind: 'docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      extension: 'docx',
    },
    {
      name: 'liste.csv',
      bytes: Buffer.from('nom;présent\nA;oui\n'),
      kind: 'csv',
      contentType: 'text/csv; charset=utf-8',
      extension: 'csv',
    },
    {
      name: 'notes.txt',
      bytes: Buffer.from('\uFEFFCompte rendu\r\n\tligne 2\n'),
      kind: 'text',
      contentType: 'text/plain; charset=utf-8',
      extension: 'txt',
    },
  ])('$name is $kind', ({ name, bytes, kind, contentType, extension }) => {
    const r = inspectUpload(name, bytes, ALL);
    expect({
      kind: r.kind,
      contentType: r.contentType,
      extension: r.extension,
      fileName: r.fileName,
    }).toEqual({
      kind,
      contentType,
      extension,
      fileName: name,
    });
    expect(r.size).toBe(r.bytes.length);
    expect(r.sha256).toBe(sha256(r.bytes));
  });

  it('tells an Excel workbook from a Word document by the zip entries (xl/ or word/)', async () => {
    const xlsx = await sampleXlsx();
    expect(zipEntryNames(xlsx)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml']));
    expect(inspectUpload('presence.xlsx', xlsx, ALL).kind).toBe('xlsx');
    expect(sniffKind(sampleDocx())).toBe('docx');
    // The same workbook named as a Word document is not what its name says.
    expect(refusal(() => inspectUpload('presence.docx', xlsx, ALL)).code).toBe('ATTACHMENT_TYPE_MISMATCH');
  });

  it('treats other zips and macro-enabled documents as archives, never as office files', () => {
    expect(sniffKind(plainZip())).toBe('zip');
    expect(sniffKind(sampleDocm())).toBe('zip');
    expect(refusal(() => inspectUpload('archive.zip', plainZip(), ALL))).toMatchObject({
      code: 'ATTACHMENT_TYPE_NOT_ALLOWED',
      params: { detected: 'archive zip' },
    });
    expect(refusal(() => inspectUpload('rapport.docx', sampleDocm(), ALL)).code).toBe(
      'ATTACHMENT_TYPE_MISMATCH',
    );
  });

  it('refuses a file that is not what its name says: a PDF named .jpg, a picture named .pdf', () => {
    expect(refusal(() => inspectUpload('photo.jpg', samplePdf(), ALL))).toEqual({
      code: 'ATTACHMENT_TYPE_MISMATCH',
      kind: 'validation',
      params: { extension: '.jpg', detected: 'PDF' },
      details: [{ field: 'fileName', code: 'attachmentTypeMismatch' }],
    });
    expect(refusal(() => inspectUpload('pv.pdf', plainPng(), ALL)).params).toEqual({
      extension: '.pdf',
      detected: 'PNG',
    });
    expect(refusal(() => inspectUpload('liste.csv', plainJpeg(), ALL)).code).toBe('ATTACHMENT_TYPE_MISMATCH');
    expect(refusal(() => inspectUpload('photo.jpg', Buffer.from('bonjour'), ALL)).params).toEqual({
      extension: '.jpg',
      detected: 'texte',
    });
    expect(refusal(() => inspectUpload('rapport.final', samplePdf(), ALL)).code).toBe(
      'ATTACHMENT_TYPE_MISMATCH',
    );
  });

  it('refuses a renamed program (Linux ELF, Windows MZ, a script) whatever its name', () => {
    expect(refusal(() => inspectUpload('photo.jpg', elfProgram(), PHOTOS))).toMatchObject({
      code: 'ATTACHMENT_TYPE_MISMATCH',
      params: { extension: '.jpg', detected: 'programme exécutable' },
    });
    expect(refusal(() => inspectUpload('liste.pdf', windowsProgram(), ALL)).code).toBe(
      'ATTACHMENT_TYPE_MISMATCH',
    );
    expect(refusal(() => inspectUpload('notes.txt', Buffer.from('#!/bin/sh\nrm -rf /\n'), ALL)).code).toBe(
      'ATTACHMENT_TYPE_MISMATCH',
    );
    expect(refusal(() => inspectUpload('setup.exe', windowsProgram(), ALL))).toEqual({
      code: 'ATTACHMENT_TYPE_NOT_ALLOWED',
      kind: 'validation',
      params: {
        detected: 'programme exécutable',
        allowed: 'JPEG, PNG, WebP, PDF, Excel (XLSX), Word (DOCX), CSV, texte',
      },
      details: [{ field: 'content', code: 'attachmentTypeNotAllowed' }],
    });
    expect(sniffKind(Buffer.from([0x00, 0x01, 0x02, 0xff]))).toBe('unknown');
  });

  it('refuses a real file of a kind the route does not take', () => {
    expect(refusal(() => inspectUpload('pv.pdf', samplePdf(), PHOTOS))).toEqual({
      code: 'ATTACHMENT_TYPE_NOT_ALLOWED',
      kind: 'validation',
      params: { detected: 'PDF', allowed: 'JPEG, PNG, WebP' },
      details: [{ field: 'content', code: 'attachmentTypeNotAllowed' }],
    });
    expect(refusal(() => inspectUpload('liste.csv', Buffer.from('a;b\n'), { allowed: ['text'] })).code).toBe(
      'ATTACHMENT_TYPE_NOT_ALLOWED',
    );
  });

  it('refuses an empty file and one over the limit (5 MiB at most, whatever is asked)', () => {
    expect(refusal(() => inspectUpload('photo.jpg', Buffer.alloc(0), PHOTOS))).toEqual({
      code: 'ATTACHMENT_EMPTY',
      kind: 'validation',
      params: {},
      details: [{ field: 'content', code: 'attachmentEmpty' }],
    });
    expect(refusal(() => inspectUpload('photo.jpg', plainJpeg(), { ...PHOTOS, maxBytes: 512 }))).toEqual({
      code: 'ATTACHMENT_TOO_LARGE',
      kind: 'validation',
      params: { max: '512 o' },
      details: [{ field: 'content', code: 'attachmentTooLarge' }],
    });
    const big = Buffer.concat([samplePdf(), Buffer.alloc(5 * 1024 * 1024)]);
    expect(
      refusal(() => inspectUpload('pv.pdf', big, { allowed: ['pdf'], maxBytes: 50 * 1024 * 1024 })).params,
    ).toEqual({
      max: '5 Mio',
    });
  });

  it('tells a CSV saved in Windows-1252 (French Excel) how to save it, where text is taken', () => {
    const cp1252 = Buffer.from('Libellé;Responsable;Échéance\r\nRéforme;MJDH;2026-12-31\r\n', 'latin1');
    expect(sniffKind(cp1252)).toBe('legacy-text');
    for (const name of ['plan.csv', 'plan.txt', 'plan']) {
      expect(refusal(() => inspectUpload(name, cp1252, { allowed: ['xlsx', 'csv'] }))).toEqual({
        code: 'ATTACHMENT_TEXT_NOT_UTF8',
        kind: 'validation',
        params: {},
        details: [{ field: 'content', code: 'attachmentTextNotUtf8' }],
      });
    }
    expect(refusal(() => inspectUpload('plan.csv', cp1252, PHOTOS))).toMatchObject({
      code: 'ATTACHMENT_TYPE_NOT_ALLOWED',
      params: { detected: 'texte non UTF-8', allowed: 'JPEG, PNG, WebP' },
    });
    expect(refusal(() => inspectUpload('plan.xlsx', cp1252, { allowed: ['xlsx', 'csv'] })).code).toBe(
      'ATTACHMENT_TYPE_MISMATCH',
    );
  });

  it('refuses a truncated picture as unreadable', () => {
    const jpeg = plainJpeg();
    expect(refusal(() => inspectUpload('photo.jpg', jpeg.subarray(0, 200), PHOTOS))).toMatchObject({
      code: 'ATTACHMENT_UNREADABLE',
      params: { detected: 'JPEG' },
    });
    expect(refusal(() => inspectUpload('carte.png', plainPng().subarray(0, 30), PHOTOS)).code).toBe(
      'ATTACHMENT_UNREADABLE',
    );
  });

  it('gives a name without extension the canonical one, and trims the name', () => {
    expect(inspectUpload('  photo ', plainJpeg(), PHOTOS).fileName).toBe('photo.jpg');
    expect(inspectUpload('.profile', Buffer.from('x'), ALL).fileName).toBe('.profile.txt');
    expect(extensionOf('a.tar.GZ')).toBe('gz');
    expect(extensionOf('.bashrc')).toBeUndefined();
  });

  it('reads an upload message (base64 content)', () => {
    const r = inspectFileUpload(
      { fileName: 'pv.pdf', content: samplePdf().toString('base64') },
      { allowed: ['pdf'] },
    );
    expect(r.bytes.equals(samplePdf())).toBe(true);
  });
});

describe('inspectUpload removes what photos say about people', () => {
  it('strips EXIF (GPS), XMP, IPTC and comments from a JPEG, and copies the image data as it is', () => {
    const phone = jpegWithMetadata();
    expect(phone.includes(GPS_MARK)).toBe(true);
    const r = inspectUpload('photo.jpg', phone, PHOTOS);
    expect(r.bytes.includes(GPS_MARK)).toBe(false);
    expect(r.bytes.includes('Exif')).toBe(false);
    expect(r.bytes.includes('Traoré')).toBe(false);
    // Exactly the file before the phone added its segments: JFIF, tables, frame and scan untouched.
    expect(r.bytes.equals(plainJpeg())).toBe(true);
    expect(r.size).toBe(plainJpeg().length);
    expect(r.sha256).toBe(sha256(plainJpeg()));
  });

  it('strips tEXt, iTXt and eXIf chunks from a PNG', () => {
    const r = inspectUpload('carte.png', pngWithMetadata(), PHOTOS);
    expect(r.bytes.includes(GPS_MARK)).toBe(false);
    expect(r.bytes.equals(plainPng())).toBe(true);
  });

  it('strips the EXIF chunk of a WebP and clears its flag', () => {
    const withExif = webpWithMetadata();
    expect(withExif.includes(GPS_MARK)).toBe(true);
    const r = inspectUpload('photo.webp', withExif, PHOTOS);
    expect(r.bytes.includes(GPS_MARK)).toBe(false);
    expect(r.bytes.equals(plainWebp())).toBe(true);
    expect(r.bytes.readUInt32LE(4)).toBe(r.bytes.length - 8);
  });

  it('keeps a PDF byte for byte', () => {
    expect(inspectUpload('pv.pdf', samplePdf(), ALL).bytes.equals(samplePdf())).toBe(true);
  });
});
