import { z } from 'zod';
import { CaseRef } from '../schemas.js';
import { transitionCallable } from '../cases/transition.js';

/**
 * Step 5 (Kabid): sign. `confirm: true` is the page's confirmation step made explicit in the API.
 * The letter trigger then numbers, renders, stores and emails the letter.
 */
export const signCase = transitionCallable(
  CaseRef.extend({ confirm: z.literal(true, 'penandatanganan harus dikonfirmasi') }).strict(),
  () => ({ action: 'sign' }),
);
