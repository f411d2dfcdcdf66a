/**
 * The monthly report's aggregate (functions/src/domain/reports/): random case histories that follow
 * the SOP's transition table; their events applied one by one in a random order, with redelivered
 * duplicates dropped by their marker, equal the rebuild; and both equal figures this test computes
 * on its own, directly from the cases (plain counting and sorting, not the module's code).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TRANSITIONS } from '../../functions/src/domain/workflow.js';
import { DEFAULT_TIME_STANDARDS, SOP_STEP_NUMBER, type StepState } from '../../functions/src/domain/officeClock.js';
import type { CaseState } from '../../functions/src/domain/vocabulary.js';
import {
  applyDelta,
  bucketOf,
  deltaAsMergeObject,
  deltaOf,
  emptyMonth,
  percentileOf,
  rebuild,
  type CaseFacts,
  type MonthDoc,
  type ReportEvent,
} from '../../functions/src/domain/reports/monthlyTally.js';
import {
  backlogRanges,
  buildMonthlyReport,
  countReadCost,
  monthsEndingWith,
  type LiveCounts,
} from '../../functions/src/domain/reports/monthlyReport.js';

// ---------------------------------------------------------------------------------------------
// Generators: a case walks the transition table from intake until it ends (or stops midway).

const OFFICERS = [
  { uid: 'u-fo', name: 'Rina', role: 'fo' },
  { uid: 'u-fo2', name: 'Dedi', role: 'fo' },
  { uid: 'u-an', name: 'Andi', role: 'analis' },
  { uid: 'u-an2', name: 'Sari', role: 'analis' },
  { uid: 'u-ko', name: 'Nur', role: 'koordinator' },
  { uid: 'u-kb', name: 'Yusuf', role: 'kabid' },
] as const;
const TYPES = ['kks_hilang', 'pin_terblokir', 'lainnya'];
const RELATIONS = ['kpm', 'ahli_waris', 'kuasa'];
const AREAS: Array<[string, string]> = [
  ['Tarakan Barat', 'Karang Anyar Pantai'],
  ['Tarakan Tengah', 'Sebengkok'],
  ['Tarakan Timur', 'Kampung Enam'],
];

interface GenCase {
  facts: CaseFacts;
  events: ReportEvent[];
}

/** One random case: choices (indices into the rows leaving each state), durations and people. */
const caseArb = (i: number) =>
  fc
    .record({
      // Start: any minute over two years, so months and years (and the WITA midnight) are crossed.
      start: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 11, 31) }),
      choices: fc.array(fc.nat(), { minLength: 1, maxLength: 14 }),
      minutes: fc.array(fc.oneof(fc.double({ min: 0, max: 15, noNaN: true }), fc.double({ min: 0, max: 6000, noNaN: true })), { minLength: 14, maxLength: 14 }),
      gaps: fc.array(fc.integer({ min: 0, max: 60 * 24 * 20 }), { minLength: 14, maxLength: 14 }),
      people: fc.array(fc.nat(), { minLength: 14, maxLength: 14 }),
      uploads: fc.array(fc.nat({ max: 14 }), { maxLength: 3 }),
      type: fc.constantFrom(...TYPES),
      relation: fc.constantFrom(...RELATIONS),
      area: fc.constantFrom(...AREAS),
    })
    .map((r): GenCase => {
      let t = r.start;
      const at = () => new Date(t).toISOString();
      const intakeBy = OFFICERS[0];
      const events: ReportEvent[] = [{ action: 'intake', from: null, to: 'intake', by: intakeBy.uid, byName: intakeBy.name, actedAs: 'fo', at: at() }];
      let state: CaseState = 'intake';
      for (let k = 0; k < r.choices.length; k++) {
        const rows = TRANSITIONS.filter((row) => row.from === state);
        if (rows.length === 0) break;
        const row = rows[r.choices[k]! % rows.length]!;
        const to: CaseState =
          typeof row.to === 'string' ? row.to : (Object.values(row.to)[r.people[k]! % 2] as CaseState);
        const candidates = OFFICERS.filter((o) => (row.roles as readonly string[]).includes(o.role));
        const who = candidates[r.people[k]! % candidates.length]!;
        t += r.gaps[k]! * 60_000;
        const timed: StepState = state === 'awaiting_documents' ? 'submitted' : (state as StepState);
        events.push({
          action: row.action,
          from: state,
          to,
          step: SOP_STEP_NUMBER[timed],
          stepMinutes: r.minutes[k]!,
          stepStandardMinutes: DEFAULT_TIME_STANDARDS[timed],
          stepEnded: row.action !== 'returnToApplicant' && row.action !== 'documentsCompleted',
          by: who.uid,
          byName: who.name,
          actedAs: who.role,
          ...(to === 'closed' ? { note: `Alasan penutupan ${i}` } : {}),
          at: at(),
        });
        state = to;
      }
      // Events that are not transitions (uploads) sit in the history too and must be ignored.
      for (const u of r.uploads) {
        const e = events[Math.min(u, events.length - 1)]!;
        events.push({ action: 'upload', from: e.to, to: e.to, by: 'phone', byName: 'Pemohon', at: e.at });
      }
      return {
        facts: { number: `ADU-2026-${String(i).padStart(6, '0')}`, complaintType: r.type, relation: r.relation, kecamatan: r.area[0], kelurahan: r.area[1] },
        events,
      };
    });

