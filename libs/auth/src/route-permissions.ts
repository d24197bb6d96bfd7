import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { PERMISSION_KEY, PUBLIC_KEY } from './metadata-keys';
import { isPermission } from './permissions';

export interface RouteDeclaration {
  method: string;
  path: string;
  controller: string;
  handler: string;
  permission?: string;
  isPublic: boolean;
}

const joinPath = (...parts: (string | undefined)[]): string =>
  '/' +
  parts
    .flatMap((p) => (p ?? '').split('/'))
    .filter(Boolean)
    .join('/');

function firstPath(v: unknown): string {
  return Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '';
}

/** Every route handler of some controllers, with the auth metadata it declares (class or method). */
export function routeDeclarations(controllers: readonly Type[], globalPrefix = ''): RouteDeclaration[] {
  const routes: RouteDeclaration[] = [];
  for (const ctrl of controllers) {
    const base = firstPath(Reflect.getMetadata(PATH_METADATA, ctrl));
    const proto = ctrl.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor') continue;
      const handler = Object.getOwnPropertyDescriptor(proto, name)?.value as object | undefined;
      if (typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const sub = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
      if (method === undefined || sub === undefined) continue;
      const permission = (Reflect.getMetadata(PERMISSION_KEY, handler) ??
        Reflect.getMetadata(PERMISSION_KEY, ctrl)) as string | undefined;
      const isPublic = Boolean(
        Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, ctrl),
      );
      routes.push({
        method: RequestMethod[method],
        path: joinPath(globalPrefix, base, firstPath(sub)),
        controller: ctrl.name,
        handler: name,
        permission,
        isPublic,
      });
    }
  }
  return routes;
}

/**
 * What is wrong with the routes' auth declarations, one line each; empty when every route is covered.
 * Rules: every route declares a known permission or is `@Public()`; nothing under `protectedPrefix` is
 * public; public routes are limited to `publicAllowed` (health, readiness, docs, metrics).
 */
export function routePermissionProblems(
  routes: readonly RouteDeclaration[],
  opts: { protectedPrefix: string; publicAllowed: readonly string[] },
): string[] {
  const problems: string[] = [];
  for (const r of routes) {
    const where = `${r.method} ${r.path} (${r.controller}.${r.handler})`;
    const underProtected = r.path === opts.protectedPrefix || r.path.startsWith(`${opts.protectedPrefix}/`);
    if (r.isPublic && r.permission) problems.push(`${where} is both @Public() and @Permission()`);
    else if (r.isPublic && underProtected)
      problems.push(`${where} is @Public() under ${opts.protectedPrefix}`);
    else if (r.isPublic && !opts.publicAllowed.includes(r.path))
      problems.push(`${where} is @Public() but only ${opts.publicAllowed.join(', ')} may be`);
    else if (!r.isPublic && !r.permission) problems.push(`${where} declares no @Permission()`);
    else if (r.permission && !isPermission(r.permission))
      problems.push(`${where} declares unknown permission "${r.permission}"`);
  }
  return problems;
}

export class RoutePermissionError extends Error {
  override readonly name = 'RoutePermissionError';
  constructor(readonly problems: string[]) {
    super(`Routes without a declared permission:\n  ${problems.join('\n  ')}`);
  }
}

/** The start-up check: throws (the boot fails) when any route breaks the rules above. */
export function assertRoutesDeclarePermissions(
  controllers: readonly Type[],
  opts: { protectedPrefix: string; publicAllowed: readonly string[]; globalPrefix?: string },
): RouteDeclaration[] {
  const routes = routeDeclarations(controllers, opts.globalPrefix);
  const problems = routePermissionProblems(routes, opts);
  if (problems.length > 0) throw new RoutePermissionError(problems);
  return routes;
}
