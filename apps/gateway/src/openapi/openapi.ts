import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import {
  BEARER_SCHEME,
  OAUTH2_SCHEME,
  PERMISSION_EXTENSION,
  PERMISSIONS,
  type PermissionExtension,
  type PermissionName,
  ROLE_PERMISSIONS,
  ROLES,
} from '@prosmed/auth';
import type { GatewayConfig } from '../config';
import { DOCS_JSON_PATH, DOCS_PATH } from '../http/paths';

type Operation = {
  description?: string;
  responses?: Record<string, { headers?: Record<string, unknown> }>;
  [PERMISSION_EXTENSION]?: PermissionExtension;
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function permissionTable(): string {
  const perms = Object.keys(PERMISSIONS) as PermissionName[];
  const header = `| permission | ${ROLES.join(' | ')} |\n|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = perms.map(
    (p) => `| \`${p}\` | ${ROLES.map((r) => (ROLE_PERMISSIONS[r].includes(p) ? '✔' : '')).join(' | ')} |`,
  );
  return [header, ...rows].join('\n');
}

const DESCRIPTION = `The PROSMED platform's only public door. Every business route is under \`/api/v1\`.

**Sign in**: *Authorize* → \`keycloak\` (OAuth2 authorization code with PKCE, public client \`prosmed-web\`), or
paste an access token under \`bearer\`. Tokens are Keycloak access tokens of the \`prosmed\` realm for the
\`prosmed-api\` audience. Each route needs one permission (\`x-permission\`, also in its description); roles grant
permissions as in the table below. Services also check scope: a CoFo secretary only sees her CoFo.

**Errors**: one body for every error, \`{ statusCode, code, message, details?, requestId }\`. Branch on \`code\`
(stable); \`message\` is in French, or English when \`Accept-Language\` prefers \`en\`. A 500 says nothing but the
\`requestId\`: give it to support.

**Correlation**: send \`X-Request-Id\` (8-128 characters: letters, digits, \`. _ : -\`) or get one; it comes back in
the response header and in every log line of the gateway and the services.

**Retries**: POSTs honour an optional \`Idempotency-Key\` header: the same key with the same body within 24 h returns
the first answer (\`Idempotent-Replayed: true\`) and creates nothing; with another body it is 422.

**Limits**: JSON bodies only (415 otherwise), at most 256 kB by default (413); requests per caller (token subject,
else IP) are limited per minute and instance (429 with \`Retry-After\`). Updates carry the \`version\` you read
(optimistic lock, 409 \`VERSION_CONFLICT\` when stale). Lists are paginated with \`cursor\` / \`nextCursor\`.

### Roles and permissions
${permissionTable()}
`;

export function openApiConfig(cfg: GatewayConfig): Omit<OpenAPIObject, 'paths'> {
  const oidc = `${cfg.keycloak.issuer}/protocol/openid-connect`;
  return new DocumentBuilder()
    .setTitle('PROSMED API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A Keycloak access token' },
      BEARER_SCHEME,
    )
    .addOAuth2(
      {
        type: 'oauth2',
        description: `Keycloak realm \`${cfg.keycloak.realm}\`, public client \`${cfg.keycloak.publicClientId}\` with PKCE`,
        flows: {
          authorizationCode: {
            authorizationUrl: `${oidc}/auth`,
            tokenUrl: `${oidc}/token`,
            scopes: { openid: 'OpenID Connect', profile: 'Your name', email: 'Your e-mail' },
          },
        },
      },
      OAUTH2_SCHEME,
    )
    .addTag('Me', 'Who am I')
    .addTag('CoFo', 'Land commissions (Commissions foncières) registry')
    .addTag('Tribunals', 'Tribunals that homologate PVs and receive referred cases')
    .addTag('Operations', 'Health, readiness and metrics (public)')
    .build();
}

/** Permission and roles in each description, `X-Request-Id` on every answer, `Retry-After` where sent. */
function postProcess(doc: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(doc.paths)) {
    for (const m of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[m];
      if (!op) continue;
      const perm = op[PERMISSION_EXTENSION];
      if (perm) {
        const roles = perm.roles.map((r) => `\`${r}\``).join(', ');
        op.description = `${op.description ? `${op.description}\n\n` : ''}**Permission:** \`${perm.permission}\` (${perm.description}). **Roles:** ${roles}.`;
      }
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        response.headers = {
          'X-Request-Id': { description: 'Correlation id of the request', schema: { type: 'string' } },
          ...(status === '429' || status === '503'
            ? {
                'Retry-After': {
                  description: 'Seconds to wait before retrying',
                  schema: { type: 'integer' },
                },
              }
            : {}),
          ...(status === '201'
            ? { Location: { description: 'Path of the created record', schema: { type: 'string' } } }
            : {}),
          ...response.headers,
        };
      }
    }
  }
  return doc;
}

export function buildOpenApiDocument(app: INestApplication, cfg: GatewayConfig): OpenAPIObject {
  const doc = SwaggerModule.createDocument(app, openApiConfig(cfg), {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
  return postProcess(doc);
}

/** Swagger UI at /api/docs (login with the public PKCE client), the document at /api/docs-json. */
export function setupSwagger(app: NestExpressApplication, cfg: GatewayConfig, doc: OpenAPIObject): void {
  // Swagger UI derives its OAuth2 redirect from the page's directory: from `/api/docs` it would send
  // Keycloak's answer to `/api/oauth2-redirect.html`. Serve the UI from `/api/docs/` so the redirect is
  // `/api/docs/oauth2-redirect.html`, which exists.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path !== `/${DOCS_PATH}`) return next();
    const query = req.originalUrl.slice(req.path.length);
    res.redirect(301, `/${DOCS_PATH}/${query}`);
  });
  SwaggerModule.setup(DOCS_PATH, app, doc, {
    jsonDocumentUrl: DOCS_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'PROSMED API',
    swaggerOptions: {
      persistAuthorization: true,
      displayRequestDuration: true,
      tryItOutEnabled: true,
      validatorUrl: null,
      initOAuth: {
        clientId: cfg.keycloak.publicClientId,
        usePkceWithAuthorizationCodeGrant: true,
        scopes: ['openid'],
      },
    },
  });
}
