/**
 * The SKM survey on the emulators: the invitation made by the letter's email and by the hand-over,
 * a link that works once (second POST refused, two at once → one counted), a response that holds
 * no case id and no identity, the monthly totals equal to the sum of the responses, the FO's
 * counter list and link, and who sees what in `skmReport`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb, changesOf } from '../support/admin.js';
import { errorCode } from '../support/client.js';
import { HOSTING_URL } from '../support/env.js';
import { waitFor } from '../support/wait.js';
import { driveCase, intakeForm, office, type Office } from '../support/workflow.js';

const API = `${HOSTING_URL}/api/survei`;
const KEYS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'] as const;

/** Office-local (WITA) month of now: what the server files a response under. */
const witaMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

const getState = async (token: string) => {
  const res = await fetch(`${API}/${token}`);
  return { status: res.status, body: (await res.json()) as { state?: string } };
};
const post = async (token: string, body: unknown) => {
  const res = await fetch(`${API}/${token}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { ok?: boolean; error?: { code: string; message: string } } };
};
const answers = (scores: number[]) => Object.fromEntries(KEYS.map((k, i) => [k, scores[i]]));

/** The month's totals document (zeros when absent). */
async function monthTotals(month: string) {
  const d = (await adminDb.doc(`skmMonths/${month}`).get()).data() as
    | { respondents: number; sums: Record<string, number> }
    | undefined;
  return { respondents: d?.respondents ?? 0, sums: Object.fromEntries(KEYS.map((k) => [k, d?.sums[k] ?? 0])) };
}

/** A stand-alone invitation (no case needed to exercise the route itself). */
async function freshInvite(): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await adminDb.doc(`surveyInvites/test${randomUUID().replace(/-/g, '')}`).set({ token, createdAt: new Date().toISOString() });
  return token;
}

let o: Office;
let completed: { caseId: string; number: string; token: string };

beforeAll(async () => {
  o = await office();
  // A case signed with an email: the letter's email carries the survey link.
  const address = `skm-${randomUUID().slice(0, 8)}@contoh.example`;
  const c = await driveCase(o, 'signed', intakeForm({ email: address }));
  const kase = adminDb.doc(`cases/${c.caseId}`);
  await waitFor(
    'the letter rendered and its email queued',
    async () => ((await kase.get()).get('letter.status') === 'rendered' ? true : undefined),
    60_000,
    { wakeOn: changesOf(kase) },
  );
  const invite = (await adminDb.doc(`surveyInvites/${c.caseId}`).get()).data() as { token: string } | undefined;
  const mail = (await adminDb.doc(`outbox/letter-${c.caseId}`).get()).get('message.text') as string;
  expect(invite?.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(mail).toContain(`http://127.0.0.1:5000/survei?t=${invite?.token}`);
  expect(mail).toContain('Survei Kepuasan Masyarakat');

  // The hand-over makes the invitation too: drop the one the email made, then hand over.
  await adminDb.doc(`surveyInvites/${c.caseId}`).delete();
  await o.fo.call('recordHandover', { caseId: c.caseId, expectedVersion: c.version, method: 'langsung', receivedBy: 'Siti Aminah' });
  const after = (await adminDb.doc(`surveyInvites/${c.caseId}`).get()).data() as { token: string; used?: boolean };
  expect(after.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(after.token).not.toBe(invite?.token);
  expect(after.used).toBeUndefined();
  completed = { caseId: c.caseId, number: String((await kase.get()).get('number')), token: after.token };
}, 240_000);
afterAll(async () => o?.close());

describe('the counter (FO)', () => {
  it('lists the completed case while its survey is open, and gives its link only to the FO', async () => {
    const list = await o.fo.call<{ cases: { caseId: string; number: string; applicantName: string }[] }>('surveyCounterList');
    const row = list.cases.find((c) => c.caseId === completed.caseId);
    expect(row).toMatchObject({ number: completed.number, applicantName: 'S*** A*****' });
    const link = await o.fo.call<{ url: string | null }>('surveyLink', { caseId: completed.caseId });
    expect(link.url).toBe(`http://127.0.0.1:5000/survei?t=${completed.token}`);
    expect((await errorCode(o.analis.call('surveyLink', { caseId: completed.caseId }))).code).toBe('permission-denied');
    expect((await errorCode(o.kabid.call('surveyCounterList'))).code).toBe('permission-denied');
  });
});

describe('a survey link works once', () => {
  it('stores one anonymous response, refuses the second one in plain Indonesian, and counts once', async () => {
    const month = witaMonth();
    const before = await monthTotals(month);
    expect((await getState(completed.token)).body.state).toBe('open');

    const marker = `penanda-${randomUUID().slice(0, 8)}`;
    const scores = [4, 3, 3, 4, 3, 4, 4, 2, 3];
    const first = await post(completed.token, {
      answers: answers(scores),
      saran: `  Terima kasih ${marker}. NIK saya 6571014508900001, telp 0812-3456-7890.  `,
      loket: true,
    });
    expect(first).toEqual({ status: 200, body: { ok: true } });

    const second = await post(completed.token, { answers: answers([1, 1, 1, 1, 1, 1, 1, 1, 1]) });
    expect(second.status).toBe(400);
    expect(second.body.error).toMatchObject({
      code: 'failed-precondition',
      message: 'Survei untuk pengaduan ini sudah diisi. Terima kasih.',
    });
    expect((await getState(completed.token)).body.state).toBe('closed');

    // Counted once: +1 respondent, + the first answers' scores.
    const after = await monthTotals(month);
    expect(after.respondents).toBe(before.respondents + 1);
    KEYS.forEach((k, i) => expect(after.sums[k]).toBe((before.sums[k] ?? 0) + (scores[i] ?? 0)));

    // The response: the answers, the scrubbed suggestion, channel and local dates — nothing else.
    const found = (await adminDb.collection('surveyResponses').where('month', '==', month).get()).docs.filter((d) =>
      String(d.get('saran') ?? '').includes(marker),
    );
    expect(found).toHaveLength(1);
    const doc = found[0]!.data();
    expect(Object.keys(doc).sort()).toEqual(['answers', 'channel', 'date', 'month', 'saran', 'saranDate']);
    expect(doc['saran']).toBe(`Terima kasih ${marker}. NIK saya [dihapus], telp [dihapus].`);
    expect(doc['answers']).toEqual(answers(scores));
    expect(doc['channel']).toBe('loket');
    expect(doc['month']).toBe(month);
    expect(doc['date']).toMatch(new RegExp(`^${month}-\\d{2}$`));
    const text = JSON.stringify(doc);
    for (const s of [completed.caseId, completed.number, completed.token, 'Siti', '6571014508900001']) expect(text).not.toContain(s);

    // The invitation records only that it was used (no time that could be matched with the response).
    const invite = (await adminDb.doc(`surveyInvites/${completed.caseId}`).get()).data() ?? {};
    expect(Object.keys(invite).sort()).toEqual(['createdAt', 'token', 'used']);
    expect(invite).toMatchObject({ token: completed.token, used: true });
  });

  it('then drops the case from the counter list and gives no link any more', async () => {
    const list = await o.fo.call<{ cases: { caseId: string }[] }>('surveyCounterList');
    expect(list.cases.some((c) => c.caseId === completed.caseId)).toBe(false);
    expect(await o.fo.call('surveyLink', { caseId: completed.caseId })).toEqual({ url: null, answered: true });
  });

  it('counts one of two submissions sent at once', async () => {
    const token = await freshInvite();
    const month = witaMonth();
    const before = await monthTotals(month);
    const [a, b] = await Promise.all([
      post(token, { answers: answers([4, 4, 4, 4, 4, 4, 4, 4, 4]) }),
      post(token, { answers: answers([2, 2, 2, 2, 2, 2, 2, 2, 2]) }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 400]);
    const after = await monthTotals(month);
    expect(after.respondents).toBe(before.respondents + 1);
    const added = (after.sums['u1'] ?? 0) - (before.sums['u1'] ?? 0);
    expect([2, 4]).toContain(added);
    KEYS.forEach((k) => expect((after.sums[k] ?? 0) - (before.sums[k] ?? 0)).toBe(added));
  });

  it('refuses malformed answers and unknown links without storing anything', async () => {
    const token = await freshInvite();
    const bad = await post(token, { answers: { ...answers([4, 4, 4, 4, 4, 4, 4, 4, 4]), u9: 5 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('invalid-argument');
    const missing = await post(token, { answers: { u1: 4 } });
    expect(missing.body.error?.code).toBe('invalid-argument');
    expect((await getState(token)).body.state).toBe('open');

    const unknown = randomBytes(24).toString('base64url');
    expect((await getState(unknown)).body.state).toBe('closed');
    expect((await getState('x')).body.state).toBe('closed');
    const res = await post(unknown, { answers: answers([4, 4, 4, 4, 4, 4, 4, 4, 4]) });
    expect(res.status).toBe(404);
  });
});

describe('the monthly totals', () => {
  it('equal the sum of the month’s responses', async () => {
    const month = witaMonth();
    const responses = await adminDb.collection('surveyResponses').where('month', '==', month).get();
    const totals = await monthTotals(month);
    expect(totals.respondents).toBe(responses.size);
    for (const k of KEYS) {
      const sum = responses.docs.reduce((s, d) => s + Number(d.get(`answers.${k}`)), 0);
      expect(totals.sums[k]).toBe(sum);
    }
  });
});

describe('skmReport', () => {
  interface Report {
    respondents: number;
    result: { ikm: number; mutu: string; unsur: { nrr: number }[] } | null;
    suggestions?: { text: string }[];
  }

  it('gives everyone the figures, computed from the month totals', async () => {
    const month = witaMonth();
    const t = await monthTotals(month);
    const r = await o.fo.call<Report>('skmReport', { from: month, to: month });
    expect(r.respondents).toBe(t.respondents);
    // IKM = 25 × (Σ sums) / (9 × respondents), rounded to 2 decimals (written out here, not taken from the code).
    const s = KEYS.reduce((acc, k) => acc + (t.sums[k] ?? 0), 0);
    expect(r.result?.ikm).toBe(Math.round((2500 * s) / (9 * t.respondents)) / 100);
    expect(r.result?.unsur[0]?.nrr).toBe(Math.round((1000 * (t.sums['u1'] ?? 0)) / t.respondents) / 1000);
  });

  it('shows the suggestions to the Kabid, the Koordinator and the administrator only', async () => {
    const month = witaMonth();
    for (const who of ['kabid', 'koordinator', 'admin'] as const) {
      const r = await o[who].call<Report>('skmReport', { from: month, to: month });
      expect(r.suggestions?.some((x) => x.text.includes('penanda-')), who).toBe(true);
    }
    for (const who of ['fo', 'analis'] as const) {
      const r = await o[who].call<Report>('skmReport', { from: month, to: month });
      expect(r, who).not.toHaveProperty('suggestions');
      expect(r.result, who).not.toBeNull();
    }
  });

  it('answers an empty period with no index, and refuses a reversed one', async () => {
    const r = await o.kabid.call<Report>('skmReport', { from: '2001-01', to: '2001-02' });
    expect(r).toMatchObject({ respondents: 0, result: null, suggestions: [] });
    expect((await errorCode(o.kabid.call('skmReport', { from: '2026-05', to: '2026-04' }))).code).toBe('invalid-argument');
  });
});
