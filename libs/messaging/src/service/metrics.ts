import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Outcome label of a handled message: `ok`, a domain error code, or `internal`. */
export type Outcome = string;

/**
 * The service's Prometheus registry: Node's default metrics plus handled requests by pattern (topic)
 * and outcome. Labels stay bounded: patterns are the contract topics, outcomes the catalogue codes.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly handled: Counter<'pattern' | 'outcome'>;
  private readonly duration: Histogram<'pattern' | 'outcome'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.handled = new Counter({
      name: 'prosmed_messages_handled_total',
      help: 'Kafka messages handled, by pattern and outcome (ok, error code, internal)',
      labelNames: ['pattern', 'outcome'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'prosmed_message_handling_seconds',
      help: 'Time from the handler being called to its reply (or error), by pattern and outcome',
      labelNames: ['pattern', 'outcome'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
  }

  observe(pattern: string, outcome: Outcome, seconds: number): void {
    this.handled.inc({ pattern, outcome });
    this.duration.observe({ pattern, outcome }, seconds);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
