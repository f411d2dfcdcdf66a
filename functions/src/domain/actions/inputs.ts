/**
 * The workflow's actions and their payloads: the names, the labels the staff page shows, and the
 * `ActionInput` union that a request to move a case carries.
 * No Firebase and no Node-only imports: the staff page bundles this module.
 */
import type { DocumentKind } from '../vocabulary.js';

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

/** The member of `ActionInput` for one action (a handler's input). */
export type ActionInputOf<A extends ActionName> = Extract<ActionInput, { action: A }>;
