// Attachments of an activity: sent raw (the file's bytes as the body, its type as Content-Type, its name in
// `?fileName=`), as the gateway's upload routes take them; read back with the token, as a Blob.
//
// Not through the outbox: the outbox keeps JSON bodies in IndexedDB; a photo of several MiB waiting there
// would be sent again whole at every retry. So a photo is sent only with the network; offline, the screen
// says it must wait (the person keeps it on the phone).
import { apiHeaders, type Schemas } from '../../api/client';
import { type ApiErrorBody, isApiErrorBody } from '../../api/errors';
import { newIdempotencyKey } from '../../outbox/classify';
import { safeFileName } from './rules';

export type UploadResult =
  | { status: 'sent'; attachment: Schemas['AttachmentDto'] }
  | { status: 'refused'; error: ApiErrorBody }
  | { status: 'network' };

const base = (activityId: string) => `/api/v1/ccs-activities/${encodeURIComponent(activityId)}/attachments`;

export async function uploadAttachment(activityId: string, file: File): Promise<UploadResult> {
  const name = safeFileName(file.name);
  let res: Response;
  try {
    res = await fetch(`${base(activityId)}?fileName=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: {
        ...(await apiHeaders()),
        'Content-Type': file.type || 'application/octet-stream',
        'Idempotency-Key': newIdempotencyKey(),
      },
      body: file,
    });
  } catch {
    return { status: 'network' };
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (res.ok) return { status: 'sent', attachment: body as Schemas['AttachmentDto'] };
  if (res.status >= 500 && !isApiErrorBody(body)) return { status: 'network' };
  return {
    status: 'refused',
    error: isApiErrorBody(body)
      ? body
      : { statusCode: res.status, code: 'HTTP_ERROR', message: `HTTP ${res.status}` },
  };
}

/** The file's bytes, fetched with the token (a plain link would carry none). */
export async function attachmentBlob(activityId: string, attachmentId: string): Promise<Blob> {
  const res = await fetch(`${base(activityId)}/${encodeURIComponent(attachmentId)}`, {
    headers: await apiHeaders(),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.blob();
}

/** A Blob as a `data:` URL: the page's CSP lets images come from `data:` (not `blob:`). */
export function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('FileReader'));
    r.readAsDataURL(blob);
  });
}
