/**
 * A tiny router for the `api` HTTPS function: `METHOD /path/:param` patterns, matched against the
 * request path with an optional leading `/api` removed (Hosting rewrites `/api/**` with the path
 * kept; the Functions URL passes the path after the function's name). Unknown path → 404, known
 * path with another method → 405; every error leaves as JSON through `sendError`.
 */
import type { Request } from 'firebase-functions/v2/https';
import type { Response } from 'express';
import { DomainError } from '../domain/errors.js';
import { sendError, sendJson } from './respond.js';

export type Params = Record<string, string>;
export type Handler = (req: Request, res: Response, params: Params) => Promise<void>;

export interface Route {
  method: 'GET' | 'POST';
  /** e.g. `/cases/:caseId/documents/:docId`; a parameter is one non-empty path segment. */
  path: string;
  handler: Handler;
}

interface Compiled extends Route {
  re: RegExp;
  names: string[];
}

function compile(route: Route): Compiled {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) {
        names.push(seg.slice(1));
        return '([^/]+)';
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { ...route, re: new RegExp(`^${source}/?$`), names };
}

/** The route path of a request: `/api/x` and `/x` are the same route. */
export function routePath(path: string): string {
  return path.replace(/^\/api(?=\/|$)/, '') || '/';
}

export function router(routes: Route[]) {
  const compiled = routes.map(compile);
  return async (req: Request, res: Response): Promise<void> => {
    try {
      const path = routePath(req.path);
      const matching = compiled.filter((r) => r.re.test(path));
      if (matching.length === 0) throw new DomainError('not-found', 'Alamat tidak ditemukan.');
      const route = matching.find((r) => r.method === req.method);
      if (!route) {
        const allow = [...new Set(matching.map((r) => r.method))].join(', ');
        res.set('Allow', allow);
        sendJson(res, 405, {
          error: { code: 'invalid-argument', message: `Metode ${req.method} tidak didukung (${allow}).` },
        });
        return;
      }
      const m = route.re.exec(path);
      const params: Params = {};
      route.names.forEach((n, i) => {
        try {
          params[n] = decodeURIComponent(m?.[i + 1] ?? '');
        } catch {
          throw new DomainError('invalid-argument', 'Alamat tidak valid.');
        }
      });
      await route.handler(req, res, params);
    } catch (err) {
      sendError(res, err);
    }
  };
}
