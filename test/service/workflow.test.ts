import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../functions/src/audit/chain.js';
import { setOwnPassword } from '../support/accounts.js';
import type { CaseSnapshot } from '../../functions/src/domain/workflow.js';
import { adminDb, createStaff } from '../support/admin.js';
import { client, errorCode } from '../support/client.js';
import { decideYes, driveCase, intakeForm, office, type Office } from '../support/workflow.js';

let o: Office;
beforeAll(async () => {
  o = await office();
});
afterAll(async () => o.close());

type Entry = Record<string, unknown> & { action: string; by: string; stepMinutes: number; stepStandardMinutes: number };
const history = async (caseId: string): Promise<Entry[]> =>
  (await adminDb.collection(`cases/${caseId}/history`).orderBy('seq').get()).docs.map((d) => d.data() as Entry);
const caseDoc = async (caseId: string) => (await adminDb.doc(`cases/${caseId}`).get()).data() as CaseSnapshot;

describe('one case through every state, by five different people', () => {
  it('intake → submitted → awaiting documents → submitted → verified → Tidak (back to FO) → verified → drafted → revision → drafted → initialled → signed', async () => {
    const form = intakeForm({ complaintType: 'kks_hilang' });
    const created = await o.fo.call<{ caseId: string; number: string; version: number }>('createCase', form);
    expect(created.number).toMatch(/^ADU-\d{4}-\d{6}$/);
    const id = created.caseId;
    let v = created.version;
    const ref = () => ({ caseId: id, expectedVersion: v });
    const step = async (c: Office['fo'], name: string, data: object, state: string) => {
      const r = await c.call<{ state: string; version: number }>(name, { ...data, ...ref() });
      expect(r.state).toBe(state);
      expect(r.version).toBe(v + 1);
      v = r.version;
    };
    // A lost card cannot be brought: KTP/KK and the savings book are what the SOP asks for.
    await step(o.fo, 'submitCase', {}, 'submitted');
    await step(o.fo, 'returnToApplicant', { reason: 'Fotokopi buku tabungan tidak terbaca.', missing: ['buku_tabungan'] }, 'awaiting_documents');
    await step(o.fo, 'completeDocuments', { received: ['buku_tabungan'] }, 'submitted');
    await step(o.fo, 'verifyCase', { checks: [{ kind: 'ktp_kk', ok: true }, { kind: 'buku_tabungan', ok: true }] }, 'verified');
    await step(o.analis, 'decideCase', { decision: 'tidak', reason: 'Alamat pada KTP berbeda dengan data SIKS-NG; mohon dikonfirmasi.', destination: 'fo' }, 'submitted');
    await step(o.fo, 'verifyCase', { checks: [{ kind: 'ktp_kk', ok: true }, { kind: 'buku_tabungan', ok: true }] }, 'verified');
    await step(o.analis, 'decideCase', decideYes(ref()), 'drafted');
    await step(o.koordinator, 'requestRevision', { note: 'Perbaiki uraian solusi: sebutkan bank penerbit KKS.' }, 'verified');
    await step(o.analis, 'decideCase', decideYes(ref()), 'drafted');
    await step(o.koordinator, 'parafCase', {}, 'initialled');
    await step(o.kabid, 'signCase', { confirm: true }, 'signed');

    const kase = await caseDoc(id);
    expect(kase.state).toBe('signed');
    expect(kase.paraf?.uid).toBe(o.staff.koordinator.uid);
    expect(kase.signature?.uid).toBe(o.staff.kabid.uid);
    expect(kase.analysis?.by).toBe(o.staff.analis.uid);
    expect(kase.sopWarnings).toContain('penggantianKks');

    const h = await history(id);
    expect(h[0]!.action).toBe('intake');
    const transitions = h.filter((e) => e.action !== 'intake' && !String(e.action).startsWith('letter'));
    expect(transitions.map((e) => e.action)).toEqual([
      'submit', 'returnToApplicant', 'documentsCompleted', 'verify', 'decideNo', 'verify',
      'decideYes', 'requestRevision', 'decideYes', 'paraf', 'sign',
    ]);
    expect(transitions.map((e) => e.by)).toEqual([
      o.staff.fo.uid, o.staff.fo.uid, o.staff.fo.uid, o.staff.fo.uid, o.staff.analis.uid, o.staff.fo.uid,
      o.staff.analis.uid, o.staff.koordinator.uid, o.staff.analis.uid, o.staff.koordinator.uid, o.staff.kabid.uid,
    ]);
    for (const e of transitions) {
      expect(typeof e.stepMinutes).toBe('number');
      expect(e.stepStandardMinutes).toBeGreaterThan(0);
    }
    expect(verifyChain(h)).toMatchObject({ ok: true });
  });

  it('Tidak with destination close ends the case in `closed` with its reason', async () => {
    const c = await driveCase(o, 'verified');
    const r = await o.analis.call<{ state: string }>('decideCase', {
      caseId: c.caseId, expectedVersion: c.version, decision: 'tidak', destination: 'close',
      reason: 'Yang bersangkutan tidak terdaftar sebagai KPM Program Sembako.',
    });
    expect(r.state).toBe('closed');
    expect((await caseDoc(c.caseId)).closure?.reason).toMatch(/tidak terdaftar/);
  });
});

