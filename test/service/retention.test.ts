/**
 * The retention job (issue #11) against the emulators. The emulators have no scheduler, so the
 * scheduled function's handler `runRetention` is called directly. Documents and files are seeded
 * with old dates (as years of use would leave them), one run deletes what the schedule says is due
 * and counts it in `purgeLog/{run}`, a second run deletes nothing, and a changed schedule in the
 * settings is followed. Expected values come from the defaults: links 1 day after expiry,
 * rejected photos 30 days, emails 30 days after delivery ended, photocopies 2 years after the case
 * ended, access records 5 years.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminBucket, adminDb } from '../support/admin.js';
import { errorCode } from '../support/client.js';
import { office, type Office } from '../support/workflow.js';
import { runRetention, type PurgeRun } from '../../functions/src/retention/purge.js';
import { DEFAULT_RETENTION, zeroCounts } from '../../functions/src/domain/retention.js';

const DAY = 86_400_000;
const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
const tag = randomUUID().slice(0, 8);
const id = (name: string) => `${name}${tag}`;

let o: Office;

async function seedCase(name: string, state: string, endedDaysAgo: number | null) {
  const caseId = id(name);
  const endedAt = endedDaysAgo ?? 0;
  await adminDb.doc(`cases/${caseId}`).set({
    number: `ADU-2020-${caseId}`,
    state,
    version: 7,
    complaintType: 'pin_terblokir',
    relation: 'kpm',
    createdAt: ago(endedAt + 3),
    createdBy: 'fo',
    createdByName: 'Petugas Uji',
    clock:
      endedDaysAgo === null
        ? { step: state, stepStartedAt: ago(1), elapsedBeforePauseMinutes: 0, paused: false }
        : { step: state, stepStartedAt: ago(endedDaysAgo), elapsedBeforePauseMinutes: 0, paused: true },
    historyHead: null,
  });
  seededCases.push(caseId);
  return caseId;
}
const seededCases: string[] = [];

/** A photocopy record and its stored file. */
async function seedPhoto(caseId: string, name: string, fields: Record<string, unknown>) {
  const storagePath = `cases/${caseId}/uploads/${id(name)}.jpg`;
  await adminBucket.file(storagePath).save(Buffer.from(`foto ${name}`), { contentType: 'image/jpeg', resumable: false });
  await adminDb.doc(`cases/${caseId}/documents/${id(name)}`).set({
    kind: 'ktp_kk',
    storagePath,
    mime: 'image/jpeg',
    size: 10,
    uploadedBy: 'applicant:000000000000',
    uploadedByName: 'Pemohon (tautan unggah)',
    status: 'received',
    ...fields,
  });
  return storagePath;
}

const exists = async (path: string) => (await adminDb.doc(path).get()).exists;
const fileExists = async (path: string) => (await adminBucket.file(path).exists())[0];
const logOf = async (runId: string) => (await adminDb.doc(`purgeLog/${runId}`).get()).data() as PurgeRun;

const seeded: Record<string, string> = {};

