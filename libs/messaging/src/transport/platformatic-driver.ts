import type {
  ConsumeOptions,
  DriverAdmin,
  DriverConsumer,
  DriverOptions,
  DriverProducer,
  KafkaDriver,
} from './driver';

export class PlatformaticDriver implements KafkaDriver {
  readonly name = 'platformatic' as const;
  constructor(private readonly opts: DriverOptions) {}
  producer(): Promise<DriverProducer> {
    throw new Error('not yet');
  }
  consume(_o: ConsumeOptions): Promise<DriverConsumer> {
    throw new Error('not yet');
  }
  admin(): Promise<DriverAdmin> {
    throw new Error('not yet');
  }
}
