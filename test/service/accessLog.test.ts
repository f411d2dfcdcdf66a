/**
 * Who saw what (issue #11): every letter download leaves one access record (photocopy views are
 * in upload.test.ts); the record names the staff member, the case and what was opened, nothing of
 * the applicant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb } from '../support/admin.js';
import { waitFor } from '../support/wait.js';
import { driveCase, intakeForm, office, type Office } from '../support/workflow.js';

let o: Office;
beforeAll(async () => {
  o = await office();
});
afterAll(async () => {
  await o.close();
});

const accessOf = async (caseId: string) =>
  (await adminDb.collection('accessLog').where('caseId', '==', caseId).get()).docs.map((d) => d.data());

describe('letter downloads', () => {
  it('are recorded for each staff member who fetches the PDF (getLetterPdf), before the bytes are handed out', async () => {
    const signed = await driveCase(o, 'signed', intakeForm({ email: '' }));
    await waitFor('letter rendered', async () =>
      (await adminDb.doc(`cases/${signed.caseId}`).get()).get('letter.status') === 'rendered' ? true : undefined,
    );
    const number = (await adminDb.doc(`cases/${signed.caseId}`).get()).get('number') as string;
    expect(await accessOf(signed.caseId)).toEqual([]);

    await o.fo.call('getLetterPdf', { caseId: signed.caseId });
    await o.kabid.call('getLetterPdf', { caseId: signed.caseId });
    await o.fo.call('getLetterPdf', { caseId: signed.caseId });

    const records = await accessOf(signed.caseId);
    expect(records).toHaveLength(3);
    for (const r of records) {
      expect(Object.keys(r).sort()).toEqual(['at', 'caseId', 'caseNumber', 'name', 'uid', 'what']);
      expect(r).toMatchObject({ caseId: signed.caseId, caseNumber: number, what: 'letter' });
      expect(JSON.stringify(r)).not.toMatch(/Siti|Aminah|6571014508900001|contoh\.example|0812/);
    }
    const byUid = (uid: string) => records.filter((r) => r['uid'] === uid);
    expect(byUid(o.staff.fo.uid)).toHaveLength(2);
    expect(byUid(o.staff.kabid.uid)).toEqual([expect.objectContaining({ name: o.staff.kabid.name })]);
  }, 180_000);

  it('a refused download (letter not yet available) records nothing', async () => {
    const drafted = await driveCase(o, 'drafted');
    await expect(o.fo.call('getLetterPdf', { caseId: drafted.caseId })).rejects.toMatchObject({
      code: 'functions/failed-precondition',
    });
    expect(await accessOf(drafted.caseId)).toEqual([]);
  }, 120_000);
});
