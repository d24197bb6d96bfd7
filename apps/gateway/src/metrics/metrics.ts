import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export type KafkaOutcome = 'ok' | 'remote_error' | 'timeout' | 'unavailable' | 'failure';

/** The gateway's Prometheus metrics, in a registry of its own (tests run several gateways in one process). */
export class GatewayMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly kafkaDuration = new Histogram({
    name: 'kafka_request_reply_duration_seconds',
    help: 'Kafka request-reply latency by request topic and outcome',
    labelNames: ['topic', 'outcome'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** Error codes a service answered that its catalogue entry does not declare (should stay at zero). */
  readonly undeclaredErrors = new Counter({
    name: 'gateway_undeclared_error_codes_total',
    help: 'Domain error codes answered but not declared in the message catalogue, by message and code',
    labelNames: ['message', 'code'] as const,
    registers: [this.registry],
  });

  constructor() {
    this.registry.setDefaultLabels({ service: 'gateway' });
    collectDefaultMetrics({ register: this.registry });
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  observeKafka(topic: string, outcome: KafkaOutcome, seconds: number): void {
    this.kafkaDuration.observe({ topic, outcome }, seconds);
  }
}
