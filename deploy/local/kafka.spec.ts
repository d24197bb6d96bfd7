import { allTopics } from '@prosmed/contracts';
import { planTopics, type ExistingTopic } from '@prosmed/messaging';
import { kafkaPom, log4j2Properties, serverProperties } from './kafka';

function parseProps(text: string): Map<string, string> {
  return new Map(
    text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

describe('Kafka server.properties', () => {
  const props = parseProps(
    serverProperties({ nodeId: 1, host: '127.0.0.1', port: 19092, controllerPort: 19093, dataDir: '/tmp/k' }),
  );

  it('runs one combined broker+controller node in KRaft mode on the given ports', () => {
    expect(props.get('process.roles')).toBe('broker,controller');
    expect(props.get('node.id')).toBe('1');
    expect(props.get('listeners')).toBe('PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093');
    expect(props.get('controller.listener.names')).toBe('CONTROLLER');
    expect(props.get('controller.quorum.bootstrap.servers')).toBe('127.0.0.1:19093');
    expect(props.get('log.dirs')).toBe('/tmp/k');
    // Dynamic quorum: static voters would contradict `format --standalone`.
    expect(props.has('controller.quorum.voters')).toBe(false);
  });

  it('has the single-node settings and no topic auto-creation', () => {
    expect(Object.fromEntries(props)).toMatchObject({
      'auto.create.topics.enable': 'false',
      'group.initial.rebalance.delay.ms': '0',
      'group.min.session.timeout.ms': '1000',
      'offsets.topic.num.partitions': '3',
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'num.partitions': '3',
    });
  });

  it('has no duplicate keys', () => {
    const keys = serverProperties({ nodeId: 1, host: 'h', port: 1, controllerPort: 2, dataDir: 'd' })
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('=')[0]);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('Kafka pom and logging', () => {
  it('depends on kafka_2.13 and the log4j2 binding for slf4j 1.x', () => {
    const pom = kafkaPom('4.1.1', '2.24.3');
    expect(pom).toContain('<artifactId>kafka_2.13</artifactId><version>4.1.1</version>');
    expect(pom).toContain('<artifactId>log4j-slf4j-impl</artifactId><version>2.24.3</version>');
    expect(pom).toContain('<artifactId>log4j-core</artifactId>');
    expect(pom).toContain('<packaging>pom</packaging>');
  });

  it('writes a properties log4j2 configuration at the asked level', () => {
    expect(log4j2Properties('WARN')).toMatch(/^rootLogger\.level = WARN$/m);
    expect(log4j2Properties('INFO')).toMatch(/^appender\.console\.type = Console$/m);
  });
});

describe('topic plan', () => {
  const wanted = [
    { name: 'a.v1', partitions: 3, description: '' },
    { name: 'b.v1', partitions: 6, description: '' },
    { name: 'c.v1', partitions: 3, description: '' },
  ];

  it('creates the missing topics and grows the ones with fewer partitions, never shrinks', () => {
    const plan = planTopics(
      wanted,
      new Map([
        ['b.v1', 3],
        ['c.v1', 12],
      ]),
    );
    expect(plan.create.map((t) => t.name)).toEqual(['a.v1']);
    expect(plan.grow).toEqual([{ name: 'b.v1', from: 3, to: 6 }]);
  });

  it('sets the configuration keys the contract names where an existing topic differs, and only those', () => {
    const retention = { 'retention.ms': '2700000', 'segment.ms': '600000' };
    const plan = planTopics(
      [
        { name: 'r.v1', partitions: 3, description: '', config: retention },
        { name: 's.v1', partitions: 3, description: '', config: retention },
        { name: 'e.v1', partitions: 3, description: '' },
        { name: 'u.v1', partitions: 3, description: '', config: retention },
      ],
      new Map<string, ExistingTopic>([
        ['r.v1', { partitions: 3, config: { 'retention.ms': '604800000', 'segment.ms': '600000' } }],
        ['s.v1', { partitions: 3, config: { ...retention } }],
        ['e.v1', { partitions: 3, config: { 'retention.ms': '604800000' } }],
        // Config unknown (not asked for): left alone rather than guessed.
        ['u.v1', 3],
      ]),
    );
    expect(plan.alter).toEqual([{ name: 'r.v1', config: { 'retention.ms': '2700000' } }]);
    expect(plan.create).toEqual([]);
  });

  it('does nothing when the broker already has every topic', () => {
    const all = allTopics();
    expect(
      planTopics(all, new Map(all.map((t) => [t.name, { partitions: t.partitions, config: t.config }]))),
    ).toEqual({ create: [], grow: [], alter: [] });
  });
});
