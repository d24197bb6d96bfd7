import { createHash } from 'node:crypto';
import {
  ATTACHMENT_MAX_BYTES,
  domainError,
  formatBytes,
  type AttachmentKind,
  type FileUploadDto,
} from '@prosmed/contracts';
import { KIND_INFO, OTHER_LABELS, sniffKind, type SniffedKind } from './sniff';
import { stripJpegMetadata, stripPngMetadata, stripWebpMetadata } from './strip-metadata';

export interface InspectOptions {
  /** The kinds this upload accepts (a photo: `['jpeg', 'png', 'webp']`). */
  allowed: readonly AttachmentKind[];
  /** Largest size accepted, in bytes; `ATTACHMENT_MAX_BYTES` (5 MiB) by default. */
  maxBytes?: number;
}

/** A file checked from its content, ready to store: `bytes` are what to keep (metadata removed). */
export interface InspectedUpload {
  /** The name the user gave, trimmed (`photo.JPG`); shown back and used when downloading. */
  fileName: string;
  kind: AttachmentKind;
  contentType: string;
  /** The canonical extension of the kind, without the dot (`jpg`). */
  extension: string;
  /** Size of `bytes` (after metadata removal). */
  size: number;
  /** SHA-256 of `bytes`, hexadecimal. */
  sha256: string;
  bytes: Buffer;
}

const labelOf = (k: SniffedKind | AttachmentKind): string =>
  k in KIND_INFO ? KIND_INFO[k as AttachmentKind].label : OTHER_LABELS[k as keyof typeof OTHER_LABELS];

/** The extension of a file name, lower-case without the dot; `undefined` when it has none. */
export function extensionOf(fileName: string): string | undefined {
  const m = /\.([^.]+)$/.exec(fileName);
  return m && m.index > 0 ? m[1].toLowerCase() : undefined;
}

/** The kinds whose names may end with this extension. */
function kindsNamedBy(extension: string): AttachmentKind[] {
  return (Object.keys(KIND_INFO) as AttachmentKind[]).filter((k) =>
    KIND_INFO[k].extensions.includes(extension),
  );
}

const contentDetail = (code: string) => [{ field: 'content', code }];
const nameDetail = (code: string) => [{ field: 'fileName', code }];

/** UTF-8 text is CSV or plain text by its name (the content cannot tell them apart). */
function textKind(extension: string | undefined, allowed: readonly AttachmentKind[]): AttachmentKind {
  if (extension === 'csv') return 'csv';
  if (extension === 'txt') return 'text';
  // No extension: whichever the route accepts, plain text first.
  return allowed.includes('text') || !allowed.includes('csv') ? 'text' : 'csv';
}

function stripped(kind: AttachmentKind, bytes: Buffer): Buffer | undefined {
  switch (kind) {
    case 'jpeg':
      return stripJpegMetadata(bytes);
    case 'png':
      return stripPngMetadata(bytes);
    case 'webp':
      return stripWebpMetadata(bytes);
    default:
      return bytes;
  }
}

/**
 * Checks a file from its bytes and returns what to store, or throws a `DomainError` (400) naming the
 * field: `ATTACHMENT_EMPTY`, `ATTACHMENT_TOO_LARGE` (`max`), `ATTACHMENT_TYPE_MISMATCH` (the name says
 * one kind and the content is another: `photo.jpg` that is a PDF or a program), `ATTACHMENT_TYPE_NOT_ALLOWED`
 * (the route does not take this kind: `allowed`), `ATTACHMENT_UNREADABLE` (the structure is broken),
 * `ATTACHMENT_TEXT_NOT_UTF8` (a CSV or text file in another encoding, on a route that takes text).
 * Photos lose their EXIF/XMP/IPTC metadata (GPS position of a person), PNG and WebP their text and EXIF.
 */
export function inspectUpload(fileName: string, bytes: Uint8Array, options: InspectOptions): InspectedUpload {
  const maxBytes = Math.min(options.maxBytes ?? ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_BYTES);
  const name = fileName.trim();
  const data = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length === 0) throw domainError('ATTACHMENT_EMPTY', {}, contentDetail('attachmentEmpty'));
  if (data.length > maxBytes) {
    throw domainError(
      'ATTACHMENT_TOO_LARGE',
      { max: formatBytes(maxBytes) },
      contentDetail('attachmentTooLarge'),
    );
  }
  const extension = extensionOf(name);
  const sniffed = sniffKind(data);
  const allowedLabels = options.allowed.map((k) => KIND_INFO[k].label).join(', ');
  const kind: SniffedKind | AttachmentKind =
    sniffed === 'text' ? textKind(extension, options.allowed) : sniffed;

  // Text in another encoding, named as text (or not named): most often a CSV saved by Excel in
  // Windows-1252. Where text is taken, say how to save it; elsewhere it is text, not a lie.
  const namedAsText = extension === undefined || extension === 'csv' || extension === 'txt';
  if (sniffed === 'legacy-text' && namedAsText) {
    if (options.allowed.includes('csv') || options.allowed.includes('text')) {
      throw domainError('ATTACHMENT_TEXT_NOT_UTF8', {}, contentDetail('attachmentTextNotUtf8'));
    }
  }
  if (!(kind in KIND_INFO)) {
    // A program or an unknown format: named like an accepted kind, it lies about what it is.
    if (extension && kindsNamedBy(extension).length > 0 && !(sniffed === 'legacy-text' && namedAsText)) {
      throw domainError(
        'ATTACHMENT_TYPE_MISMATCH',
        { extension: `.${extension}`, detected: labelOf(kind) },
        nameDetail('attachmentTypeMismatch'),
      );
    }
    throw domainError(
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      { detected: labelOf(kind), allowed: allowedLabels },
      contentDetail('attachmentTypeNotAllowed'),
    );
  }
  const known = kind as AttachmentKind;
  const info = KIND_INFO[known];
  if (extension !== undefined && !info.extensions.includes(extension)) {
    throw domainError(
      'ATTACHMENT_TYPE_MISMATCH',
      { extension: `.${extension}`, detected: info.label },
      nameDetail('attachmentTypeMismatch'),
    );
  }
  if (!options.allowed.includes(known)) {
    throw domainError(
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      { detected: info.label, allowed: allowedLabels },
      contentDetail('attachmentTypeNotAllowed'),
    );
  }
  const kept = stripped(known, data);
  if (!kept) {
    throw domainError(
      'ATTACHMENT_UNREADABLE',
      { detected: info.label },
      contentDetail('attachmentUnreadable'),
    );
  }
  return {
    fileName: extension === undefined ? `${name}.${info.extensions[0]}` : name,
    kind: known,
    contentType: info.contentType,
    extension: info.extensions[0],
    size: kept.length,
    sha256: createHash('sha256').update(kept).digest('hex'),
    bytes: kept,
  };
}

/** `inspectUpload` of an upload message: its `fileName` and its base64 `content`. */
export function inspectFileUpload(upload: FileUploadDto, options: InspectOptions): InspectedUpload {
  return inspectUpload(upload.fileName, Buffer.from(upload.content, 'base64'), options);
}
