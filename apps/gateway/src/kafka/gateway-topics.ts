import { Requests } from '@prosmed/contracts';

/**
 * Every request topic the gateway calls. The reply consumer subscribes to the reply topic of each one
 * before it joins its group, so a topic missing here cannot be called (the send is refused at once).
 */
export const GATEWAY_TOPICS = [
  Requests.land.cofoCreate,
  Requests.land.cofoUpdate,
  Requests.land.cofoList,
  Requests.land.cofoGet,
  Requests.land.tribunalCreate,
  Requests.land.tribunalUpdate,
  Requests.land.tribunalList,
  Requests.land.tribunalGet,
] as const;

export type GatewayTopic = (typeof GATEWAY_TOPICS)[number];
