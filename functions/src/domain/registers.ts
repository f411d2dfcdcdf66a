/**
 * The two registers of *Pencatatan dan pendataan*: the complaint register (*buku register
 * pengaduan*, one row per case in `caseRegister/{caseId}`) and the outgoing-letter agenda
 * (*agenda surat keluar*, read from the letter register `letters/{year}-{seq}`).
 *
 * A register row holds no identity: no NIK, KK, phone, email, street address, and no names of
 * applicants or KPM — only the case's number, dates, type, applicant relation, kecamatan and
 * kelurahan, state, outcome, and per SOP step who acted (staff name), when, and the office minutes
 * against the standard.
 *
 * The row is built from the case's facts (fixed at intake) and its hash-chained history entries,
 * one at a time, by `applyHistoryEntry` (the trigger's rule) — idempotent and order-safe:
 *  - state fields (state, outcome, closure reason, finishedAt) follow the transition (an entry whose
 *    `from` differs from its `to`) with the highest `seq`;
 *  - each step's record is the one of the highest `seq` that left that step;
 *  - `officers` is a set (sorted), the staff who took part in intake or a workflow transition;
 * so applying an entry twice, or entries in any order, gives the same row as applying them once in
 * order. Pure: the staff page bundles it (labels, columns).
 */
import { DomainError } from './errors.js';
import { officeIsoDate, OFFICE_UTC_OFFSET_MINUTES } from './indonesianDate.js';
import { HANDOVER_METHOD_LABELS, type HandoverMethod } from './actions/inputs.js';
import {
  APPLICANT_RELATION_LABELS,
  COMPLAINT_TYPE_LABELS,
  EMAIL_STATUS_LABELS,
  REGISTER_STATUS_LABELS,
  STATE_LABELS,
  type ApplicantRelation,
  type CaseState,
  type ComplaintType,
  type EmailStatus,
  type RegisterStatus,
  type Role,
} from './vocabulary.js';

export const CASE_REGISTER = 'caseRegister';
export const STEP_KEYS = ['s1', 's2', 's3', 's4', 's5', 's6'] as const;
export type StepKey = (typeof STEP_KEYS)[number];

/** SOP step names as the register prints them. */
export const STEP_LABELS: Record<StepKey, string> = {
  s1: '1. Penerimaan (Pemohon/FO)',
  s2: '2. Pemeriksaan berkas (FO)',
  s3: '3. Analisis (Analis)',
  s4: '4. Paraf (Koordinator)',
  s5: '5. Tanda tangan (Kabid)',
  s6: '6. Agenda dan penyerahan (FO)',
};

export type Outcome = 'in_progress' | 'completed' | 'closed';
export const OUTCOME_LABELS: Record<Outcome, string> = {
  in_progress: 'Dalam proses',
  completed: 'Selesai',
  closed: 'Ditutup',
};

/** The record of one SOP step: the last action that left it. */
export interface StepRecord {
  seq: number;
  action: string;
  by: string;
  byName: string;
  at: string;
  /** Office minutes spent in the step (pauses excluded). */
  minutes: number;
  standardMinutes: number;
  withinStandard: boolean;
  /** False when the action paused the step (documents returned to the applicant). */
  ended: boolean;
}

/** What a case's row takes from the case document: fixed at intake, no identity. */
export interface CaseFacts {
  caseId: string;
  number: string;
  createdAt: string;
  complaintType: ComplaintType;
  relation: ApplicantRelation;
  kecamatan: string;
  kelurahan: string;
}

