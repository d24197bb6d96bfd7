/**
 * `npx tsx bench/transport.ts [--seconds=8] [--clients=kafkajs,platformatic]`: the platform's Kafka
 * transport alone, with each client library behind it, on the real broker (loopback).
 *
 * For each client: a Nest microservice on the service kit's transport (`KafkaRequestServer`, one
 * `@MessagePattern` echo handler, no database) runs in a child process, reading a request topic of its
 * own (12 partitions, like a service's); this process calls it through Nest's `ClientProxy` on the
 * gateway's client (`RequestReplyClientProxy` over `RequestReplyClient`), with its own reply topic. Measured: latency at one call at a time (p50, p99), and
 * calls per second at eight at a time (with p99 and the CPU of each process per call). Printed as a
 * table; nothing is written. The same machine runs both sides and the broker: compare the rows with each
 * other, not with another machine's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload, type MicroserviceOptions } from '@nestjs/microservices';
import { KAFKA_CLIENTS, loadPlatformConfig, type KafkaClientName } from '@prosmed/config';
import { REQUEST_PARTITIONS } from '@prosmed/contracts';
import {
  createKafkaDriver,
  groupTimings,
  KafkaRequestServer,
  RequestReplyClient,
  RequestReplyClientProxy,
  type DriverAdmin,
} from '@prosmed/messaging';
import { firstValueFrom } from 'rxjs';
import { closedLoop } from './lib/load';
import { table } from './lib/report';
import { cpuSeconds } from './lib/stack';
import { round } from './lib/stats';

const say = (s = '') => process.stdout.write(`${s}\n`);
const sleep = (ms: number) => new Promise<void>((res) => setTimeout(res, ms));
const ECHO = 'bench.echo.v1';

function arg(name: string, def: string): string {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : def;
}

@Controller()
class EchoController {
  @MessagePattern(ECHO)
  echo(@Payload() body: unknown): unknown {
    return body;
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

/** Child process: the echo service on `topic`, with `client`, until SIGTERM. */
async function serve(client: KafkaClientName, topic: string, groupId: string): Promise<void> {
  const cfg = loadPlatformConfig('prosmed-bench-transport');
  const log = {
    warn: (l: Record<string, unknown>) => process.stderr.write(`${JSON.stringify(l)}\n`),
    error: (l: Record<string, unknown>) => process.stderr.write(`${JSON.stringify(l)}\n`),
  };
  const driver = createKafkaDriver({ ...cfg.kafka, client }, '-server', log);
  const admin = await driver.admin();
  const minSession = await admin.brokerConfig('group.min.session.timeout.ms');
  await admin.close();
  const server = new KafkaRequestServer({ driver, topic, groupId, timings: groupTimings(minSession), log });
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(EchoModule, {
    strategy: server,
    logger: ['error'],
  });
  await app.listen();
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

function startServer(client: KafkaClientName, topic: string, groupId: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, __filename, '--serve', client, topic, groupId],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('echo service not ready within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`echo service exited (${code})`)));
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((res) => child.once('exit', res));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000).then(() => child.kill('SIGKILL'))]);
}

interface Row {
  client: KafkaClientName;
  c1p50: number;
  c1p99: number;
  c8rate: number;
  c8p99: number;
  clientCpuMs: number;
  serverCpuMs: number;
  errors: number;
}

async function measure(client: KafkaClientName, seconds: number): Promise<Row> {
  const cfg = loadPlatformConfig('prosmed-bench-transport');
  const driver = createKafkaDriver({ ...cfg.kafka, client }, '-client');
  const tag = randomBytes(4).toString('hex');
  const topic = `prosmed-bench.echo.requests.${tag}`;
  const groupId = `prosmed-bench-echo-${tag}`;
  const admin: DriverAdmin = await driver.admin();
  await admin.createTopics([
    { name: topic, partitions: REQUEST_PARTITIONS, config: { 'retention.ms': '600000' } },
  ]);
  let server: ChildProcess | undefined;
  const rr = new RequestReplyClient({
    driver,
    timeoutMs: 5000,
    label: `bench-${client}`,
    requestTopicOf: () => topic,
  });
  try {
    server = await startServer(client, topic, groupId);
    // Nest's client abstraction on both ends: `ClientProxy.send` here, the custom transport there.
    const proxy = new RequestReplyClientProxy(rr);
    await proxy.connect();
    const payload = { code: 'SEG01', name: 'CoFo de Ségou', members: [{ sex: 'F' }, { sex: 'M' }] };
    let errors = 0;
    const send = async () => {
      try {
        await firstValueFrom(
          proxy.send(ECHO, { value: payload, ctx: { requestId: randomUUID() }, service: 'bench' }),
        );
        return 200;
      } catch {
        errors++;
        return 599;
      }
    };
    // Until the service's group has its partitions: a new group starts at the end of the topic.
    const until = Date.now() + 60_000;
    while ((await send()) !== 200) if (Date.now() > until) throw new Error('no echo within 60 s');
    await closedLoop({ concurrency: 4, warmupMs: 0, durationMs: 2000, send });
    errors = 0;
    const c1 = await closedLoop({ concurrency: 1, warmupMs: 500, durationMs: seconds * 1000, send });
    const cpu0 = { me: cpuSeconds(process.pid), server: cpuSeconds(server.pid!) };
    const c8 = await closedLoop({ concurrency: 8, warmupMs: 0, durationMs: seconds * 1000, send });
    const perCall = (a: number, b: number) => round(((b - a) * 1000) / Math.max(1, c8.ok));
    return {
      client,
      c1p50: c1.latency.p50,
      c1p99: c1.latency.p99,
      c8rate: c8.throughput,
      c8p99: c8.latency.p99,
      clientCpuMs: perCall(cpu0.me, cpuSeconds(process.pid)),
      serverCpuMs: perCall(cpu0.server, cpuSeconds(server.pid!)),
      errors,
    };
  } finally {
    await rr.close().catch(() => undefined);
    if (server) await stop(server);
    await admin.deleteTopics([topic]).catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.close().catch(() => undefined);
  }
}

async function main(): Promise<number> {
  const seconds = Number(arg('seconds', '8'));
  const clients = arg('clients', KAFKA_CLIENTS.join(','))
    .split(',')
    .filter((c): c is KafkaClientName => (KAFKA_CLIENTS as readonly string[]).includes(c));
  const rows: Row[] = [];
  for (const client of clients) {
    say(`${client}: measuring (${seconds} s at c=1, ${seconds} s at c=8)...`);
    rows.push(await measure(client, seconds));
  }
  say();
  say(`Echo request-reply through the Nest transport, Node ${process.version}, ${new Date().toISOString()}`);
  say(
    table(
      [
        'client',
        'c=1 p50 ms',
        'c=1 p99 ms',
        'c=8 calls/s',
        'c=8 p99 ms',
        'CPU ms/call caller',
        'CPU ms/call service',
        'errors',
      ],
      rows.map((r) => [
        r.client,
        r.c1p50,
        r.c1p99,
        r.c8rate,
        r.c8p99,
        r.clientCpuMs,
        r.serverCpuMs,
        r.errors,
      ]),
    ),
  );
  return 0;
}

if (process.argv[2] === '--serve') {
  const [, , , client, topic, groupId] = process.argv;
  serve(client as KafkaClientName, topic, groupId).catch((err: unknown) => {
    process.stderr.write(`echo service failed: ${String(err)}\n`);
    process.exit(1);
  });
} else {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(
        `bench/transport: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exit(1);
    },
  );
}
