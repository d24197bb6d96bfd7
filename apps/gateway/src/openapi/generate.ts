import type { OpenAPIObject } from '@nestjs/swagger';
import { JsonLogger } from '@prosmed/messaging';
import { loadGatewayConfig } from '../config';
import { createGatewayApp } from '../gateway';
import { buildOpenApiDocument } from './openapi';

/**
 * The OpenAPI document as committed in docs/openapi.json: built in-process from the controllers, with the
 * default configuration (so it does not depend on the environment it is generated in). Connects nothing.
 */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const cfg = loadGatewayConfig({});
  const app = await createGatewayApp(cfg, new JsonLogger({ service: 'gateway', level: 'silent' }));
  try {
    return buildOpenApiDocument(app, cfg);
  } finally {
    await app.close();
  }
}

export const serialiseOpenApi = (doc: OpenAPIObject): string => `${JSON.stringify(doc, null, 2)}\n`;
