import type { AttachmentKind } from '@prosmed/contracts';

/**
 * What the bytes of a file are, read from the bytes alone (magic numbers and structure), never from its
 * name or a header the client chose. `text` covers CSV too: the two differ only by their name.
 */
export type SniffedKind =
  | Exclude<AttachmentKind, 'csv'>
  /** A Windows (MZ), Linux (ELF) or macOS (Mach-O) program, or a script starting with `#!`. */
  | 'executable'
  /** A zip that is not a plain Word or Excel document (an archive, a macro-enabled document...). */
  | 'zip'
  /**
   * Text in an 8-bit encoding other than UTF-8 (Windows-1252: what French Excel writes for "CSV"):
   * no control character of binary files, but not valid UTF-8.
   */
  | 'legacy-text'
  | 'unknown';

export interface KindInfo {
  contentType: string;
  /** The canonical extension first; every extension a correct name may end with. */
  extensions: readonly string[];
  /** How the kind is named in the error messages. */
  label: string;
}

export const KIND_INFO: Record<AttachmentKind, KindInfo> = {
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe'], label: 'JPEG' },
  png: { contentType: 'image/png', extensions: ['png'], label: 'PNG' },
  webp: { contentType: 'image/webp', extensions: ['webp'], label: 'WebP' },
  pdf: { contentType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    label: 'Excel (XLSX)',
  },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    label: 'Word (DOCX)',
  },
  csv: { contentType: 'text/csv; charset=utf-8', extensions: ['csv'], label: 'CSV' },
  text: { contentType: 'text/plain; charset=utf-8', extensions: ['txt'], label: 'texte' },
};

/** Labels of what is not an accepted kind, for the messages. */
export const OTHER_LABELS: Record<Exclude<SniffedKind, AttachmentKind>, string> = {
  executable: 'programme exécutable',
  zip: 'archive zip',
  'legacy-text': 'texte non UTF-8',
  unknown: 'type inconnu',
};

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PDF = ascii('%PDF-');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const ELF = [0x7f, 0x45, 0x4c, 0x46];
const MZ = ascii('MZ');
const SHEBANG = ascii('#!');
const MACH_O = [
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba, 0xbe],
];

/**
 * The names of a zip's entries, from its central directory (the authoritative list: local headers may
 * carry no sizes). `undefined` when the zip is malformed or uses ZIP64 (no office file of 5 MiB needs it).
 */
export function zipEntryNames(b: Uint8Array): string[] | undefined {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  // The end record is the last 22 bytes plus a comment of at most 65535 bytes.
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let end = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = buf.readUInt16LE(end + 10);
  const size = buf.readUInt32LE(end + 12);
  const offset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff || offset + size > end) return undefined;
  const names: string[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || buf.readUInt32LE(p) !== 0x02014b50) return undefined;
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLength > end) return undefined;
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** XLSX or DOCX told apart by their parts (`xl/...` or `word/...`); macros (`vbaProject.bin`) are not. */
function officeKind(b: Uint8Array): SniffedKind {
  const names = zipEntryNames(b);
  if (!names || !names.includes('[Content_Types].xml')) return 'zip';
  if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return 'zip';
  const excel = names.some((n) => n.startsWith('xl/'));
  const word = names.some((n) => n.startsWith('word/'));
  if (excel === word) return 'zip';
  return excel ? 'xlsx' : 'docx';
}

// eslint-disable-next-line no-control-regex
const BINARY_CONTROL = /[\u0000-\u0008\u000B\u000E-\u001A\u001C-\u001F\u007F]/;

/** UTF-8 text (a BOM allowed) without NUL or the control characters of binary files. */
export function isPlainText(b: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return false;
  }
  return !BINARY_CONTROL.test(text);
}

/** Bytes that could be 8-bit text (Latin-1, Windows-1252): none of the control bytes of binary files. */
function isEightBitText(b: Uint8Array): boolean {
  for (const byte of b) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) {
      return false;
    }
    if (byte === 0x7f) return false;
  }
  return true;
}

/** The kind of a file from its bytes. */
export function sniffKind(b: Uint8Array): SniffedKind {
  if (startsWith(b, JPEG)) return 'jpeg';
  if (startsWith(b, PNG)) return 'png';
  if (startsWith(b, RIFF) && startsWith(b, WEBP, 8)) return 'webp';
  if (startsWith(b, PDF)) return 'pdf';
  if (startsWith(b, ZIP)) return officeKind(b);
  if (startsWith(b, EMPTY_ZIP)) return 'zip';
  if (startsWith(b, ELF) || startsWith(b, MZ) || startsWith(b, SHEBANG)) return 'executable';
  if (MACH_O.some((sig) => startsWith(b, sig))) return 'executable';
  if (isPlainText(b)) return 'text';
  if (isEightBitText(b)) return 'legacy-text';
  return 'unknown';
}
