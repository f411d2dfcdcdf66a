/**
 * The case workflow of the SOP as data plus one pure decision function — and the one module the
 * shell, the staff page and the tests import for it.
 *
 * `TRANSITIONS` is the state table (who may take which action from which state, to which state);
 * `planTransition` checks a request against it, asks the action's handler (`./actions/`) for the
 * step's guards and fields, and returns what to write (a patch and a history entry) without
 * writing anything. The Firebase shell calls `assertMayAct` before reading anything, then reads
 * the case in a transaction, calls `assertVersion` and `planTransition`, and writes the result.
 *
 * Also re-exported from here: the case's shape (`./caseModel.ts`), the actions and their payloads
 * (`./actions/inputs.ts`) and intake (`./intake.ts`).
 * No Firebase and no Node-only imports: the staff page bundles this module.
 */
import { DomainError } from './errors.js';
import { dutyConflict } from './duties.js';
import { ROLE_LABELS, STATE_LABELS, type CaseState, type Role } from './vocabulary.js';
import {
  SOP_STEP_NUMBER,
  elapsedOfficeMinutes,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
  type CaseClock,
  type SopStep,
  type StepState,
} from './officeClock.js';
import type { OfficeSettings } from './settings.js';
import type { Actor, CasePatch, CaseSnapshot } from './caseModel.js';
import {
  ACTIONS,
  ACTION_LABELS,
  type ActionInput,
  type ActionInputOf,
  type ActionName,
} from './actions/inputs.js';
import type { ActionContext, ActionOutcome, CommonPatchField, Handler, TargetOf } from './actions/handler.js';
import { isOneOf } from './actions/payload.js';
import { handleSubmit } from './actions/submit.js';
import { handleReturnToApplicant } from './actions/returnToApplicant.js';
import { handleDocumentsCompleted } from './actions/documentsCompleted.js';
import { handleVerify } from './actions/verify.js';
import { handleDecideYes } from './actions/decideYes.js';
import { handleDecideNo } from './actions/decideNo.js';
import { handleParaf } from './actions/paraf.js';
import { handleRequestRevision } from './actions/requestRevision.js';
import { handleSign } from './actions/sign.js';
import { handleRecordHandover } from './actions/recordHandover.js';

export {
  ACTIONS,
  ACTION_LABELS,
  ASSISTANCE_TYPES,
  ASSISTANCE_TYPE_LABELS,
  DECIDE_NO_DESTINATIONS,
  HANDOVER_METHODS,
  HANDOVER_METHOD_LABELS,
} from './actions/inputs.js';
export type {
  ActionInput,
  ActionInputOf,
  ActionName,
  AssistanceType,
  DecideNoDestination,
  DocumentCheckInput,
  HandoverMethod,
  LetterDraft,
  SiksNgUpdate,
} from './actions/inputs.js';
export { emptyChecklist } from './caseModel.js';
export type {
  Actor,
  Address,
  Analysis,
  Applicant,
  CaseDocument,
  CasePatch,
  CaseSnapshot,
  Closure,
  DocumentCheck,
  DocumentChecklist,
  Handover,
  Kpm,
  LetterState,
  LetterStatus,
  NewCase,
  SentBack,
  Signoff,
} from './caseModel.js';
export { planIntake, type IntakeInput } from './intake.js';

// ---------------------------------------------------------------------------------------------
// What a transition writes

/** The append-only history entry of one transition. */
export interface HistoryEntry {
  action: ActionName;
  from: CaseState;
  to: CaseState;
  note?: string;
  /** SOP step (1–6) whose clock this action stops or pauses. */
  step: SopStep;
  /** Office minutes spent in that step up to this action (pauses excluded; may be fractional). */
  stepMinutes: number;
  stepStandardMinutes: number;
  /**
   * True when the action ends the step (count it in compliance reports); false for
   * `returnToApplicant` (pauses step 2) and `documentsCompleted` (resumes it).
   */
  stepEnded: boolean;
  by: string;
  byName: string;
  /** The role under which the actor acted. */
  actedAs: Role;
  at: string;
}

export interface TransitionPlan {
  from: CaseState;
  to: CaseState;
  /** Everything the case document gets: the action's fields and, always, `state`, `version`, `clock`, `updatedAt/By`. */
  patch: CasePatch & Pick<CaseSnapshot, CommonPatchField>;
  history: HistoryEntry;
}

// ---------------------------------------------------------------------------------------------
// The state table and its handlers

/**
 * One row of the state table for action `A`. `to` is a state, or — for `decideNo` — a map from the
 * payload's `destination` to the state (the type says which).
 */
