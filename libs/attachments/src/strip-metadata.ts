/**
 * Removes the metadata that photos carry about people: a phone's JPEG holds in its EXIF segment the GPS
 * position where it was taken, the date, the device and sometimes the owner's name; XMP and IPTC the
 * same. The platform keeps the picture, not that (personal data nobody asked for). Only the container is
 * rewritten: the image data is copied byte for byte, never re-encoded.
 *
 * Each function returns `undefined` when the structure is broken (a truncated or forged file), which the
 * caller refuses.
 */

/** JPEG segments kept: APP0 (JFIF), APP2 (ICC colour profile), APP14 (Adobe colour transform). */
const KEPT_APP_MARKERS = new Set([0xe0, 0xe2, 0xee]);

/**
 * A JPEG without its APP1 (EXIF, XMP), APP13 (IPTC), other application segments and comments. Segments
 * are walked up to the start of scan; from there the entropy-coded data and the rest are copied as is.
 */
export function stripJpegMetadata(input: Uint8Array): Buffer | undefined {
  const b = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  const parts: Buffer[] = [b.subarray(0, 2)];
  let p = 2;
  while (p < b.length) {
    if (b[p] !== 0xff) return undefined;
    // Fill bytes: any number of 0xFF may precede a marker.
    let q = p;
    while (q < b.length && b[q] === 0xff) q++;
    if (q >= b.length) return undefined;
    const marker = b[q];
    const at = q - 1;
    if (marker === 0xd9) {
      parts.push(b.subarray(at));
      return Buffer.concat(parts);
    }
    // Markers without a length: RSTn and TEM.
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      parts.push(b.subarray(at, q + 1));
      p = q + 1;
      continue;
    }
    if (q + 3 > b.length) return undefined;
    const length = b.readUInt16BE(q + 1);
    if (length < 2 || q + 1 + length > b.length) return undefined;
    const next = q + 1 + length;
    if (marker === 0xda) {
      // Start of scan: the image data follows, to the end of the file.
      parts.push(b.subarray(at));
      return Buffer.concat(parts);
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const drop = (isApp && !KEPT_APP_MARKERS.has(marker)) || marker === 0xfe;
    if (!drop) parts.push(b.subarray(at, next));
    p = next;
  }
  return undefined;
}

/** PNG chunks that hold text or metadata: EXIF, the three text chunks, the modification time. */
const DROPPED_PNG_CHUNKS = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

/** A PNG without its `eXIf`, text and time chunks (each chunk is independent: no other change needed). */
export function stripPngMetadata(input: Uint8Array): Buffer | undefined {
  const b = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (b.length < 8) return undefined;
  const parts: Buffer[] = [b.subarray(0, 8)];
  let p = 8;
  while (p + 12 <= b.length) {
    const length = b.readUInt32BE(p);
    const type = b.toString('latin1', p + 4, p + 8);
    const end = p + 12 + length;
    if (end > b.length) return undefined;
    if (!DROPPED_PNG_CHUNKS.has(type)) parts.push(b.subarray(p, end));
    p = end;
    if (type === 'IEND') return Buffer.concat(parts);
  }
  return undefined;
}

/** VP8X flags of the EXIF and XMP chunks, cleared when the chunks go. */
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

/** A WebP without its `EXIF` and `XMP ` chunks (the RIFF size and the VP8X flags follow). */
export function stripWebpMetadata(input: Uint8Array): Buffer | undefined {
  const b = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (b.length < 12) return undefined;
  const riffEnd = 8 + b.readUInt32LE(4);
  if (riffEnd > b.length) return undefined;
  const chunks: Buffer[] = [];
  let p = 12;
  while (p + 8 <= riffEnd) {
    const type = b.toString('latin1', p, p + 4);
    const size = b.readUInt32LE(p + 4);
    // Chunks are padded to an even size.
    const end = p + 8 + size + (size % 2);
    if (end > riffEnd) return undefined;
    if (type !== 'EXIF' && type !== 'XMP ') {
      const chunk = Buffer.from(b.subarray(p, end));
      if (type === 'VP8X' && size >= 1) chunk[8] &= ~(VP8X_EXIF | VP8X_XMP);
      chunks.push(chunk);
    }
    p = end;
  }
  if (p !== riffEnd) return undefined;
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  b.copy(header, 0, 0, 12);
  header.writeUInt32LE(4 + body.length, 4);
  return Buffer.concat([header, body]);
}