const casesArb = fc.integer({ min: 0, max: 25 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => caseArb(i + 1))));

// ---------------------------------------------------------------------------------------------
// The test's own figures, straight from the cases.

const monthOfUtc = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 7);

/** The bucket scheme written out as its list of upper bounds (up to 20 working days). */
const UPPERS: number[] = [];
for (let u = 1; u <= 60; u++) UPPERS.push(u);
for (let u = 65; u <= 240; u += 5) UPPERS.push(u);
for (let u = 270; u <= 2400; u += 30) UPPERS.push(u);
for (let u = 2880; u <= 2400 + 480 * 20; u += 480) UPPERS.push(u);
const upperOf = (m: number) => UPPERS.find((u) => m <= u)!;

function nearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return upperOf(sorted[Math.ceil(p * sorted.length) - 1]!);
}

interface Oracle {
  received: number;
  completed: number;
  closed: number;
  returned: number;
  byType: Record<string, number>;
  byKelurahan: Record<string, number>;
  closures: Record<string, string>;
  steps: Record<string, number[]>;
  within: Record<string, number>;
  officers: Record<string, Record<string, number[]>>;
}

function oracle(cases: GenCase[]): Map<string, Oracle> {
  const out = new Map<string, Oracle>();
  const get = (m: string) => {
    if (!out.has(m)) out.set(m, { received: 0, completed: 0, closed: 0, returned: 0, byType: {}, byKelurahan: {}, closures: {}, steps: {}, within: {}, officers: {} });
    return out.get(m)!;
  };
  for (const c of cases) {
    for (const e of c.events) {
      // Only intake and the SOP's transitions count; a month with nothing else has no figures.
      if (e.action === 'upload' || e.action === 'documentsCompleted') continue;
      const o = get(monthOfUtc(e.at));
      if (e.action === 'intake') {
        o.received++;
        o.byType[c.facts.complaintType] = (o.byType[c.facts.complaintType] ?? 0) + 1;
        o.byKelurahan[c.facts.kelurahan] = (o.byKelurahan[c.facts.kelurahan] ?? 0) + 1;
      }
      if (e.action === 'recordHandover') o.completed++;
      if (e.action === 'decideNo' && e.to === 'closed') {
        o.closed++;
        o.closures[c.facts.number] = e.note!;
      }
      if (e.action === 'returnToApplicant') o.returned++;
      if (e.action !== 'intake' && e.action !== 'upload' && e.action !== 'returnToApplicant' && e.action !== 'documentsCompleted') {
        const s = String(e.step);
        (o.steps[s] ??= []).push(e.stepMinutes!);
        if (e.stepMinutes! <= e.stepStandardMinutes!) o.within[s] = (o.within[s] ?? 0) + 1;
        ((o.officers[e.by] ??= {})[s] ??= []).push(e.stepMinutes!);
      }
    }
  }
  return out;
}

const noLive: LiveCounts = {
  asOf: '2026-12-01T00:00:00.000Z',
  byState: { intake: 0, submitted: 0, awaiting_documents: 0, verified: 0, drafted: 0, initialled: 0, signed: 0 },
  byAge: { lt1: 0, d1_3: 0, d3_7: 0, d7_30: 0, gt30: 0 },
};

