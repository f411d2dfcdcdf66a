import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { adminDb, createStaff, type TestStaff } from '../support/admin.js';

/**
 * The access log page (issue #11): the Kabid (and the admin) read who opened what, per case and
 * per staff member, and download it as CSV; other roles have no link to it.
 */
async function signIn(page: Page, who: TestStaff) {
  await page.goto('/');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Kata sandi').fill(who.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
}

test('the Kabid reads the access records of a case, per staff member, and downloads them as CSV', async ({ page }) => {
  const kabid = await createStaff(['kabid']);
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const number = `ADU-2026-E2E${tag}`;
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const entries = [
    { at: at(30), uid: `fo-${tag}`, name: 'Rina Front Office', caseId: `case${tag}`, caseNumber: number, what: 'identity' },
    { at: at(20), uid: `fo-${tag}`, name: 'Rina Front Office', caseId: `case${tag}`, caseNumber: number, what: 'document', documentKind: 'kks' },
    { at: at(10), uid: `an-${tag}`, name: 'Budi, Analis', caseId: `case${tag}`, caseNumber: number, what: 'letter' },
  ];
  for (const e of entries) await adminDb.collection('accessLog').add(e);

  await signIn(page, kabid);
  await page.getByRole('link', { name: 'Catatan akses' }).click();
  await expect(page.getByRole('heading', { name: 'Catatan akses data pribadi' })).toBeVisible();
  await page.getByLabel('Nomor pengaduan').fill(number.toLowerCase());
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  const table = page.getByTestId('access-log');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table.locator('tbody tr').first()).toContainText('Budi, Analis');
  await expect(table.locator('tbody tr').first()).toContainText('Surat Keterangan (PDF)');
  await expect(table).toContainText('Fotokopi dokumen: Fotokopi KKS');
  await expect(table).toContainText('Identitas pemohon dan KPM');
  await page.screenshot({ path: '.test-results/screens/staff-access-log.png', fullPage: true });

  await page.getByLabel('Per petugas').check();
  const perStaff = page.getByTestId('access-summary-staff');
  await expect(perStaff.locator('tbody tr')).toHaveCount(2);
  const rina = perStaff.locator('tbody tr', { hasText: 'Rina Front Office' });
  await expect(rina.locator('td[data-label="Jumlah"]')).toHaveText('2');
  await expect(rina.locator('td[data-label="Pengaduan berbeda"]')).toHaveText('1');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Unduh CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^catatan-akses-${number}-\\d{4}-\\d{2}-\\d{2}-sd-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const csv = (await readFile(await file.path(), 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.split('\r\n').filter(Boolean);
  expect(lines[0]).toBe('Waktu (WITA),Waktu (UTC),Petugas,ID petugas,Nomor pengaduan,ID pengaduan,Yang dibuka');
  expect(lines).toHaveLength(4);
  expect(lines[1]).toContain(`"Budi, Analis",an-${tag},${number},case${tag},Surat Keterangan (PDF)`);
});

test('the front office has no access log link and the page is not served to it', async ({ page }) => {
  const fo = await createStaff(['fo']);
  await signIn(page, fo);
  await expect(page.getByRole('link', { name: 'Catatan akses' })).toHaveCount(0);
  await page.goto('/catatan-akses');
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Catatan akses data pribadi' })).toHaveCount(0);
});