beforeAll(async () => {
  o = await office();
  // Clear what earlier files of the suite may have left due, so the counts below are exactly ours.
  await runRetention({ now, runId: id('sweep-'), trigger: 'test' });

  // Upload links: expired 2 days ago and revoked 3 days ago (due); expired 2 hours ago (kept).
  const grant = (expiresAt: string, revokedAt: string | null = null) => ({
    caseId: 'x',
    expiresAt,
    revokedAt,
    createdBy: 'fo',
    createdAt: expiresAt,
    files: 1,
    recent: [],
  });
  await adminDb.doc(`uploadGrants/${id('gOld')}`).set(grant(ago(2)));
  await adminDb.doc(`uploadGrants/${id('gRevoked')}`).set(grant(ago(3), ago(3)));
  await adminDb.doc(`uploadGrants/${id('gFresh')}`).set(grant(ago(2 / 24)));

  // An open case: one photo rejected 31 days ago (due), one 29 days ago, one received long ago (kept).
  const open = await seedCase('open', 'submitted', null);
  seeded['open'] = open;
  seeded['rejOld'] = await seedPhoto(open, 'rejOld', { status: 'rejected', rejectedAt: ago(31), uploadedAt: ago(32), rejectReason: 'Buram.' });
  seeded['rejNew'] = await seedPhoto(open, 'rejNew', { status: 'rejected', rejectedAt: ago(29), uploadedAt: ago(30), rejectReason: 'Buram.' });
  seeded['recvOld'] = await seedPhoto(open, 'recvOld', { uploadedAt: ago(900) });

  // Ended cases: completed 3 years ago (a received photo, a rejected one and a stray file) and
  // closed 2 years and a month ago (one photo): due; closed 400 days ago (kept); completed 1.5 years ago with a photo from 2.5 years ago (kept).
  const done3y = await seedCase('done3y', 'completed', 3 * 365);
  seeded['done3y'] = done3y;
  seeded['done3yA'] = await seedPhoto(done3y, 'done3yA', { uploadedAt: ago(3 * 365 + 2) });
  seeded['done3yB'] = await seedPhoto(done3y, 'done3yB', { uploadedAt: ago(3 * 365 + 1), status: 'rejected', rejectedAt: ago(3 * 365 + 1) });
  seeded['stray'] = `cases/${done3y}/uploads/${id('stray')}.jpg`;
  await adminBucket.file(seeded['stray']).save(Buffer.from('tanpa catatan'), { resumable: false });
  const closed2y = await seedCase('closed2y', 'closed', 2 * 365 + 30);
  seeded['closed2y'] = closed2y;
  seeded['closed2yA'] = await seedPhoto(closed2y, 'closed2yA', { uploadedAt: ago(2 * 365 + 31) });
  const closed400 = await seedCase('closed400', 'closed', 400);
  seeded['closed400'] = closed400;
  seeded['closed400A'] = await seedPhoto(closed400, 'closed400A', { uploadedAt: ago(410) });
  const longCase = await seedCase('long', 'completed', 548);
  seeded['long'] = longCase;
  seeded['longA'] = await seedPhoto(longCase, 'longA', { uploadedAt: ago(913) });

  // Outbox: sent 31 days ago and failed for good 40 days ago (due); sent 10 days ago and one being
  // sent (kept). (PROCESSING, not RETRY: the deliverEmail trigger would really send a RETRY.)
  const mail = (state: string, endTime: string | null) => ({
    kind: 'letter',
    caseId: done3y,
    to: 'siti.aminah@contoh.example',
    message: { subject: 'Surat Keterangan', text: 'Yth. Siti Aminah …' },
    attachments: [{ filename: 'surat.pdf', storagePath: 'letters/x.pdf', contentType: 'application/pdf' }],
    delivery: {
      state,
      attempts: 1,
      ...(endTime ? { endTime } : { leaseId: 'test', leaseExpireTime: new Date(now.getTime() + DAY).toISOString() }),
      ...(state === 'SUCCESS' ? { info: { messageId: 'm', accepted: ['siti.aminah@contoh.example'], rejected: [], response: '250 OK' } } : {}),
      ...(state === 'ERROR' ? { error: 'Pengiriman email gagal (550 <siti.aminah@contoh.example> ditolak).' } : {}),
    },
  });
  await adminDb.doc(`outbox/${id('mSent')}`).set(mail('SUCCESS', ago(31)));
  await adminDb.doc(`outbox/${id('mFailed')}`).set(mail('ERROR', ago(40)));
  await adminDb.doc(`outbox/${id('mRecent')}`).set(mail('SUCCESS', ago(10)));
  await adminDb.doc(`outbox/${id('mRetry')}`).set(mail('PROCESSING', null));

  // Access records: 5 years and 2 days old (due), 4 years old (kept).
  const access = (at: string) => ({ at, uid: 'u', name: 'Petugas', caseId: done3y, caseNumber: 'ADU-2020-1', what: 'identity' });
  await adminDb.doc(`accessLog/${id('aOld')}`).set(access(ago(5 * 365 + 3)));
  await adminDb.doc(`accessLog/${id('aNew')}`).set(access(ago(4 * 365)));
}, 120_000);

