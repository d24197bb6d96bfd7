/** Injection tokens of the gateway's own providers built from its configuration. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
export const GATEWAY_LOGGER = Symbol('GATEWAY_LOGGER');
export const GATEWAY_DATA_SOURCE = Symbol('GATEWAY_DATA_SOURCE');
