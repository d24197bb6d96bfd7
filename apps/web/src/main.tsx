import { render } from 'preact';
import { App } from './app';
import { initAuth } from './auth/session';
import { loadConfig } from './config';
import { getLang, setLang } from './i18n/lang';
import { startOutbox } from './outbox/outbox';
import './styles.css';

async function main(): Promise<void> {
  setLang(getLang());
  await loadConfig();
  const authError = await initAuth();
  startOutbox();
  const root = document.getElementById('app')!;
  root.textContent = '';
  render(<App authError={authError} />, root);
}

if ('serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}

main().catch((err: unknown) => {
  document.getElementById('app')!.textContent =
    `PROSMED : ${err instanceof Error ? err.message : String(err)}`;
});
