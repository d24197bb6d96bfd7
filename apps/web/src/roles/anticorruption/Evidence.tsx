import { useEffect, useState } from 'preact/hooks';
import { apiHeaders } from '../../api/client';
import { isApiErrorBody } from '../../api/errors';
import { formatDate, formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import { newIdempotencyKey } from '../../outbox/classify';
import { fieldId } from '../../ui/Field';
import { type Attachment, loadEvidence } from './load';
import { m } from './messages';
import { evidenceTooLarge } from './rules';

/**
 * The evidence of one update: its files, and (while the update is not validated) a file to attach. The
 * file is the raw body of `POST /updates/{id}/evidence?fileName=` (with an Idempotency-Key, so a retry
 * never stores it twice); its size is checked before a byte is sent, and the server's refusal (a type it
 * does not take, a file it finds too large) is shown under the field.
 */
export function Evidence(props: { updateId: string; canAdd: boolean }) {
  const t = useT(m);
  const [items, setItems] = useState<Attachment[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [round, setRound] = useState(0);
  const name = `evidence-${props.updateId}`;

  useEffect(() => {
    let live = true;
    loadEvidence(props.updateId)
      .then((a) => live && setItems(a))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [props.updateId, round]);

  async function onFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    setError(undefined);
    setNotice(undefined);
    if (!file) return;
    if (evidenceTooLarge(file.size)) {
      setError(t('evidenceTooLarge', { name: file.name }));
      input.value = '';
      return;
    }
    if (!navigator.onLine) {
      setError(t('evidenceOffline'));
      return;
    }
    setBusy(true);
    try {
      const res = await fetch(
        `/api/v1/updates/${encodeURIComponent(props.updateId)}/evidence?fileName=${encodeURIComponent(file.name)}`,
        {
          method: 'POST',
          headers: {
            ...(await apiHeaders()),
            'Content-Type': file.type || 'application/octet-stream',
            'Idempotency-Key': newIdempotencyKey(),
          },
          body: file,
        },
      );
      const text = await res.text();
      const body: unknown = text ? JSON.parse(text) : undefined;
      if (res.ok) {
        setNotice(t('evidenceSent', { name: file.name }));
        input.value = '';
        setRound((r) => r + 1);
      } else {
        setError(
          isApiErrorBody(body)
            ? [body.message, ...(body.details ?? []).map((d) => d.message)].join(' ')
            : `HTTP ${res.status}`,
        );
      }
    } catch {
      setError(t('evidenceOffline'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="ac-evidence" data-testid="evidence">
      <strong>{t('evidence')}</strong>
      {items?.length === 0 && <span class="muted">{t('noEvidence')}</span>}
      <ul class="list">
        {(items ?? []).map((a) => (
          <li data-file={a.fileName}>
            <a href="#" onClick={(e) => void openFile(e, props.updateId, a)}>
              {a.fileName}
            </a>
            <span class="muted">
              {t('evidenceSize', { kind: a.kind.toUpperCase(), size: formatNumber(a.size / 1024, 1) })} ·{' '}
              {formatDate(a.uploadedAt)}
            </span>
          </li>
        ))}
      </ul>
      {props.canAdd && (
        <div class={error ? 'field field-error' : 'field'} data-field="evidence">
          <input
            id={fieldId(name)}
            class="ac-file"
            name="evidence"
            type="file"
            disabled={busy}
            onChange={(e) => void onFile(e.currentTarget)}
          />
          {/* The browser's own file button speaks the phone's language; this label, styled as a button,
              speaks the app's. */}
          <label for={fieldId(name)} class="ac-link ac-file-label">
            {t('addEvidence')}
          </label>
          {busy && <span class="muted">{t('uploading')}</span>}
          {notice && <span class="notice">{notice}</span>}
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

/** Opens a file with the token (a plain link would have none). */
async function openFile(e: Event, updateId: string, a: Attachment): Promise<void> {
  e.preventDefault();
  const res = await fetch(`/api/v1/updates/${updateId}/evidence/${a.id}`, { headers: await apiHeaders() });
  if (!res.ok) return;
  const url = URL.createObjectURL(await res.blob());
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
