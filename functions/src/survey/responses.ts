/**
 * Answers to the survey: one response per case, anonymous.
 *
 * `surveyResponses/{autoId}` holds the nine scores, the cleaned suggestion (domain/skm.ts
 * `cleanSaran`), the channel and the office-local month and date — no case id, no identity, no
 * time, nothing that leads back to the invitation. `skmMonths/{YYYY-MM}` {respondents, sums.u1…u9}
 * is the month's running total, so a report reads one document per month. The invitation is
 * consumed, the response stored and the month incremented in one transaction: a second
 * submission (or two at once) finds the invitation used and is refused, and nothing is counted
 * twice.
 */
import { FieldValue } from 'firebase-admin/firestore';
import { DomainError } from '../domain/errors.js';
import { officeIsoDate } from '../domain/indonesianDate.js';
import {
  cleanSaran,
  SURVEY_ALREADY_ANSWERED,
  SURVEY_UNKNOWN,
  UNSUR_KEYS,
  type SkmAnswers,
  type SurveyChannel,
} from '../domain/skm.js';
import { db } from '../firebase/admin.js';
import { runTransaction } from '../firebase/transaction.js';
import { loadSettings } from '../firebase/settings.js';
import { findInvite, findInviteTx, RESPONSES, SKM_MONTHS } from './invites.js';

export interface ResponseDoc {
  answers: SkmAnswers;
  saran?: string;
  /** Only on responses with a suggestion: the date again, so the report's query of suggestions
   *  (`saranDate` in range, newest first) needs no composite index and skips silent responses. */
  saranDate?: string;
  channel: SurveyChannel;
  /** Office-local 'YYYY-MM' and 'YYYY-MM-DD'. */
  month: string;
  date: string;
}

export type SurveyState = 'open' | 'closed';

/** What the survey page needs to know of a token: open, or closed (answered or unknown, alike). */
export async function surveyState(token: string): Promise<SurveyState> {
  const invite = await findInvite(token);
  return invite && !invite.used ? 'open' : 'closed';
}

/** Stores one response for the invitation of `token` (see the module comment). */
export async function submitSurvey(
  token: string,
  input: { answers: SkmAnswers; saran?: string | undefined; channel: SurveyChannel },
  now = new Date(),
): Promise<void> {
  const offset = (await loadSettings()).calendar.timeZoneOffsetMinutes;
  const date = officeIsoDate(now, offset);
  const month = date.slice(0, 7);
  const saran = cleanSaran(input.saran);
  const answers = Object.fromEntries(UNSUR_KEYS.map((k) => [k, input.answers[k]])) as SkmAnswers;
  await runTransaction('survey.respond', async (tx) => {
    const found = await findInviteTx(tx, token);
    if (!found) throw new DomainError('not-found', SURVEY_UNKNOWN, { reason: 'unknown' });
    if (found.invite.used) {
      throw new DomainError('failed-precondition', SURVEY_ALREADY_ANSWERED, { reason: 'answered' });
    }
    // Every read before the first write (Firestore transactions).
    const monthRef = db().collection(SKM_MONTHS).doc(month);
    const monthSnap = await tx.get(monthRef);
    tx.update(found.ref, { used: true });
    const response: ResponseDoc = {
      answers,
      ...(saran ? { saran, saranDate: date } : {}),
      channel: input.channel,
      month,
      date,
    };
    tx.create(db().collection(RESPONSES).doc(), response);
    const inc: Record<string, unknown> = { month, respondents: FieldValue.increment(1) };
    for (const k of UNSUR_KEYS) inc[`sums.${k}`] = FieldValue.increment(answers[k]);
    // update() reads dotted paths as nested fields; the month's first response creates it.
    if (monthSnap.exists) tx.update(monthRef, inc);
    else {
      tx.create(monthRef, {
        month,
        respondents: 1,
        sums: Object.fromEntries(UNSUR_KEYS.map((k) => [k, answers[k]])),
      });
    }
  });
}
