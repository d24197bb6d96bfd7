/**
 * Attachments (photos, attendance sheets, evidence documents): the request fields every upload message
 * shares and the replies that describe a stored file. A service's upload request class extends
 * `FileUploadDto` with its path fields; the gateway fills `content` from the raw HTTP body (see
 * `HttpBinding.upload`) and `fileName` from the query string.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, MinLength, ValidateBy } from 'class-validator';
import { Trim } from './dto-helpers';

/** The default and largest size of one attachment: 5 MiB (a phone photo, a scanned attendance sheet). */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

/** The longest file name kept, in characters. */
export const FILE_NAME_MAX_LENGTH = 200;

/**
 * Padded base64 (RFC 4648 alphabet), checked in one pass over the characters. class-validator's
 * `IsBase64` runs a backtracking regular expression that overflows V8's stack on a few megabytes (a
 * 5 MiB photo is 7 million characters): a RangeError, so a 500, for a legitimate upload.
 */
export function isPaddedBase64(value: unknown): boolean {
  if (typeof value !== 'string' || value.length % 4 !== 0) return false;
  const n = value.length;
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  for (let i = 0; i < n - padding; i++) {
    const c = value.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    if (!ok) return false;
  }
  return true;
}

/** Characters of the base64 text of `bytes` bytes (padded). */
export function base64LengthOf(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

/**
 * A size as people read it, for error messages: `5 Mio`, `512 kio`, `12 o` in French, `5 MiB`... in
 * English. Whole units only where exact, one decimal otherwise.
 */
export function formatBytes(bytes: number, lang: 'fr' | 'en' = 'fr'): string {
  const units = lang === 'fr' ? ['o', 'kio', 'Mio', 'Gio'] : ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${lang === 'fr' ? text.replace('.', ',') : text} ${units[unit]}`;
}

/**
 * Path separators, control characters, and the invisible formatting characters that can make a name
 * display as another (`facture\u202Efdp.exe` shows as `facture exe.pdf`): bidirectional overrides and
 * isolates, zero-width characters, the byte-order mark.
 */
// eslint-disable-next-line no-control-regex
const FILE_NAME_FORBIDDEN = /[/\\\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;

/**
 * A file name as a person gave it, safe to store and to send back in `Content-Disposition`: no path
 * (`/`, `\`), no control or invisible formatting character, not `.` or `..`. Length is checked apart
 * (1..200 after trimming).
 */
export function isSafeFileName(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value !== '.' &&
    value !== '..' &&
    !FILE_NAME_FORBIDDEN.test(value)
  );
}

/** `fileName` of an upload: trimmed, 1..200 characters, `isSafeFileName`. */
export const IsFileName = (): PropertyDecorator =>
  applyDecorators(
    Trim(),
    IsString(),
    MinLength(1),
    MaxLength(FILE_NAME_MAX_LENGTH),
    ValidateBy({
      name: 'isFileName',
      validator: {
        validate: (v: unknown) => isSafeFileName(v),
        defaultMessage: (a) =>
          `${a?.property ?? 'value'} must be a file name without / \\ or control characters, not . or ..`,
      },
    }),
  );

/**
 * The fields of every upload message. Over HTTP the file is the raw request body (any content type) and
 * `fileName` is in the query string; the gateway sends the bytes as base64 in `content`. A service's
 * request class extends it with its path fields:
 *
 * ```ts
 * export class ActivityAttachmentUploadDto extends FileUploadDto {
 *   @ApiProperty({ format: 'uuid' }) @IsUUID() activityId!: string;
 * }
 * ```
 *
 * What the bytes really are (type, size, metadata) is checked by the service with `inspectUpload` of
 * `@prosmed/attachments`, never trusted from the name or a header.
 */
export class FileUploadDto {
  @ApiProperty({
    description:
      'Nom du fichier tel que l’utilisateur le voit (1 à 200 caractères, sans `/`, `\\` ni caractère de contrôle)',
    maxLength: FILE_NAME_MAX_LENGTH,
    example: 'liste-de-presence.pdf',
  })
  @IsFileName()
  fileName!: string;

  @ApiProperty({
    description:
      'Le contenu du fichier en base64. Par HTTP, envoyer le fichier brut comme corps de la requête : la passerelle remplit ce champ.',
    format: 'byte',
    maxLength: base64LengthOf(ATTACHMENT_MAX_BYTES),
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(base64LengthOf(ATTACHMENT_MAX_BYTES))
  @ValidateBy({
    name: 'isBase64',
    validator: {
      validate: isPaddedBase64,
      defaultMessage: () => '$property must be base64 encoded',
    },
  })
  content!: string;
}

/**
 * Every code `inspectUpload` may answer (all 400): list them in an upload message's `errors`
 * (`errors: ['ACTIVITY_NOT_FOUND', ...ATTACHMENT_UPLOAD_ERRORS]`).
 */
export const ATTACHMENT_UPLOAD_ERRORS = [
  'ATTACHMENT_EMPTY',
  'ATTACHMENT_TOO_LARGE',
  'ATTACHMENT_TYPE_MISMATCH',
  'ATTACHMENT_TYPE_NOT_ALLOWED',
  'ATTACHMENT_UNREADABLE',
  'ATTACHMENT_TEXT_NOT_UTF8',
] as const;

/** The kinds of file the platform recognises from their content (see `inspectUpload`). */
export const ATTACHMENT_KINDS = ['jpeg', 'png', 'webp', 'pdf', 'xlsx', 'docx', 'csv', 'text'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** One stored attachment, as a reply. No personal data: the uploader is the token's subject (`sub`). */
export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'liste-de-presence.pdf' }) fileName!: string;
  @ApiProperty({ enum: ATTACHMENT_KINDS, description: 'Type reconnu au contenu du fichier' })
  kind!: AttachmentKind;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty({ description: 'Taille en octets', example: 48213 }) size!: number;
  @ApiProperty({ description: 'SHA-256 du contenu stocké, en hexadécimal', example: 'e3b0c442...' })
  sha256!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
  @ApiProperty({ description: 'Sujet (`sub`) du jeton de la personne qui a déposé le fichier' })
  uploadedBy!: string;
}

export class AttachmentListDto {
  @ApiProperty({ type: [AttachmentDto] }) items!: AttachmentDto[];
}

export type AttachmentV1 = AttachmentDto;
export type AttachmentListV1 = AttachmentListDto;

/**
 * How a request of an upload message travels over HTTP: the file's bytes (`content`, base64) as the raw
 * body, and every field that is neither `content` nor a path field (`fileName` first) in the query
 * string. For clients and tests that send a catalogue entry's `example` to its route.
 */
export function uploadHttpParts(
  request: Record<string, unknown>,
  pathFields: readonly string[],
): { query: string; body: Buffer } {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(request)) {
    if (k !== 'content' && !pathFields.includes(k) && v !== undefined) query.append(k, String(v));
  }
  const content = typeof request.content === 'string' ? request.content : '';
  return { query: query.toString(), body: Buffer.from(content, 'base64') };
}
