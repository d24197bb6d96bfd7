import { CATALOGUE } from './messages';
import {
  allTopics,
  Events,
  PERSONAL_DATA_TOPIC_CONFIG,
  REQUEST_REPLY_TOPIC_CONFIG,
  REPLY_TOPIC_PREFIX,
  replyTopicFor,
  REQUEST_TOPICS,
  requestTopicOf,
  serviceOfMessage,
} from './topics';

describe('topic contracts', () => {
  const topics = allTopics();

  it('names every topic once, versioned', () => {
    const names = topics.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z]+(\.[a-z-]+)+\.v\d+$/);
  });

  it('has one request topic per service, and no topic per route', () => {
    const requestTopics = topics.filter((t) => t.name.endsWith('.requests.v1')).map((t) => t.name);
    expect(requestTopics.sort()).toEqual(Object.values(REQUEST_TOPICS).sort());
    expect(requestTopicOf('land')).toBe('land.requests.v1');
    expect(() => requestTopicOf('lands')).toThrow(/no request topic/);
    const names = new Set(topics.map((t) => t.name));
    for (const { id } of CATALOGUE) {
      expect(names.has(id)).toBe(false);
      expect(names.has(requestTopicOf(serviceOfMessage(id)))).toBe(true);
    }
    expect(topics.length).toBe(
      Object.keys(REQUEST_TOPICS).length + Object.values(Events).flatMap(Object.values).length,
    );
  });

  it('keeps personal data an hour at most on request topics; events, free of it, for good', () => {
    const retention = Number(PERSONAL_DATA_TOPIC_CONFIG['retention.ms']);
    const segment = Number(PERSONAL_DATA_TOPIC_CONFIG['segment.ms']);
    // Kafka deletes whole segments, checked every 5 minutes by default.
    expect(retention + segment + 5 * 60_000).toBeLessThanOrEqual(3600_000);
    for (const t of topics) {
      if (t.name.endsWith('.requests.v1')) expect(t.config).toEqual(REQUEST_REPLY_TOPIC_CONFIG);
      else expect(t.config).toEqual({ 'retention.ms': '-1' });
    }
  });

  it('routes a message id to its service', () => {
    expect(serviceOfMessage('land.case.file.v1')).toBe('land');
    expect(serviceOfMessage('reporting.quarterly.get.v1')).toBe('reporting');
    for (const m of CATALOGUE) expect(serviceOfMessage(m.id)).toBe(m.service);
    expect(() => serviceOfMessage('nowhere.x.v1')).toThrow(/no known service/);
  });

  it('names reply topics under one prefix, with safe instance ids only', () => {
    expect(replyTopicFor('gw-host-1.abc')).toBe(`${REPLY_TOPIC_PREFIX}gw-host-1.abc`);
    expect(() => replyTopicFor('a/b')).toThrow(/bad reply instance id/);
    expect(() => replyTopicFor('')).toThrow(/bad reply instance id/);
  });
});
