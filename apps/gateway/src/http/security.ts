import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * Helmet's headers everywhere, with two content security policies: the API's answers are JSON and may
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
  return (req: Request, res: Response, next: NextFunction) =>
    (req.path.startsWith(docsPrefix) ? docs : api)(req, res, next);
}
