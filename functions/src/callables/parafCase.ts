import { CaseRef } from '../schemas.js';
import { transitionCallable } from '../cases/transition.js';

/** Step 4 (Koordinator): initial the draft letter. */
export const parafCase = transitionCallable(CaseRef.strict(), () => ({ action: 'paraf' }));
