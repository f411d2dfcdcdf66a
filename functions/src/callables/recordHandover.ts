import { z } from 'zod';
import { CaseRef, HandoverMethod, shortText } from '../schemas.js';
import { runTransition } from '../cases/transition.js';
import { callable } from '../firebase/callable.js';
import { ensureSurveyInvite } from '../survey/invites.js';

const Input = CaseRef.extend({
  method: HandoverMethod,
  receivedBy: shortText(120),
  note: z.string().trim().max(1000).optional(),
}).strict();

/**
 * Step 6 (FO): the letter was handed over — how, to whom (the time is the server's). The case is
 * then completed and gets its one-time survey invitation (SKM; created if the letter's email did
 * not already): a failure there leaves the hand-over recorded, and `surveyLinkFor` creates the
 * invitation of a completed case later.
 */
export const recordHandover = callable(Input, async (d, req) => {
  const result = await runTransition(req, d, {
    action: 'recordHandover',
    method: d.method,
    receivedBy: d.receivedBy,
    ...(d.note ? { note: d.note } : {}),
  });
  await ensureSurveyInvite(d.caseId);
  return result;
});
