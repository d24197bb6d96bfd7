import { readFileSync } from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIObject } from '@nestjs/swagger';
import { isPermission, PERMISSION_EXTENSION } from '@prosmed/auth';
import { generateOpenApiDocument, serialiseOpenApi } from './generate';

const committedPath = path.resolve(__dirname, '../../../../docs/openapi.json');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

type Op = Record<string, unknown> & {
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
};

describe('the OpenAPI document', () => {
  let doc: OpenAPIObject;

  beforeAll(async () => {
    doc = await generateOpenApiDocument();
  });

  it('is committed up to date in docs/openapi.json (run `npm run openapi:write`)', () => {
    expect(readFileSync(committedPath, 'utf8')).toBe(serialiseOpenApi(doc));
  });

  it('types every property: no bare object where a nullable field lost its type (the web app is typed from it)', () => {
    const untyped: string[] = [];
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      const props = (schema as { properties?: Record<string, Record<string, unknown>> }).properties ?? {};
      for (const [prop, p] of Object.entries(props)) {
        const bare = p.type === 'object' && !p.properties && !p.allOf && p.additionalProperties === undefined;
        // An array whose example holds objects but whose items are a bare type lost its item class.
        const items = p.items as { type?: string } | undefined;
        const lostItems =
          p.type === 'array' &&
          items?.type !== undefined &&
          items.type !== 'object' &&
          Array.isArray(p.example) &&
          p.example.some((e) => typeof e === 'object' && e !== null);
        if (bare || lostItems || (p.type === undefined && !p.$ref && !p.allOf && !p.oneOf && !p.enum)) {
          untyped.push(`${name}.${prop}`);
        }
      }
    }
    expect(untyped).toEqual([]);
  });

  it('is a valid OpenAPI 3 document', async () => {
    await expect(SwaggerParser.validate(JSON.parse(serialiseOpenApi(doc)))).resolves.toBeDefined();
  });

  it('declares, for every /api/v1 route, its permission, security, schemas and the one error body', () => {
    const v1 = Object.entries(doc.paths).filter(([p]) => p.startsWith('/api/v1/'));
    expect(v1.length).toBeGreaterThan(0);
    for (const [p, item] of v1) {
      for (const m of METHODS) {
        const op = (item as Record<string, Op | undefined>)[m];
        if (!op) continue;
        const where = `${m.toUpperCase()} ${p}`;
        const ext = op[PERMISSION_EXTENSION] as { permission: string; roles: string[] } | undefined;
        expect({ where, permission: ext && isPermission(ext.permission) }).toEqual({
          where,
          permission: true,
        });
        expect(op.description).toContain(`**Permission :** \`${ext!.permission}\``);
        expect(op.security).toEqual(expect.arrayContaining([{ bearer: [] }, { keycloak: [] }]));
        const success = Object.keys(op.responses).filter((s) => s.startsWith('2'));
        expect({ where, success: success.length }).toEqual({ where, success: 1 });
        // JSON everywhere but the printable PV (application/pdf): every success names its schema.
        const content = op.responses[success[0]].content ?? {};
        expect({ where, schemas: Object.values(content).every((c) => c?.schema !== undefined) }).toEqual({
          where,
          schemas: true,
        });
        expect(Object.keys(content).length).toBeGreaterThan(0);
        for (const status of ['401', '403', '429', '500']) {
          expect({
            where,
            status,
            ref: op.responses[status]?.content?.['application/json']?.schema?.$ref,
          }).toEqual({
            where,
            status,
            ref: '#/components/schemas/ErrorBodyDto',
          });
        }
        if (m === 'post' || m === 'patch') expect(op.requestBody).toBeDefined();
      }
    }
  });

  it('keeps health, readiness and metrics public and offers the PKCE login', () => {
    for (const p of ['/api/health', '/api/ready', '/metrics']) {
      expect(doc.paths[p]?.get).toBeDefined();
      expect(doc.paths[p].get?.security).toBeUndefined();
    }
    const oauth = doc.components?.securitySchemes?.keycloak as {
      flows: { authorizationCode: { authorizationUrl: string; tokenUrl: string } };
    };
    expect(oauth.flows.authorizationCode.authorizationUrl).toBe(
      'http://127.0.0.1:8080/realms/prosmed/protocol/openid-connect/auth',
    );
    expect(oauth.flows.authorizationCode.tokenUrl).toBe(
      'http://127.0.0.1:8080/realms/prosmed/protocol/openid-connect/token',
    );
  });
});
