/** What the gateway serves at /app-config.json (from @prosmed/config): nothing of it is in the bundle. */
export interface AppConfig {
  issuer: string;
  clientId: string;
}

let loaded: AppConfig | undefined;

export async function loadConfig(): Promise<AppConfig> {
  // The service worker answers from its cache when offline.
  const res = await fetch('/app-config.json', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`/app-config.json: ${res.status}`);
  loaded = (await res.json()) as AppConfig;
  return loaded;
}

export function config(): AppConfig {
  if (!loaded) throw new Error('config not loaded');
  return loaded;
}