/** The register row `caseRegister/{caseId}`. */
export interface RegisterRow extends CaseFacts {
  /** Office-local `YYYY-MM-DD` and `YYYY-MM` of `createdAt`. */
  createdDate: string;
  month: string;
  state: CaseState;
  /** Seq of the history entry the state fields come from. */
  stateSeq: number;
  stateAt: string;
  outcome: Outcome;
  closedReason: string | null;
  /** When the case became completed or closed. */
  finishedAt: string | null;
  letterNumber: string | null;
  letterSeq: number;
  steps: Partial<Record<StepKey, StepRecord>>;
  /** Uids of the staff who took part (sorted, distinct). */
  officers: string[];
  /** Their names, by uid (as recorded on the history). */
  officerNames: Record<string, string>;
  /** Highest seq applied (for information only: the rules above do not depend on it). */
  lastSeq: number;
}

/** The part of a history entry the register reads. */
export interface HistoryRecord {
  seq: number;
  action: string;
  from: CaseState | null;
  to: CaseState | null;
  at: string;
  by: string;
  byName: string;
  note?: string;
  step?: number;
  stepMinutes?: number;
  stepStandardMinutes?: number;
  stepEnded?: boolean;
  letterNumber?: string;
}

/** The workflow actions, whose actors are the case's officers (views, uploads and the system are not). */
const OFFICER_ACTIONS = new Set([
  'intake',
  'submit',
  'verify',
  'returnToApplicant',
  'documentsCompleted',
  'decideYes',
  'decideNo',
  'paraf',
  'requestRevision',
  'sign',
  'recordHandover',
]);

function outcomeOf(state: CaseState): Outcome {
  return state === 'completed' ? 'completed' : state === 'closed' ? 'closed' : 'in_progress';
}

/** A fresh row for a case with no history applied yet. */
export function emptyRow(facts: CaseFacts, offsetMinutes = OFFICE_UTC_OFFSET_MINUTES): RegisterRow {
  const createdDate = officeIsoDate(new Date(facts.createdAt), offsetMinutes);
  return {
    ...facts,
    createdDate,
    month: createdDate.slice(0, 7),
    state: 'intake',
    stateSeq: 0,
    stateAt: facts.createdAt,
    outcome: 'in_progress',
    closedReason: null,
    finishedAt: null,
    letterNumber: null,
    letterSeq: 0,
    steps: {},
    officers: [],
    officerNames: {},
    lastSeq: 0,
  };
}

/**
 * The row after one history entry (a new object; `row` is not changed). See the module comment
 * for why redelivery and reordering are harmless.
 */
export function applyHistoryEntry(row: RegisterRow, e: HistoryRecord): RegisterRow {
  const next: RegisterRow = {
    ...row,
    steps: { ...row.steps },
    officers: [...row.officers],
    officerNames: { ...row.officerNames },
    lastSeq: Math.max(row.lastSeq, e.seq),
  };
  // State fields follow transitions only (an entry that leaves the state as it was, such as the
  // letter being issued or emailed, neither changes the state nor its time).
  if (e.to !== null && e.from !== e.to && e.seq > row.stateSeq) {
    next.state = e.to;
    next.stateSeq = e.seq;
    next.stateAt = e.at;
    next.outcome = outcomeOf(e.to);
    next.finishedAt = next.outcome === 'in_progress' ? null : e.at;
    next.closedReason = e.to === 'closed' ? (e.note ?? null) : null;
  }
  if (typeof e.step === 'number' && e.step >= 1 && e.step <= 6 && typeof e.stepMinutes === 'number') {
    const key = `s${e.step}` as StepKey;
    const prev = row.steps[key];
    if (!prev || e.seq > prev.seq) {
      const standard = e.stepStandardMinutes ?? 0;
      next.steps[key] = {
        seq: e.seq,
        action: e.action,
        by: e.by,
        byName: e.byName,
        at: e.at,
        minutes: Math.round(e.stepMinutes * 10) / 10,
        standardMinutes: standard,
        withinStandard: e.stepMinutes <= standard,
        ended: e.stepEnded !== false,
      };
    }
  }
  if (typeof e.letterNumber === 'string' && e.seq > row.letterSeq && e.action === 'letterIssued') {
    next.letterNumber = e.letterNumber;
    next.letterSeq = e.seq;
  } else if (e.action === 'letterVoided' && e.seq > row.letterSeq) {
    next.letterNumber = null;
    next.letterSeq = e.seq;
  }
  if (OFFICER_ACTIONS.has(e.action) && e.by && e.by !== 'system') {
    if (!next.officers.includes(e.by)) next.officers = [...next.officers, e.by].sort();
    next.officerNames[e.by] = e.byName;
  }
  return next;
}

