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

/** What `npm start` knows of an app before starting anything. */
export interface AppState {
  /** A live process of ours (its PID record matches a running process). */
  running: boolean;
  /** Its health URL answers. */
  healthy: boolean;
}

export interface AppStartPlan {
  /** Not running: built and started, the services together, then the gateway. */
  start: AppSpec[];
  /** Running already, healthy or still starting: left alone (never stopped to start another app). */
  keep: { app: AppSpec; healthy: boolean }[];
}

/**
 * Pure decision of `npm start`: start what is missing, leave what runs alone. Restarting a running app
 * would cut the requests it is serving (a healthy gateway was once stopped to start a missing land
 * service); a fresh build of a running app is `npm stop` then `npm start`.
 */
export function planAppStarts(apps: readonly AppSpec[], stateOf: (app: AppSpec) => AppState): AppStartPlan {
  const plan: AppStartPlan = { start: [], keep: [] };
  for (const app of apps) {
    const s = stateOf(app);
    if (s.running) plan.keep.push({ app, healthy: s.healthy });
    else plan.start.push(app);
  }
  return plan;
}
