import { randomBytes } from 'node:crypto';
import { REPLY_TOPIC_PREFIX } from '@prosmed/contracts';
import type { DriverAdmin, GroupDescription } from './driver';

/**
 * A reply topic whose owner has had no member in its group for this long, counted from the topic's
 * creation, is an orphan (the owner crashed, or was killed, before deleting it). The bound only has to
 * exceed the time from a topic's creation to its owner joining its group (under 30 s, see
 * `RequestReplyClient.start`), so a starting peer is never taken for dead.
 */
export const ORPHAN_GRACE_MS = 120_000;

/**
 * A unique name for this start of an instance: `<label>.<start ms, base 36>.<random>`. The start time in
 * the name is what lets a later start tell an orphan from a peer that is still joining.
 */
export function replyInstanceId(label: string, now = Date.now()): string {
  const safe =
    label
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'instance';
  return `${safe}.${now.toString(36)}.${randomBytes(3).toString('hex')}`;
}

/** Start time (epoch ms) encoded in a reply topic's name, or `undefined` for a name we did not make. */
export function replyTopicStartedAt(topic: string): number | undefined {
  if (!topic.startsWith(REPLY_TOPIC_PREFIX)) return undefined;
  const parts = topic.slice(REPLY_TOPIC_PREFIX.length).split('.');
  if (parts.length < 3) return undefined;
  const t = parseInt(parts[parts.length - 2], 36);
  return Number.isFinite(t) && t > 0 ? t : undefined;
}

/** Groups with nobody in them: the owner left (clean stop, or after its session timed out) or never came. */
const NO_MEMBER_STATES = new Set(['Empty', 'Dead']);

/**
 * Pure: which reply topics are orphans. A topic is kept when its name is not ours to judge, when it is
 * younger than the grace, or when its group (named like the topic) has a member.
 */
export function orphanReplyTopics(
  topics: readonly string[],
  groups: readonly GroupDescription[],
  now: number,
  own: string,
  graceMs = ORPHAN_GRACE_MS,
): string[] {
  const byId = new Map(groups.map((g) => [g.groupId, g]));
  return topics.filter((t) => {
    if (t === own) return false;
    const started = replyTopicStartedAt(t);
    if (started === undefined || now - started < graceMs) return false;
    const g = byId.get(t);
    return !g || (g.members === 0 && NO_MEMBER_STATES.has(g.state));
  });
}

/** Deletes the reply topics (and their groups) of instances that are gone. Returns what it deleted. */
export async function removeOrphanReplyTopics(
  admin: DriverAdmin,
  own: string,
  now = Date.now(),
): Promise<string[]> {
  const candidates = (await admin.listTopics()).filter((t) => t.startsWith(REPLY_TOPIC_PREFIX) && t !== own);
  if (candidates.length === 0) return [];
  const orphans = orphanReplyTopics(candidates, await admin.describeGroups(candidates), now, own);
  if (orphans.length === 0) return [];
  await admin.deleteTopics(orphans);
  await admin.deleteGroups(orphans);
  return orphans;
}
