import { requestTopicOf } from '@prosmed/contracts';
import { testKafka } from '@prosmed/testing';
import { AssignerProtocol } from 'kafkajs';

/** The consumer group of the land service (apps/land-conciliation/src/service.ts). */
export const LAND_GROUP = 'land-conciliation';

/**
 * Consumers of the land service's request topics other than the one the test started (`ownMembers` in
 * the land group): a land service started elsewhere (`npm start`, another test file running at the same
 * time on a shared machine) takes some of the requests, or answers those of a "stopped" one.
 */
export async function otherLandConsumers(ownMembers = 0): Promise<string[]> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    // TopicRecorder groups of the tests (`prosmed-test-*`) read the topics but never answer.
    const ids = groups
      .filter((g) => g.protocolType === 'consumer' && !g.groupId.startsWith('prosmed-test-'))
      .map((g) => g.groupId);
    if (ids.length === 0) return [];
    const described = await admin.describeGroups(ids);
    const landTopics = new Set<string>([requestTopicOf('land')]);
    return described.groups
      .filter(
        (g) => g.state === 'Stable' || g.state === 'PreparingRebalance' || g.state === 'CompletingRebalance',
      )
      .filter((g) => g.groupId !== LAND_GROUP || g.members.length > ownMembers)
      .filter((g) =>
        g.members.some((m) => {
          try {
            const meta = AssignerProtocol.MemberMetadata.decode(m.memberMetadata);
            return meta?.topics.some((t) => landTopics.has(t)) ?? false;
          } catch {
            return false;
          }
        }),
      )
      .map((g) => `${g.groupId} (${g.members.length} member${g.members.length > 1 ? 's' : ''})`);
  } finally {
    await admin.disconnect();
  }
}