/** The row of a case from its facts and its history (in any order). */
export function registerRowOf(facts: CaseFacts, entries: readonly HistoryRecord[], offsetMinutes?: number): RegisterRow {
  return entries.reduce(applyHistoryEntry, emptyRow(facts, offsetMinutes));
}

// ---------------------------------------------------------------------------------------------
// Filters

export const REGISTER_KINDS = ['cases', 'letters'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];
export const REGISTER_KIND_LABELS: Record<RegisterKind, string> = {
  cases: 'Buku Register Pengaduan',
  letters: 'Agenda Surat Keluar',
};

export interface RegisterFilters {
  /** Office-local dates `YYYY-MM-DD`, inclusive. */
  from?: string;
  to?: string;
  /** Case state (cases) or letter status (letters). */
  state?: string;
  complaintType?: string;
  kecamatan?: string;
  kelurahan?: string;
  /** Uid of a staff member who acted on the case. */
  officer?: string;
}

/**
 * ISO bounds of an office-local date range: `[from 00:00, to + 1 day 00:00)` in the office's time
 * zone (`fromIso` inclusive, `toIso` exclusive). Missing ends are open.
 */
export function periodBounds(
  f: Pick<RegisterFilters, 'from' | 'to'>,
  offsetMinutes = OFFICE_UTC_OFFSET_MINUTES,
): { fromIso?: string; toIso?: string } {
  const at = (d: string, plusDays: number) =>
    new Date(Date.parse(`${d}T00:00:00.000Z`) + plusDays * 86_400_000 - offsetMinutes * 60_000).toISOString();
  return { ...(f.from ? { fromIso: at(f.from, 0) } : {}), ...(f.to ? { toIso: at(f.to, 1) } : {}) };
}

/** "Periode 1 November 2026 s.d. 30 November 2026; Status: Selesai; …" lines for titles. */
export function describeFilters(
  kind: RegisterKind,
  f: RegisterFilters,
  formatDate: (iso: string) => string,
  officerName?: string,
): string[] {
  const period =
    f.from && f.to
      ? `Periode ${formatDate(f.from)} s.d. ${formatDate(f.to)}`
      : f.from
        ? `Sejak ${formatDate(f.from)}`
        : f.to
          ? `Sampai dengan ${formatDate(f.to)}`
          : 'Seluruh periode';
  const parts: string[] = [];
  if (f.state) {
    parts.push(
      `Status: ${kind === 'cases' ? (STATE_LABELS[f.state as CaseState] ?? f.state) : (REGISTER_STATUS_LABELS[f.state as RegisterStatus] ?? f.state)}`,
    );
  }
  if (f.complaintType) parts.push(`Jenis pengaduan: ${COMPLAINT_TYPE_LABELS[f.complaintType as ComplaintType] ?? f.complaintType}`);
  if (f.kecamatan) parts.push(`Kecamatan: ${f.kecamatan}`);
  if (f.kelurahan) parts.push(`Kelurahan: ${f.kelurahan}`);
  if (f.officer) parts.push(`Petugas: ${officerName ?? f.officer}`);
  return parts.length > 0 ? [period, parts.join('; ')] : [period];
}

// ---------------------------------------------------------------------------------------------
// Who sees what

/** Whose rows a caller may see: all, or only the cases this uid acted on. */
export type RegisterScope = { all: true } | { all: false; uid: string };

