/** Characters kept as they are in the plain `filename` (every browser reads them the same way). */
const PLAIN = /[^A-Za-z0-9._\- ()]/g;

/** RFC 5987 `ext-value` percent-encoding: `encodeURIComponent` leaves `'()*` and `!` that it must encode. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `Content-Disposition: attachment` for a stored file name: an ASCII `filename` (other characters become
 * `_`, so no quote, backslash or control character can end the header or the value) for old clients, and
 * the exact name as `filename*=UTF-8''...` (RFC 6266, RFC 5987), which current browsers prefer.
 */
export function contentDisposition(fileName: string): string {
  const plain = fileName.replace(PLAIN, '_').slice(0, 200) || 'fichier';
  return `attachment; filename="${plain}"; filename*=UTF-8''${rfc5987(fileName)}`;
}
