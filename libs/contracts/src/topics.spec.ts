import { allTopics, Events, REPLY_PARTITIONS, Requests, replyTopicOf } from './topics';

describe('topic contracts', () => {
  const topics = allTopics();

  it('names every topic once, versioned', () => {
    const names = topics.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z]+(\.[a-z-]+)+\.v\d+(\.reply)?$/);
  });

  it('gives every request topic a reply topic with enough partitions for the gateway replicas', () => {
    const byName = new Map(topics.map((t) => [t.name, t]));
    expect(byName.get(replyTopicOf(Requests.land.caseFile))?.partitions).toBe(REPLY_PARTITIONS);
    expect(byName.get(Events.land.caseFiled)).toBeDefined();
    expect(topics.filter((t) => t.name.endsWith('.reply')).every((t) => t.partitions >= 1)).toBe(true);
  });
});