/** Roles that see every row of both registers. */
export const REGISTER_SUPERVISORS: readonly Role[] = ['kabid', 'koordinator', 'admin'];

/**
 * The caller's scope: kabid, koordinator and admin see every row; FO and analis see the complaint
 * register rows of the cases they acted on. The agenda surat keluar is the office's register of
 * numbers (kept by the FO, SOP step 6): every active staff member sees it whole — the letter
 * register it reads is readable by all active staff already (firestore.rules), and it adds only
 * the delivery (email status, hand-over method and time). Throws `permission-denied` for a caller
 * with none of the five roles.
 */
export function registerScopeFor(roles: readonly Role[], uid: string, kind: RegisterKind): RegisterScope {
  if (roles.some((r) => REGISTER_SUPERVISORS.includes(r))) return { all: true };
  if (!roles.includes('fo') && !roles.includes('analis')) {
    throw new DomainError('permission-denied', 'Anda tidak memiliki akses ke register.');
  }
  return kind === 'letters' ? { all: true } : { all: false, uid };
}

// ---------------------------------------------------------------------------------------------
// The agenda (outgoing letters)

/** One line of the agenda surat keluar: the register entry and the delivery of the letter. */
export interface AgendaRow {
  id: string;
  number: string;
  year: number;
  sequence: number;
  status: RegisterStatus;
  issuedAt: string;
  createdAt: string;
  caseId: string;
  caseNumber: string;
  complaintType: string;
  signerName: string;
  signerTitle: string;
  /** Why the number was voided or the letter revoked. */
  statusReason: string | null;
  statusAt: string | null;
  email: { status: EmailStatus; at: string } | null;
  handover: { method: HandoverMethod; at: string } | null;
}

/** The letter register entry's fields the agenda reads (never the masked KPM or applicant). */
export interface AgendaEntry {
  number: string;
  year: number;
  sequence: number;
  status: RegisterStatus;
  issuedAt: string;
  createdAt: string;
  caseId: string;
  caseNumber: string;
  complaintType: string;
  signerName: string;
  signerTitle: string;
  revoked?: { reason: string; at: string };
  voided?: { reason: string; at: string };
}

/** The case's delivery of its current letter. */
export interface CaseDelivery {
  letter?: { number?: string; email?: { status: EmailStatus; at: string } } | null;
  handover?: { method: HandoverMethod; at: string } | null;
}

/**
 * The agenda row of a register entry; the delivery is the case's only when the case's current
 * letter is this number (a voided number was never delivered).
 */
