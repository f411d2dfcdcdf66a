/**
 * What the monthly report page and its PDF/XLSX show, built from the stored month documents (the
 * chosen month and the eleven before it) and live counts of the open cases. Pure: the callable
 * builds it on the server, the page only renders it.
 */
import {
  APPLICANT_RELATION_LABELS,
  COMPLAINT_TYPE_LABELS,
  KECAMATAN_TARAKAN,
  STATE_LABELS,
  type CaseState,
  type Role,
} from '../vocabulary.js';
import { namaBulan } from '../indonesianDate.js';
import { normaliseMonth, percentileOf, SOP_STEPS, type MonthDoc, type StepKey, type StepTally } from './monthlyTally.js';

/** The states of a case that is still open (the backlog). */
export const OPEN_STATES = ['intake', 'submitted', 'awaiting_documents', 'verified', 'drafted', 'initialled', 'signed'] as const satisfies readonly CaseState[];
export type OpenState = (typeof OPEN_STATES)[number];

/** The SOP's six steps, as the report names them. */
export const STEP_LABELS: Record<StepKey, string> = {
  '1': '1. Penerimaan pengaduan',
  '2': '2. Pemeriksaan dokumen (FO)',
  '3': '3. Analisis dan draf surat',
  '4': '4. Paraf Koordinator',
  '5': '5. Tanda tangan Kabid',
  '6': '6. Registrasi dan penyerahan',
};

/**
 * Backlog by age: calendar days (24-hour periods, not office days) since the case was received,
 * counted now. Lower bound inclusive, upper exclusive, in days.
 */
export const BACKLOG_AGES = [
  { key: 'lt1', label: '< 1 hari', fromDays: 0, toDays: 1 },
  { key: 'd1_3', label: '1–3 hari', fromDays: 1, toDays: 3 },
  { key: 'd3_7', label: '3–7 hari', fromDays: 3, toDays: 7 },
  { key: 'd7_30', label: '7–30 hari', fromDays: 7, toDays: 30 },
  { key: 'gt30', label: '> 30 hari', fromDays: 30, toDays: null },
] as const;
export type BacklogAgeKey = (typeof BACKLOG_AGES)[number]['key'];

/**
 * The `createdAt` range (ISO strings, as stored on the inbox rows) of each age bucket at `now`:
 * `from` inclusive lower bound of createdAt (absent: no bound), `to` exclusive upper bound.
 */
export function backlogRanges(now: Date): Array<{ key: BacklogAgeKey; from?: string; to?: string }> {
  const ago = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  return BACKLOG_AGES.map((b) => ({
    key: b.key,
    ...(b.toDays !== null ? { from: ago(b.toDays) } : {}),
    ...(b.fromDays > 0 ? { to: ago(b.fromDays) } : {}),
  }));
}

/** What a count() aggregation costs in document reads: one per 1,000 entries matched, at least one. */
export const countReadCost = (n: number): number => Math.max(1, Math.ceil(n / 1000));

/** The open cases now: by state and by age. */
export interface LiveCounts {
  asOf: string;
  byState: Record<OpenState, number>;
  byAge: Record<BacklogAgeKey, number>;
}

