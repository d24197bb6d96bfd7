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

const DESCRIPTION = `La seule porte publique de la plateforme PROSMED. Toutes les routes métier sont sous \`/api/v1\`.

**Connexion** : *Authorize* → \`keycloak\` (OAuth2, code d'autorisation avec PKCE, client public \`prosmed-web\`), ou
coller un jeton d'accès sous \`bearer\`. Les jetons sont des jetons d'accès Keycloak du royaume \`prosmed\` pour
l'audience \`prosmed-api\`. Chaque route demande une permission (\`x-permission\`, rappelée dans sa description) ; les
rôles donnent les permissions du tableau ci-dessous. Les services vérifient aussi le périmètre : une secrétaire de
CoFo ne voit que sa CoFo.

**Exemples** : chaque opération propose un exemple valide tel quel (« Try it out »). Les identifiants d'exemple
(dossier, PV) n'existent pas : la réponse est alors 404, pas une erreur de validation.

**Erreurs** : un seul corps pour toutes les erreurs, \`{ statusCode, code, message, details?, requestId }\`. Se fier
à \`code\` (stable) ; \`message\` est en français, ou en anglais quand \`Accept-Language\` préfère \`en\`. Une 500 ne
dit que le \`requestId\` : le donner au support.

**Corrélation** : envoyer \`X-Request-Id\` (8 à 128 caractères : lettres, chiffres, \`. _ : -\`) ou en recevoir un ;
il revient dans l'en-tête de la réponse et dans chaque ligne de journal de la passerelle et des services.

**Nouvelles tentatives** : les écritures acceptent un en-tête \`Idempotency-Key\` facultatif : la même clé avec le
même corps rend la première réponse (\`Idempotent-Replayed: true\`) et n'écrit rien, même après une 503 ou une 504
(le service garde la clé avec le résultat) ; avec un autre corps, c'est 422. Après une 503 ou une 504, réessayer
avec la même clé.

**Fichiers** : une route de dépôt de fichier prend le fichier brut comme corps (\`--data-binary @photo.jpg\`, tout
\`Content-Type\`), son nom dans \`?fileName=\`, 5 Mio au plus (413) ; le service reconnaît le type au contenu et retire
des photos leurs métadonnées (position GPS). Un fichier se télécharge toujours en pièce jointe, jamais par une adresse
publique.

**Limites** : corps JSON seulement hors dépôt de fichier (415 sinon), 256 ko au plus par défaut (413), 32 niveaux d'imbrication au plus ;
les requêtes par appelant (sujet du jeton, sinon IP) sont limitées par minute et par instance (429 avec
\`Retry-After\`). Les modifications portent la \`version\` lue (verrou optimiste, 409 \`VERSION_CONFLICT\` si elle
est périmée). Les listes sont paginées par \`cursor\` / \`nextCursor\`.

### Rôles et permissions
${permissionTable()}
`;

export function openApiConfig(cfg: GatewayConfig): Omit<OpenAPIObject, 'paths'> {
  const oidc = `${cfg.keycloak.issuer}/protocol/openid-connect`;
  return new DocumentBuilder()
    .setTitle('PROSMED API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Un jeton d’accès Keycloak' },
      BEARER_SCHEME,
    )
    .addOAuth2(
      {
        type: 'oauth2',
        description: `Royaume Keycloak \`${cfg.keycloak.realm}\`, client public \`${cfg.keycloak.publicClientId}\` avec PKCE`,
        flows: {
          authorizationCode: {
            authorizationUrl: `${oidc}/auth`,
            tokenUrl: `${oidc}/token`,
            scopes: { openid: 'OpenID Connect', profile: 'Votre nom', email: 'Votre adresse e-mail' },
          },
        },
      },
      OAUTH2_SCHEME,
    )
    .addTag('Me', 'Qui suis-je')
    .addTag('CoFo', 'Registre des commissions foncières')
    .addTag('Tribunaux', 'Tribunaux qui homologuent les PV et reçoivent les renvois')
    .addTag('Dossiers', 'Litiges fonciers : saisine, instruction, PV, homologation, renvoi, clôture')
    .addTag('Lieux', 'Découpage administratif du Mali (cartes avant et après septembre 2024)')
    .addTag('Public', 'Vérification d’un PV imprimé, sans connexion')
    .addTag('Operations', 'Santé, disponibilité et métriques (public)')
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
        op.description = `${op.description ? `${op.description}\n\n` : ''}**Permission :** \`${perm.permission}\` (${perm.description}). **Rôles :** ${roles}.`;
      }
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        response.headers = {
          'X-Request-Id': {
            description: 'Identifiant de corrélation de la requête',
            schema: { type: 'string' },
          },
          ...(status === '429' || status === '503'
            ? {
                'Retry-After': {
                  description: 'Secondes à attendre avant de réessayer',
                  schema: { type: 'integer' },
                },
              }
            : {}),
          ...(status === '201'
            ? { Location: { description: 'Chemin de l’enregistrement créé', schema: { type: 'string' } } }
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
    // Catalogue routes name their operation by message id (`land.case.file.v1`); the others by class.
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