// ---------------------------------------------------------------------------------------------

describe('monthly report aggregate (property)', () => {
  it('incremental (random order, redelivered duplicates) = rebuild = figures counted directly from the cases', () => {
    fc.assert(
      fc.property(
        casesArb.chain((cases) => {
          const all = cases.flatMap((c, ci) => c.events.map((e, ei) => ({ ci, ei, e })));
          // Every event delivered once, some twice or thrice (redelivery), in any order.
          return fc.tuple(
            fc.constant(cases),
            fc.shuffledSubarray(all, { minLength: 0, maxLength: all.length }).chain((dups) =>
              fc.shuffledSubarray([...all, ...dups, ...dups.slice(0, 3)], { minLength: all.length + dups.length + Math.min(3, dups.length), maxLength: all.length + dups.length + Math.min(3, dups.length) }),
            ),
          );
        }),
        ([cases, deliveries]) => {
          // Incremental: the trigger's logic with an in-memory marker set.
          const markers = new Set<string>();
          const incremental = new Map<string, MonthDoc>();
          for (const { ci, ei, e } of deliveries) {
            const d = deltaOf(e, cases[ci]!.facts);
            if (!d) continue;
            const marker = `${ci}_${ei}`;
            if (markers.has(marker)) continue;
            markers.add(marker);
            if (!incremental.has(d.month)) incremental.set(d.month, emptyMonth(d.month));
            applyDelta(incremental.get(d.month)!, d);
          }
          const rebuilt = rebuild(cases);
          expect(sortKeys(Object.fromEntries(incremental))).toEqual(sortKeys(Object.fromEntries(rebuilt)));

          const expected = oracle(cases);
          expect([...rebuilt.keys()].sort()).toEqual([...expected.keys()].sort());
          for (const [month, o] of expected) {
            const r = buildMonthlyReport(month, Object.fromEntries(rebuilt), noLive, { uid: 'x', roles: ['kabid'] });
            expect(r.totals).toEqual({ received: o.received, completed: o.completed, closed: o.closed, returned: o.returned, backlog: 0 });
            for (const row of r.byType) expect(row.count).toBe(o.byType[row.key] ?? 0);
            for (const row of r.byKelurahan) expect(row.count).toBe(o.byKelurahan[row.label]);
            expect(r.byKelurahan.reduce((s, x) => s + x.count, 0)).toBe(o.received);
            expect(r.byKecamatan.reduce((s, x) => s + x.count, 0)).toBe(o.received);
            expect(Object.fromEntries(r.closures.map((c) => [c.number, c.reason]))).toEqual(o.closures);
            for (const s of r.steps) {
              const values = o.steps[s.step] ?? [];
              expect(s.ended).toBe(values.length);
              expect(s.within).toBe(o.within[s.step] ?? 0);
              expect(s.median).toBe(nearestRank(values, 0.5));
              expect(s.p90).toBe(nearestRank(values, 0.9));
            }
            expect(r.officers.map((x) => x.uid).sort()).toEqual(Object.keys(o.officers).sort());
            for (const off of r.officers) {
              for (const s of off.steps) {
                const values = o.officers[off.uid]![s.step]!;
                expect(s.ended).toBe(values.length);
                expect(s.median).toBe(nearestRank(values, 0.5));
                expect(s.p90).toBe(nearestRank(values, 0.9));
              }
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sortKeys(x)]));
  return v;
}

describe('bucket scheme and percentiles', () => {
  it('puts a value in the smallest upper bound at or above it', () => {
    expect([0, 0.2, 1, 1.01, 10, 60, 60.1, 64.9, 65, 240, 240.5, 270, 2400, 2400.1, 2880, 2881].map(bucketOf)).toEqual([
      1, 1, 1, 2, 10, 60, 65, 65, 65, 240, 270, 270, 2400, 2880, 2880, 3360,
    ]);
  });
  it('nearest rank: median of 1..10 minutes is 5, p90 is 9, p of one value is that value', () => {
    const hist: Record<string, number> = {};
    for (let m = 1; m <= 10; m++) hist[String(m)] = 1;
    expect(percentileOf(hist, 0.5)).toBe(5);
    expect(percentileOf(hist, 0.9)).toBe(9);
    expect(percentileOf({ '65': 1 }, 0.9)).toBe(65);
    expect(percentileOf({}, 0.5)).toBeNull();
  });
});

describe('deltas as Firestore merges', () => {
  it('nests the increments and keeps names with spaces as one key', () => {
    const d = deltaOf(
      { action: 'intake', from: null, to: 'intake', by: 'u', byName: 'U', at: '2026-01-31T16:30:00.000Z' },
      { number: 'ADU-2026-000001', complaintType: 'kks_hilang', relation: 'kpm', kecamatan: 'Tarakan Barat', kelurahan: 'Karang Anyar Pantai' },
    )!;
    // 16:30 UTC on 31 January is 00:30 WITA on 1 February.
    expect(d.month).toBe('2026-02');
    expect(deltaAsMergeObject(d, (n) => ({ inc: n }))).toEqual({
      month: '2026-02',
      received: { inc: 1 },
      byType: { kks_hilang: { inc: 1 } },
      byRelation: { kpm: { inc: 1 } },
      byArea: { 'Tarakan Barat': { 'Karang Anyar Pantai': { inc: 1 } } },
    });
  });
  it('ignores events that are not intake or SOP transitions', () => {
    const facts = { number: 'A', complaintType: 'x', relation: 'kpm', kecamatan: 'k', kelurahan: 'l' };
    for (const action of ['upload', 'letterIssued', 'letterVoided', 'rejectDocument']) {
      expect(deltaOf({ action, from: 'signed', to: 'signed', by: 'u', byName: 'U', at: '2026-01-01T00:00:00Z' }, facts)).toBeNull();
    }
  });
});

describe('buildMonthlyReport', () => {
  const doc: Partial<MonthDoc> = {
    received: 3,
    officers: {
      a: { name: 'Rina', steps: { '1': { ended: 2, within: 1, hist: { '5': 1, '20': 1 } } } },
      b: { name: 'Andi', steps: { '3': { ended: 1, within: 1, hist: { '7': 1 } } } },
    },
    steps: { '1': { ended: 2, within: 1, hist: { '5': 1, '20': 1 } }, '3': { ended: 1, within: 1, hist: { '7': 1 } } },
  };
  it('shows every officer to kabid, koordinator and admin; only their own to fo and analis', () => {
    for (const role of ['kabid', 'koordinator', 'admin'] as const) {
      const r = buildMonthlyReport('2026-11', { '2026-11': doc }, noLive, { uid: 'z', roles: [role] });
      expect(r.officers.map((o) => o.uid).sort()).toEqual(['a', 'b']);
      expect(r.officerScope).toBe('all');
    }
    for (const role of ['fo', 'analis'] as const) {
      const r = buildMonthlyReport('2026-11', { '2026-11': doc }, noLive, { uid: 'a', roles: [role] });
      expect(r.officers.map((o) => o.uid)).toEqual(['a']);
      expect(r.officerScope).toBe('own');
      // Office totals stay whole.
      expect(r.stepTotals).toEqual({ ended: 3, within: 2, share: 2 / 3 });
    }
  });
  it('gives twelve months of trend ending with the month, across a year boundary', () => {
    expect(monthsEndingWith('2026-02', 12)).toEqual([
      '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02',
    ]);
    const r = buildMonthlyReport('2026-02', { '2026-02': { received: 4 }, '2025-03': { received: 1 } }, noLive, { uid: 'a', roles: ['fo'] });
    expect(r.trend.map((t) => t.received)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4]);
    expect(r.monthLabel).toBe('Februari 2026');
  });
  it('backlog age ranges: calendar days back from now, contiguous', () => {
    const now = new Date('2026-12-02T00:00:00.000Z');
    expect(backlogRanges(now)).toEqual([
      { key: 'lt1', from: '2026-12-01T00:00:00.000Z' },
      { key: 'd1_3', from: '2026-11-29T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
      { key: 'd3_7', from: '2026-11-25T00:00:00.000Z', to: '2026-11-29T00:00:00.000Z' },
      { key: 'd7_30', from: '2026-11-02T00:00:00.000Z', to: '2026-11-25T00:00:00.000Z' },
      { key: 'gt30', to: '2026-11-02T00:00:00.000Z' },
    ]);
    expect([0, 1, 1000, 1001, 20000].map(countReadCost)).toEqual([1, 1, 1, 2, 20]);
  });
});
