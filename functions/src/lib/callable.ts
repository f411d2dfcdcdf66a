import { onCall, type CallableRequest } from 'firebase-functions/v2/https';
import type { z } from 'zod';
import { toHttpsError } from './errors.js';

/**
 * Wraps a plain handler as a v2 callable: parses the input with the zod schema, runs the handler,
 * and maps every failure through `toHttpsError`. Handlers stay testable as plain functions.
 */
export function callable<S extends z.ZodType, R>(
  schema: S,
  handler: (data: z.infer<S>, req: CallableRequest<unknown>) => Promise<R>,
) {
  return onCall({ enforceAppCheck: false }, async (req: CallableRequest<unknown>) => {
    try {
      const data = schema.parse(req.data ?? {});
      return await handler(data, req);
    } catch (err) {
      throw toHttpsError(err);
    }
  });
}
