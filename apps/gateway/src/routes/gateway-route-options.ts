import type { Gateway } from '@modelgate/core';

/** What every route plugin receives: the gateway it is a thin layer over. */
export interface GatewayRouteOptions extends Record<string, unknown> {
  gateway: Gateway;
}
