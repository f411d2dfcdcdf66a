import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { adminBucket, adminDb } from '../support/admin.js';
import { driveCase, intakeForm, office } from '../support/workflow.js';

/** The public verification page, in Chromium, against a letter issued by the real trigger. */
test('the verification page says a real letter is genuine and checks a PDF file; an unknown code is not', async ({
  page,
}) => {
  const o = await office();
  type Letter = { status: string; verificationCode: string; storagePath: string; number: string };
  let letter: Letter | undefined;
  try {
    const c = await driveCase(o, 'signed', intakeForm({ email: '' }));
    const deadline = Date.now() + 60_000;
    while (!letter) {
      const l = (await adminDb.doc(`cases/${c.caseId}`).get()).get('letter') as Letter | undefined;
      if (l?.status === 'rendered') letter = l;
      else if (Date.now() > deadline) throw new Error('letter not rendered within 60 s');
      else await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await o.close();
  }
  const [pdf] = await adminBucket.file(letter.storagePath).download();

  await page.goto(`/verifikasi/${letter.verificationCode}`);
  const verdict = page.getByTestId('verdict');
  await expect(verdict.getByRole('heading')).toHaveText('Asli / Sah');
  await expect(verdict).toContainText(letter.number);
  await expect(verdict).toContainText('S*** A*****');
  await expect(verdict).toContainText('PIN KKS terblokir');
  // What the letter says, masked: a paper with another KPM or another outcome does not match.
  await expect(page.getByTestId('v-kpm-name')).toHaveText('S*** A*****');
  await expect(page.getByTestId('v-kpm-nik')).toHaveText('6571********0001');
  await expect(page.getByTestId('v-outcome')).toContainText('pengaturan ulang (reset) PIN KKS');
  await expect(page.getByTestId('v-signature')).toContainText('Kepala Bidang Sosial Dinsos PM Kota Tarakan (DEMO)');
  await expect(verdict).not.toContainText('6571014508900001');

  const input = page.getByLabel('Berkas PDF surat');
  const altered = Buffer.from(pdf);
  altered[altered.length - 2] = (altered[altered.length - 2]! + 1) % 256;
  await input.setInputFiles({ name: 'surat-diubah.pdf', mimeType: 'application/pdf', buffer: altered });
  await expect(page.getByTestId('file-verdict')).toHaveText(/tidak cocok/);
  await input.setInputFiles({ name: 'surat-keterangan.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(page.getByTestId('file-verdict')).toHaveText(/^Berkas surat-keterangan\.pdf cocok/);
  await expect(page.getByTestId('file-signature')).toContainText('ditandatangani secara elektronik oleh');
  await page.screenshot({ path: '.test-results/screens/verifikasi.png', fullPage: true });
  // A copy outside .test-results, which the next test run on this machine wipes at its start.
  await page.screenshot({ path: join(tmpdir(), 'pengaduan-kpm-verifikasi.png'), fullPage: true });

  await page.goto('/verifikasi/ZZZZZ-ZZZZZ');
  await expect(page.getByTestId('verdict').getByRole('heading')).toHaveText('Tidak dikenal');
  await expect(page.getByLabel('Berkas PDF surat')).toHaveCount(0);
  await page.screenshot({ path: '.test-results/screens/verifikasi-unknown.png', fullPage: true });
});
