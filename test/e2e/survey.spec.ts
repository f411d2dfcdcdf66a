import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { adminDb } from '../support/admin.js';
import { driveCase, intakeForm, office } from '../support/workflow.js';

/**
 * The SKM survey at a phone's size (issue 14): a completed case → the FO's "Survei di loket" →
 * the QR code, then the survey on the counter tablet → the nine questions answered → "serahkan
 * tablet kepada petugas" → back to the list, the case gone → the Kabid's SKM report shows the IKM.
 */
test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const KEYS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'] as const;

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Kata sandi').fill(who.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
}

test('a completed case is surveyed at the counter and its answer reaches the IKM of the SKM report', async ({ page }) => {
  test.setTimeout(180_000);
  const o = await office();
  let number: string;
  try {
    const c = await driveCase(o, 'completed', intakeForm({ email: '' }));
    number = String((await adminDb.doc(`cases/${c.caseId}`).get()).get('number'));
  } finally {
    await o.close();
  }

  // The FO opens the counter screen: the case waits for its survey.
  await signIn(page, o.staff.fo);
  await page.getByRole('link', { name: 'Survei di loket' }).click();
  await expect(page.getByRole('heading', { name: 'Survei di loket' })).toBeVisible();
  const row = page.getByTestId('counter-list').locator(`tr[data-case="${number}"]`);
  await expect(row).toContainText('S*** A*****');

  // The QR code of the one-time link, for the applicant's phone.
  await row.getByRole('button', { name: 'Tampilkan QR' }).click();
  await expect(page.getByTestId('survey-qr')).toBeVisible();
  await expect(page.getByTestId('survey-link')).toHaveText(/\/survei\?t=[A-Za-z0-9_-]{32}$/);
  await page.getByRole('button', { name: 'Selesai' }).click();

  // …or the survey on this tablet, full-screen.
  await row.getByRole('button', { name: 'Isi di tablet ini' }).click();
  await expect(page).toHaveURL(/\/survei\?t=[A-Za-z0-9_-]{32}&loket=1$/);
  await expect(page.getByRole('heading', { name: 'Survei Kepuasan Masyarakat' })).toBeVisible();
  await expect(page.getByTestId('q-u1')).toContainText(
    'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
  );
  await expect(page.getByTestId('q-u4')).toContainText('Gratis');

  // Sending with a question left open names what is missing; nothing is stored.
  const scores = [4, 3, 3, 4, 3, 4, 4, 3, 3];
  for (const [i, k] of KEYS.entries()) {
    if (k === 'u9') continue;
    await page.getByTestId(`q-${k}`).locator('input[type=radio]').nth(scores[i]! - 1).check();
  }
  await page.getByRole('button', { name: /^Kirim jawaban/ }).click();
  await expect(page.getByRole('alert')).toHaveText('Masih ada 1 pertanyaan yang belum dijawab.');
  await page.getByTestId('q-u9').getByLabel('Berfungsi kurang maksimal').check();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByLabel('Saran dan masukan (boleh dikosongkan)').fill('Antrean cepat, petugas ramah. Kursi tunggu mohon ditambah.');
  await page.screenshot({ path: '.test-results/screens/survei-full.png', fullPage: true });
  await page.screenshot({ path: join(tmpdir(), 'pengaduan-kpm-survei-full.png'), fullPage: true });
  // What the phone shows first: the heading, the explanation and the first questions.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: '.test-results/screens/survei.png' });
  await page.screenshot({ path: join(tmpdir(), 'pengaduan-kpm-survei.png') });

  const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
  await page.getByRole('button', { name: 'Kirim jawaban (9/9)' }).click();
  await expect(page.getByTestId('thanks')).toContainText('Terima kasih — serahkan tablet kepada petugas');
  await page.screenshot({ path: join(tmpdir(), 'pengaduan-kpm-survei-terima-kasih.png') });

  // Back to the waiting list for the next applicant: this case is done.
  await page.getByRole('button', { name: /^Petugas: kembali ke daftar/ }).click();
  await expect(page.getByRole('heading', { name: 'Survei di loket' })).toBeVisible();
  await expect(page.locator(`tr[data-case="${number}"]`)).toHaveCount(0);
  await page.getByRole('button', { name: 'Keluar' }).click();

  // The month's totals as stored, and the index written out (25 × Σ sums ÷ (9 × respondents)).
  const totals = (await adminDb.doc(`skmMonths/${month}`).get()).data() as { respondents: number; sums: Record<string, number> };
  const points = KEYS.reduce((s, k) => s + (totals.sums[k] ?? 0), 0);
  const ikm = (Math.round((2500 * points) / (9 * totals.respondents)) / 100).toFixed(2).replace('.', ',');

  await signIn(page, o.staff.kabid);
  await page.getByRole('link', { name: 'Survei Kepuasan (SKM)' }).click();
  await page.getByTestId('skm-from').fill(month);
  await page.getByTestId('skm-to').fill(month);
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await expect(page.getByTestId('skm-respondents')).toHaveText(String(totals.respondents));
  await expect(page.getByTestId('skm-ikm')).toHaveText(ikm);
  await expect(page.getByTestId('skm-suggestions')).toContainText('Kursi tunggu mohon ditambah.');

  const download = page.waitForEvent('download');
  await page.getByTestId('skm-pdf').click();
  expect((await download).suggestedFilename()).toBe(`Laporan-Hasil-SKM-${month}.pdf`);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: '.test-results/screens/laporan-skm.png', fullPage: true });
  await page.screenshot({ path: join(tmpdir(), 'pengaduan-kpm-laporan-skm.png'), fullPage: true });
});
