import { BrokerUnavailableError, JsonLogger, RemoteError, RequestTimeoutError } from '@prosmed/messaging';
import { LandMessages } from '@prosmed/contracts';
import { loadGatewayConfig } from '../config';
import { GatewayMetrics } from '../metrics/metrics';
import { GatewayKafka } from './gateway-kafka';

/** A GatewayKafka whose request-reply client and broker probe are stubbed (no broker needed). */
function gatewayKafka(reply: () => Promise<unknown>, brokerUp: boolean) {
  const metrics = new GatewayMetrics();
  const kafka = new GatewayKafka(
    loadGatewayConfig({ KAFKA_BROKERS: '127.0.0.1:1' }),
    metrics,
    new JsonLogger({ service: 'gateway', level: 'silent' }),
  );
  const internals = kafka as unknown as { rr: { send: () => Promise<unknown>; connected: boolean } };
  internals.rr = { send: reply, connected: true };
  jest.spyOn(kafka, 'brokerReachable').mockResolvedValue(brokerUp);
  return { kafka, metrics };
}

const ctx = { requestId: 'req-12345678' };
const cofoGet = LandMessages.cofoGet;
const outcomes = async (metrics: GatewayMetrics) =>
  (await metrics.kafkaDuration.get()).values
    .filter((v) => v.metricName === 'kafka_request_reply_duration_seconds_count')
    .map((v) => `${v.labels.topic}:${v.labels.outcome}=${v.value}`);

describe('GatewayKafka', () => {
  it('a timeout with the broker up stays a timeout (504)', async () => {
    const { kafka, metrics } = gatewayKafka(() => Promise.reject(new RequestTimeoutError('t', 3000)), true);
    await expect(kafka.send(cofoGet, { code: 'SEG01' }, ctx)).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(await outcomes(metrics)).toEqual(['land.cofo.get.v1:timeout=1']);
  });

  it('a timeout with the broker gone becomes "unavailable" (503)', async () => {
    const { kafka, metrics } = gatewayKafka(() => Promise.reject(new RequestTimeoutError('t', 3000)), false);
    await expect(kafka.send(cofoGet, { code: 'SEG01' }, ctx)).rejects.toBeInstanceOf(BrokerUnavailableError);
    expect(await outcomes(metrics)).toEqual(['land.cofo.get.v1:unavailable=1']);
  });

  it('passes replies and domain errors through, measured by outcome', async () => {
    const ok = gatewayKafka(() => Promise.resolve({ code: 'SEG01' }), true);
    await expect(ok.kafka.send(cofoGet, { code: 'SEG01' }, ctx)).resolves.toEqual({
      code: 'SEG01',
    });
    expect(await outcomes(ok.metrics)).toEqual(['land.cofo.get.v1:ok=1']);
    const remote = gatewayKafka(
      () => Promise.reject(new RemoteError({ code: 'COFO_NOT_FOUND', kind: 'not_found' })),
      true,
    );
    await expect(remote.kafka.send(cofoGet, { code: 'X1' }, ctx)).rejects.toBeInstanceOf(RemoteError);
    expect(await outcomes(remote.metrics)).toEqual(['land.cofo.get.v1:remote_error=1']);
  });

  it('refuses at once (503) while not connected', async () => {
    const { kafka, metrics } = gatewayKafka(() => Promise.resolve({}), true);
    (kafka as unknown as { rr: { connected: boolean } }).rr.connected = false;
    await expect(kafka.send(cofoGet, {}, ctx)).rejects.toBeInstanceOf(BrokerUnavailableError);
    expect(await outcomes(metrics)).toEqual(['land.cofo.get.v1:unavailable=1']);
  });
});
