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
  Requests.land.caseFile,
  Requests.land.caseList,
  Requests.land.caseGet,
  Requests.land.caseStep,
  Requests.land.casePv,
  Requests.land.caseHomologationRequest,
  Requests.land.caseHomologationDecide,
  Requests.land.caseRefer,
  Requests.land.caseClose,
  Requests.land.homologationQueue,
  Requests.land.pvPdf,
  Requests.land.pvCheck,
  Requests.land.placeSearch,
  Requests.land.placeGet,
  Requests.land.placeImport,
] as const;

export type GatewayTopic = (typeof GATEWAY_TOPICS)[number];