export function agendaRowOf(id: string, e: AgendaEntry, kase: CaseDelivery | null): AgendaRow {
  const current = kase?.letter?.number === e.number && e.status !== 'voided' && e.status !== 'numbered';
  const why = e.status === 'voided' ? e.voided : e.status === 'revoked' ? e.revoked : undefined;
  return {
    id,
    number: e.number,
    year: e.year,
    sequence: e.sequence,
    status: e.status,
    issuedAt: e.issuedAt,
    createdAt: e.createdAt,
    caseId: e.caseId,
    caseNumber: e.caseNumber,
    complaintType: e.complaintType,
    signerName: e.signerName,
    signerTitle: e.signerTitle,
    statusReason: why?.reason ?? null,
    statusAt: why?.at ?? null,
    email: current && kase?.letter?.email ? { status: kase.letter.email.status, at: kase.letter.email.at } : null,
    handover: current && kase?.handover ? { method: kase.handover.method, at: kase.handover.at } : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Columns of the exports (XLSX/CSV all of them; the PDF a compact set)

export type ColumnKind = 'text' | 'number' | 'integer' | 'date' | 'datetime';
export interface RegisterColumn<R> {
  header: string;
  type: ColumnKind;
  width: number;
  value: (r: R, i: number) => string | number | null;
}

const label = <K extends string>(labels: Record<K, string>, k: string | null | undefined) =>
  k === null || k === undefined ? '' : (labels[k as K] ?? k);

function stepColumns(key: StepKey): RegisterColumn<RegisterRow>[] {
  const n = key.slice(1);
  return [
    { header: `Petugas langkah ${n}`, type: 'text', width: 22, value: (r) => r.steps[key]?.byName ?? null },
    { header: `Waktu langkah ${n}`, type: 'datetime', width: 17, value: (r) => r.steps[key]?.at ?? null },
    { header: `Menit kerja langkah ${n}`, type: 'number', width: 11, value: (r) => r.steps[key]?.minutes ?? null },
    { header: `Standar langkah ${n} (menit)`, type: 'integer', width: 11, value: (r) => r.steps[key]?.standardMinutes ?? null },
  ];
}

export const CASE_REGISTER_COLUMNS: RegisterColumn<RegisterRow>[] = [
  { header: 'No.', type: 'integer', width: 7, value: (_, i) => i + 1 },
  { header: 'Nomor pengaduan', type: 'text', width: 18, value: (r) => r.number },
  { header: 'Tanggal diterima', type: 'datetime', width: 17, value: (r) => r.createdAt },
  { header: 'Hubungan pemohon', type: 'text', width: 16, value: (r) => label(APPLICANT_RELATION_LABELS, r.relation) },
  { header: 'Jenis pengaduan', type: 'text', width: 22, value: (r) => label(COMPLAINT_TYPE_LABELS, r.complaintType) },
  { header: 'Kecamatan', type: 'text', width: 16, value: (r) => r.kecamatan },
  { header: 'Kelurahan', type: 'text', width: 18, value: (r) => r.kelurahan },
  { header: 'Status', type: 'text', width: 18, value: (r) => label(STATE_LABELS, r.state) },
  { header: 'Hasil', type: 'text', width: 13, value: (r) => OUTCOME_LABELS[r.outcome] },
  { header: 'Alasan penutupan', type: 'text', width: 30, value: (r) => r.closedReason },
  { header: 'Waktu selesai/ditutup', type: 'datetime', width: 17, value: (r) => r.finishedAt },
  { header: 'Nomor surat', type: 'text', width: 24, value: (r) => r.letterNumber },
  ...STEP_KEYS.flatMap(stepColumns),
];

/** "Ani Rahma, 03/11 09.12, 7,5/10 mnt" */
export function stepSummary(s: StepRecord | undefined, offsetMinutes = OFFICE_UTC_OFFSET_MINUTES): string {
  if (!s) return '—';
  const local = new Date(Date.parse(s.at) + offsetMinutes * 60_000).toISOString();
  const when = `${local.slice(8, 10)}/${local.slice(5, 7)} ${local.slice(11, 13)}.${local.slice(14, 16)}`;
  const minutes = String(s.minutes).replace('.', ',');
  return `${s.byName}, ${when}, ${minutes}/${s.standardMinutes} mnt${s.withinStandard ? '' : ' (lewat)'}${s.ended ? '' : ' (jeda)'}`;
}

/** The PDF's columns: fewer, wider; the six steps in one column each. */
export const CASE_REGISTER_PDF_COLUMNS: RegisterColumn<RegisterRow>[] = [
  { header: 'No.', type: 'integer', width: 22, value: (_, i) => i + 1 },
  { header: 'Nomor / tanggal', type: 'text', width: 70, value: (r) => `${r.number}\n${localDateTime(r.createdAt)}` },
  { header: 'Pemohon / jenis', type: 'text', width: 70, value: (r) => `${label(APPLICANT_RELATION_LABELS, r.relation)}\n${label(COMPLAINT_TYPE_LABELS, r.complaintType)}` },
  { header: 'Kecamatan / kelurahan', type: 'text', width: 62, value: (r) => `${r.kecamatan}\n${r.kelurahan}` },
  {
    header: 'Status / hasil',
    type: 'text',
    width: 70,
    value: (r) => `${label(STATE_LABELS, r.state)}\n${OUTCOME_LABELS[r.outcome]}${r.closedReason ? `: ${r.closedReason}` : ''}`,
  },
  ...STEP_KEYS.map(
    (k): RegisterColumn<RegisterRow> => ({ header: STEP_LABELS[k], type: 'text', width: 70, value: (r) => stepSummary(r.steps[k]) }),
  ),
];

/** "03/11/2026 09.12" in office time. */
export function localDateTime(iso: string | null | undefined, offsetMinutes = OFFICE_UTC_OFFSET_MINUTES): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const l = new Date(t + offsetMinutes * 60_000).toISOString();
  return `${l.slice(8, 10)}/${l.slice(5, 7)}/${l.slice(0, 4)} ${l.slice(11, 13)}.${l.slice(14, 16)}`;
}

export function deliveryText(r: AgendaRow): string {
  const parts: string[] = [];
  if (r.email) parts.push(`Email: ${label(EMAIL_STATUS_LABELS, r.email.status)} (${localDateTime(r.email.at)})`);
  if (r.handover) parts.push(`${label(HANDOVER_METHOD_LABELS, r.handover.method)} (${localDateTime(r.handover.at)})`);
  return parts.join('; ');
}

export const AGENDA_COLUMNS: RegisterColumn<AgendaRow>[] = [
  { header: 'No. urut', type: 'integer', width: 9, value: (r) => r.sequence },
  { header: 'Nomor surat', type: 'text', width: 26, value: (r) => r.number },
  { header: 'Tanggal surat', type: 'datetime', width: 17, value: (r) => r.issuedAt },
  { header: 'Status', type: 'text', width: 20, value: (r) => label(REGISTER_STATUS_LABELS, r.status) },
  { header: 'Alasan pembatalan/pencabutan', type: 'text', width: 30, value: (r) => r.statusReason },
  { header: 'Nomor pengaduan', type: 'text', width: 18, value: (r) => r.caseNumber },
  { header: 'Jenis pengaduan', type: 'text', width: 22, value: (r) => label(COMPLAINT_TYPE_LABELS, r.complaintType) },
  { header: 'Penanda tangan', type: 'text', width: 24, value: (r) => r.signerName },
  { header: 'Jabatan penanda tangan', type: 'text', width: 24, value: (r) => r.signerTitle },
  { header: 'Status email', type: 'text', width: 22, value: (r) => (r.email ? label(EMAIL_STATUS_LABELS, r.email.status) : null) },
  { header: 'Waktu email', type: 'datetime', width: 17, value: (r) => r.email?.at ?? null },
  { header: 'Cara penyerahan', type: 'text', width: 22, value: (r) => (r.handover ? label(HANDOVER_METHOD_LABELS, r.handover.method) : null) },
  { header: 'Waktu penyerahan', type: 'datetime', width: 17, value: (r) => r.handover?.at ?? null },
];

export const AGENDA_PDF_COLUMNS: RegisterColumn<AgendaRow>[] = [
  { header: 'No. urut', type: 'integer', width: 34, value: (r) => r.sequence },
  { header: 'Nomor surat', type: 'text', width: 120, value: (r) => r.number },
  { header: 'Tanggal', type: 'text', width: 70, value: (r) => localDateTime(r.issuedAt) },
  {
    header: 'Status',
    type: 'text',
    width: 110,
    value: (r) => `${label(REGISTER_STATUS_LABELS, r.status)}${r.statusReason ? `: ${r.statusReason}` : ''}`,
  },
  { header: 'Nomor pengaduan', type: 'text', width: 80, value: (r) => r.caseNumber },
  { header: 'Penanda tangan', type: 'text', width: 110, value: (r) => r.signerName },
  { header: 'Pengiriman / penyerahan', type: 'text', width: 0, value: (r) => deliveryText(r) || '—' },
];