describe('audit', () => {
  it('the audit command passes an intact history and names the first broken link of a tampered one', async () => {
    const c = await driveCase(o, 'verified');
    const audit = () => spawnSync(process.execPath, ['scripts/audit-chain.mjs', c.caseId], { encoding: 'utf8', env: process.env });
    const ok = audit();
    expect(ok.stdout).toMatch(/^OK/m);
    expect(ok.status).toBe(0);
    await adminDb.doc(`cases/${c.caseId}/history/000002`).update({ note: 'diubah diam-diam' });
    const bad = audit();
    expect(bad.stdout).toMatch(/first broken link at entry 2/);
    expect(bad.status).toBe(1);
  });
});

describe('refusals', () => {
  it('an illegal transition is refused with failed-precondition and changes nothing', async () => {
    const c = await driveCase(o, 'submitted');
    const before = await caseDoc(c.caseId);
    const err = await errorCode(o.koordinator.call('parafCase', { caseId: c.caseId, expectedVersion: c.version }));
    expect(err.code).toBe('failed-precondition');
    const err2 = await errorCode(o.fo.call('submitCase', { caseId: c.caseId, expectedVersion: c.version }));
    expect(err2.code).toBe('failed-precondition');
    const after = await caseDoc(c.caseId);
    expect(after.version).toBe(before.version);
    expect(after.state).toBe('submitted');
    expect((await history(c.caseId)).length).toBe(2);
  });

  it('the wrong role is refused with permission-denied', async () => {
    const c = await driveCase(o, 'verified');
    const err = await errorCode(o.fo.call('decideCase', decideYes({ caseId: c.caseId, expectedVersion: c.version })));
    expect(err.code).toBe('permission-denied');
    const err2 = await errorCode(o.analis.call('signCase', { caseId: c.caseId, expectedVersion: c.version, confirm: true }));
    expect(err2.code).toBe('permission-denied');
    const err3 = await errorCode(o.admin.call('createCase', intakeForm()));
    expect(err3.code).toBe('permission-denied');
  });

  it('signed-out, role-less and deactivated callers are refused', async () => {
    const anon = await client();
    expect((await errorCode(anon.call('createCase', intakeForm()))).code).toBe('unauthenticated');
    const nobody = await createStaff([]);
    const n = await client(nobody);
    expect((await errorCode(n.call('createCase', intakeForm()))).code).toBe('permission-denied');
    const gone = await createStaff(['fo'], { active: false });
    const g = await client(gone);
    expect((await errorCode(g.call('createCase', intakeForm()))).code).toBe('permission-denied');
    await Promise.all([anon.close(), n.close(), g.close()]);
  });

  it('bad input is refused with invalid-argument and a message a person can read', async () => {
    const bad = intakeForm();
    bad.applicant.nik = '6571013102900001'; // 31 February
    const err = await errorCode(o.fo.call('createCase', bad));
    expect(err.code).toBe('invalid-argument');
    expect(err.message).toMatch(/NIK/);
    const err2 = await errorCode(o.fo.call('submitCase', { caseId: 'x', expectedVersion: 1 }));
    expect(err2.code).toBe('invalid-argument');
    expect(err2.message).toMatch(/ID kasus tidak valid/);
    const c = await driveCase(o, 'verified');
    const err3 = await errorCode(o.analis.call('decideCase', { ...decideYes({ caseId: c.caseId, expectedVersion: c.version }), problem: '' }));
    expect(err3.code).toBe('invalid-argument');
    expect(err3.message).toMatch(/problem: wajib diisi/);
  });

  it('a stale version is refused with aborted, never applied twice', async () => {
    const c = await driveCase(o, 'intake');
    const ref = { caseId: c.caseId, expectedVersion: c.version };
    await o.fo.call('submitCase', ref);
    const err = await errorCode(o.fo.call('submitCase', ref));
    expect(err.code).toBe('aborted');
    const kase = await caseDoc(c.caseId);
    expect(kase.version).toBe(c.version + 1);
    expect((await history(c.caseId)).filter((e) => e.action === 'submit')).toHaveLength(1);
  });

  it('a case that does not exist is not-found', async () => {
    const err = await errorCode(o.fo.call('submitCase', { caseId: 'AbCdEfGhIjKlMnOpQrSt', expectedVersion: 1 }));
    expect(err.code).toBe('not-found');
  });
});

