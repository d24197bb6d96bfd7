import { randomUUID } from 'node:crypto';
import { Events, Headers } from '@prosmed/contracts';
import { TopicRecorder, testKafka } from '@prosmed/testing';

describe('Kafka round trip on a contract topic', () => {
  it('produces and consumes a message with its key and headers', async () => {
    const recorder = await TopicRecorder.start([Events.platform.probe]);
    const producer = testKafka().producer({ idempotent: true });
    await producer.connect();
    const marker = randomUUID();
    try {
      await producer.send({
        topic: Events.platform.probe,
        acks: -1,
        messages: [
          { key: marker, value: JSON.stringify({ marker, n: 1 }), headers: { [Headers.requestId]: marker } },
        ],
      });
      const [got] = await recorder.waitFor((m) => m.key === marker);
      expect(got).toBeDefined();
      expect(got.value).toEqual({ marker, n: 1 });
      expect(got.headers[Headers.requestId]).toBe(marker);
    } finally {
      await producer.disconnect();
      await recorder.stop();
    }
  });
});