export interface TransitionOf<A extends ActionName> {
  action: A;
  from: CaseState;
  to: TargetOf<A>;
  roles: readonly Role[];
}

/** One row of the state table, for any action. */
export type Transition = { [A in ActionName]: TransitionOf<A> }[ActionName];

export const TRANSITIONS: readonly Transition[] = [
  { action: 'submit', from: 'intake', to: 'submitted', roles: ['fo'] },
  { action: 'verify', from: 'submitted', to: 'verified', roles: ['fo'] },
  { action: 'returnToApplicant', from: 'submitted', to: 'awaiting_documents', roles: ['fo'] },
  { action: 'documentsCompleted', from: 'awaiting_documents', to: 'submitted', roles: ['fo'] },
  { action: 'decideYes', from: 'verified', to: 'drafted', roles: ['analis'] },
  { action: 'decideNo', from: 'verified', to: { fo: 'submitted', close: 'closed' }, roles: ['analis'] },
  { action: 'paraf', from: 'drafted', to: 'initialled', roles: ['koordinator'] },
  { action: 'requestRevision', from: 'drafted', to: 'verified', roles: ['koordinator'] },
  { action: 'sign', from: 'initialled', to: 'signed', roles: ['kabid'] },
  { action: 'requestRevision', from: 'initialled', to: 'verified', roles: ['kabid'] },
  { action: 'recordHandover', from: 'signed', to: 'completed', roles: ['fo'] },
];

/** The action-specific part of every action; an action without a handler does not compile. */
const ACTION_HANDLERS: { readonly [A in ActionName]: Handler<A> } = {
  submit: handleSubmit,
  returnToApplicant: handleReturnToApplicant,
  documentsCompleted: handleDocumentsCompleted,
  verify: handleVerify,
  decideYes: handleDecideYes,
  decideNo: handleDecideNo,
  paraf: handleParaf,
  requestRevision: handleRequestRevision,
  sign: handleSign,
  recordHandover: handleRecordHandover,
};

/** The actions someone holding `roles` may take on a case in `state`, in `ACTIONS` order. */
export function allowedActions(state: CaseState, roles: readonly Role[]): ActionName[] {
  const ok = new Set(
    TRANSITIONS.filter((t) => t.from === state && t.roles.some((r) => roles.includes(r))).map(
      (t) => t.action,
    ),
  );
  return ACTIONS.filter((a) => ok.has(a));
}

/** Every role that may take `action` from some state. */
export function rolesFor(action: ActionName): Role[] {
  return [...new Set(TRANSITIONS.filter((t) => t.action === action).flatMap((t) => t.roles))];
}

// ---------------------------------------------------------------------------------------------
// Refusals

/**
 * The refusals that need neither the case nor the settings: `invalid-argument` for an unknown
 * action, then `permission-denied` when none of the actor's roles may take it from any state.
 * `planTransition` starts with it; the shell calls it before its transaction, with the same message.
 */
export function assertMayAct(actor: Pick<Actor, 'roles'>, action: ActionName): void {
  if (!isOneOf(ACTIONS, action)) {
    throw new DomainError('invalid-argument', `Tindakan tidak dikenal: ${String(action)}.`);
  }
  const everAllowed = rolesFor(action);
  if (!everAllowed.some((r) => actor.roles.includes(r))) {
    throw new DomainError(
      'permission-denied',
      `Peran Anda tidak berwenang melakukan tindakan "${ACTION_LABELS[action]}" (hanya ${everAllowed.map((r) => ROLE_LABELS[r]).join(', ')}).`,
    );
  }
}

/** Throws `aborted` when the case has changed since the caller read it (stale request). */
export function assertVersion(kase: Pick<CaseSnapshot, 'version'>, expectedVersion: number): void {
  if (kase.version !== expectedVersion) {
    throw new DomainError(
      'aborted',
      'Pengaduan telah diubah oleh petugas lain. Muat ulang data lalu ulangi tindakan Anda.',
      { expectedVersion, actualVersion: kase.version },
    );
  }
}

/** The row of `action` from `from`; `failed-precondition` when the action does not leave that state. */
function rowFor(action: ActionName, from: CaseState): Transition {
  const row = TRANSITIONS.find((t) => t.action === action && t.from === from);
  if (!row) {
    throw new DomainError(
      'failed-precondition',
      `Tindakan "${ACTION_LABELS[action]}" tidak dapat dilakukan pada pengaduan berstatus "${STATE_LABELS[from]}".`,
      { state: from, action },
    );
  }
  return row;
}

