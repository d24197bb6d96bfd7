import type { DataSource, EntityManager } from 'typeorm';
import { domainError, type DomainError } from '@prosmed/contracts';
import { AuditLog } from './audit';
import { AggregateCommands, type Aggregate, type EventMessage } from './command';

type State = 'draft' | 'sent' | 'closed';
type Row = Aggregate<State> & { note: string | null; owner: string };

/** A data source whose transaction is a log of what each step did, in order. */
function world(row: Row | undefined) {
  const log: string[] = [];
  const tx = {
    query: (sql: string, values: unknown[]) => {
      if (sql.includes('audit_log')) log.push(`audit ${JSON.stringify(values.slice(2, 8))}`);
      return Promise.resolve([]);
    },
  } as unknown as EntityManager;
  const dataSource = {
    transaction: (fn: (m: EntityManager) => Promise<unknown>) => {
      log.push('begin');
      return fn(tx).then(
        (r) => (log.push('commit'), r),
        (e: unknown) => {
          log.push('rollback');
          throw e;
        },
      );
    },
  } as unknown as DataSource;
  const stored = row && { ...row };
  const commands = new AggregateCommands<Row, State, 'send' | 'close'>({
    dataSource,
    entityType: 'thing',
    audit: new AuditLog('test'),
    outbox: {
      add: (_tx, ...m: EventMessage[]) => {
        log.push(`outbox ${m.map((e) => `${e.topic}@${e.key}`).join(',')}`);
        return Promise.resolve();
      },
    },
    lock: (_tx, id) => {
      log.push(`lock ${id}`);
      return Promise.resolve(stored && { ...stored });
    },
    transition: (from, action) => {
      if (from === 'draft' && action === 'send') return 'sent';
      if (from === 'sent' && action === 'close') return 'closed';
      throw domainError('CASE_TRANSITION_FORBIDDEN', { from, action });
    },
    save: (_tx, r, to) => {
      log.push(`save ${to} note=${r.note}`);
      return Promise.resolve({ ...r, state: to, version: r.version + 1 });
    },
  });
  return { log, commands };
}

const actor = { actorId: 'sub-1', actorName: 'secretaire', requestId: 'req-1' };
const row: Row = { id: 'r1', version: 3, state: 'draft', note: null, owner: 'SEG01' };

function send(
  w: ReturnType<typeof world>,
  over: { version?: number; owner?: string; action?: 'send' | 'close' } = {},
) {
  return w.commands.run({
    id: 'r1',
    version: over.version ?? 3,
    action: over.action ?? 'send',
    actor,
    authorize: (r) => {
      w.log.push('authorize');
      if (!r) throw domainError('CASE_NOT_FOUND');
      if (r.owner !== (over.owner ?? 'SEG01')) throw domainError('OUT_OF_SCOPE');
    },
    work: (_tx, r, to) => {
      w.log.push(`work ${r.state}->${to}`);
      r.note = 'sent by post';
      return Promise.resolve({
        action: 'thing.sent',
        reason: 'because',
        events: (after) => [{ topic: 'thing.sent.v1', key: after.id, payload: { version: after.version } }],
      });
    },
    result: (_tx, after) => Promise.resolve(after),
  });
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as DomainError).code;
  }
  throw new Error('expected a refusal');
}

describe('AggregateCommands', () => {
  it('locks, authorizes, transitions, works, saves, audits and emits in one transaction, in that order', async () => {
    const w = world(row);
    const after = await send(w);
    expect(after).toMatchObject({ state: 'sent', version: 4, note: 'sent by post' });
    expect(w.log).toEqual([
      'begin',
      'lock r1',
      'authorize',
      'work draft->sent',
      'save sent note=sent by post',
      `audit ${JSON.stringify(['thing.sent', 'thing', 'r1', 'draft', 'sent', 'because'])}`,
      'outbox thing.sent.v1@r1',
      'commit',
    ]);
  });

  it('refuses a stale version with VERSION_CONFLICT (expected, actual) before any work', async () => {
    const w = world(row);
    const err = await send(w, { version: 2 }).catch((e: DomainError) => e);
    expect((err as DomainError).toPayload()).toMatchObject({
      code: 'VERSION_CONFLICT',
      params: { expected: 2, actual: 3 },
    });
    expect(w.log).toEqual(['begin', 'lock r1', 'authorize', 'rollback']);
  });

  it('checks scope before the version, so an outsider learns nothing from a conflict', async () => {
    const w = world(row);
    expect(await code(send(w, { version: 99, owner: 'SAN01' }))).toBe('OUT_OF_SCOPE');
    expect(await code(send(world(undefined)))).toBe('CASE_NOT_FOUND');
  });

  it('lets the state machine refuse, and writes nothing', async () => {
    const w = world(row);
    expect(await code(send(w, { action: 'close' }))).toBe('CASE_TRANSITION_FORBIDDEN');
    expect(w.log.some((l) => /^(work|save|audit|outbox)/.test(l))).toBe(false);
  });
});
