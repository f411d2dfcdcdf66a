/**
 * The case workflow of the SOP as data plus one pure decision function.
 *
 * `TRANSITIONS` is the state table (who may take which action from which state, to which state);
 * `planTransition` checks a request against it and against the step's guards and returns what to
 * write (a patch and a history entry) without writing anything. The Firebase shell reads the case
 * in a transaction, calls `assertVersion` and `planTransition`, and writes the result.
 *
 * All instants stored on a case are ISO-8601 strings in UTC (`Date#toISOString()`).
 * No Firebase and no Node-only imports: the staff page bundles this module.
 */
import { DomainError } from './errors.js';
import {
  COMPLAINT_TYPES,
  APPLICANT_RELATIONS,
  DOCUMENT_KINDS,
  DOCUMENT_LABELS,
  KECAMATAN_TARAKAN,
  ROLE_LABELS,
  STATE_LABELS,
  type ApplicantRelation,
  type CaseState,
  type ComplaintType,
  type DocumentKind,
  type Role,
} from './vocabulary.js';
import { requiredDocuments, warningsFor, type WarningKey } from './documents.js';
import {
  validateEmail,
  validateKkNumber,
  validateKksNumber,
  validateNik,
  validatePhone,
} from './identifiers.js';
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

// ---------------------------------------------------------------------------------------------
// Vocabulary of actions and payloads

export const ACTIONS = [
  'submit',
  'returnToApplicant',
  'documentsCompleted',
  'verify',
  'decideYes',
  'decideNo',
  'paraf',
  'requestRevision',
  'sign',
  'recordHandover',
] as const;
export type ActionName = (typeof ACTIONS)[number];

export const ACTION_LABELS: Record<ActionName, string> = {
  submit: 'Ajukan',
  returnToApplicant: 'Kembalikan ke pemohon',
  documentsCompleted: 'Dokumen telah dilengkapi',
  verify: 'Verifikasi dokumen',
  decideYes: 'Keputusan: Ya',
  decideNo: 'Keputusan: Tidak',
  paraf: 'Paraf',
  requestRevision: 'Kembalikan untuk perbaikan',
  sign: 'Tanda tangani',
  recordHandover: 'Catat penyerahan surat',
};

export const ASSISTANCE_TYPES = ['sembako', 'bpnt', 'pkh', 'lainnya'] as const;
export type AssistanceType = (typeof ASSISTANCE_TYPES)[number];
export const ASSISTANCE_TYPE_LABELS: Record<AssistanceType, string> = {
  sembako: 'Program Sembako',
  bpnt: 'Bantuan Pangan Non Tunai (BPNT)',
  pkh: 'Program Keluarga Harapan (PKH)',
  lainnya: 'Bantuan lainnya',
};

/** Where a "Tidak" decision sends the case: back to the FO, or closed as not resolvable. */
export const DECIDE_NO_DESTINATIONS = ['fo', 'close'] as const;
export type DecideNoDestination = (typeof DECIDE_NO_DESTINATIONS)[number];

export const HANDOVER_METHODS = ['langsung', 'email'] as const;
export type HandoverMethod = (typeof HANDOVER_METHODS)[number];
export const HANDOVER_METHOD_LABELS: Record<HandoverMethod, string> = {
  langsung: 'Diserahkan langsung',
  email: 'Dikirim melalui email',
};

export interface DocumentCheckInput {
  kind: DocumentKind;
  ok: boolean;
  note?: string;
}

export interface SiksNgUpdate {
  /** Whether the KPM's record was updated in SIKS-NG. */
  done: boolean;
  /** Reference of the update in SIKS-NG (required when `done`). */
  reference: string;
  /** Required when not `done`: why no update was needed. */
  note?: string;
}

/** The texts of the draft letter written by the analyst. */
export interface LetterDraft {
  /** What the complaint is about, as the letter states it. */
  summary: string;
  /** What the office resolved / states (the body of the Surat Keterangan). */
  outcome: string;
}

