/**
 * `POST /api/lacak` {number, code}: the public tracking answer of one case (`domain/tracking.ts`).
 *
 * - The right code → 200 with the current step in a plain sentence, when each step happened, the
 *   documents still missing, how to collect the letter, and the survey link once completed.
 * - An unknown number and a wrong code → the same 404 with the same body: the number is looked up
 *   in `caseTracking` either way and one HMAC is computed and compared either way (`codeMatches`).
 * - Wrong attempts are counted per case number and per client address in `trackingThrottle`
 *   (server-only; keyed hashes as document ids; `expireAt` is a Firestore TTL field); a locked key
 *   answers 429 with `Retry-After` and "Terlalu banyak percobaan…", known number or not. The lock is
 *   decided in the same transaction that counts the failure, so parallel guesses cannot pass it.
 */
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import { z } from 'zod';
import { formatCaseNumber, parseCaseNumber } from '../domain/caseNumber.js';
import { summaryOfDoc } from '../domain/caseSummary.js';
import { DomainError } from '../domain/errors.js';
import {
  buildTrackingAnswer,
  clientAddress,
  lockedForSeconds,
  normalizeTrackingCode,
  NOT_MATCHED_MESSAGE,
  PER_ADDRESS,
  PER_NUMBER,
  recordFailure,
  throttledMessage,
  type PublicHistoryInput,
  type ThrottlePolicy,
  type ThrottleRecord,
} from '../domain/tracking.js';
import type { CaseState, ComplaintType, DocumentKind } from '../domain/vocabulary.js';
import { caseRef } from '../cases/store.js';
import { db } from '../firebase/admin.js';
import { runTransaction } from '../firebase/transaction.js';
import { loadSettings } from '../firebase/settings.js';
import { surveyLinkFor } from '../survey/invites.js';
import { codeMatches, throttleKey, TRACKING, type StoredTracking } from '../tracking/codes.js';
import type { Handler } from './router.js';
import { sendJson } from './respond.js';

export const THROTTLE = 'trackingThrottle';

const Body = z.object({ number: z.string().max(64), code: z.string().max(64) });

/** What the tracking answer may borrow from other modules (the survey link, wired at merge). */
export interface LacakDeps {
  /** A one-time survey link of a completed case, or null; absent: no survey link is offered. */
  surveyUrl?: (caseId: string) => Promise<string | null>;
}

type Decision = { kind: 'ok' } | { kind: 'wrong' } | { kind: 'locked'; seconds: number };

/** Counts the attempt on both keys and decides, in one transaction. */
async function decide(
  keys: { id: string; policy: ThrottlePolicy }[],
  matched: boolean,
  now: Date,
): Promise<Decision> {
  const refs = keys.map((k) => db().collection(THROTTLE).doc(k.id));
  return runTransaction('lacak.lookup', async (tx) => {
    const snaps: DocumentSnapshot[] = await Promise.all(refs.map((r) => tx.get(r)));
    const recs = snaps.map((s) => (s.exists ? (s.data() as Partial<ThrottleRecord>) : null));
    const seconds = Math.max(...keys.map((k, i) => lockedForSeconds(recs[i], now, k.policy)));
    if (seconds > 0) return { kind: 'locked', seconds };
    if (matched) {
      // The holder of the right code clears the number's recent failures (not the address's).
      if (recs[0]?.failures?.length) tx.update(refs[0]!, { failures: [] });
      return { kind: 'ok' };
    }
    keys.forEach((k, i) => {
      const next = recordFailure(recs[i], now, k.policy);
      tx.set(refs[i]!, { ...next, expireAt: new Date(next.expireAt), kind: i === 0 ? 'number' : 'address' });
    });
    return { kind: 'wrong' };
  });
}

export function lacakHandler(deps: LacakDeps = {}): Handler {
  return async (req, res) => {
    const parsed = Body.safeParse(req.body);
    if (!parsed.success) {
      throw new DomainError('invalid-argument', 'Isi nomor pengaduan dan kode pelacakan.');
    }
    const n = parseCaseNumber(parsed.data.number);
    if (!n) {
      throw new DomainError(
        'invalid-argument',
        'Nomor pengaduan tidak valid. Contoh penulisan: ADU-2026-000123.',
      );
    }
    const number = formatCaseNumber(n.year, n.seq);
    // A code that cannot be one is a wrong code: it is answered (and counted) like any other.
    const code = normalizeTrackingCode(parsed.data.code);
    const now = new Date();
    const address = clientAddress(req.headers['x-forwarded-for'], req.ip);

    const found = await db().collection(TRACKING).where('number', '==', number).limit(1).get();
    const stored = (found.docs[0]?.data() as StoredTracking | undefined) ?? null;
    const matched = codeMatches(stored, code);
    const decision = await decide(
      [
        { id: throttleKey('number', number), policy: PER_NUMBER },
        { id: throttleKey('address', address), policy: PER_ADDRESS },
      ],
      matched,
      now,
    );
    if (decision.kind === 'locked') {
      throw new DomainError('resource-exhausted', throttledMessage(decision.seconds), {
        retryAfterSeconds: decision.seconds,
      });
    }
    if (decision.kind === 'wrong' || !stored) throw new DomainError('not-found', NOT_MATCHED_MESSAGE);

    const [caseSnap, historySnap, settings] = await Promise.all([
      caseRef(stored.caseId).get(),
      caseRef(stored.caseId).collection('history').orderBy('seq').get(),
      loadSettings(),
    ]);
    if (!caseSnap.exists) throw new DomainError('not-found', NOT_MATCHED_MESSAGE);
    const kase = caseSnap.data() as {
      number: string;
      state: CaseState;
      complaintType: ComplaintType;
      sentBack?: { missing?: DocumentKind[] } | null;
      letter?: { status?: string } | null;
    };
    const history: PublicHistoryInput[] = historySnap.docs.map((d) => ({
      action: String(d.get('action') ?? ''),
      at: String(d.get('at') ?? ''),
      to: (d.get('to') as string | null | undefined) ?? null,
    }));
    const surveyUrl =
      kase.state === 'completed' && deps.surveyUrl ? await deps.surveyUrl(stored.caseId) : null;
    const answer = buildTrackingAnswer(
      {
        number: kase.number,
        state: kase.state,
        complaintType: kase.complaintType,
        applicantName: summaryOfDoc(caseSnap.data() as Parameters<typeof summaryOfDoc>[0]).applicantName,
        sentBackMissing: kase.sentBack?.missing ?? null,
        letterReady: kase.letter?.status === 'rendered',
      },
      history,
      settings,
      { surveyUrl },
    );
    sendJson(res, 200, answer);
  };
}

/** The route as deployed: a completed case's answer carries its one-time survey link. */
export const lacak = lacakHandler({ surveyUrl: surveyLinkFor });
