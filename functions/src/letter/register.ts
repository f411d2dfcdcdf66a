/**
 * The outgoing-letter register (agenda surat keluar): `letters/{year}-{seq}`, one entry per number
 * taken, written by the letter issuer (`./issue.ts`) and read by verification and revocation.
 */
import type { DocumentReference, Query } from 'firebase-admin/firestore';
import { db } from '../firebase/admin.js';
import { normalizeVerificationCode } from '../domain/letterCode.js';
import type { RegisterStatus } from '../domain/vocabulary.js';

/** The outgoing-letter register entry `letters/{year}-{seq}` (agenda surat keluar). */
export interface RegisterEntry {
  number: string;
  sequence: number;
  year: number;
  caseId: string;
  caseNumber: string;
  code: string;
  /**
   * 'numbered' until the PDF is stored, then 'valid'; 'revoked' by an administrator (an issued
   * letter withdrawn); 'voided' (dibatalkan) by an administrator when the letter could never be
   * issued — the number stays taken, the case is signed again under a new one.
   */
  status: RegisterStatus;
  issuedAt: string;
  signerName: string;
  signerTitle: string;
  applicantMasked: string;
  /** The KPM named in the letter, masked as the public page shows it (never the full NIK). */
  kpmNameMasked: string;
  kpmNikMasked: string;
  complaintType: string;
  complaintLabel: string;
  /** What the letter grants, in one sentence without personal data (`letterPurpose`). */
  outcome: string;
  createdAt: string;
  storagePath?: string;
  sha256?: string;
  renderedAt?: string;
  revoked?: { reason: string; at: string; by: string; byName: string };
  voided?: { reason: string; at: string; by: string; byName: string };
  /** The electronic signature of the stored letter (provider, and the certificate's names). */
  signature?: { provider: string; certificate?: { subject: string; issuer: string; sha256: string } };
}

export const registerCol = () => db().collection('letters');

/**
 * The register entry of a verification code (typed or scanned; normalised here), or null when the
 * code is malformed, unknown, or — which must never happen — not unique.
 */
export async function findByCode(
  raw: string,
): Promise<{ ref: DocumentReference; entry: RegisterEntry } | null> {
  const code = normalizeVerificationCode(raw);
  if (!code) return null;
  return findOne(registerCol().where('code', '==', code));
}

/** The register entry of a case's letter, or null. */
export async function findByCase(
  caseId: string,
): Promise<{ ref: DocumentReference; entry: RegisterEntry } | null> {
  return findOne(registerCol().where('caseId', '==', caseId));
}

async function findOne(query: Query): Promise<{ ref: DocumentReference; entry: RegisterEntry } | null> {
  const hits = await query.limit(2).get();
  const doc = hits.docs[0];
  if (hits.size !== 1 || !doc) return null;
  return { ref: doc.ref, entry: doc.data() as RegisterEntry };
}