/** A request to move a case: discriminated by `action`, with that action's payload. */
export type ActionInput =
  | {
      action: 'submit';
      /** When given: the full checklist state (kinds present); replaces the stored flags. */
      present?: readonly DocumentKind[];
    }
  | { action: 'returnToApplicant'; reason: string; missing: readonly DocumentKind[] }
  | {
      action: 'documentsCompleted';
      /** Kinds the applicant has now brought (marked present, their old check cleared). */
      received: readonly DocumentKind[];
      note?: string;
    }
  | { action: 'verify'; checks: readonly DocumentCheckInput[] }
  | {
      action: 'decideYes';
      assistanceType: AssistanceType;
      problem: string;
      solution: string;
      siksNgUpdate: SiksNgUpdate;
      kpmEducated: true;
      draft: LetterDraft;
    }
  | { action: 'decideNo'; reason: string; destination: DecideNoDestination }
  | { action: 'paraf' }
  | { action: 'requestRevision'; note: string }
  | { action: 'sign' }
  | { action: 'recordHandover'; method: HandoverMethod; receivedBy: string; note?: string };

export type ActionInputOf<A extends ActionName> = Extract<ActionInput, { action: A }>;

// ---------------------------------------------------------------------------------------------
// The case as the domain sees it

export interface Address {
  kecamatan: string;
  kelurahan: string;
  street: string;
}

export interface Applicant {
  name: string;
  nik: string;
  /** Canonical `+628…`. */
  phone: string;
  email?: string;
  address: Address;
}

export interface Kpm {
  name: string;
  nik: string;
  kkNumber: string;
  kksNumber?: string;
}

export interface DocumentCheck {
  ok: boolean;
  note?: string;
  by: string;
  at: string;
}

/** One line of the checklist: brought (photocopy present) and, once verified, the FO's check. */
export interface CaseDocument {
  present: boolean;
  check: DocumentCheck | null;
}

/** Every document kind has an entry (required or not). */
export type DocumentChecklist = Record<DocumentKind, CaseDocument>;

export interface Analysis {
  assistanceType: AssistanceType;
  problem: string;
  solution: string;
  siksNgUpdate: SiksNgUpdate;
  kpmEducated: true;
  draft: LetterDraft;
  by: string;
  byName: string;
  at: string;
}

/** Who initialled or signed, and when. */
export interface Signoff {
  uid: string;
  name: string;
  nip?: string;
  at: string;
}

/** Why the case was last sent back (shown to whoever must act next); cleared when addressed. */
export interface SentBack {
  action: 'returnToApplicant' | 'decideNo' | 'requestRevision';
  reason: string;
  missing?: DocumentKind[];
  by: string;
  byName: string;
  at: string;
}

export interface Closure {
  reason: string;
  by: string;
  byName: string;
  at: string;
}

/** `pending` is set by `sign`; the letter trigger owns every later state. */
export type LetterStatus = 'pending' | 'rendering' | 'rendered' | 'failed';

export interface LetterState {
  status: LetterStatus;
  number?: string;
  storagePath?: string;
  sha256?: string;
  renderedAt?: string;
  error?: string;
}

export interface Handover {
  method: HandoverMethod;
  receivedBy: string;
  note?: string;
  by: string;
  byName: string;
  at: string;
}

