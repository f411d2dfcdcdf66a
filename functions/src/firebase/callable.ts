import { onCall, type CallableRequest } from 'firebase-functions/v2/https';
import type { SecretParam } from 'firebase-functions/params';
import type { z } from 'zod';
import { requireSignedIn } from './caller.js';
import { toHttpsError } from './errors.js';
import { IN_EMULATOR } from './params.js';

/**
 * 60 s in production. The Functions emulator starts one cold worker process per concurrent request,
 * so a burst (the 50-concurrent-intakes test) on a 2-core machine keeps requests waiting for CPU far
 * longer than they run; there the limit is raised so that such a burst is measured, not cut off.
 */
const TIMEOUT_SECONDS = IN_EMULATOR ? 300 : 60;

/**
 * Wraps a plain handler as a v2 callable: parses the input with the zod schema, runs the handler,
 * and maps every failure through `toHttpsError`. Handlers stay testable as plain functions.
 */
export function callable<S extends z.ZodType, R>(
  schema: S,
  handler: (data: z.infer<S>, req: CallableRequest<unknown>) => Promise<R>,
  /**
   * `public: true` for the few callables anyone may call (e.g. letter verification); `secrets` the
   * secret parameters the handler reads.
   */
  opts: { public?: boolean; secrets?: SecretParam[] } = {},
) {
  return onCall(
    { enforceAppCheck: false, timeoutSeconds: TIMEOUT_SECONDS, ...(opts.secrets ? { secrets: opts.secrets } : {}) },
    async (req: CallableRequest<unknown>) => {
      try {
        // Who before what: a signed-out caller learns nothing about the input's shape.
        if (!opts.public) requireSignedIn(req);
        const data = schema.parse(req.data ?? {});
        return await handler(data, req);
      } catch (err) {
        throw toHttpsError(err);
      }
    },
  );
}
