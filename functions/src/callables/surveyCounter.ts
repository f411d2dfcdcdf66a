import { z } from 'zod';
import { CaseId } from '../schemas.js';
import { DomainError } from '../domain/errors.js';
import { COMPLAINT_TYPE_LABELS, type ComplaintType } from '../domain/vocabulary.js';
import { db } from '../firebase/admin.js';
import { callable } from '../firebase/callable.js';
import { requireRole } from '../firebase/caller.js';
import { caseRef } from '../cases/store.js';
import { ensureSurveyInvite, inviteRef, surveyUrl, type InviteDoc } from '../survey/invites.js';

/** How far back the counter's waiting list looks (hand-overs of the last 7 days). */
export const COUNTER_DAYS = 7;
const MAX_LIST = 50;

export interface CounterCase {
  caseId: string;
  number: string;
  applicantName: string;
  complaintTypeLabel: string;
  handedOverAt: string;
}

/**
 * The FO's "Survei di loket" list: cases handed over in the last 7 days whose survey is not
 * answered yet, newest first (masked names only: the tablet faces the applicant).
 */
export const surveyCounterList = callable(z.object({}).strict(), async (_d, req): Promise<{ cases: CounterCase[] }> => {
  await requireRole(req, 'fo');
  const since = new Date(Date.now() - COUNTER_DAYS * 86_400_000).toISOString();
  const snap = await db()
    .collection('cases')
    .where('handover.at', '>=', since)
    .orderBy('handover.at', 'desc')
    .limit(MAX_LIST * 2)
    .get();
  const completed = snap.docs.filter((d) => d.get('state') === 'completed');
  const invites = completed.length ? await db().getAll(...completed.map((d) => inviteRef(d.id))) : [];
  const cases: CounterCase[] = [];
  completed.forEach((d, i) => {
    if ((invites[i]?.data() as InviteDoc | undefined)?.used) return;
    cases.push({
      caseId: d.id,
      number: String(d.get('number')),
      applicantName: String(d.get('summary.applicantName') ?? ''),
      complaintTypeLabel: COMPLAINT_TYPE_LABELS[d.get('complaintType') as ComplaintType] ?? '',
      handedOverAt: String(d.get('handover.at')),
    });
  });
  return { cases: cases.slice(0, MAX_LIST) };
});

/**
 * The FO gets the one-time survey link of a completed case (for the QR code or the counter
 * tablet): `{url: null, answered: true}` once the survey was answered.
 */
export const surveyLink = callable(z.object({ caseId: CaseId }).strict(), async ({ caseId }, req) => {
  await requireRole(req, 'fo');
  const kase = await caseRef(caseId).get();
  if (!kase.exists) throw new DomainError('not-found', 'Pengaduan tidak ditemukan.');
  if (kase.get('state') !== 'completed') {
    throw new DomainError('failed-precondition', 'Survei kepuasan diisi setelah surat diserahkan kepada pemohon.');
  }
  const invite = await ensureSurveyInvite(caseId);
  return invite.used ? { url: null, answered: true } : { url: surveyUrl(invite.token), answered: false };
});
