import { crc32, deflateSync } from 'node:zlib';

/** Small real files for the attachment tests, built here (the attachments lib's fixtures are its own). */

/** A GPS position as a phone writes it in a photo's metadata, recognisable in the bytes. */
export const GPS_MARK = 'GPS 13.4317N 6.2157W';

const pngChunk = (type: string, data: Buffer): Buffer => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
};

/** A 2 x 2 grey PNG with an `eXIf` chunk holding a GPS position, as a phone's photo has. */
export function photoWithGps(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('eXIf', Buffer.from(`II*\0${GPS_MARK}`, 'latin1')),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 200, 200, 0, 200, 200]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal PDF: a scanned attendance sheet as far as the sniffer is concerned. */
export const attendanceSheet = (): Buffer =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
