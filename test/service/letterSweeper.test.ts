/**
 * No letter left behind, on the emulators. The sweeper's handler (`sweepLetters`) is called
 * directly (the emulators have no scheduler): a letter whose trigger event was lost is issued, a
 * lease left by a dead instance is taken over — or, on the last attempt, the letter becomes 'dead' —
 * oldest due first; dead letters leave its query and wait for the administrator's Retry or Void.
 * Emails: a lease that expired ends the delivery as ERROR and a late sender cannot overwrite it.
 */
import '../support/inProcess.js';
import { randomUUID } from 'node:crypto';
import { FieldValue } from 'firebase-admin/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueLetters, sweepLetters } from '../../functions/src/triggers/letterSweeper.js';
import { claimDelivery, recordOutcome } from '../../functions/src/mail/outbox.js';
import { adminDb } from '../support/admin.js';
import { client, errorCode } from '../support/client.js';
import { pdfsig } from '../support/signing.js';
import { adminBucket } from '../support/admin.js';
import { driveCase, intakeForm, office, type Office } from '../support/workflow.js';
import { waitFor } from '../support/wait.js';

type Letter = {
  status: string;
  attempts?: number;
  number?: string;
  registerId?: string;
  verificationCode?: string;
  storagePath?: string;
  dueAt?: string;
  error?: string;
};
const caseDoc = (id: string) => adminDb.doc(`cases/${id}`);
const letterOf = async (id: string) => (await caseDoc(id).get()).get('letter') as Letter | undefined;
const historyOf = async (id: string) =>
  (await caseDoc(id).collection('history').get()).docs
    .map((d) => d.data() as Record<string, unknown>)
    .sort((a, b) => Number(a['seq']) - Number(b['seq']));
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

let o: Office;
/** A case the real callables brought to `initialled` (analysis and paraf by real people), as a template. */
let template: Record<string, unknown>;
/** The template's identity (the case's personal data lives in its own document). */
let templateIdentity: Record<string, unknown>;

beforeAll(async () => {
  o = await office();
  const init = await driveCase(o, 'initialled', intakeForm({ email: '' }));
  template = (await caseDoc(init.caseId).get()).data()!;
  templateIdentity = (await caseDoc(init.caseId).collection('private').doc('identity').get()).data()!;
});
afterAll(async () => o?.close());

/**
 * A signed case written directly (a create fires no update trigger: exactly a lost event), with the
 * given letter state. Its history starts empty (a chain of its own).
 */
