import { CaseRef, reasonText } from '../schemas.js';
import { transitionCallable } from '../cases/transition.js';

/** Steps 4–5 (Koordinator or Kabid): send the draft back to the analyst with a note. */
export const requestRevision = transitionCallable(CaseRef.extend({ note: reasonText }).strict(), (d) => ({
  action: 'requestRevision',
  note: d.note,
}));
