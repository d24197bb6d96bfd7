import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { APP_NODE_ARGS, APPS, appPort, type AppSpec } from '@prosmed/config';
import { spawnDetached, type PidRecord } from './proc';
import type { StackSettings } from './settings';
import { httpOk } from './wait';

/** Pure: the apps of APPS whose sources exist in the clone, in APPS order (the gateway last). */
export function existingApps(exists: (path: string) => boolean, cloneDir: string): AppSpec[] {
  return APPS.filter((a) => exists(join(cloneDir, 'apps', a.name, 'src', 'main.ts')));
}

export function presentApps(s: StackSettings): AppSpec[] {
  return existingApps(existsSync, s.cloneDir);
}

export function appBaseUrl(app: AppSpec): string {
  return `http://127.0.0.1:${appPort(app)}`;
}

export function appHealthUrl(app: AppSpec): string {
  return `${appBaseUrl(app)}${app.healthPath}`;
}

export function appHealthy(app: AppSpec): Promise<boolean> {
  return httpOk(appHealthUrl(app), 2000);
}

export function appEntry(s: StackSettings, app: AppSpec): string {
  return join(s.cloneDir, 'dist', 'apps', app.name, 'src', 'main.js');
}

export function startApp(s: StackSettings, app: AppSpec): PidRecord {
  const entry = appEntry(s, app);
  return spawnDetached({
    name: app.name,
    command: process.execPath,
    args: [...APP_NODE_ARGS, entry],
    cwd: s.cloneDir,
    env: { ...process.env },
    logFile: join(s.apps.logsDir, `${app.name}.log`),
    marker: entry,
    cloneDir: s.cloneDir,
  });
}
