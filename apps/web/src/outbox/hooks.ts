import { useEffect, useState } from 'preact/hooks';
import { listOutbox, onOutboxChange, type OutboxItem } from './outbox';

/** The signed-in person's outbox items (of one `kind`, when given), kept up to date. */
export function useOutbox(kind?: string): OutboxItem[] {
  const [items, setItems] = useState<OutboxItem[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      void listOutbox().then((all) => {
        if (live) setItems(kind ? all.filter((i) => i.kind === kind) : all);
      });
    load();
    const off = onOutboxChange(load);
    return () => {
      live = false;
      off();
    };
  }, [kind]);
  return items;
}

/** navigator.onLine, kept up to date. */
export function useOnline(): boolean {
  const [online, set] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => set(true);
    const off = () => set(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}