afterAll(async () => {
  await o.admin.call('updateSettings', { retention: { ...DEFAULT_RETENTION } });
  await o.close();
  // The seeded cases are not real ones: leave nothing of them for the staff pages of later tests.
  for (const caseId of seededCases) {
    for (const d of (await adminDb.collection(`cases/${caseId}/documents`).get()).docs) await d.ref.delete();
    await adminBucket.deleteFiles({ prefix: `cases/${caseId}/` });
    await adminDb.doc(`cases/${caseId}`).delete();
  }
  for (const m of ['mSent', 'mFailed', 'mRecent', 'mRetry']) await adminDb.doc(`outbox/${id(m)}`).delete();
  await adminDb.doc(`uploadGrants/${id('gFresh')}`).delete();
  await adminDb.doc(`accessLog/${id('aNew')}`).delete();
});

describe('runRetention (the daily job)', () => {
  it('deletes exactly what is due and counts it in purgeLog/{run}', async () => {
    const run = await runRetention({ now, runId: id('run1-'), trigger: 'test' });
    const expected = {
      uploadLinks: 2,
      // rejOld, and done3yB: a photo rejected 3 years ago is due as a rejected photo first.
      rejectedPhotos: 2,
      outboxRedacted: 2,
      photocopies: 3, // done3y: its received record + the stray file; closed2y: 1
      photocopyCases: 2,
      accessRecords: 1,
    };
    expect(run.counts).toEqual(expected);
    const log = await logOf(id('run1-'));
    expect(log).toMatchObject({ runId: id('run1-'), trigger: 'test', complete: true, counts: expected, schedule: DEFAULT_RETENTION });
    expect(Date.parse(log.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(log.startedAt));
    console.log(`purge counts of run ${log.runId}: ${JSON.stringify(log.counts)}`);

    // Upload links.
    expect(await exists(`uploadGrants/${id('gOld')}`)).toBe(false);
    expect(await exists(`uploadGrants/${id('gRevoked')}`)).toBe(false);
    expect(await exists(`uploadGrants/${id('gFresh')}`)).toBe(true);

    // Rejected photos: the old one's record and file are gone; the recent one and the received one stay.
    expect(await exists(`cases/${seeded['open']}/documents/${id('rejOld')}`)).toBe(false);
    expect(await fileExists(seeded['rejOld']!)).toBe(false);
    for (const k of ['rejNew', 'recvOld']) {
      expect(await exists(`cases/${seeded['open']}/documents/${id(k)}`)).toBe(true);
      expect(await fileExists(seeded[k]!)).toBe(true);
    }

    // Photocopies of cases ended more than 2 years ago: every record and file (and the stray), marked on the case.
    for (const [c, files] of [
      ['done3y', ['done3yA', 'done3yB', 'stray']],
      ['closed2y', ['closed2yA']],
    ] as const) {
      expect((await adminDb.collection(`cases/${seeded[c]}/documents`).get()).size).toBe(0);
      for (const f of files) expect(await fileExists(seeded[f]!)).toBe(false);
      const kase = (await adminDb.doc(`cases/${seeded[c]}`).get()).data()!;
      expect(typeof (kase['retention'] as { photocopiesPurgedAt: string }).photocopiesPurgedAt).toBe('string');
      expect(kase['state']).toBe(c === 'done3y' ? 'completed' : 'closed');
    }
    for (const [c, f] of [['closed400', 'closed400A'], ['long', 'longA']] as const) {
      expect(await exists(`cases/${seeded[c]}/documents/${id(f)}`)).toBe(true);
      expect(await fileExists(seeded[f]!)).toBe(true);
      expect((await adminDb.doc(`cases/${seeded[c]}`).get()).get('retention')).toBeUndefined();
    }

    // Outbox: body, address, attachments and the SMTP reply gone; id, kind, case and delivery state kept.
    for (const [m, state] of [['mSent', 'SUCCESS'], ['mFailed', 'ERROR']] as const) {
      const doc = (await adminDb.doc(`outbox/${id(m)}`).get()).data()!;
      expect(Object.keys(doc).sort()).toEqual(['caseId', 'delivery', 'kind', 'redaction']);
      expect(doc['delivery']).toEqual({ state, attempts: 1 });
      expect(doc['redaction']).toMatchObject({ reason: 'retensi', deliveryEndedAt: ago(m === 'mSent' ? 31 : 40) });
      expect(JSON.stringify(doc)).not.toContain('contoh.example');
      expect(JSON.stringify(doc)).not.toContain('Siti');
    }
    for (const m of ['mRecent', 'mRetry']) {
      expect((await adminDb.doc(`outbox/${id(m)}`).get()).get('to')).toBe('siti.aminah@contoh.example');
    }

    // Access records.
    expect(await exists(`accessLog/${id('aOld')}`)).toBe(false);
    expect(await exists(`accessLog/${id('aNew')}`)).toBe(true);
  });

  it('a second run deletes nothing and says so in its own purge log entry', async () => {
    const run = await runRetention({ now, runId: id('run2-'), trigger: 'test' });
    expect(run.counts).toEqual(zeroCounts());
    expect((await logOf(id('run2-'))).counts).toEqual(zeroCounts());
    expect(await exists(`uploadGrants/${id('gFresh')}`)).toBe(true);
    expect(await fileExists(seeded['closed400A']!)).toBe(true);
  });

  it('follows the schedule the admin sets (photocopies 1 year: the case closed 400 days ago becomes due)', async () => {
    await o.admin.call('updateSettings', { retention: { photocopyYears: 1 } });
    const stored = (await adminDb.doc('settings/office').get()).get('retention') as Record<string, number>;
    expect(stored).toEqual({ ...DEFAULT_RETENTION, photocopyYears: 1 });
    const run = await runRetention({ now, runId: id('run3-'), trigger: 'test' });
    expect(run.counts).toEqual({ ...zeroCounts(), photocopies: 2, photocopyCases: 2 });
    expect(run.schedule.photocopyYears).toBe(1);
    expect(await fileExists(seeded['closed400A']!)).toBe(false);
    expect(await fileExists(seeded['longA']!)).toBe(false);
    // The open case keeps its photocopies, however old.
    expect(await fileExists(seeded['recvOld']!)).toBe(true);
  });

  it('a run that has no time left starts nothing and says it is not complete', async () => {
    const run = await runRetention({ now, runId: id('run4-'), trigger: 'test', budgetMs: -1 });
    expect(run.complete).toBe(false);
    expect(run.counts).toEqual(zeroCounts());
  });
});

describe('updateSettings: the retention schedule', () => {
  it('refuses periods outside the bounds or not whole, in Indonesian, and non-admins', async () => {
    const zero = await errorCode(o.admin.call('updateSettings', { retention: { photocopyYears: 0 } }));
    expect(zero.code).toBe('invalid-argument');
    expect(zero.message).toMatch(/retention\.photocopyYears: paling sedikit 1 tahun/);
    const half = await errorCode(o.admin.call('updateSettings', { retention: { outboxDays: 2.5 } }));
    expect(half.message).toMatch(/retention\.outboxDays: isi dengan bilangan bulat hari/);
    const long = await errorCode(o.admin.call('updateSettings', { retention: { expiredUploadLinkDays: 31 } }));
    expect(long.message).toMatch(/paling lama 30 hari/);
    const unknown = await errorCode(o.admin.call('updateSettings', { retention: { purgeLogYears: 1 } }));
    expect(unknown.code).toBe('invalid-argument');
    expect((await errorCode(o.kabid.call('updateSettings', { retention: { accessLogYears: 10 } }))).code).toBe('permission-denied');
  });
});
