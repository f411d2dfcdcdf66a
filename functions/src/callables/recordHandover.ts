import { z } from 'zod';
import { CaseRef, HandoverMethod, shortText } from '../schemas.js';
import { transitionCallable } from '../cases/transition.js';

/** Step 6 (FO): the letter was handed over — how, to whom (the time is the server's). */
export const recordHandover = transitionCallable(
  CaseRef.extend({
    method: HandoverMethod,
    receivedBy: shortText(120),
    note: z.string().trim().max(1000).optional(),
  }).strict(),
  (d) => ({ action: 'recordHandover', method: d.method, receivedBy: d.receivedBy, ...(d.note ? { note: d.note } : {}) }),
);
