/**
 * The monthly report's aggregate: one document per office-month (`reportMonths/{YYYY-MM}`), kept
 * by adding each history event's contribution (`deltaOf`) with Firestore increments, and rebuilt
 * from the cases by folding the very same contributions (`rebuild`). Both paths share `deltaOf`
 * and `applyDelta`, so "incremental = rebuilt" holds by construction once every event is applied
 * exactly once (the shell's marker documents make redelivery a no-op).
 *
 * The month of an event is the office-local `YYYY-MM` (WITA, UTC+8) of its `at`.
 * Pure: no Firebase, no Node-only modules.
 */
import { OFFICE_UTC_OFFSET_MINUTES, officeDateParts } from '../indonesianDate.js';
import { ACTIONS } from '../actions/inputs.js';
import type { CaseState } from '../vocabulary.js';

// ---------------------------------------------------------------------------------------------
// Buckets of step minutes

/**
 * The histogram of step minutes is sparse and keyed by the bucket's upper bound (office minutes):
 * 1-minute buckets up to 60, 5-minute buckets up to 240, 30-minute buckets up to 2400 (five
 * working days), then 480-minute buckets (one working day) without end. A value `m` falls in the
 * smallest upper bound `u` with `m ≤ u` (so 0 and 0.4 are in bucket 1; 60.2 in bucket 65).
 */
export function bucketOf(minutes: number): number {
  const m = Number.isFinite(minutes) && minutes > 0 ? minutes : 0;
  if (m <= 60) return Math.max(1, Math.ceil(m));
  if (m <= 240) return 60 + 5 * Math.ceil((m - 60) / 5);
  if (m <= 2400) return 240 + 30 * Math.ceil((m - 240) / 30);
  return 2400 + 480 * Math.ceil((m - 2400) / 480);
}

/**
 * Nearest-rank percentile `p` (0 < p ≤ 1) of a histogram: the upper bound of the bucket holding the
 * value of rank ⌈p·N⌉ (1-based) in ascending order. Null for an empty histogram. Reported as the
 * bucket's upper bound, so it is exact to the bucket's width and never below the true value.
 */
export function percentileOf(hist: Readonly<Record<string, number>>, p: number): number | null {
  const buckets = Object.entries(hist)
    .map(([k, n]) => [Number(k), n] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const [upper, n] of buckets) {
    seen += n;
    if (seen >= rank) return upper;
  }
  return buckets[buckets.length - 1]![0];
}

// ---------------------------------------------------------------------------------------------
// The stored month

export const SOP_STEPS = ['1', '2', '3', '4', '5', '6'] as const;
export type StepKey = (typeof SOP_STEPS)[number];

/** One SOP step's figures: steps ended, of which within the standard, and the minutes' histogram. */
export interface StepTally {
  ended: number;
  within: number;
  /** The standard (minutes) of the last step ended this month. */
  standard?: number;
  /** bucket upper bound (as a string key) → count */
  hist: Record<string, number>;
}

/** `reportMonths/{YYYY-MM}`: one office-month (no personal data: codes, areas, staff uids, case numbers). */
export interface MonthDoc {
  month: string;
  /** Cases received (intake) this month. */
  received: number;
  /** Cases completed (hand-over recorded) this month. */
  completed: number;
  /** Cases closed as not resolvable this month. */
  closed: number;
  /** Times a case was sent back to the applicant for documents this month. */
  returned: number;
  /** Received cases by complaint type, applicant relation and area (kecamatan → kelurahan → n). */
  byType: Record<string, number>;
  byRelation: Record<string, number>;
  byArea: Record<string, Record<string, number>>;
  /** Case number → the reason the applicant was told, of the cases closed this month. */
  closures: Record<string, string>;
  steps: Partial<Record<StepKey, StepTally>>;
  /** Staff uid → name and their steps ended this month. */
  officers: Record<string, { name: string; steps: Partial<Record<StepKey, StepTally>> }>;
}

export function emptyMonth(month: string): MonthDoc {
  return {
    month,
    received: 0,
    completed: 0,
    closed: 0,
    returned: 0,
    byType: {},
    byRelation: {},
    byArea: {},
    closures: {},
    steps: {},
    officers: {},
  };
}

// ---------------------------------------------------------------------------------------------
// An event and the case's facts

/** The fields of a history entry (`cases/{id}/history/{seq}`) the report uses. */
export interface ReportEvent {
  action: string;
  from: CaseState | null;
  to: CaseState | null;
  step?: number;
  stepMinutes?: number;
  stepStandardMinutes?: number;
  stepEnded?: boolean;
  by: string;
  byName: string;
  actedAs?: string;
  note?: string;
  at: string;
}

/** The case's facts that never change after intake (from the case document and its masked summary). */
export interface CaseFacts {
  number: string;
  complaintType: string;
  relation: string;
  kecamatan: string;
  kelurahan: string;
}

/** A Firestore map key must not be empty. */
const key = (s: string | undefined | null): string => (s && s.trim() ? s.trim() : '(tidak diisi)');

