import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { createStaff } from '../support/admin.js';
import { docsScreen } from '../support/screens.js';

/**
 * The applicant's receipt and tracking page (issue 14): the front office takes a complaint on the
 * staff page and prints the receipt; the applicant opens the receipt's tracking link on a phone
 * (360×740) and reads the step their case is at. The receipt's link is read from the A5 PDF (its
 * link annotation carries the QR code's address; Debian's Chromium has no barcode reader).
 * Screenshots: tanda-terima.png (pdftoppm) and lacak.png (test/support/screens.ts: docs/screens/ on request).
 */
const SCREENS = '.test-results/screens';
mkdirSync(SCREENS, { recursive: true });

test('intake → receipt → the tracking page on a phone shows the step', async ({ browser }) => {
  test.setTimeout(180_000);
  const fo = await createStaff(['fo'], { name: 'Rina Petugas FO' });

  // --- Front office: intake on the staff page ---------------------------------------------------
  const staff = await browser.newContext({ acceptDownloads: true });
  const page = await staff.newPage();
  await page.goto('/');
  await page.getByLabel('Email').fill(fo.email);
  await page.getByLabel('Kata sandi').fill(fo.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByTestId('roles')).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Menu utama' })
    .getByRole('link', { name: 'Pengaduan baru' })
    .click();
  await page.getByLabel('Jenis pengaduan').selectOption('pin_terblokir');
  await page.getByLabel('Pemohon adalah').selectOption('kpm');
  await page.getByLabel('Nama lengkap pemohon').fill('Siti Aminah');
  await page.getByLabel('NIK pemohon').fill('6571014508900001');
  await page.getByLabel('Nomor telepon/HP').fill('0812-3456-7890');
  await page.getByLabel('Kecamatan').selectOption('Tarakan Tengah');
  await page.getByLabel('Kelurahan').selectOption('Sebengkok');
  await page.getByLabel('Alamat (jalan, RT/RW, nomor rumah)').fill('Jl. Yos Sudarso RT 05 No. 12');
  await page.getByLabel('Nomor KK', { exact: true }).fill('6571010101200005');
  for (const d of ['Fotokopi KTP/KK', 'Fotokopi KKS', 'Fotokopi Buku Tabungan'])
    await page.getByLabel(`${d} — dibawa`).check();
  await page.getByRole('button', { name: 'Simpan dan ajukan' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('Diajukan');
  const number = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();

  // --- The receipt, offered first after intake ---------------------------------------------------
  const panel = page.getByTestId('receipt-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('reprint-warning')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Cetak tanda terima' }).click();
  await expect(panel.getByTestId('receipt-result')).toBeVisible();
  const code = (await panel.getByTestId('receipt-code').textContent())!.trim();
  expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await expect(panel.getByTestId('receipt-wa')).toHaveAttribute('href', /^https:\/\/wa\.me\/\?text=/);
  // Now that a receipt exists, printing again is announced as replacing the code.
  await expect(panel.getByTestId('reprint-warning')).toContainText(
    'Mencetak ulang akan mengganti kode pelacakan',
  );
  await expect(page.getByTestId('timeline')).toContainText('Tanda terima dicetak');
  await panel.screenshot({ path: `${SCREENS}/staff-receipt-panel.png` });

  const download = await Promise.all([
    page.waitForEvent('download'),
    panel.getByTestId('receipt-a5').click(),
  ]).then(([d]) => d);
  const pdfPath = `${SCREENS}/tanda-terima.pdf`;
  await download.saveAs(pdfPath);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString('utf8');
  expect(text).toContain('TANDA TERIMA PENGADUAN');
  expect(text).toContain(number);
  expect(text).toContain(code);
  const urls = execFileSync('pdfinfo', ['-url', pdfPath]).toString('utf8');
  const link = /(https?:\/\/\S+\/lacak\?\S+)/.exec(urls)?.[1];
  expect(link).toBeDefined();
  const url = new URL(link!);
  expect(url.searchParams.get('n')).toBe(number);
  expect(url.searchParams.get('k')).toBe(code.replace('-', ''));
  execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdfPath, `${SCREENS}/tanda-terima`]);
  writeFileSync(docsScreen('tanda-terima.png'), readFileSync(`${SCREENS}/tanda-terima.png`));
  await staff.close();

  // --- The applicant's phone ---------------------------------------------------------------------
  const phone = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
  const p = await phone.newPage();
  await p.goto(`${url.pathname}${url.search}`);
  await expect(p.getByTestId('sentence')).toHaveText('Berkas Anda sedang diperiksa oleh petugas.');
  await expect(p.getByTestId('state-label')).toHaveText('Diajukan');
  const steps = p.getByTestId('steps');
  await expect(steps).toContainText('Pengaduan diterima');
  await expect(steps).toContainText('Berkas diajukan untuk diperiksa');
  await expect(steps).toContainText('Tanda terima diberikan');
  await expect(p.getByTestId('answer')).toContainText('S*** A*****');
  await expect(p.getByTestId('answer')).not.toContainText('Siti Aminah');
  // The code left the address bar; the number stays.
  expect(new URL(p.url()).searchParams.has('k')).toBe(false);
  expect(new URL(p.url()).searchParams.get('n')).toBe(number);
  // No Firebase SDK on this page.
  const scripts = await p.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  expect(scripts.some((s) => /firebase|googleapis/.test(s))).toBe(false);
  await p.screenshot({ path: docsScreen('lacak.png'), fullPage: true });

  // A wrong code on the same page: the plain sentence.
  await p.getByLabel('Kode pelacakan').fill('AAAAA-AAAAA');
  await p.getByRole('button', { name: 'Lacak' }).click();
  await expect(p.getByTestId('error')).toHaveText(
    'Nomor pengaduan atau kode pelacakan tidak sesuai. Periksa kembali tanda terima Anda.',
  );
  await phone.close();
});