describe('concurrency', () => {
  it('20 concurrent conflicting transitions on one case: exactly one wins, history stays consistent', async () => {
    const c = await driveCase(o, 'submitted');
    const ref = { caseId: c.caseId, expectedVersion: c.version };
    const checks = intakeForm().documentsPresent.map((kind) => ({ kind, ok: true }));
    const attempts = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? o.fo.call('verifyCase', { ...ref, checks })
        : o.fo.call('returnToApplicant', { ...ref, reason: `Percobaan ${i}`, missing: ['ktp_kk'] }),
    );
    const results = await Promise.allSettled(attempts);
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') {
        expect(['aborted', 'failed-precondition']).toContain(String((r.reason as { code: string }).code).replace('functions/', ''));
      }
    }
    const kase = await caseDoc(c.caseId);
    expect(kase.version).toBe(c.version + 1);
    const h = await history(c.caseId);
    expect(h).toHaveLength(3);
    expect(verifyChain(h)).toMatchObject({ ok: true, length: 3 });
  });

  it('50 concurrent intakes get 50 distinct case numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () => o.fo.call<{ number: string }>('createCase', intakeForm())),
    );
    const numbers = results.map((r) => r.number);
    expect(new Set(numbers).size).toBe(50);
    const seqs = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    expect(seqs[49]! - seqs[0]!).toBe(49); // consecutive: no gap inside this burst
  }, 360_000); // the Functions emulator starts one cold worker per concurrent request
});

describe('admin', () => {
  it('creates staff who choose their own password, changes roles, deactivates; non-admins are refused', async () => {
    const email = `baru-${Date.now()}@test.dinsos.local`;
    const made = await o.admin.call<{ uid: string }>('createStaff', {
      email, name: 'Budi Santoso', title: 'Analis', nip: '198001012006041001', roles: ['analis'],
    });
    const dup = await errorCode(o.admin.call('createStaff', { email, name: 'X', title: 'Y', roles: ['fo'] }));
    expect(dup.code).toBe('already-exists');
    // The admin cannot choose anyone's password: the field does not exist.
    const withPassword = await errorCode(o.admin.call('createStaff', { email: `lain-${Date.now()}@test.dinsos.local`, password: 'rahasia-panjang-1', name: 'X', title: 'Y', roles: ['fo'] }));
    expect(withPassword.code).toBe('invalid-argument');
    await setOwnPassword(made.uid, 'rahasia-panjang-1');
    const budi = await client({ email, password: 'rahasia-panjang-1' });
    expect((await budi.call<{ roles: string[] }>('whoami')).roles).toEqual(['analis']);
    await o.admin.call('updateStaff', { uid: made.uid, active: false });
    const profile = (await adminDb.doc(`users/${made.uid}`).get()).data()!;
    expect(profile.active).toBe(false);
    // The old session still holds an ID token with the analis claim: the profile check refuses it at once.
    const c = await driveCase(o, 'verified');
    const err = await errorCode(budi.call('decideCase', decideYes({ caseId: c.caseId, expectedVersion: c.version })));
    expect(err.code).toBe('permission-denied');
    expect((await caseDoc(c.caseId)).state).toBe('verified');
    await budi.close();
    const notAdmin = await errorCode(o.fo.call('createStaff', { email: `fo-coba-${Date.now()}@test.dinsos.local`, name: 'X', title: 'Y', roles: ['fo'] }));
    expect(notAdmin.code).toBe('permission-denied');
    const self = await errorCode(o.admin.call('updateStaff', { uid: o.staff.admin.uid, active: false }));
    expect(self.code).toBe('failed-precondition');
  }, 120_000);

  it('edits the office settings; the new time standard is used by the next transition', async () => {
    const s = await o.admin.call<{ timeStandards: { submitted: number } }>('updateSettings', { timeStandards: { submitted: 12 } });
    expect(s.timeStandards.submitted).toBe(12);
    const bad = await errorCode(o.admin.call('updateSettings', { letterNumber: { format: '{classification}/{unit}' } }));
    expect(bad.code).toBe('invalid-argument');
    const c = await driveCase(o, 'verified');
    const h = await history(c.caseId);
    expect(h.find((e) => e.action === 'verify')?.stepStandardMinutes).toBe(12);
    await o.admin.call('updateSettings', { timeStandards: { submitted: 10 } });
  });
});
