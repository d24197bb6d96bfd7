import { randomUUID } from 'node:crypto';
import { TopicRecorder, testKafka } from '@prosmed/testing';
import { call, eventually, waitForLand } from './support/http';
import { otherLandConsumers } from './support/kafka-groups';
import { type AppProcess, startGatewayProcess, startLandProcess } from './support/processes';

jest.setTimeout(180_000);

/**
 * Two gateway instances and two land instances on the real stack: both land instances serve (they share
 * the service's one request topic), every reply reaches the gateway that asked (its HTTP answer is that
 * reply), and each gateway's reply topic holds its own replies only, read by one member: no instance
 * reads another's.
 */
const PER_GATEWAY = 40;

let lands: AppProcess[] = [];
let gws: AppProcess[] = [];

function replyTopicOf(gw: AppProcess): string {
  const line = gw.logLines().find((l) => l.msg === 'Kafka request-reply client connected');
  const topic = (line as { replyTopic?: string } | undefined)?.replyTopic;
  if (!topic) throw new Error(`gateway ${gw.url} logged no reply topic`);
  return topic;
}

beforeAll(async () => {
  lands = [await startLandProcess(), await startLandProcess()];
  gws = [await startGatewayProcess({}, 'gateway-a'), await startGatewayProcess({}, 'gateway-b')];
  for (const gw of gws) await waitForLand(gw.url);
}, 240_000);

afterAll(async () => {
  for (const p of [...gws, ...lands]) await p.stop();
});

describe('two gateways and two land services', () => {
  it('spread the work over both land instances, and route each reply to the gateway that asked only', async () => {
    const topics = gws.map(replyTopicOf);
    expect(new Set(topics).size).toBe(2);

    // Each reply topic is read by one consumer group of one member: its gateway.
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups(topics);
      for (const g of groups)
        expect({ group: g.groupId, members: g.members.length }).toEqual({ group: g.groupId, members: 1 });
    } finally {
      await admin.disconnect();
    }

    const recorder = await TopicRecorder.start(topics);
    try {
      // What the topics already hold (the readiness probes' replies), once the recorder has caught up.
      await new Promise((r) => setTimeout(r, 3000));
      const before = topics.map((t) => recorder.messages.filter((m) => m.topic === t).length);

      const ids = gws.map(() => [] as string[]);
      await Promise.all(
        gws.map(async (gw, g) => {
          for (let i = 0; i < PER_GATEWAY; i += 1) {
            const requestId = `two-inst-${g}-${randomUUID()}`;
            ids[g].push(requestId);
            const res = await call<{ code?: string; statusCode?: number }>(
              gw.url,
              'GET',
              '/api/v1/cofos/SEG01',
              {
                as: 'admin.prosmed',
                headers: { 'x-request-id': requestId },
              },
            );
            // The reply is the CoFo itself (its `code` is SEG01), not an error body.
            expect({ status: res.status, code: res.body.code }).toEqual({ status: 200, code: 'SEG01' });
            expect(res.headers.get('x-request-id')).toBe(requestId);
          }
        }),
      );

      // Each gateway's topic received exactly the replies to its own requests.
      await recorder.waitFor(() => false, 1, 3000);
      const after = topics.map((t) => recorder.messages.filter((m) => m.topic === t).length);
      expect(after.map((n, g) => n - before[g])).toEqual([PER_GATEWAY, PER_GATEWAY]);

      // Both land instances handled some of them (reads carry no key: they spread over the partitions).
      const all = new Set(ids.flat());
      await eventually(
        () =>
          lands.every((land) =>
            land.logLines().some((l) => l.msg === 'handled' && all.has(String(l.requestId))),
          ),
        10_000,
        'both land instances handled requests',
      );
      const served = lands.map(
        (land) => land.logLines().filter((l) => l.msg === 'handled' && all.has(String(l.requestId))).length,
      );
      for (const n of served) expect(n).toBeGreaterThan(0);
      // With no other land service in the group (CI), the two handled every request between them.
      if ((await otherLandConsumers(2)).length === 0) {
        expect(served.reduce((a, b) => a + b, 0)).toBe(2 * PER_GATEWAY);
      }
    } finally {
      await recorder.stop();
    }
  });
});
