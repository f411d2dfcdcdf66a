/**
 * The service layer's host: every exported function of functions/src/index.ts served IN THIS
 * PROCESS, against the real Firestore, Auth and Storage emulators, on this worker's own `demo-*`
 * project (test/support/service/setup.ts).
 *
 *  - HTTP: one express app with the body parsers the Functions emulator's runtime uses
 *    (firebase-tools functionsEmulatorRuntime: json, text, urlencoded, raw, 32 MB, `rawBody` kept).
 *    Callables and `onRequest` functions are mounted at their Functions URL
 *    (`/<project>/<region>/<name>`), so a callable runs its real protocol: the ID token in the
 *    Authorization header is verified by firebase-functions itself with the Admin SDK, errors
 *    leave as `{ error: { status, message, details } }`. Hosting's function rewrites of
 *    firebase.json (`/api/cases/∗/documents/∗` → staffDocs, `/api/∗∗` → api) are mounted too, read
 *    from firebase.json, so the paths the pages use work unchanged.
 *  - Background functions: ./triggers.ts delivers Firestore events to the triggers' handlers.
 *
 * What it does not prove (the wiring layer does, through the Functions and Hosting emulators):
 * that the functions are registered with the right region, triggers and rewrites in production's
 * tools, and Hosting's headers.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import bodyParser from 'body-parser';
import express, { type Request, type Response } from 'express';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const LIMIT = '32mb';

type HttpFunction = (req: Request, res: Response) => unknown;
export type FunctionsModule = Record<string, unknown>;

const isHttpFunction = (f: unknown): f is HttpFunction & { __endpoint: Record<string, unknown> } => {
  const ep = typeof f === 'function' ? (f as unknown as { __endpoint?: object }).__endpoint : undefined;
  return typeof ep === 'object' && ('httpsTrigger' in ep || 'callableTrigger' in ep);
};

/** Hosting's rewrites to functions, in firebase.json's order (glob → function id). */
function functionRewrites(): { re: RegExp; functionId: string }[] {
  const cfg = JSON.parse(readFileSync(join(ROOT, 'firebase.json'), 'utf8')) as {
    hosting: { rewrites: { source: string; function?: { functionId: string } }[] };
  };
  return cfg.hosting.rewrites
    .filter((r) => r.function)
    .map((r) => ({
      // `*` is one path segment, `**` any number of them (Hosting's glob).
      re: new RegExp(
        `^${r.source
          .split('/')
          .map((s) => (s === '**' ? '.*' : s.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+')))
          .join('/')}$`,
      ),
      functionId: r.function!.functionId,
    }));
}

/**
 * The callable wrapper's check of an ID token, as production makes it: a token for this project,
 * issued by its token service, not expired, naming a user — and no revocation or disabled-account
 * lookup (firebase-functions verifies callables' tokens without `checkRevoked`; a demoted or
 * deactivated person's token stays valid until it expires, and the functions' own profile check
 * refuses them). The Admin SDK on the Auth emulator always adds that lookup, so firebase-functions'
 * own verification is switched to decoding (`skipTokenVerification`, as the Functions emulator does)
 * and this check stands in front of it. Emulator tokens carry no signature to verify (`alg: none`).
 */
export function idTokenAcceptable(header: string | undefined, projectId: string, now = Date.now()): boolean {
  if (!header) return true; // signed out: the callable itself decides (most refuse)
  const m = /^Bearer\s+([^.\s]+)\.([^.\s]+)\.([^\s]*)$/.exec(header);
  if (!m) return false;
  try {
    const claims = JSON.parse(Buffer.from(m[2]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    return (
      claims['aud'] === projectId &&
      claims['iss'] === `https://securetoken.google.com/${projectId}` &&
      typeof claims['sub'] === 'string' &&
      claims['sub'] !== '' &&
      typeof claims['exp'] === 'number' &&
      claims['exp'] * 1000 > now &&
      typeof claims['auth_time'] === 'number' &&
      claims['auth_time'] * 1000 <= now + 60_000
    );
  } catch {
    return false;
  }
}

export interface ServiceHost {
  /** `http://127.0.0.1:<port>`: Hosting's paths (`/api/…`) on this host. */
  origin: string;
  /** The Functions URL prefix of a function: `${origin}/<project>/<region>/<name>`. */
  functionUrl: (name: string) => string;
  close: () => Promise<void>;
}

export async function startHost(fns: FunctionsModule, projectId: string, region: string): Promise<ServiceHost> {
  const app = express();
  app.enable('trust proxy');
  const rawBodySaver = (req: Request, _res: unknown, buf: Buffer) => {
    (req as Request & { rawBody?: Buffer }).rawBody = buf;
  };
  app.use(bodyParser.json({ limit: LIMIT, verify: rawBodySaver }));
  app.use(bodyParser.text({ limit: LIMIT, verify: rawBodySaver }));
  app.use(bodyParser.urlencoded({ extended: true, limit: LIMIT, verify: rawBodySaver }));
  app.use(bodyParser.raw({ type: '*/*', limit: LIMIT, verify: rawBodySaver }));

  const http = Object.entries(fns).filter((e): e is [string, HttpFunction & { __endpoint: Record<string, unknown> }] => isHttpFunction(e[1]));
  for (const [name, fn] of http) {
    const isCallable = 'callableTrigger' in fn.__endpoint;
    // As the Functions URL: the function sees the path after its name.
    app.use(`/${projectId}/${region}/${name}`, (req, res) => {
      if (isCallable && !idTokenAcceptable(req.get('authorization'), projectId)) {
        res.status(401).json({ error: { status: 'UNAUTHENTICATED', message: 'Unauthenticated' } });
        return;
      }
      void fn(req, res);
    });
  }
  const rewrites = functionRewrites();
  app.use((req, res, next) => {
    const rule = rewrites.find((r) => r.re.test(req.path));
    const fn = rule && fns[rule.functionId];
    // As Hosting's rewrite: the function sees the whole path.
    if (rule && isHttpFunction(fn)) void fn(req, res);
    else next();
  });
  app.use((_req, res) => void res.status(404).send('not served by the service host'));

  const server: Server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    functionUrl: (name) => `${origin}/${projectId}/${region}/${name}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
