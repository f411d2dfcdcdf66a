/**
 * The outgoing-letter register (agenda surat keluar): `letters/{year}-{seq}`, one entry per number
 * taken, written by the letter issuer (`./issue.ts`) and read by verification and revocation.
 */
import type { DocumentReference, Query } from 'firebase-admin/firestore';
import { db } from '../firebase/admin.js';
import { normalizeVerificationCode } from '../domain/letterCode.js';

/** The outgoing-letter register entry `letters/{year}-{seq}` (agenda surat keluar). */
export interface RegisterEntry {
  number: string;
  sequence: number;
  year: number;
  caseId: string;
  caseNumber: string;
  code: string;
  /** 'numbered' until the PDF is stored, then 'valid'; 'revoked' by an administrator. */
  status: 'numbered' | 'valid' | 'revoked';
  issuedAt: string;
  signerName: string;
  signerTitle: string;
  applicantMasked: string;
  complaintType: string;
  complaintLabel: string;
  createdAt: string;
  storagePath?: string;
  sha256?: string;
  renderedAt?: string;
  revoked?: { reason: string; at: string; by: string; byName: string };
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
