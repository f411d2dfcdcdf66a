import { CaseRef } from '../lib/schemas.js';
import { transitionCallable } from '../lib/transition.js';

/** Step 4 (Koordinator): initial the draft letter. */
export const parafCase = transitionCallable(CaseRef.strict(), () => ({ action: 'paraf' }));