/** The Firestore case document as the domain sees it (instants are ISO UTC strings). */
export interface CaseSnapshot {
  id: string;
  /** `ADU-YYYY-NNNNNN` (see caseNumber.ts). */
  number: string;
  state: CaseState;
  /** Incremented by every transition; starts at 1 when the case is created. */
  version: number;
  complaintType: ComplaintType;
  /** Free text of the complaint (required for `lainnya`). */
  complaintDetail: string;
  relation: ApplicantRelation;
  applicant: Applicant;
  kpm: Kpm;
  documents: DocumentChecklist;
  /** SOP warnings that apply to this case (shown and printed on the letter). */
  sopWarnings: WarningKey[];
  /** Non-blocking remarks about identifiers (e.g. a KKS number failing the Luhn check). */
  identifierWarnings: string[];
  analysis?: Analysis | null;
  sentBack?: SentBack | null;
  closure?: Closure | null;
  paraf?: Signoff | null;
  signature?: Signoff | null;
  letter?: LetterState | null;
  handover?: Handover | null;
  clock: CaseClock;
  createdAt: string;
  createdBy: string;
  createdByName: string;
  updatedAt: string;
  updatedBy: string;
}

/** A case as built at intake, before the shell assigns its id and number. */
export type NewCase = Omit<CaseSnapshot, 'id' | 'number'>;

/** Fields a transition writes; `null` means "remove/clear the field". */
export type CasePatch = Partial<
  Omit<CaseSnapshot, 'id' | 'number' | 'createdAt' | 'createdBy' | 'createdByName'>
>;

export interface Actor {
  uid: string;
  /** Display name (recorded on paraf, signature and history). */
  name: string;
  roles: readonly Role[];
  /** NIP of the signer, recorded on the signature when known. */
  nip?: string;
}

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
  patch: CasePatch;
  history: HistoryEntry;
}

// ---------------------------------------------------------------------------------------------
// The state table

/**
 * One row of the state table. `to` is a state, or — for `decideNo` — a map from the payload's
 * `destination` to the state.
 */
export interface Transition {
  action: ActionName;
  from: CaseState;
  to: CaseState | Readonly<Record<DecideNoDestination, CaseState>>;
  roles: readonly Role[];
}

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

/** The states a transition may lead to (one, or both destinations of `decideNo`). */
export function targetsOf(t: Transition): CaseState[] {
  return typeof t.to === 'string' ? [t.to] : [...new Set(Object.values(t.to))];
}

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

// ---------------------------------------------------------------------------------------------
// Helpers

const listLabels = (kinds: readonly DocumentKind[]): string =>
  kinds.map((k) => DOCUMENT_LABELS[k]).join(', ');

function requireText(value: unknown, label: string): string {
  const v = typeof value === 'string' ? value.trim() : '';
  if (!v) throw new DomainError('invalid-argument', `${label} wajib diisi.`, { field: label });
  return v;
}

function optionalText(value: unknown): string | undefined {
  const v = typeof value === 'string' ? value.trim() : '';
  return v ? v : undefined;
}

function requireKinds(value: unknown, label: string): DocumentKind[] {
  if (!Array.isArray(value))
    throw new DomainError('invalid-argument', `${label} harus berupa daftar dokumen.`);
  const out: DocumentKind[] = [];
  for (const k of value) {
    if (!(DOCUMENT_KINDS as readonly unknown[]).includes(k)) {
      throw new DomainError('invalid-argument', `${label}: jenis dokumen tidak dikenal (${String(k)}).`);
    }
    if (!out.includes(k as DocumentKind)) out.push(k as DocumentKind);
  }
  return out;
}

/** A checklist with every kind absent and unchecked. */
export function emptyChecklist(): DocumentChecklist {
  return Object.fromEntries(
    DOCUMENT_KINDS.map((k) => [k, { present: false, check: null }]),
  ) as DocumentChecklist;
}

function copyChecklist(docs: Partial<DocumentChecklist> | undefined): DocumentChecklist {
  const out = emptyChecklist();
  for (const k of DOCUMENT_KINDS) {
    const d = docs?.[k];
    if (d) out[k] = { present: d.present === true, check: d.check ? { ...d.check } : null };
  }
  return out;
}

/** Required documents of the case (from settings) that are not marked present. */
export function missingDocuments(
  kase: Pick<CaseSnapshot, 'complaintType' | 'relation' | 'documents'>,
  settings: Pick<OfficeSettings, 'requiredDocuments'>,
): DocumentKind[] {
  return requiredDocuments(kase.complaintType, kase.relation, settings).filter(
    (k) => !kase.documents[k]?.present,
  );
}

