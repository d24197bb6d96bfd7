import { crc32, deflateSync } from 'node:zlib';
import { PYTHON_JPEG_BASE64, PYTHON_WEBP_BASE64 } from './images';

/** Files of every kind, built for the tests (no binary fixture to keep in the repository). */

export const plainJpeg = (): Buffer => Buffer.from(PYTHON_JPEG_BASE64, 'base64');
export const plainWebp = (): Buffer => Buffer.from(PYTHON_WEBP_BASE64, 'base64');

/** A GPS position as a phone writes it in EXIF, recognisable in the bytes. */
export const GPS_MARK = 'GPS 12.6392N 8.0029W';

const segment = (marker: number, body: Buffer): Buffer => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
};

/** The JPEG with what a phone adds after JFIF: EXIF (APP1, with a GPS position), XMP (APP1), IPTC (APP13), a comment. */
export function jpegWithMetadata(): Buffer {
  const jpeg = plainJpeg();
  const app0End = 2 + 2 + jpeg.readUInt16BE(4);
  const exif = segment(
    0xe1,
    Buffer.concat([Buffer.from('Exif\0\0II*\0\x08\0\0\0', 'latin1'), Buffer.from(GPS_MARK)]),
  );
  const xmp = segment(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${GPS_MARK}</x:xmpmeta>`));
  const iptc = segment(0xed, Buffer.from(`Photoshop 3.0\0${GPS_MARK}`));
  const comment = segment(0xfe, Buffer.from('Appareil de M. Traoré'));
  return Buffer.concat([jpeg.subarray(0, app0End), exif, xmp, iptc, comment, jpeg.subarray(app0End)]);
}

const pngChunk = (type: string, data: Buffer): Buffer => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
};

/** A real 2 x 2 grey PNG: header, deflated scanlines (filter byte 0 then 2 pixels), end. */
export function plainPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.from([0, 200, 200, 0, 200, 200]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The PNG with `tEXt`, `iTXt` and `eXIf` chunks before its end. */
export function pngWithMetadata(): Buffer {
  const png = plainPng();
  const iend = png.length - 12;
  return Buffer.concat([
    png.subarray(0, iend),
    pngChunk('tEXt', Buffer.from(`Author\0${GPS_MARK}`, 'latin1')),
    pngChunk('iTXt', Buffer.from(`Comment\0\0\0\0\0${GPS_MARK}`, 'latin1')),
    pngChunk('eXIf', Buffer.from(`II*\0${GPS_MARK}`, 'latin1')),
    png.subarray(iend),
  ]);
}

/** The WebP (VP8X) with an `EXIF` chunk and its flag set. */
export function webpWithMetadata(): Buffer {
  const webp = Buffer.from(plainWebp());
  webp[20] |= 0x08;
  const data = Buffer.from(`II*\0${GPS_MARK}`, 'latin1');
  const head = Buffer.alloc(8);
  head.write('EXIF', 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  const chunk = Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  const out = Buffer.concat([webp, chunk]);
  out.writeUInt32LE(out.length - 8, 4);
  return out;
}

export const samplePdf = (): Buffer =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );

/** A zip of stored (uncompressed) entries, with its central directory, as office files are read. */
export function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

export const sampleDocx = (): Buffer =>
  zip({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': '<w:document/>' });
export const sampleDocm = (): Buffer =>
  zip({
    '[Content_Types].xml': CONTENT_TYPES,
    'word/document.xml': '<w:document/>',
    'word/vbaProject.bin': 'x',
  });
export const plainZip = (): Buffer => zip({ 'notes.txt': 'bonjour' });

/** The first bytes of a Linux program and of a Windows one. */
export const elfProgram = (): Buffer =>
  Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
export const windowsProgram = (): Buffer =>
  Buffer.concat([
    Buffer.from('MZ'),
    Buffer.alloc(58),
    Buffer.from([0x80, 0, 0, 0]),
    Buffer.alloc(64),
    Buffer.from('PE\0\0'),
  ]);
