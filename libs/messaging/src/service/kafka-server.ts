import { ServerKafka } from '@nestjs/microservices';

/**
 * Nest's Kafka server, plus whether its consumer is in its group right now (for `/ready`). Nest's own
 * status stream says `rebalancing` and never goes back to `connected` after a rebalance, so the
 * consumer's events are read directly; listeners are attached before it connects, so none is missed.
 */
export class ObservedServerKafka extends ServerKafka {
  private joined = false;

  get consumerJoined(): boolean {
    return this.joined;
  }

  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    const c = this.consumer;
    if (!c) return;
    c.on(c.events.GROUP_JOIN, () => (this.joined = true));
    c.on(c.events.DISCONNECT, () => (this.joined = false));
    c.on(c.events.STOP, () => (this.joined = false));
    // A retriable crash restarts the consumer, which joins again (GROUP_JOIN) when it can.
    c.on(c.events.CRASH, () => (this.joined = false));
  }

  override async close(): Promise<void> {
    this.joined = false;
    await super.close();
  }
}