async function signedCase(letter: Record<string, unknown>): Promise<string> {
  const id = `sweep${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const at = ago(60_000);
  await caseDoc(id).set({
    ...template,
    number: `ADU-2026-9${String(Math.floor(Math.random() * 99999)).padStart(5, '0')}`,
    state: 'signed',
    version: Number(template['version']) + 1,
    signature: { uid: o.staff.kabid.uid, name: o.staff.kabid.name, nip: '198001012006041001', at },
    letter,
    historyHead: null,
  });
  await caseDoc(id).collection('private').doc('identity').set(templateIdentity);
  return id;
}

describe('letterSweeper (sweepLetters, called directly)', () => {
  it('takes the oldest due work first; rendered and dead letters are never in its query', async () => {
    const late = await signedCase({ status: 'pending', dueAt: ago(10_000) });
    const oldest = await signedCase({ status: 'failed', attempts: 1, nextAttemptAt: ago(30_000), dueAt: ago(30_000) });
    const middle = await signedCase({ status: 'rendering', attempts: 1, leaseId: 'gone', leaseUntil: ago(20_000), dueAt: ago(20_000) });
    const notYet = await signedCase({ status: 'failed', attempts: 1, nextAttemptAt: new Date(Date.now() + 600_000).toISOString(), dueAt: new Date(Date.now() + 600_000).toISOString() });
    const dead = await signedCase({ status: 'dead', attempts: 4 });
    const done = await signedCase({ status: 'rendered', attempts: 1 });
    const ours = new Set([late, oldest, middle, notYet, dead, done]);
    const due = (await dueLetters(new Date())).filter((id) => ours.has(id));
    expect(due).toEqual([oldest, middle, late]);
    // Clean up: these are not real letters.
    await Promise.all([...ours].map((id) => caseDoc(id).delete()));
  });

  it('issues a letter whose trigger event was lost: numbered, rendered, signed (pdfsig), stored, registered', async () => {
    const id = await signedCase({ status: 'pending', dueAt: ago(5_000) });
    const report = await sweepLetters(new Date());
    expect(report.letters).toContainEqual({ caseId: id, outcome: 'issued' });
    const letter = (await letterOf(id))!;
    expect(letter.status).toBe('rendered');
    expect(letter.dueAt).toBeUndefined();
    const [bytes] = await adminBucket.file(letter.storagePath!).download();
    const sig = pdfsig(bytes);
    expect(sig).toContain('Signature Validation: Signature is Valid.');
    expect(sig).toContain('Total document signed');
    expect((await historyOf(id)).map((h) => h['action'])).toEqual(['letterIssued']);
    // Swept again: nothing more (idempotent).
    const again = await sweepLetters(new Date());
    expect(again.letters.find((l) => l.caseId === id)).toBeUndefined();
  });

  it('takes over the lease of a dead instance while attempts are left, and buries the letter on its last attempt', async () => {
    const revived = await signedCase({ status: 'rendering', attempts: 2, leaseId: 'dead-instance', leaseUntil: ago(1_000), dueAt: ago(1_000) });
    const lastTry = await signedCase({ status: 'rendering', attempts: 4, leaseId: 'dead-instance', leaseUntil: ago(2_000), dueAt: ago(2_000) });
    const report = await sweepLetters(new Date());
    expect(report.letters).toContainEqual({ caseId: revived, outcome: 'issued' });
    expect(report.letters).toContainEqual({ caseId: lastTry, outcome: 'dead' });
    expect(await letterOf(revived)).toMatchObject({ status: 'rendered', attempts: 3 });
    const dead = (await letterOf(lastTry))!;
    expect(dead.status).toBe('dead');
    expect(dead.dueAt).toBeUndefined();
    expect(dead.error).toMatch(/terhenti sebelum selesai.*administrator dapat mencoba lagi atau membatalkan/);
    const history = await historyOf(lastTry);
    expect(history.map((h) => h['action'])).toEqual(['letterDead']);
    expect(history[0]).toMatchObject({ by: 'system', final: true });
    expect(await dueLetters(new Date())).not.toContain(lastTry);
    // The admin page's list of letters needing attention.
    const attention = await adminDb.collection('cases').where('letter.status', '==', 'dead').get();
    expect(attention.docs.map((d) => d.id)).toContain(lastTry);

    // Retry (admin only): a fresh series of attempts; the trigger issues the letter.
    expect((await errorCode(o.fo.call('retryLetter', { caseId: lastTry, reason: 'uji' }))).code).toBe('permission-denied');
    await o.admin.call('retryLetter', { caseId: lastTry, reason: 'Instans terhenti; dicoba lagi.' });
    const retried = await waitFor('the retried letter', async () => {
      const l = await letterOf(lastTry);
      return l?.status === 'rendered' ? l : undefined;
    }, 90_000);
    expect(retried.attempts).toBe(1);
    const actions = (await historyOf(lastTry)).map((h) => h['action']);
    expect(actions).toEqual(['letterDead', 'letterRetried', 'letterIssued']);
  }, 150_000);

  it('a letter whose last attempt fails is dead with its number; Void keeps the number as dibatalkan and sends the case back for signing under a new one', async () => {
    const settings = adminDb.doc('settings/office');
    const before = (await settings.get()).get('letterhead.logoDataUrl') as string | undefined;
    // A logo the renderer refuses (written past updateSettings' validation on purpose): every attempt fails after numbering.
    await settings.set({ letterhead: { logoDataUrl: 'http://contoh.example/logo.png' } }, { merge: true });
    let id: string;
    try {
      id = await signedCase({ status: 'failed', attempts: 3, nextAttemptAt: ago(1_000), dueAt: ago(1_000) });
      const report = await sweepLetters(new Date());
      expect(report.letters).toContainEqual({ caseId: id, outcome: 'dead' });
    } finally {
      await settings.update({ 'letterhead.logoDataUrl': before ?? FieldValue.delete() });
    }
    const dead = (await letterOf(id))!;
    expect(dead).toMatchObject({ status: 'dead', attempts: 4 });
    expect(dead.number).toMatch(/\d{4}/);
    expect(dead.error).toMatch(/Logo kop surat/);
    const reg = adminDb.doc(`letters/${dead.registerId}`);
    expect((await reg.get()).get('status')).toBe('numbered');

    expect((await errorCode(o.kabid.call('voidLetter', { caseId: id, reason: 'uji' }))).code).toBe('permission-denied');
    const reason = 'Kop surat rusak; surat diterbitkan ulang dengan nomor baru.';
    const voided = await o.admin.call<{ state: string; version: number }>('voidLetter', { caseId: id, reason });
    expect(voided.state).toBe('initialled');
    expect((await reg.get()).data()).toMatchObject({ status: 'voided', number: dead.number, voided: { reason, by: o.staff.admin.uid } });
    const kase = (await caseDoc(id).get()).data()!;
    expect(kase).toMatchObject({ state: 'initialled', signature: null, letter: null, version: voided.version });
    const voidEntry = (await historyOf(id)).find((h) => h['action'] === 'letterVoided')!;
    expect(voidEntry).toMatchObject({ from: 'signed', to: 'initialled', actedAs: 'admin', letterNumber: dead.number });
    expect(String(voidEntry['note'])).toContain(reason);
    const anon = await client();
    try {
      expect(await anon.call('verifyLetter', { code: dead.verificationCode })).toEqual({ status: 'unknown' });
    } finally {
      await anon.close();
    }

    // The Kabid signs again: a new number; the voided one stays in the register.
    await o.kabid.call('signCase', { caseId: id, expectedVersion: voided.version, confirm: true });
    const issued = await waitFor('the new letter', async () => {
      const l = await letterOf(id);
      return l?.status === 'rendered' ? l : undefined;
    }, 90_000);
    expect(issued.number).not.toBe(dead.number);
    const entries = (await adminDb.collection('letters').where('caseId', '==', id).get()).docs.map((d) => d.get('status') as string);
    expect(entries.sort()).toEqual(['valid', 'voided']);
  }, 150_000);
});

describe('email leases', () => {
  it('an expired lease ends the delivery as ERROR and clears it: the late sender cannot write SUCCESS or a second final entry', async () => {
    const caseId = await signedCase({ status: 'rendered', attempts: 1 });
    const id = `two-senders-${randomUUID()}`;
    const ref = adminDb.doc(`outbox/${id}`);
    const doc = { to: 'dua.pengirim@contoh.example', caseId, kind: 'letter', message: { subject: 'Uji', text: 'Uji' }, attachments: [] };
    // Sender A claimed two minutes ago and has been silent since (PROCESSING is ignored by the trigger).
    await ref.set({ ...doc, delivery: { state: 'PROCESSING', attempts: 1, leaseId: 'sender-a', leaseExpireTime: ago(1_000), dueAt: ago(1_000) } });
    // Sender B: the sweeper.
    const report = await sweepLetters(new Date());
    expect(report.emails).toContainEqual({ id, state: null });
    const ended = (await ref.get()).get('delivery') as Record<string, unknown>;
    expect(ended).toMatchObject({ state: 'ERROR', leaseId: null, leaseExpireTime: null, dueAt: null });
    // Sender A wakes up with a success: refused, nothing written.
    const late = await recordOutcome(id, 'sender-a', doc, 1, {
      ok: true,
      info: { messageId: '<x@y>', accepted: [doc.to], rejected: [], response: '250 OK' },
    });
    expect(late).toBeNull();
    expect((await ref.get()).get('delivery.state')).toBe('ERROR');
    const finals = (await historyOf(caseId)).filter((h) => ['letterEmailed', 'letterEmailFailed'].includes(String(h['action'])));
    expect(finals.map((h) => h['action'])).toEqual(['letterEmailFailed']);
    expect((await caseDoc(caseId).get()).get('letter.email.status')).toBe('failed');
    // And nobody can claim it again.
    expect(await claimDelivery(id, 'sender-c')).toBeNull();
  });
});
