/**
 * One-time survey invitations (PermenPANRB 14/2017 SKM), one per case, server-only:
 * `surveyInvites/{caseId}` {token, createdAt, used?}. The token (24 random bytes, 192 bits,
 * base64url) is kept, not only its hash, because the same link is shown again — on the tracking
 * page, at the counter (QR), in the letter's email — until the survey is answered. The invitation
 * records only *that* it was used (`used: true`), no time: the response (`surveyResponses`) holds
 * the office-local date, and a time on both sides would link them.
 *
 * Created when the letter's email is queued (the link is in the email) and when the FO records the
 * hand-over; `surveyLinkFor` also creates it for a completed case that has none (cases closed
 * before this feature), so every caller may simply ask for the link.
 */
import { randomBytes } from 'node:crypto';
import type { DocumentReference, Transaction } from 'firebase-admin/firestore';
import { db } from '../firebase/admin.js';
import { runTransaction } from '../firebase/transaction.js';
import { publicBaseUrl } from '../firebase/params.js';

export const INVITES = 'surveyInvites';
export const RESPONSES = 'surveyResponses';
export const SKM_MONTHS = 'skmMonths';
export const SURVEY_PATH = '/survei';

export const inviteRef = (caseId: string): DocumentReference => db().collection(INVITES).doc(caseId);

export interface InviteDoc {
  token: string;
  createdAt: string;
  used?: boolean;
}

/** A token as the page sends it: base64url, 22–64 characters. */
export const TOKEN_RE = /^[A-Za-z0-9_-]{22,64}$/;

export const newSurveyToken = (): string => randomBytes(24).toString('base64url');

/** `<publicBaseUrl>/survei?t=<token>` */
export function surveyUrl(token: string, base: string = publicBaseUrl()): string {
  return `${base}${SURVEY_PATH}?t=${encodeURIComponent(token)}`;
}

/** Inside a transaction (reads first): the invitation of the case, created when absent. */
export async function ensureInviteTx(tx: Transaction, caseId: string, now = new Date()): Promise<InviteDoc> {
  const ref = inviteRef(caseId);
  const snap = await tx.get(ref);
  if (snap.exists) return snap.data() as InviteDoc;
  const doc: InviteDoc = { token: newSurveyToken(), createdAt: now.toISOString() };
  tx.create(ref, doc);
  return doc;
}

/** The invitation of the case, created when absent (idempotent: one token per case, ever). */
export async function ensureSurveyInvite(caseId: string): Promise<InviteDoc> {
  return runTransaction('survey.invite', (tx) => ensureInviteTx(tx, caseId));
}

/**
 * The survey link of a case for the applicant's pages (tracking page, counter QR): null when the
 * survey was answered, or when the case is not completed and has no invitation yet (the survey
 * follows the hand-over). A completed case without an invitation gets one.
 */
export async function surveyLinkFor(caseId: string): Promise<string | null> {
  const snap = await inviteRef(caseId).get();
  if (snap.exists) {
    const inv = snap.data() as InviteDoc;
    return inv.used ? null : surveyUrl(inv.token);
  }
  const kase = await db().collection('cases').doc(caseId).get();
  if (!kase.exists || kase.get('state') !== 'completed') return null;
  const inv = await ensureSurveyInvite(caseId);
  return inv.used ? null : surveyUrl(inv.token);
}

/** The invitation holding `token`, inside a transaction (null when unknown). */
export async function findInviteTx(
  tx: Transaction,
  token: string,
): Promise<{ ref: DocumentReference; invite: InviteDoc } | null> {
  if (!TOKEN_RE.test(token)) return null;
  const q = await tx.get(db().collection(INVITES).where('token', '==', token).limit(1));
  const doc = q.docs[0];
  return doc ? { ref: doc.ref, invite: doc.data() as InviteDoc } : null;
}

/** The invitation holding `token`, outside a transaction (null when unknown). */
export async function findInvite(token: string): Promise<InviteDoc | null> {
  if (!TOKEN_RE.test(token)) return null;
  const q = await db().collection(INVITES).where('token', '==', token).limit(1).get();
  return (q.docs[0]?.data() as InviteDoc | undefined) ?? null;
}