/** Office-local `YYYY-MM` of an instant. */
export function monthOf(at: string | Date, offsetMinutes: number = OFFICE_UTC_OFFSET_MINUTES): string {
  const p = officeDateParts(typeof at === 'string' ? new Date(at) : at, offsetMinutes);
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

/**
 * One event's contribution to one month: increments at paths, and plain values set at paths (names,
 * standards, closure reasons — idempotent, last write wins). Paths are arrays of map keys, so a
 * kelurahan such as "Karang Anyar Pantai" is one key.
 */
export interface Delta {
  month: string;
  incs: Array<[path: string[], n: number]>;
  sets: Array<[path: string[], value: string | number]>;
}

const isWorkflowAction = (a: string): boolean => a === 'intake' || (ACTIONS as readonly string[]).includes(a);

/**
 * The contribution of one history event, or null when it does not count (uploads, letter events,
 * anything that is not intake or an SOP transition, and malformed entries).
 */
export function deltaOf(event: ReportEvent, facts: CaseFacts, offsetMinutes: number = OFFICE_UTC_OFFSET_MINUTES): Delta | null {
  if (!event || typeof event.action !== 'string' || !isWorkflowAction(event.action)) return null;
  if (typeof event.at !== 'string' || Number.isNaN(Date.parse(event.at))) return null;
  const d: Delta = { month: monthOf(event.at, offsetMinutes), incs: [], sets: [] };
  if (event.action === 'intake') {
    d.incs.push(
      [['received'], 1],
      [['byType', key(facts.complaintType)], 1],
      [['byRelation', key(facts.relation)], 1],
      [['byArea', key(facts.kecamatan), key(facts.kelurahan)], 1],
    );
    return d;
  }
  if (event.to === 'completed') d.incs.push([['completed'], 1]);
  if (event.to === 'closed') {
    d.incs.push([['closed'], 1]);
    d.sets.push([['closures', key(facts.number)], event.note ?? '']);
  }
  if (event.action === 'returnToApplicant') d.incs.push([['returned'], 1]);
  const step = String(event.step) as StepKey;
  if (event.stepEnded === true && SOP_STEPS.includes(step) && typeof event.stepMinutes === 'number') {
    const within = typeof event.stepStandardMinutes === 'number' && event.stepMinutes <= event.stepStandardMinutes ? 1 : 0;
    const bucket = String(bucketOf(event.stepMinutes));
    const officer = key(event.by);
    for (const base of [['steps', step], ['officers', officer, 'steps', step]]) {
      d.incs.push([[...base, 'ended'], 1], [[...base, 'hist', bucket], 1]);
      if (within) d.incs.push([[...base, 'within'], 1]);
      if (typeof event.stepStandardMinutes === 'number') d.sets.push([[...base, 'standard'], event.stepStandardMinutes]);
    }
    d.sets.push([['officers', officer, 'name'], event.byName || officer]);
  }
  return d.incs.length || d.sets.length ? d : null;
}

/** Adds a delta to a month document in place (what Firestore's increments do to the stored one). */
export function applyDelta(doc: MonthDoc, delta: Delta): MonthDoc {
  for (const [path, n] of delta.incs) {
    const parent = walk(doc as unknown as Record<string, unknown>, path.slice(0, -1));
    const leaf = path[path.length - 1]!;
    parent[leaf] = ((parent[leaf] as number | undefined) ?? 0) + n;
  }
  for (const [path, value] of delta.sets) {
    walk(doc as unknown as Record<string, unknown>, path.slice(0, -1))[path[path.length - 1]!] = value;
  }
  return doc;
}

function walk(obj: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
  let at = obj;
  for (const k of path) {
    const next = at[k];
    if (next === undefined || next === null || typeof next !== 'object') at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  return at;
}

/**
 * The delta as the nested object a `set(…, { merge: true })` writes, with `inc(n)` standing in for
 * the store's increment (the shell passes `FieldValue.increment`). Merging writes only the leaves.
 */
export function deltaAsMergeObject<I>(delta: Delta, inc: (n: number) => I): Record<string, unknown> {
  const out: Record<string, unknown> = { month: delta.month };
  for (const [path, n] of delta.incs) walk(out, path.slice(0, -1))[path[path.length - 1]!] = inc(n);
  for (const [path, value] of delta.sets) walk(out, path.slice(0, -1))[path[path.length - 1]!] = value;
  return out;
}

/** A case as the rebuild sees it: its facts and every history event. */
export interface CaseWithHistory {
  facts: CaseFacts;
  events: readonly ReportEvent[];
}

/** Every month document, from the cases alone: the fold of the same deltas. */
export function rebuild(cases: Iterable<CaseWithHistory>, offsetMinutes: number = OFFICE_UTC_OFFSET_MINUTES): Map<string, MonthDoc> {
  const months = new Map<string, MonthDoc>();
  for (const c of cases) {
    for (const e of c.events) {
      const d = deltaOf(e, c.facts, offsetMinutes);
      if (!d) continue;
      let doc = months.get(d.month);
      if (!doc) months.set(d.month, (doc = emptyMonth(d.month)));
      applyDelta(doc, d);
    }
  }
  return months;
}

/** A stored month document read back (missing maps filled in). */
export function normaliseMonth(month: string, data: Partial<MonthDoc> | undefined | null): MonthDoc {
  return { ...emptyMonth(month), ...(data ?? {}), month };
}
