/**
 * The contract between `planTransition` and the per-action handlers (one file per action in this
 * folder). `planTransition` does what every action shares — the refusals by action, role and
 * state, the clock, the version, `updatedAt/By`, the history entry — and asks the action's handler
 * for the rest: the payload's checks, the step's guards, the target state, the action's own fields
 * and the history note.
 */
import type { Actor, CasePatch, CaseSnapshot, Signoff } from '../caseModel.js';
import type { OfficeSettings } from '../settings.js';
import type { CaseState } from '../vocabulary.js';
import type { ActionInputOf, ActionName, DecideNoDestination } from './inputs.js';

/** What a handler may read besides its payload. Handlers never mutate it. */
export interface ActionContext {
  readonly kase: CaseSnapshot;
  readonly actor: Actor;
  readonly now: Date;
  /** `now` as ISO UTC: the instant recorded on every field this action writes. */
  readonly at: string;
  readonly settings: OfficeSettings;
}

/** Where an action's row of the state table leads: a state, or for `decideNo` one per destination. */
export type TargetOf<A extends ActionName> = A extends 'decideNo'
  ? Readonly<Record<DecideNoDestination, CaseState>>
  : CaseState;

/** The fields `planTransition` sets the same way for every action; a handler cannot write them. */
export type CommonPatchField = 'state' | 'version' | 'clock' | 'updatedAt' | 'updatedBy';

/** The action-specific part of a transition. */
export interface ActionOutcome {
  to: CaseState;
  /** The action's own fields; typed so that a handler setting a common field does not compile. */
  patch: Omit<CasePatch, CommonPatchField> & { [K in CommonPatchField]?: never };
  /** Recorded on the history entry when present. */
  note?: string;
}

/**
 * Decides the action-specific part of action `A`, given a request that passed the role and state
 * checks. Throws `invalid-argument` for a bad payload and `failed-precondition` when a guard of the
 * step fails; returns otherwise. Pure: reads `ctx`, mutates nothing.
 */
export type Handler<A extends ActionName> = (
  input: ActionInputOf<A>,
  target: TargetOf<A>,
  ctx: ActionContext,
) => ActionOutcome;

/** `by`, `byName` and `at` of the acting person, as recorded on sent-back, closure, analysis and hand-over. */
export const actedBy = ({ actor, at }: ActionContext): { by: string; byName: string; at: string } => ({
  by: actor.uid,
  byName: actor.name,
  at,
});

/** A paraf or signature by the acting person (with their NIP when known). */
export const signoff = ({ actor, at }: ActionContext): Signoff => ({
  uid: actor.uid,
  name: actor.name,
  ...(actor.nip ? { nip: actor.nip } : {}),
  at,
});
