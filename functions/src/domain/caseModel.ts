/**
 * The case as the domain sees it: the Firestore case document's shape, the patch a transition
 * writes, who acts, and the document checklist with its helpers.
 *
 * All instants stored on a case are ISO-8601 strings in UTC (`Date#toISOString()`).
 * No Firebase and no Node-only imports: the staff page bundles this module.
 */
import type { ApplicantRelation, CaseState, ComplaintType, DocumentKind, Role } from './vocabulary.js';
import { DOCUMENT_KINDS } from './vocabulary.js';
import { requiredDocuments, type WarningKey } from './documents.js';
import type { CaseClock } from './officeClock.js';
import type { OfficeSettings } from './settings.js';
import type { ActionInputOf, HandoverMethod } from './actions/inputs.js';

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
  /** Recorded when the applicant is not the KPM (an heir or a proxy); else the applicant's is the KPM's. */
  address?: Address;
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

/** The Analis's record of a "Ya" decision: the decision's payload, by whom and when. */
export type Analysis = Omit<ActionInputOf<'decideYes'>, 'action'> & { by: string; byName: string; at: string };

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

/**
 * `pending` is set by `sign`; the letter trigger owns every later state; `dead` (out of attempts)
 * waits for the administrator (see letterLifecycle.ts).
 */
export type LetterStatus = 'pending' | 'rendering' | 'rendered' | 'failed' | 'dead';

export interface LetterState {
  status: LetterStatus;
  /** When the sweeper should look at the letter (absent once rendered or dead). */
  dueAt?: string;
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

// ---------------------------------------------------------------------------------------------
// The checklist

/** A checklist with every kind absent and unchecked. */
export function emptyChecklist(): DocumentChecklist {
  return Object.fromEntries(
    DOCUMENT_KINDS.map((k) => [k, { present: false, check: null }]),
  ) as DocumentChecklist;
}

/** A deep copy of a stored checklist with an entry for every kind (absent ones empty). */
export function copyChecklist(docs: Partial<DocumentChecklist> | undefined): DocumentChecklist {
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
