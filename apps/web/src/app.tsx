import { useEffect, useState } from 'preact/hooks';
import { hasAnyRole, type User } from './auth/claims';
import { currentUser, login, logout, onAuthChange } from './auth/session';
import { useLang, useT } from './i18n/hooks';
import { LANGS, setLang } from './i18n/lang';
import { formatDate } from './i18n/format';
import { m, type ShellKey } from './messages';
import { FixItem, RefusalMessages } from './outbox/FixItem';
import { discard, flush } from './outbox/outbox';
import { useOnline, useOutbox } from './outbox/hooks';
import { AREAS } from './roles/registry';
import type { AreaRoute, RoleArea } from './roles/types';
import { findRoute, useVisit } from './router';

function useUser(): User | undefined {
  const [user, set] = useState(currentUser());
  useEffect(() => onAuthChange(() => set(currentUser())), []);
  return user;
}

function roleLabel(t: (k: ShellKey) => string, role: string): string {
  const key = `role.${role}` as ShellKey;
  return key in m.fr ? t(key) : role;
}

function Header({ user }: { user: User }) {
  const t = useT(m);
  const lang = useLang();
  const online = useOnline();
  const waiting = useOutbox().length;
  return (
    <header class="top">
      <a href="#/" class="brand">
        {t('app')}
      </a>
      <span class={online ? 'net on' : 'net off'} data-testid="network">
        {online ? t('online') : t('offline')}
      </span>
      <a href="#/outbox" class="badge" data-testid="outbox-count" aria-label={t('outbox')}>
        {t('outbox')} {waiting}
      </a>
      <span class="who" data-testid="user">
        <strong>{user.name}</strong> ·{' '}
        <span data-testid="role">{user.roles.map((r) => roleLabel(t, r)).join(', ')}</span>
      </span>
      <span class="lang" role="group" aria-label={t('language')}>
        {LANGS.map((l) => (
          <button
            type="button"
            class={l === lang ? 'on' : ''}
            aria-pressed={l === lang}
            onClick={() => setLang(l)}
          >
            {l.toUpperCase()}
          </button>
        ))}
      </span>
      <button type="button" class="signout" onClick={logout}>
        {t('signOut')}
      </button>
    </header>
  );
}

function Home({ user }: { user: User }) {
  const t = useT(m);
  const lang = useLang();
  const areas = AREAS.map((a) => ({
    area: a,
    tasks: a.tasks.filter((k) => hasAnyRole(user, k.roles)),
  })).filter((a) => a.tasks.length > 0);
  return (
    <main>
      <h1>{t('myTasks')}</h1>
      {areas.length === 0 && <p>{t('noTasks')}</p>}
      {areas.map(({ area, tasks }) => (
        <section class="area" data-area={area.id}>
          <h2>{area.title[lang]}</h2>
          <ul class="tasks">
            {tasks.map((k) => (
              <li>
                <a href={`#${k.path}`}>{k.label[lang]}</a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}

function Outbox() {
  const t = useT(m);
  const items = useOutbox();
  return (
    <main>
      <h1>{t('outboxTitle')}</h1>
      {items.length === 0 && <p>{t('outboxEmpty')}</p>}
      <ul class="outbox">
        {items.map((i) => (
          <li class={`item ${i.status}`} data-status={i.status}>
            <strong>{i.label}</strong>
            <span>
              {i.status === 'waiting' ? t('waiting') : t('refused')} · {formatDate(new Date(i.createdAt))} ·{' '}
              {t('attempts', { n: i.attempts })}
            </span>
            <RefusalMessages item={i} />
            <div class="actions">
              {i.status === 'refused' && EDITORS[i.kind] && (
                <a class="button-link" href={`#/outbox/${i.id}`}>
                  {t('fix')}
                </a>
              )}
              {i.status === 'waiting' && (
                <button type="button" onClick={() => void flush(true)}>
                  {t('sendNow')}
                </button>
              )}
              <button type="button" class="secondary" onClick={() => void discard(i.id)}>
                {t('discard')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </main>
  );
}

const ROUTES: readonly AreaRoute[] = AREAS.flatMap((a) => a.routes);
/** The forms that reopen a refused outbox item, by its kind (each area declares its own). */
const EDITORS = Object.assign({}, ...AREAS.map((a) => a.editors ?? {})) as NonNullable<RoleArea['editors']>;

function Screen({ user }: { user: User }) {
  const t = useT(m);
  const { path, visit } = useVisit();
  if (path === '/' || path === '') return <Home user={user} />;
  if (path === '/outbox') return <Outbox />;
  if (path.startsWith('/outbox/'))
    return <FixItem user={user} id={decodeURIComponent(path.slice('/outbox/'.length))} editors={EDITORS} />;
  const found = findRoute(ROUTES, path);
  if (!found) return <main class="msg">{t('notFound')}</main>;
  if (!hasAnyRole(user, found.route.roles)) return <main class="msg">{t('notAllowed')}</main>;
  const C = found.route.component;
  return <C key={`${visit}:${path}`} user={user} params={found.params} />;
}

function SignIn({ error }: { error?: string }) {
  const t = useT(m);
  const online = useOnline();
  const [pending, setPending] = useState(false);
  return (
    <main class="signin">
      <h1>{t('app')}</h1>
      <p>{t('signInIntro')}</p>
      {error && (
        <p class="error" role="alert">
          {t('signInFailed', { reason: error })}
        </p>
      )}
      {!online && <p class="error">{t('offlineNoSession')}</p>}
      <button
        type="button"
        data-testid="sign-in"
        disabled={pending || !online}
        onClick={() => {
          setPending(true);
          // Refused while another tab signs in: the button comes back after the guard's minute.
          void login().then((started) => {
            if (!started) setTimeout(() => setPending(false), 60_000);
          });
        }}
      >
        {pending ? t('signInPending') : t('signIn')}
      </button>
      <span class="lang">
        {LANGS.map((l) => (
          <button type="button" class="secondary" onClick={() => setLang(l)}>
            {l.toUpperCase()}
          </button>
        ))}
      </span>
    </main>
  );
}

export function App({ authError }: { authError?: string }) {
  const user = useUser();
  if (!user) return <SignIn error={authError} />;
  return (
    <>
      <Header user={user} />
      <Screen user={user} />
    </>
  );
}
