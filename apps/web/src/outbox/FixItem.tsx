import type { ComponentType } from 'preact';
import { normalizeField } from '../api/errors';
import type { User } from '../auth/claims';
import { useT } from '../i18n/hooks';
import { m } from '../messages';
import { navigate } from '../router';
import type { ItemEditorProps } from '../roles/types';
import { useOutbox } from './hooks';
import { discard, type OutboxItem } from './outbox';

/** The server's messages of a refused item, one a field (`land.villageCode : ...`), then the general one. */
export function RefusalMessages({ item }: { item: OutboxItem }) {
  if (!item.error) return null;
  return (
    <div class="error" role="alert" data-testid="refusal">
      <p>{item.error.message}</p>
      {(item.error.details ?? []).length > 0 && (
        <ul>
          {item.error.details?.map((d) => (
            <li data-field={normalizeField(d.field)}>
              <code>{normalizeField(d.field)}</code> : {d.message || item.error?.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A refused outbox item, to fix: its area's form (by the item's kind) reopened with the body kept and the
 * server's messages beside the fields; or, for a kind no form knows, the messages and "discard".
 */
export function FixItem(props: {
  user: User;
  id: string;
  editors: Readonly<Record<string, ComponentType<ItemEditorProps>>>;
}) {
  const t = useT(m);
  const items = useOutbox();
  const item = items.find((i) => i.id === props.id);
  if (!item) {
    return (
      <main>
        <p>{t('fixGone')}</p>
        <a href="#/outbox">{t('outboxTitle')}</a>
      </main>
    );
  }
  const Editor = props.editors[item.kind];
  if (Editor) return <Editor user={props.user} item={item} />;
  return (
    <main>
      <h1>{item.label}</h1>
      <RefusalMessages item={item} />
      <p>{t('fixUnknown')}</p>
      <button
        type="button"
        class="secondary"
        onClick={() => void discard(item.id).then(() => navigate('/outbox'))}
      >
        {t('discard')}
      </button>
    </main>
  );
}
