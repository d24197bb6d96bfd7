import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { WEB_RESERVED_PREFIXES } from './web-app';

/**
 * Helmet's headers everywhere, with three content security policies: the API's answers are JSON and may
 * load nothing (`default-src 'none'`); Swagger UI (under /api/docs) loads its own scripts and styles, uses
 * inline styles and data: images, and calls Keycloak's token endpoint for the PKCE code exchange. The
 * docs also drop Cross-Origin-Opener-Policy: the OAuth2 login runs in a popup that goes to Keycloak and
 * back, and the popup must keep `window.opener` to hand the code to Swagger UI.
 */
export function securityHeaders(keycloakUrl: string, docsPrefix: string): RequestHandler {
  const keycloak = new URL(keycloakUrl).origin;
  const api = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
      },
    },
  });
  const docs = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", keycloak],
        formAction: ["'self'", keycloak],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    crossOriginOpenerPolicy: false,
  });
  // The web app (everything outside the API's paths): its own scripts and styles only, no inline code,
  // and calls to the API (same origin) and to Keycloak's token endpoint (code exchange, refresh).
  const web = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", keycloak],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
  });
  const isApi = (p: string) => WEB_RESERVED_PREFIXES.some((r) => p === r || p.startsWith(`${r}/`));
  return (req: Request, res: Response, next: NextFunction) =>
    (req.path.startsWith(docsPrefix) ? docs : isApi(req.path) ? api : web)(req, res, next);
}