/** `YYYY-MM` of the `n` months ending with `month` (oldest first). */
export function monthsEndingWith(month: string, n: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const t = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

export const isMonthKey = (s: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

/** 'Desember 2026' */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${namaBulan(m)} ${y}`;
}

export interface StepFigures {
  step: StepKey;
  label: string;
  standard: number | null;
  ended: number;
  within: number;
  /** within / ended, 0..1; null when no step ended. */
  share: number | null;
  /** Nearest-rank median and 90th percentile, office minutes, as the bucket's upper bound. */
  median: number | null;
  p90: number | null;
}

export interface OfficerFigures {
  uid: string;
  name: string;
  ended: number;
  within: number;
  share: number | null;
  steps: StepFigures[];
}

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

export interface MonthlyReport {
  month: string;
  monthLabel: string;
  totals: { received: number; completed: number; closed: number; returned: number; backlog: number };
  closures: Array<{ number: string; reason: string }>;
  byType: CountRow[];
  byRelation: CountRow[];
  byKecamatan: CountRow[];
  byKelurahan: Array<CountRow & { kecamatan: string }>;
  steps: StepFigures[];
  /** All steps of the month together. */
  stepTotals: { ended: number; within: number; share: number | null };
  /** 'all' for kabid, koordinator and admin; 'own' for fo and analis (their own row only). */
  officerScope: 'all' | 'own';
  officers: OfficerFigures[];
  trend: Array<{ month: string; label: string; received: number; completed: number; closed: number; ended: number; within: number; share: number | null }>;
  backlog: {
    asOf: string;
    byAge: CountRow[];
    byState: CountRow[];
    total: number;
  };
}

export interface Viewer {
  uid: string;
  roles: readonly Role[];
}

/** The roles that see every officer's figures. */
export const ALL_OFFICERS_ROLES: readonly Role[] = ['kabid', 'koordinator', 'admin'];

const share = (within: number, ended: number): number | null => (ended > 0 ? within / ended : null);

function stepFigures(step: StepKey, t: StepTally | undefined): StepFigures {
  const ended = t?.ended ?? 0;
  const within = t?.within ?? 0;
  return {
    step,
    label: STEP_LABELS[step],
    standard: t?.standard ?? null,
    ended,
    within,
    share: share(within, ended),
    median: t ? percentileOf(t.hist ?? {}, 0.5) : null,
    p90: t ? percentileOf(t.hist ?? {}, 0.9) : null,
  };
}

const byCountThenLabel = (a: CountRow, b: CountRow) => b.count - a.count || a.label.localeCompare(b.label, 'id');

function sumSteps(steps: MonthDoc['steps']): { ended: number; within: number } {
  let ended = 0;
  let within = 0;
  for (const s of SOP_STEPS) {
    ended += steps[s]?.ended ?? 0;
    within += steps[s]?.within ?? 0;
  }
  return { ended, within };
}

/**
 * The report of `month`. `monthDocs` holds the stored documents of that month and of the eleven
 * before it (missing months count as empty); `live` the open cases now; `viewer` decides whose
 * officer figures are shown.
 */
export function buildMonthlyReport(
  month: string,
  monthDocs: Readonly<Record<string, Partial<MonthDoc> | null | undefined>>,
  live: LiveCounts,
  viewer: Viewer,
): MonthlyReport {
  const doc = normaliseMonth(month, monthDocs[month]);
  const steps = SOP_STEPS.map((s) => stepFigures(s, doc.steps[s]));
  const totalsOfSteps = sumSteps(doc.steps);

  const allOfficers = viewer.roles.some((r) => ALL_OFFICERS_ROLES.includes(r));
  const officers = Object.entries(doc.officers)
    .filter(([uid]) => allOfficers || uid === viewer.uid)
    .map(([uid, o]) => {
      const t = sumSteps(o.steps ?? {});
      return {
        uid,
        name: o.name ?? uid,
        ended: t.ended,
        within: t.within,
        share: share(t.within, t.ended),
        steps: SOP_STEPS.map((s) => stepFigures(s, o.steps?.[s])).filter((s) => s.ended > 0),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'id'));

  const byKelurahan: Array<CountRow & { kecamatan: string }> = [];
  const byKecamatan: CountRow[] = [];
  for (const [kec, kels] of Object.entries(doc.byArea)) {
    let n = 0;
    for (const [kel, c] of Object.entries(kels ?? {})) {
      n += c;
      byKelurahan.push({ key: `${kec}/${kel}`, label: kel, kecamatan: kec, count: c });
    }
    byKecamatan.push({ key: kec, label: kec, count: n });
  }
  // Kecamatan of Tarakan with nothing this month still get their row (zero), in the table's order.
  for (const kec of Object.keys(KECAMATAN_TARAKAN)) {
    if (!byKecamatan.some((r) => r.key === kec)) byKecamatan.push({ key: kec, label: kec, count: 0 });
  }

  const backlogByState = OPEN_STATES.map((s) => ({ key: s, label: STATE_LABELS[s], count: live.byState[s] ?? 0 }));
  const backlogTotal = backlogByState.reduce((s, r) => s + r.count, 0);

  return {
    month,
    monthLabel: monthLabel(month),
    totals: { received: doc.received, completed: doc.completed, closed: doc.closed, returned: doc.returned, backlog: backlogTotal },
    closures: Object.entries(doc.closures)
      .map(([number, reason]) => ({ number, reason }))
      .sort((a, b) => a.number.localeCompare(b.number)),
    byType: Object.entries(COMPLAINT_TYPE_LABELS)
      .map(([k, label]) => ({ key: k, label, count: doc.byType[k] ?? 0 }))
      .concat(
        Object.entries(doc.byType)
          .filter(([k]) => !(k in COMPLAINT_TYPE_LABELS))
          .map(([k, n]) => ({ key: k, label: k, count: n })),
      ),
    byRelation: Object.entries(APPLICANT_RELATION_LABELS)
      .map(([k, label]) => ({ key: k, label, count: doc.byRelation[k] ?? 0 }))
      .concat(
        Object.entries(doc.byRelation)
          .filter(([k]) => !(k in APPLICANT_RELATION_LABELS))
          .map(([k, n]) => ({ key: k, label: k, count: n })),
      ),
    byKecamatan: byKecamatan.sort(byCountThenLabel),
    byKelurahan: byKelurahan.sort(byCountThenLabel),
    steps,
    stepTotals: { ...totalsOfSteps, share: share(totalsOfSteps.within, totalsOfSteps.ended) },
    officerScope: allOfficers ? 'all' : 'own',
    officers,
    trend: monthsEndingWith(month, 12).map((m) => {
      const d = normaliseMonth(m, monthDocs[m]);
      const t = sumSteps(d.steps);
      return { month: m, label: monthLabel(m), received: d.received, completed: d.completed, closed: d.closed, ...t, share: share(t.within, t.ended) };
    }),
    backlog: {
      asOf: live.asOf,
      byAge: BACKLOG_AGES.map((b) => ({ key: b.key, label: b.label, count: live.byAge[b.key] ?? 0 })),
      byState: backlogByState,
      total: backlogTotal,
    },
  };
}

