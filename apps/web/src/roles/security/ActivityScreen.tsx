import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { isApiErrorBody } from '../../api/errors';
import { formatDate, formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import { useOnline, useOutbox } from '../../outbox/hooks';
import { discard } from '../../outbox/outbox';
import { submitTo } from '../../outbox/typed';
import type { ScreenProps } from '../types';
import { attachmentBlob, dataUrl, uploadAttachment } from './files';
import { History, usePlaceName } from './History';
import { type SecurityKey, m } from './messages';
import { period } from './MyActivities';
import { checkFile, formatSize } from './rules';
import { allOf } from '../../api/enums';

type Detail = Schemas['ActivityDetailDto'];
type Attachment = Schemas['AttachmentDto'];
type Recommendation = Schemas['RecommendationDto'];
const REC_STATES = allOf<Recommendation['state']>()(['pending', 'in-progress', 'done', 'abandoned']);

/** One activity: what was recorded, its photos and attendance sheets, its recommendations' follow-up. */
export function ActivityScreen({ params }: ScreenProps) {
  const t = useT(m);
  const id = params.activityId;
  const online = useOnline();
  // Its recommendations' follow-ups still in the outbox (each names the version it read): shown, and no
  // other one meanwhile.
  const pending = useOutbox().filter((i) => i.path.startsWith(`/api/v1/ccs-activities/${id}/`));
  const [a, setA] = useState<Detail | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [reload, setReload] = useState(0);
  const place = usePlaceName(a?.placeCode);

  useEffect(() => {
    let live = true;
    api
      .GET('/api/v1/ccs-activities/{activityId}', { params: { path: { activityId: id } } })
      .then(({ data, error: e, response }) => {
        if (!live) return;
        if (data) {
          setA(data);
          setError(undefined);
        } else setError(isApiErrorBody(e) ? e.message : `HTTP ${response.status}`);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [id, reload, online, pending.length]);

  if (!a) {
    return (
      <main>
        <p>
          <a href="#/security/activities">{t('back')}</a>
        </p>
        {error ? (
          <p class="error" role="alert">
            {online ? t('loadFailed', { reason: error }) : t('offlineRecord')}
          </p>
        ) : (
          <p>{t('loading')}</p>
        )}
      </main>
    );
  }
  const p = a.participants;
  return (
    <main data-testid="activity" data-id={a.id}>
      <p>
        <a href="#/security/activities">{t('back')}</a>
      </p>
      <h1>{a.theme}</h1>
      <p>
        <strong>
          {a.type === 'other' && a.typeLabel ? a.typeLabel : t(`type.${a.type}` as SecurityKey)}
        </strong>{' '}
        · {period(t, a)}
      </p>
      <p>{t('place', { place: place ? `${place} (${a.placeCode})` : a.placeCode })}</p>
      <p>
        {t('forces', {
          forces: a.forces.length
            ? a.forces.map((f) => t(`force.${f}` as SecurityKey)).join(', ')
            : t('noForce'),
        })}
      </p>
      <p data-testid="participants-line">
        {t('participantsLine', {
          total: formatNumber(p.total),
          women: formatNumber(p.women),
          youth: formatNumber(p.youth),
          fds: formatNumber(p.fds),
        })}
        {p.children !== null && p.children !== undefined
          ? `, ${formatNumber(p.children)} ${t('field.children')
              .replace(/ \(.*\)$/, '')
              .toLowerCase()}`
          : ''}
      </p>
      {a.outcomes && (
        <section class="section">
          <h2>{t('outcomes')}</h2>
          <p>{a.outcomes}</p>
        </section>
      )}
      <Attachments activityId={a.id} online={online} />
      <section class="section" data-testid="recommendations">
        <h2>{t('recommendations')}</h2>
        {a.recommendations.length === 0 && <p class="muted">{t('noRecommendation')}</p>}
        {pending.length > 0 && (
          <ul class="list" data-testid="pending-steps">
            {pending.map((i) => (
              <li data-status={i.status}>
                <strong>{i.label}</strong>
                <span class="waiting-tag">
                  {i.status === 'waiting' ? t('waiting') : (i.error?.message ?? '')}
                </span>
              </li>
            ))}
          </ul>
        )}
        <ul class="list">
          {a.recommendations.map((r) => (
            <RecommendationRow
              locked={pending.length > 0}
              activityId={a.id}
              version={a.version}
              r={r}
              onSaved={() => setReload((n) => n + 1)}
            />
          ))}
        </ul>
      </section>
      <History entries={a.history} />
    </main>
  );
}

function RecommendationRow(props: {
  locked: boolean;
  activityId: string;
  version: number;
  r: Recommendation;
  onSaved: () => void;
}) {
  const t = useT(m);
  const { r } = props;
  const [state, setState] = useState(r.state);
  const [note, setNote] = useState(r.note ?? '');
  const [message, setMessage] = useState<{ error: boolean; text: string } | undefined>();
  const [busy, setBusy] = useState(false);

  async function save() {
    setBusy(true);
    setMessage(undefined);
    try {
      const res = await submitTo(
        'post',
        '/api/v1/ccs-activities/{activityId}/recommendations/{recommendationId}',
        {
          params: { activityId: props.activityId, recommendationId: r.id },
          body: { version: props.version, state, ...(note.trim() ? { note: note.trim() } : {}) },
          label: `${t('recommendations')} : ${r.text}`,
          kind: 'security.activity.recommendation',
        },
      );
      if (res.status === 'sent') props.onSaved();
      else if (res.status === 'waiting') setMessage({ error: false, text: t('stepQueued') });
      else {
        setMessage({ error: true, text: res.error.message });
        await discard(res.item.id);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <li data-id={r.id} data-state={r.state}>
      <strong>{r.text}</strong>
      <span class="muted">
        {t(`rstate.${r.state}` as SecurityKey)}
        {r.note ? ` · ${r.note}` : ''} · {formatDate(r.updatedAt)}
      </span>
      <div class="row">
        <label>
          {t('field.state')}
          <select value={state} onChange={(e) => setState(e.currentTarget.value as Recommendation['state'])}>
            {REC_STATES.map((s) => (
              <option value={s}>{t(`rstate.${s}` as SecurityKey)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('field.note')}
          <input type="text" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
      </div>
      <div class="actions">
        <button type="button" class="secondary" disabled={busy || props.locked} onClick={() => void save()}>
          {t('updateRecommendation')}
        </button>
      </div>
      {message && <p class={message.error ? 'error' : 'notice'}>{message.text}</p>}
    </li>
  );
}

/** The activity's photos and attendance sheets: the list, a thumbnail of photos, and adding one. */
function Attachments(props: { activityId: string; online: boolean }) {
  const t = useT(m);
  const [items, setItems] = useState<Attachment[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api
      .GET('/api/v1/ccs-activities/{activityId}/attachments', {
        params: { path: { activityId: props.activityId } },
      })
      .then(({ data }) => live && data && setItems(data.items))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [props.activityId, props.online]);

  async function onFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = '';
    setError(undefined);
    setNotice(undefined);
    if (!file) return;
    const problem = checkFile(file);
    if (problem) {
      setError(
        problem.kind === 'too-large'
          ? t('file.too-large', { size: formatSize(problem.size), max: formatSize(problem.max) })
          : problem.kind === 'type'
            ? t('file.type', { type: problem.type })
            : t('file.empty'),
      );
      return;
    }
    if (!navigator.onLine) {
      setError(t('file.offline'));
      return;
    }
    setBusy(true);
    try {
      const r = await uploadAttachment(props.activityId, file);
      if (r.status === 'sent') {
        setItems((old) => [...(old ?? []), r.attachment]);
        setNotice(t('uploaded', { name: r.attachment.fileName }));
      } else if (r.status === 'network') setError(t('file.offline'));
      else setError(r.error.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="section" data-testid="attachments">
      <h2>{t('attachments')}</h2>
      {items?.length === 0 && <p class="muted">{t('noAttachment')}</p>}
      <ul class="list">
        {(items ?? []).map((f) => (
          <AttachmentRow activityId={props.activityId} f={f} />
        ))}
      </ul>
      <div class={error ? 'field field-error' : 'field'} data-field="file">
        {/* The native file inputs say "Choose File" in the browser's language: buttons of our own instead. */}
        <label class={busy ? 'file-button disabled' : 'file-button'}>
          {t('addAttachment')}
          <input
            class="visually-hidden"
            type="file"
            accept="image/*,application/pdf"
            capture="environment"
            disabled={busy}
            data-testid="photo"
            onChange={(e) => void onFile(e.currentTarget)}
          />
        </label>
        <label class={busy ? 'file-button secondary disabled' : 'file-button secondary'}>
          {t('chooseFile')}
          <input
            class="visually-hidden"
            type="file"
            accept="image/*,application/pdf"
            disabled={busy}
            data-testid="file"
            onChange={(e) => void onFile(e.currentTarget)}
          />
        </label>
        <p class="muted">{t('fileHint')}</p>
        {busy && <p class="muted">{t('uploading')}</p>}
        {error && (
          <p class="error" role="alert" data-testid="file-error">
            {error}
          </p>
        )}
        {notice && <p class="notice">{notice}</p>}
      </div>
    </section>
  );
}

function AttachmentRow(props: { activityId: string; f: Attachment }) {
  const t = useT(m);
  const { f } = props;
  const image = f.kind === 'jpeg' || f.kind === 'png' || f.kind === 'webp';
  const [src, setSrc] = useState<string | undefined>();
  const [failed, setFailed] = useState<string | undefined>();

  useEffect(() => {
    if (!image) return;
    let live = true;
    attachmentBlob(props.activityId, f.id)
      .then(dataUrl)
      .then((u) => live && setSrc(u))
      .catch((e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [f.id]);

  async function open() {
    try {
      const blob = await attachmentBlob(props.activityId, f.id);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = f.fileName;
      a.target = '_blank';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setFailed(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <li data-id={f.id} data-kind={f.kind}>
      <div class="attachment">
        {src && <img class="thumb" src={src} alt={f.fileName} data-testid="thumb" />}
        <div>
          <strong>{f.fileName}</strong>
          <div class="muted">
            {f.kind.toUpperCase()} · {formatSize(f.size)} · {formatDate(f.uploadedAt)}
          </div>
          <button type="button" class="secondary" onClick={() => void open()}>
            {t('open')}
          </button>
        </div>
      </div>
      {failed && <p class="error">{t('file.failed', { reason: failed })}</p>}
    </li>
  );
}
