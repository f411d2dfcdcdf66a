import { expect, test } from '@playwright/test';
import { adminDb, createStaff } from '../support/admin.js';
import { driveCase, intakeForm, office } from '../support/workflow.js';
import { waitFor } from '../support/wait.js';

/**
 * The admin page lists a letter the system gave up on ('dead') and the administrator retries it:
 * the trigger issues it and the row leaves the list.
 */
test('a dead letter is listed for the administrator, who retries it with a reason', async ({ browser }) => {
  const o = await office();
  let caseId: string;
  let number: string;
  try {
    const init = await driveCase(o, 'initialled', intakeForm({ email: '' }));
    caseId = init.caseId;
    const kase = (await adminDb.doc(`cases/${caseId}`).get()).data()!;
    number = String(kase['number']);
    // As if its four attempts had failed: signed, letter 'dead' (the letter trigger leaves a dead letter alone).
    await adminDb.doc(`cases/${caseId}`).update({
      state: 'signed',
      version: Number(kase['version']) + 1,
      signature: { uid: o.staff.kabid.uid, name: o.staff.kabid.name, at: new Date().toISOString() },
      letter: {
        status: 'dead',
        attempts: 4,
        deadAt: new Date().toISOString(),
        error: 'Surat Keterangan gagal dibuat karena gangguan sistem. Batas percobaan otomatis telah tercapai.',
      },
    });
  } finally {
    await o.close();
  }
  const admin = await createStaff(['admin'], { name: 'Admin Surat Gagal' });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Kata sandi').fill(admin.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByTestId('roles')).toBeVisible();
  await page.getByRole('link', { name: 'Akun petugas' }).click();

  const row = page.getByTestId('dead-letters').locator(`tr[data-case="${number}"]`);
  await expect(row).toContainText('gangguan sistem');
  await expect(row.getByRole('button', { name: 'Coba lagi' })).toBeDisabled(); // a reason first
  await row.getByPlaceholder('Alasan (wajib)').fill('Gangguan telah diperbaiki.');
  await row.getByRole('button', { name: 'Coba lagi' }).click();
  await waitFor('the retried letter', async () => {
    const status = (await adminDb.doc(`cases/${caseId}`).get()).get('letter.status') as string;
    return status === 'rendered' ? status : undefined;
  }, 90_000);
  await expect(row).toHaveCount(0, { timeout: 30_000 });
  const actions = (await adminDb.collection(`cases/${caseId}/history`).get()).docs.map((d) => d.get('action') as string);
  expect(actions).toContain('letterRetried');
  expect(actions).toContain('letterIssued');
  await context.close();
});
