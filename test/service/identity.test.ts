/**
 * Personal data on a need-to-know basis: a case is stored as a workflow document and an inbox row
 * without identity, and an identity that only the case-working roles open, through the server,
 * each opening recorded. Search by a full NIK/KK or a name prefix never sends another NIK out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb, createStaff } from '../support/admin.js';
import { client, errorCode } from '../support/client.js';
import { intakeForm, office, type Office } from '../support/workflow.js';

let o: Office;
beforeAll(async () => {
  o = await office();
});
afterAll(async () => o.close());

/** A fresh intake with identifiers no other test uses (NIK 6571 01 45 08 90 xxxx: valid, unique tail). */
async function newCase(tail: string, name: string) {
  const form = intakeForm({ name, email: `p${tail}@contoh.example` });
  form.applicant.nik = `657101450890${tail}`;
  form.kpm.nik = `657101450890${tail}`;
  form.kpm.kkNumber = `657101010120${tail}`;
  const made = await o.fo.call<{ caseId: string; number: string }>('createCase', form);
  return { ...made, form };
}

/** Every string value of a JSON-able object. */
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];

describe('the stored case carries no identity', () => {
  it('the case document and its inbox row hold no NIK, KK, KKS, phone, email, street or full name', async () => {
    const c = await newCase('7001', 'Wa Ode Sitti Halimah');
    const kase = (await adminDb.doc(`cases/${c.caseId}`).get()).data()!;
    const row = (await adminDb.doc(`caseSummaries/${c.caseId}`).get()).data()!;
    const f = c.form;
    const secrets = [f.applicant.nik, f.kpm.kkNumber, f.kpm.kksNumber!, '6281234567890', f.applicant.email, f.applicant.address.street, f.applicant.name];
    for (const stored of [kase, row]) {
      const all = strings(stored).join('\n');
      for (const s of secrets) expect(all).not.toContain(s);
      expect(all).not.toMatch(/\b\d{16}\b/);
    }
    expect(row).toMatchObject({
      number: c.number,
      state: 'intake',
      applicantName: 'W* O** S**** H******',
      kpmNik: '6571 •••• •••• 7001',
      kelurahan: 'Sebengkok',
    });
    const identity = (await adminDb.doc(`cases/${c.caseId}/private/identity`).get()).data()!;
    expect(identity['applicant']).toMatchObject({ name: 'Wa Ode Sitti Halimah', nik: f.applicant.nik, email: f.applicant.email });
  });

});

describe('opening the identity', () => {
  it('case-working roles open it and each opening is recorded; the administrator and strangers cannot', async () => {
    const c = await newCase('7003', 'Siti Rahmawati');
    for (const who of [o.fo, o.analis, o.koordinator, o.kabid]) {
      const id = await who.call<{ applicant: { nik: string; phone: string }; kpm: { kkNumber: string } }>('openCaseIdentity', { caseId: c.caseId });
      expect(id.applicant.nik).toBe(c.form.applicant.nik);
      expect(id.kpm.kkNumber).toBe(c.form.kpm.kkNumber);
    }
    const admin = await errorCode(o.admin.call('openCaseIdentity', { caseId: c.caseId }));
    expect(admin.code).toBe('permission-denied');
    const none = await createStaff([]);
    const n = await client(none);
    expect((await errorCode(n.call('openCaseIdentity', { caseId: c.caseId }))).code).toBe('permission-denied');
    await n.close();

    const log = (await adminDb.collection('accessLog').where('caseId', '==', c.caseId).get()).docs.map((d) => d.data());
    expect(log.filter((r) => r['what'] === 'identity').map((r): unknown => r['uid']).sort()).toEqual(
      [o.staff.fo.uid, o.staff.analis.uid, o.staff.koordinator.uid, o.staff.kabid.uid].sort(),
    );
    for (const r of log) {
      expect(r).toMatchObject({ caseNumber: c.number });
      expect(strings(r).join('\n')).not.toContain(c.form.applicant.nik);
    }
  });
});

describe('search without exposure', () => {
  it('a full NIK or KK number finds exactly its case; a name prefix finds by any word; only summaries come back', async () => {
    const a = await newCase('7004', 'Muhammad Ma’ruf Amin');
    const b = await newCase('7005', 'Marlina Sari');
    const byNik = await o.analis.call<{ cases: { id: string; kpmNik: string }[] }>('searchCases', { query: '6571 0145 0890 7004' });
    expect(byNik.cases.map((x) => x.id)).toEqual([a.caseId]);
    expect(byNik.cases[0]!.kpmNik).toBe('6571 •••• •••• 7004');
    const byKk = await o.fo.call<{ cases: { id: string }[] }>('searchCases', { query: a.form.kpm.kkNumber });
    expect(byKk.cases.map((x) => x.id)).toEqual([a.caseId]);
    const byName = await o.fo.call<{ cases: { id: string }[] }>('searchCases', { query: 'maruf' });
    expect(byName.cases.map((x) => x.id)).toContain(a.caseId);
    expect(byName.cases.map((x) => x.id)).not.toContain(b.caseId);
    const twoWords = await o.fo.call<{ cases: { id: string }[] }>('searchCases', { query: 'Mar Sar' });
    expect(twoWords.cases.map((x) => x.id)).toContain(b.caseId);
    expect(twoWords.cases.map((x) => x.id)).not.toContain(a.caseId);
    const results = JSON.stringify([byNik, byKk, byName, twoWords]);
    expect(results).not.toMatch(/\d{16}/);
    expect(results).not.toContain('Marlina');
  });

  it('refuses a partial NIK and a too-short name; the administrator does not search identities', async () => {
    expect((await errorCode(o.fo.call('searchCases', { query: '6571014508' }))).code).toBe('invalid-argument');
    expect((await errorCode(o.fo.call('searchCases', { query: 'si' }))).code).toBe('invalid-argument');
    expect((await errorCode(o.admin.call('searchCases', { query: 'siti' }))).code).toBe('permission-denied');
    const other = await o.fo.call<{ cases: unknown[] }>('searchCases', { query: '6571014508909999' });
    expect(other.cases).toEqual([]);
  });
});