const signoff = (actor: Actor, now: Date): Signoff => ({
  uid: actor.uid,
  name: actor.name,
  ...(actor.nip ? { nip: actor.nip } : {}),
  at: now.toISOString(),
});

// ---------------------------------------------------------------------------------------------
// planTransition

/**
 * Decides one transition. Guarantees, in this order:
 *  1. `invalid-argument` if `action.action` is not a known action;
 *  2. `permission-denied` if none of the actor's roles may take this action from any state;
 *  3. `failed-precondition` if the action does not leave the case's current state;
 *  4. `permission-denied` if it does, but only for another role (e.g. a Koordinator revising an
 *     initialled draft, which is the Kabid's);
 *  5. `invalid-argument` for a bad payload; `failed-precondition` (Indonesian message naming what
 *     is missing) when a guard of the step fails;
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
  if (!(ACTIONS as readonly string[]).includes(action)) {
    throw new DomainError('invalid-argument', `Tindakan tidak dikenal: ${String(action)}.`);
  }
  const label = ACTION_LABELS[action];
  const everAllowed = rolesFor(action);
  if (!everAllowed.some((r) => actor.roles.includes(r))) {
    throw new DomainError(
      'permission-denied',
      `Peran Anda tidak berwenang melakukan tindakan "${label}" (hanya ${everAllowed.map((r) => ROLE_LABELS[r]).join(', ')}).`,
    );
  }
  const from = kase.state;
  const row = TRANSITIONS.find((t) => t.action === action && t.from === from);
  if (!row) {
    throw new DomainError(
      'failed-precondition',
      `Tindakan "${label}" tidak dapat dilakukan pada pengaduan berstatus "${STATE_LABELS[from]}".`,
      { state: from, action },
    );
  }
  const actedAs = row.roles.find((r) => actor.roles.includes(r));
  if (!actedAs) {
    throw new DomainError(
      'permission-denied',
      `Tindakan "${label}" pada status "${STATE_LABELS[from]}" hanya dapat dilakukan oleh ${row.roles.map((r) => ROLE_LABELS[r]).join(', ')}.`,
    );
  }

  const at = now.toISOString();
  const patch: CasePatch = {};
  let to: CaseState;
  let note: string | undefined;

  switch (input.action) {
    case 'submit': {
      const docs = copyChecklist(kase.documents);
      if (input.present !== undefined) {
        const present = requireKinds(input.present, 'Checklist dokumen');
        for (const k of DOCUMENT_KINDS) {
          const isPresent = present.includes(k);
          if (docs[k].present !== isPresent) docs[k] = { present: isPresent, check: null };
        }
        patch.documents = docs;
      }
      const missing = missingDocuments({ ...kase, documents: docs }, settings);
      if (missing.length > 0) {
        throw new DomainError(
          'failed-precondition',
          `Checklist dokumen belum lengkap: ${listLabels(missing)}.`,
          {
            missing,
          },
        );
      }
      to = row.to as CaseState;
      break;
    }
    case 'returnToApplicant': {
      const reason = requireText(input.reason, 'Alasan pengembalian');
      const missing = requireKinds(input.missing, 'Dokumen yang kurang');
      if (missing.length === 0) {
        throw new DomainError(
          'invalid-argument',
          'Sebutkan sedikitnya satu dokumen yang harus dilengkapi pemohon.',
        );
      }
      const docs = copyChecklist(kase.documents);
      for (const k of missing) docs[k] = { present: false, check: null };
      patch.documents = docs;
      patch.sentBack = {
        action: 'returnToApplicant',
        reason,
        missing,
        by: actor.uid,
        byName: actor.name,
        at,
      };
      note = reason;
      to = row.to as CaseState;
      break;
    }
    case 'documentsCompleted': {
      const received = requireKinds(input.received, 'Dokumen yang diterima');
      const docs = copyChecklist(kase.documents);
      for (const k of received) docs[k] = { present: true, check: null };
      const missing = missingDocuments({ ...kase, documents: docs }, settings);
      if (missing.length > 0) {
        throw new DomainError('failed-precondition', `Dokumen masih belum lengkap: ${listLabels(missing)}.`, {
          missing,
        });
      }
      patch.documents = docs;
      patch.sentBack = null;
      note = optionalText(input.note);
      to = row.to as CaseState;
      break;
    }
    case 'verify': {
      const rawChecks: unknown = input.checks;
      if (!Array.isArray(rawChecks)) {
        throw new DomainError('invalid-argument', 'Hasil pemeriksaan dokumen harus berupa daftar.');
      }
      const checks: readonly DocumentCheckInput[] = input.checks;
      const docs = copyChecklist(kase.documents);
      const seen = new Set<DocumentKind>();
      for (const c of checks) {
        if (!(DOCUMENT_KINDS as readonly unknown[]).includes(c.kind)) {
          throw new DomainError('invalid-argument', `Jenis dokumen tidak dikenal: ${String(c.kind)}.`);
        }
        if (seen.has(c.kind)) {
          throw new DomainError(
            'invalid-argument',
            `${DOCUMENT_LABELS[c.kind]} diperiksa lebih dari sekali.`,
          );
        }
        if (typeof c.ok !== 'boolean') {
          throw new DomainError(
            'invalid-argument',
            `Hasil pemeriksaan ${DOCUMENT_LABELS[c.kind]} harus sesuai/tidak sesuai.`,
          );
        }
        seen.add(c.kind);
        if (c.ok && !docs[c.kind].present) {
          throw new DomainError(
            'failed-precondition',
            `${DOCUMENT_LABELS[c.kind]} belum ditandai ada pada checklist, sehingga tidak dapat dinyatakan sesuai.`,
            { kind: c.kind },
          );
        }
        const checkNote = optionalText(c.note);
        docs[c.kind] = {
          present: docs[c.kind].present,
          check: { ok: c.ok, ...(checkNote ? { note: checkNote } : {}), by: actor.uid, at },
        };
      }
      const required = requiredDocuments(kase.complaintType, kase.relation, settings);
      const unverified = required.filter((k) => docs[k].check?.ok !== true || !seen.has(k));
      if (unverified.length > 0) {
        throw new DomainError(
          'failed-precondition',
          `Dokumen wajib belum dinyatakan sesuai: ${listLabels(unverified)}. Kembalikan ke pemohon bila dokumen kurang atau tidak sesuai.`,
          { unverified },
        );
      }
      patch.documents = docs;
      patch.sentBack = null;
      to = row.to as CaseState;
      break;
    }
    case 'decideYes': {
      if (!(ASSISTANCE_TYPES as readonly unknown[]).includes(input.assistanceType)) {
        throw new DomainError(
          'invalid-argument',
          `Jenis bantuan tidak dikenal: ${String(input.assistanceType)}.`,
        );
      }
      const problem = requireText(input.problem, 'Uraian kendala');
      const solution = requireText(input.solution, 'Solusi');
      const siks = input.siksNgUpdate as SiksNgUpdate | undefined;
      if (!siks || typeof siks.done !== 'boolean') {
        throw new DomainError('invalid-argument', 'Keterangan pemutakhiran data SIKS-NG wajib diisi.');
      }
      const siksNote = optionalText(siks.note);
      const siksNgUpdate: SiksNgUpdate = siks.done
        ? {
            done: true,
            reference: requireText(siks.reference, 'Referensi pemutakhiran SIKS-NG'),
            ...(siksNote ? { note: siksNote } : {}),
          }
        : {
            done: false,
            reference: optionalText(siks.reference) ?? '',
            note: requireText(siks.note, 'Alasan data SIKS-NG tidak dimutakhirkan'),
          };
      if (input.kpmEducated !== true) {
        throw new DomainError('failed-precondition', 'KPM harus sudah diedukasi sebelum keputusan "Ya".');
      }
      const draft: LetterDraft = {
        summary: requireText(input.draft?.summary, 'Ringkasan pengaduan pada draf surat'),
        outcome: requireText(input.draft?.outcome, 'Isi keterangan pada draf surat'),
      };
      patch.analysis = {
        assistanceType: input.assistanceType,
        problem,
        solution,
        siksNgUpdate,
        kpmEducated: true,
        draft,
        by: actor.uid,
        byName: actor.name,
        at,
      };
      patch.paraf = null;
      patch.signature = null;
      patch.sentBack = null;
      to = row.to as CaseState;
      break;
    }
    case 'decideNo': {
      const reason = requireText(input.reason, 'Alasan keputusan "Tidak"');
      const destination = input.destination;
      if (
        !(DECIDE_NO_DESTINATIONS as readonly unknown[]).includes(destination) ||
        typeof row.to === 'string'
      ) {
        throw new DomainError(
          'invalid-argument',
          'Tujuan keputusan "Tidak" harus dikembalikan ke FO atau ditutup.',
        );
      }
      to = row.to[destination];
      if (destination === 'close') patch.closure = { reason, by: actor.uid, byName: actor.name, at };
      else patch.sentBack = { action: 'decideNo', reason, by: actor.uid, byName: actor.name, at };
      patch.analysis = null;
      patch.paraf = null;
      patch.signature = null;
      note = reason;
      break;
    }
    case 'paraf': {
      if (!kase.analysis) {
        throw new DomainError(
          'failed-precondition',
          'Draf Surat Keterangan belum ada, sehingga belum dapat diparaf.',
        );
      }
      patch.paraf = signoff(actor, now);
      to = row.to as CaseState;
      break;
    }
    case 'requestRevision': {
      const revision = requireText(input.note, 'Catatan perbaikan');
      patch.sentBack = { action: 'requestRevision', reason: revision, by: actor.uid, byName: actor.name, at };
      patch.paraf = null;
      patch.signature = null;
      note = revision;
      to = row.to as CaseState;
      break;
    }
    case 'sign': {
      if (!kase.analysis) {
        throw new DomainError(
          'failed-precondition',
          'Draf Surat Keterangan belum ada, sehingga belum dapat ditandatangani.',
        );
      }
      if (!kase.paraf) {
        throw new DomainError(
          'failed-precondition',
          'Draf Surat Keterangan belum diparaf oleh Koordinator Dayasos.',
        );
      }
      patch.signature = signoff(actor, now);
      patch.letter = { status: 'pending' };
      to = row.to as CaseState;
      break;
    }
    case 'recordHandover': {
      if (!(HANDOVER_METHODS as readonly unknown[]).includes(input.method)) {
        throw new DomainError('invalid-argument', 'Cara penyerahan harus langsung atau melalui email.');
      }
      const receivedBy = requireText(input.receivedBy, 'Nama penerima surat');
      if (kase.letter?.status !== 'rendered') {
        throw new DomainError(
          'failed-precondition',
          'Surat Keterangan belum selesai dibuat oleh sistem; penyerahan belum dapat dicatat.',
          { letterStatus: kase.letter?.status ?? null },
        );
      }
      if (input.method === 'email' && !kase.applicant.email) {
        throw new DomainError(
          'failed-precondition',
          'Pemohon tidak memiliki alamat email; pilih penyerahan langsung.',
        );
      }
      note = optionalText(input.note);
      patch.handover = {
        method: input.method,
        receivedBy,
        ...(note ? { note } : {}),
        by: actor.uid,
        byName: actor.name,
        at,
      };
      to = row.to as CaseState;
      break;
    }
  }

  // The clock: the step being left (awaiting_documents belongs to step 2, paused).
  const timedStep: StepState = from === 'awaiting_documents' ? 'submitted' : (from as StepState);
  const stepMinutes = elapsedOfficeMinutes(kase.clock, now, settings.calendar);
  let clock: CaseClock;
  let stepEnded = true;
  if (action === 'returnToApplicant') {
    clock = pauseClock({ ...kase.clock, step: 'submitted' }, now, settings.calendar);
    stepEnded = false;
  } else if (action === 'documentsCompleted') {
    clock = resumeClock({ ...kase.clock, step: 'submitted' }, now);
    stepEnded = false;
  } else if (to === 'completed' || to === 'closed') {
    clock = stopClock(to, now);
  } else {
    clock = startClock(to, now);
  }

  patch.state = to;
  patch.version = kase.version + 1;
  patch.clock = clock;
  patch.updatedAt = at;
  patch.updatedBy = actor.uid;

  const history: HistoryEntry = {
    action,
    from,
    to,
    ...(note ? { note } : {}),
    step: SOP_STEP_NUMBER[timedStep],
    stepMinutes,
    stepStandardMinutes: settings.timeStandards[timedStep],
    stepEnded,
    by: actor.uid,
    byName: actor.name,
    actedAs,
    at,
  };
  return { from, to, patch, history };
}

// ---------------------------------------------------------------------------------------------
// planIntake

export interface IntakeInput {
  complaintType: ComplaintType;
  relation: ApplicantRelation;
  complaintDetail?: string;
  applicant: {
    name: string;
    nik: string;
    phone: string;
    email?: string;
    address: Address;
  };
  kpm: {
    name: string;
    nik: string;
    kkNumber: string;
    kksNumber?: string;
  };
  /** Kinds whose photocopy the applicant brought. */
  documentsPresent?: readonly DocumentKind[];
}

