import type { CallableRequest } from 'firebase-functions/v2/https';
import type { z } from 'zod';
import type { DocumentReference } from 'firebase-admin/firestore';
import type { Chained } from '../audit/chain.js';
import {
  assertMayAct,
  assertVersion,
  planTransition,
  type ActionInput,
  type CaseSnapshot,
  type TransitionPlan,
} from '../domain/workflow.js';
import { runTransaction } from '../firebase/transaction.js';
import { callable } from '../firebase/callable.js';
import { appendHistory, readCase, type CaseWrites, type HistoryEvent, type StoredCase } from './store.js';
import type { CaseRef } from '../schemas.js';
import { loadSettings } from '../firebase/settings.js';
import { actorFromStaff, requireActiveStaff } from '../firebase/caller.js';
import type { Actor } from '../domain/caseModel.js';
import type { OfficeSettings } from '../domain/settings.js';
import { assertRecentSignIn } from '../domain/staff.js';
import { isRecordedRefusal, recordRefusal } from './refusals.js';

export interface TransitionResult {
  caseId: string;
  state: string;
  version: number;
}

/**
 * Runs one workflow action: read → decide (pure planTransition) → write, in one Firestore
 * transaction. Authority is the caller's profile now (`requireActiveStaff`). The order of refusals:
 * a role that may never take the action (`permission-denied`, `assertMayAct`, before anything is
 * read); for paraf and sign, a sign-in older than 5 minutes (`unauthenticated`, the signer must
 * confirm with their password); then a stale version (`aborted`), then the state, the separation
 * of duties and the guards. Refused paraf and sign attempts are recorded for the administrator.
 * The plan's patch (state, version, clock, updatedAt/By and the action's fields) is written as planned, with the hash-chained history entry, together or not at all.
 */
export async function runTransition(
  req: Pick<CallableRequest, 'auth'>,
  ref: z.infer<typeof CaseRef>,
  input: ActionInput,
): Promise<TransitionResult> {
  const staff = await requireActiveStaff(req);
  const actor = actorFromStaff(staff);
  const approval = input.action === 'paraf' || input.action === 'sign' ? input.action : null;
  try {
    assertMayAct(actor, input.action);
    if (approval) assertRecentSignIn(staff.authTime, new Date(), approval);
    return await transitionCase(actor, ref, input, new Date(), await loadSettings());
  } catch (err) {
    if (approval && isRecordedRefusal(err)) await recordRefusal(approval, ref.caseId, staff, err);
    throw err;
  }
}

/**
 * A transition callable's body once the caller is known: reads the case, checks the version, plans
 * `input` for `actor` at `now` and writes it, in one transaction. The callables pass `new Date()`
 * and the stored settings.
 */
export async function transitionCase(
  actor: Actor,
  ref: z.infer<typeof CaseRef>,
  input: ActionInput,
  now: Date,
  settings: OfficeSettings,
): Promise<TransitionResult> {
  return runTransaction('transition', async (tx) => {
    const { ref: doc, kase } = await readCase(tx, ref.caseId);
    assertVersion(kase, ref.expectedVersion);
    const { plan } = stageTransition(tx, doc, kase, actor, input, now, settings);
    return { caseId: ref.caseId, state: plan.to, version: plan.patch.version };
  });
}

/**
 * Plans `input` on the case as read (`kase`) and stages what it writes — the patch and the
 * hash-chained history entry (`appendHistory`) — in `w`: the one place a workflow action is
 * written, by the callables (in their transaction) and by the demo seed (a case's whole history in
 * one batch, functions/src/demo/seed.ts). Throws the planner's refusals; writes nothing then.
 */
export function stageTransition(
  w: CaseWrites,
  doc: DocumentReference,
  kase: CaseSnapshot & Pick<StoredCase, 'historyHead'>,
  actor: Actor,
  input: ActionInput,
  now: Date,
  settings: OfficeSettings,
): { plan: TransitionPlan; entry: HistoryEvent & Chained } {
  const plan = planTransition(kase, actor, input, now, settings);
  // A copy only for the type: HistoryEvent has an index signature, the HistoryEntry interface none.
  const entry = appendHistory(w, doc, kase, { ...plan.history }, plan.patch);
  return { plan, entry };
}

/** A callable for one action: its schema, and how its input becomes the domain's ActionInput. */
export function transitionCallable<S extends z.ZodType<z.infer<typeof CaseRef>>>(
  schema: S,
  toAction: (data: z.infer<S>) => ActionInput,
) {
  return callable(schema, (data, req) => runTransition(req, data, toAction(data)));
}
