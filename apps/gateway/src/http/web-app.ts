import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Paths the web app never answers: the API, Swagger, operations. They keep the gateway's JSON answers. */
export const WEB_RESERVED_PREFIXES = ['/api', '/metrics', '/health'] as const;

export interface WebAppOptions {
  /** The built app (`apps/web/dist`); absent: nothing is served and `/` stays the JSON 404. */
  distDir: string;
  /** What the app needs to sign in, served as `/app-config.json` (never hard-coded in the bundle). */
  appConfig: { issuer: string; clientId: string };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Vite names what it builds under `assets/` with a content hash: they never change, cache them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The shell, the service worker and the config must be checked at each load, or an old app would stay. */
const NO_CACHE = 'no-cache';

function fileSize(file: string): { size: number; mtime: Date } | undefined {
  try {
    const st = statSync(file);
    return st.isFile() ? { size: st.size, mtime: st.mtime } : undefined;
  } catch {
    return undefined;
  }
}

function reserved(p: string): boolean {
  return WEB_RESERVED_PREFIXES.some((r) => p === r || p.startsWith(`${r}/`));
}

/**
 * The file of `dist` a URL path names, or undefined when it names none or tries to leave `dist`: the path
 * is decoded once, any `..` segment (also `%2e%2e`, `..%2f`, backslashes) or NUL is refused outright, and
 * the resolved file must still be inside `dist`.
 */
export function resolveWebFile(distDir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.split(/[\\/]+/).some((s) => s === '..')) return undefined;
  const root = path.resolve(distDir);
  const clean = path.posix.normalize(`/${decoded}`);
  const file = path.resolve(root, `.${clean.endsWith('/') ? `${clean}index.html` : clean}`);
  if (!file.startsWith(`${root}${path.sep}`)) return undefined;
  return file;
}

function send(req: Request, res: Response, file: string, stat: { size: number; mtime: Date }, cache: string) {
  res.status(200);
  res.setHeader('Content-Type', TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
  res.setHeader('Content-Length', String(stat.size));
  res.setHeader('Cache-Control', cache);
  res.setHeader('Last-Modified', stat.mtime.toUTCString());
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/**
 * The web app on the gateway's origin (GET and HEAD only): the files of `dist`, `/app-config.json`, and
 * `index.html` for any other page a browser asks for (the SPA's own routes), never for the API's paths,
 * nor for requests that do not accept HTML, nor for paths with an extension (a missing asset is a 404).
 * Everything it does not answer goes on to Nest, whose answer for an unknown path is the JSON 404.
 */
export function webAppMiddleware(opts: WebAppOptions): RequestHandler {
  const root = path.resolve(opts.distDir);
  const config = JSON.stringify(opts.appConfig);
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || reserved(req.path)) return next();
    if (req.path === '/app-config.json') {
      res.setHeader('Cache-Control', NO_CACHE);
      res.type('application/json').send(config);
      return;
    }
    const file = resolveWebFile(root, req.path);
    if (!file) return next();
    const stat = fileSize(file);
    if (stat) {
      const rel = path.relative(root, file).split(path.sep).join('/');
      return send(req, res, file, stat, rel.startsWith('assets/') ? IMMUTABLE : NO_CACHE);
    }
    const index = path.join(root, 'index.html');
    const indexStat = fileSize(index);
    // A browser's navigation names text/html; a script's fetch (*/*) of a missing path gets the JSON 404.
    const isPage = path.posix.extname(req.path) === '' && /\btext\/html\b/.test(req.get('accept') ?? '');
    if (indexStat && isPage) return send(req, res, index, indexStat, NO_CACHE);
    next();
  };
}

/** True when the built app is there (the gateway starts without it, and says so in its log). */
export function webAppBuilt(distDir: string): boolean {
  return fileSize(path.join(path.resolve(distDir), 'index.html')) !== undefined;
}