/**
 * Validates an intake form and builds the new case in state `intake` (version 1, step-1 clock
 * started at `now`), without id and number. Throws `permission-denied` unless the actor is FO,
 * and one `invalid-argument` listing every bad field (details.fields: path → reason).
 * Identifiers are stored normalised (digits only; phone as `+628…`). The checklist is not
 * required to be complete here — `submit` enforces it.
 */
export function planIntake(input: IntakeInput, actor: Actor, now: Date, settings: OfficeSettings): NewCase {
  if (!actor.roles.includes('fo')) {
    throw new DomainError(
      'permission-denied',
      'Hanya Petugas Front Office yang dapat mencatat pengaduan baru.',
    );
  }
  const fields: Record<string, string> = {};
  const text = (v: unknown, path: string, label: string): string => {
    const t = typeof v === 'string' ? v.trim() : '';
    if (!t) fields[path] = `${label} wajib diisi.`;
    return t;
  };

  if (!(COMPLAINT_TYPES as readonly unknown[]).includes(input.complaintType)) {
    fields.complaintType = 'Jenis pengaduan tidak dikenal.';
  }
  if (!(APPLICANT_RELATIONS as readonly unknown[]).includes(input.relation)) {
    fields.relation = 'Hubungan pemohon dengan KPM tidak dikenal.';
  }
  const complaintDetail = (input.complaintDetail ?? '').trim();
  if (input.complaintType === 'lainnya' && !complaintDetail) {
    fields.complaintDetail = 'Uraian pengaduan wajib diisi untuk jenis pengaduan "Lainnya".';
  }

  const a = input.applicant;
  const applicantName = text(a?.name, 'applicant.name', 'Nama pemohon');
  const applicantNik = validateNik(a?.nik ?? '', now);
  if (!applicantNik.ok) fields['applicant.nik'] = applicantNik.reason;
  const phone = validatePhone(a?.phone ?? '');
  if (!phone.ok) fields['applicant.phone'] = phone.reason;
  let email: string | undefined;
  if (a?.email !== undefined && a.email.trim() !== '') {
    const e = validateEmail(a.email);
    if (e.ok) email = e.email;
    else fields['applicant.email'] = e.reason;
  }
  const kecamatan = (a?.address?.kecamatan ?? '').trim();
  const kelurahan = (a?.address?.kelurahan ?? '').trim();
  const street = text(a?.address?.street, 'applicant.address.street', 'Alamat (jalan, RT/RW)');
  const kelurahanList = KECAMATAN_TARAKAN[kecamatan];
  if (!kelurahanList)
    fields['applicant.address.kecamatan'] = 'Kecamatan harus salah satu kecamatan di Kota Tarakan.';
  else if (!kelurahanList.includes(kelurahan)) {
    fields['applicant.address.kelurahan'] = `Kelurahan tidak terdapat di Kecamatan ${kecamatan}.`;
  }

  const k = input.kpm;
  const kpmName = text(k?.name, 'kpm.name', 'Nama KPM');
  const kpmNik = validateNik(k?.nik ?? '', now);
  if (!kpmNik.ok) fields['kpm.nik'] = kpmNik.reason;
  const kk = validateKkNumber(k?.kkNumber ?? '');
  if (!kk.ok) fields['kpm.kkNumber'] = kk.reason;
  const identifierWarnings: string[] = [];
  let kksNumber: string | undefined;
  if (k?.kksNumber !== undefined && k.kksNumber.trim() !== '') {
    const kks = validateKksNumber(k.kksNumber);
    if (kks.ok) {
      kksNumber = kks.kksNumber;
      if (kks.warning) identifierWarnings.push(kks.warning);
    } else fields['kpm.kksNumber'] = kks.reason;
  }

  if (applicantNik.ok && kpmNik.ok) {
    if (input.relation === 'kpm' && applicantNik.nik !== kpmNik.nik) {
      fields['applicant.nik'] = 'Pemohon adalah KPM sendiri, maka NIK pemohon harus sama dengan NIK KPM.';
    }
    if (input.relation !== 'kpm' && applicantNik.nik === kpmNik.nik) {
      fields['applicant.nik'] =
        'Ahli waris atau penerima kuasa harus memiliki NIK yang berbeda dengan NIK KPM.';
    }
  }

  let present: DocumentKind[] = [];
  try {
    present = requireKinds(input.documentsPresent ?? [], 'Checklist dokumen');
  } catch (e) {
    fields.documentsPresent = e instanceof Error ? e.message : 'Checklist dokumen tidak valid.';
  }

  const bad = Object.entries(fields);
  if (bad.length > 0 || !applicantNik.ok || !kpmNik.ok || !kk.ok || !phone.ok) {
    throw new DomainError(
      'invalid-argument',
      `Data pengaduan belum benar: ${bad.map(([, reason]) => reason).join(' ')}`,
      { fields },
    );
  }

  const documents = emptyChecklist();
  for (const kind of present) documents[kind] = { present: true, check: null };
  const at = now.toISOString();
  // `settings` is accepted for symmetry with planTransition (required documents are read at submit).
  void settings;
  return {
    state: 'intake',
    version: 1,
    complaintType: input.complaintType,
    complaintDetail,
    relation: input.relation,
    applicant: {
      name: applicantName,
      nik: applicantNik.nik,
      phone: phone.phone,
      ...(email ? { email } : {}),
      address: { kecamatan, kelurahan, street },
    },
    kpm: {
      name: kpmName,
      nik: kpmNik.nik,
      kkNumber: kk.kkNumber,
      ...(kksNumber ? { kksNumber } : {}),
    },
    documents,
    sopWarnings: warningsFor(input.complaintType, input.relation),
    identifierWarnings,
    clock: startClock('intake', now),
    createdAt: at,
    createdBy: actor.uid,
    createdByName: actor.name,
    updatedAt: at,
    updatedBy: actor.uid,
  };
}