/** The first of the row's roles the actor holds; `permission-denied` when they hold none. */
function actingRole(row: Transition, actor: Actor): Role {
  const actedAs = row.roles.find((r) => actor.roles.includes(r));
  if (!actedAs) {
    throw new DomainError(
      'permission-denied',
      `Tindakan "${ACTION_LABELS[row.action]}" pada status "${STATE_LABELS[row.from]}" hanya dapat dilakukan oleh ${row.roles.map((r) => ROLE_LABELS[r]).join(', ')}.`,
    );
  }
  return actedAs;
}

// ---------------------------------------------------------------------------------------------
// planTransition

/**
 * Decides one transition. Guarantees, in this order:
 *  1. `invalid-argument` if `input.action` is not a known action;
 *  2. `permission-denied` if none of the actor's roles may take this action from any state;
 *  3. `failed-precondition` if the action does not leave the case's current state;
 *  4. `permission-denied` if it does, but only for another role (e.g. a Koordinator revising an
 *     initialled draft, which is the Kabid's), or if the actor already acted on an earlier step of
 *     this case that the action must be independent of (`dutyConflict`: reason
 *     `separation-of-duties`);
 *  5. `invalid-argument` for a bad payload; `failed-precondition` (Indonesian message naming what
 *     is missing) when a guard of the step fails (the action's handler);
 *  6. otherwise a plan whose patch sets `state`, `version + 1`, the new clock and `updatedAt/By`,
 *     plus the action's own fields, and whose history entry records the step's office minutes.
 * It never mutates `kase`. The version check is the caller's (`assertVersion`).
 */
export function planTransition(
  kase: CaseSnapshot,
  actor: Actor,
  input: ActionInput,
  now: Date,
  settings: OfficeSettings,
): TransitionPlan {
  const action = input.action;
  assertMayAct(actor, action);
  const from = kase.state;
  const row = rowFor(action, from);
  const actedAs = actingRole(row, actor);
  const conflict = dutyConflict(kase, actor.uid, action);
  if (conflict) throw new DomainError('permission-denied', conflict, { reason: 'separation-of-duties' });

  const at = now.toISOString();
  // `row.action === input.action` (rowFor), which is what ties the row's target to the payload.
  const { to, patch, note } = runHandler<ActionName>(row, input, { kase, actor, now, at, settings });
  const { clock, ...stepRecord } = clockAfter(kase, action, to, now, settings);
  return {
    from,
    to,
    patch: { ...patch, state: to, version: kase.version + 1, clock, updatedAt: at, updatedBy: actor.uid },
    history: {
      action,
      from,
      to,
      ...(note ? { note } : {}),
      ...stepRecord,
      by: actor.uid,
      byName: actor.name,
      actedAs,
      at,
    },
  };
}

/** Calls the handler of the row's action with the row's target; `input` must be that action's. */
function runHandler<A extends ActionName>(
  row: TransitionOf<A>,
  input: ActionInputOf<A>,
  ctx: ActionContext,
): ActionOutcome {
  const handler: Handler<A> = ACTION_HANDLERS[row.action];
  return handler(input, row.to, ctx);
}

/**
 * The clock after `action` and the record of the step being left (the case's current one;
 * `awaiting_documents` belongs to step 2). `returnToApplicant` pauses step 2 and
 * `documentsCompleted` resumes it, neither ending it; a final target stops the clock; any other
 * target starts the clock of its own step.
 */
function clockAfter(
  kase: CaseSnapshot,
  action: ActionName,
  to: CaseState,
  now: Date,
  settings: OfficeSettings,
): Pick<HistoryEntry, 'step' | 'stepMinutes' | 'stepStandardMinutes' | 'stepEnded'> & { clock: CaseClock } {
  // Every state a transition leaves is a step's state, except awaiting_documents (step 2, paused).
  const timedStep: StepState = kase.state === 'awaiting_documents' ? 'submitted' : (kase.state as StepState);
  const stepMinutes = elapsedOfficeMinutes(kase.clock, now, settings.calendar);
  const record = {
    step: SOP_STEP_NUMBER[timedStep],
    stepMinutes,
    stepStandardMinutes: settings.timeStandards[timedStep],
  };
  if (action === 'returnToApplicant') {
    const clock = pauseClock({ ...kase.clock, step: 'submitted' }, now, settings.calendar);
    return { ...record, stepEnded: false, clock };
  }
  if (action === 'documentsCompleted') {
    return { ...record, stepEnded: false, clock: resumeClock({ ...kase.clock, step: 'submitted' }, now) };
  }
  const clock = to === 'completed' || to === 'closed' ? stopClock(to, now) : startClock(to, now);
  return { ...record, stepEnded: true, clock };
}
