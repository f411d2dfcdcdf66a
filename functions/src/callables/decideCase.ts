import { z } from 'zod';
import { AssistanceType, CaseRef, DecideNoDestination, reasonText } from '../schemas.js';
import { transitionCallable } from '../cases/transition.js';

const Yes = CaseRef.extend({
  decision: z.literal('ya'),
  assistanceType: AssistanceType,
  problem: reasonText,
  solution: reasonText,
  siksNgUpdate: z
    .object({
      done: z.boolean(),
      reference: z.string().trim().max(120),
      note: z.string().trim().max(1000).optional(),
    })
    .strict(),
  kpmEducated: z.literal(true, 'edukasi kepada KPM wajib diberikan'),
  draft: z.object({ summary: reasonText, outcome: reasonText }).strict(),
}).strict();

const No = CaseRef.extend({
  decision: z.literal('tidak'),
  reason: reasonText,
  destination: DecideNoDestination,
}).strict();

/**
 * Step 3 (Analis): Ya → the draft letter goes to the coordinator; Tidak → back to the front office
 * or closed, with the reason the applicant is told.
 */
export const decideCase = transitionCallable(z.discriminatedUnion('decision', [Yes, No]), (d) =>
  d.decision === 'ya'
    ? {
        action: 'decideYes',
        assistanceType: d.assistanceType,
        problem: d.problem,
        solution: d.solution,
        siksNgUpdate: d.siksNgUpdate,
        kpmEducated: true,
        draft: d.draft,
      }
    : { action: 'decideNo', reason: d.reason, destination: d.destination },
);
