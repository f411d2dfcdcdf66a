import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { createStaff, type TestStaff } from '../support/admin.js';
import { MAILDEV_URL } from '../support/env.js';
import { waitFor } from '../support/wait.js';

/**
 * The office's working day in a real browser: one complaint from the counter to the hand-over,
 * by five different people (each in their own browser context), including a "Tidak" decision back
 * to the front office and a revision requested by the coordinator.
 */
const SCREENS = '.test-results/screens';
mkdirSync(SCREENS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });

async function signIn(browser: Browser, staff: TestStaff, viewport?: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ ...(viewport ? { viewport } : {}), acceptDownloads: true });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Email').fill(staff.email);
  await page.getByLabel('Kata sandi').fill(staff.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByTestId('roles')).toBeVisible();
  return page;
}

const state = (page: Page) => page.getByTestId('case-state');
const panel = (page: Page) => page.getByTestId('action-panel');

/** FO step 2: every listed document "Sesuai", then accept. */
async function verifyAll(page: Page, kinds: string[]) {
  for (const k of kinds) {
    await panel(page).getByRole('group', { name: k }).getByLabel('Sesuai', { exact: true }).check();
  }
  await panel(page).getByRole('button', { name: 'Kelengkapan dokumen diterima' }).click();
  await expect(state(page)).toHaveText('Terverifikasi');
}

async function decideYes(page: Page) {
  await panel(page).getByLabel('Ya — dapat diselesaikan, buat draf surat').check();
  await panel(page).getByLabel('Permasalahan').fill('KKS milik KPM hilang saat banjir di rumahnya.');
  await panel(page).getByLabel('Solusi / penyelesaian').fill('Diterbitkan surat keterangan untuk penggantian KKS di bank penyalur.');
  await panel(page).getByLabel('Data KPM telah dimutakhirkan di SIKS-NG').check();
  await panel(page).getByLabel('Referensi pemutakhiran SIKS-NG').fill('SIKS-2026-0042');
  await panel(page).getByLabel('KPM telah diberi edukasi').check();
  await panel(page).getByLabel('Draf surat: ringkasan pengaduan').fill('KKS hilang.');
  await panel(page).getByLabel('Draf surat: isi keterangan').fill('KPM terdaftar; KKS perlu diganti.');
}

test('one complaint from intake to hand-over by five people', async ({ browser }) => {
  test.setTimeout(300_000);
  const [fo, analis, koordinator, kabid, admin] = await Promise.all([
    createStaff(['fo'], { name: 'Rina Petugas FO' }),
    createStaff(['analis'], { name: 'Budi Analis' }),
    createStaff(['koordinator'], { name: 'Sari Koordinator' }),
    createStaff(['kabid'], { name: 'Hendra Kabid' }),
    createStaff(['admin'], { name: 'Admin Kantor' }),
  ]);

  // Sign-in page (before anyone signs in).
  {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto('/');
    await expect(p.getByRole('heading', { name: 'Layanan Pengaduan KPM Sembako/BPNT' })).toBeVisible();
    await shot(p, 'signin');
    await ctx.close();
  }

  // --- Front office: intake -------------------------------------------------------------------
  const foPage = await signIn(browser, fo);
  await expect(foPage.getByRole('heading', { name: 'Kotak masuk — Petugas Front Office' })).toBeVisible();
  await foPage.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Pengaduan baru' }).click();
  await expect(foPage.getByRole('heading', { name: 'Pengaduan baru' })).toBeVisible();
  await foPage.getByLabel('Jenis pengaduan').selectOption('kks_hilang');
  await foPage.getByLabel('Pemohon adalah').selectOption('kpm');
  await foPage.getByLabel('Nama lengkap pemohon').fill('Siti Aminah');
  // As one types: a short NIK is refused with the domain's words, a full one is decoded
  // (6571 01 45 08 90 0001: day 45 = woman born on the 5th, August 1990).
  await foPage.getByLabel('NIK pemohon').fill('6571014508');
  await expect(foPage.getByText('NIK harus 16 digit (tertulis 10 digit).').first()).toBeVisible();
  await foPage.getByLabel('NIK pemohon').fill('6571014508900001');
  await expect(foPage.getByText('Lahir 5 Agustus 1990 · Perempuan').first()).toBeVisible();
  await foPage.getByLabel('Nomor telepon/HP').fill('0812-3456-7890');
  await foPage.getByLabel('Email (tidak wajib)').fill('siti.aminah@contoh.example');
  await foPage.getByLabel('Kecamatan').selectOption('Tarakan Tengah');
  await foPage.getByLabel('Kelurahan').selectOption('Sebengkok');
  await foPage.getByLabel('Alamat (jalan, RT/RW, nomor rumah)').fill('Jl. Yos Sudarso RT 05 No. 12');
  await foPage.getByLabel('Nomor KK', { exact: true }).fill('6571010101200005');
  // A lost card: KTP/KK and the savings book, not the KKS (SOP: "b when the card still exists"),
  // and the card-replacement warning.
  const ktp = foPage.getByLabel('Fotokopi KTP/KK — dibawa');
  const buku = foPage.getByLabel('Fotokopi Buku Tabungan — dibawa');
  await expect(ktp).toBeVisible();
  await expect(buku).toBeVisible();
  await expect(foPage.getByLabel('Fotokopi KKS — dibawa')).toHaveCount(0);
  await expect(foPage.getByText('Penggantian KKS yang tidak melalui Dinas Sosial')).toBeVisible();
  await ktp.check();
  await buku.check();
  await shot(foPage, 'intake');
  await foPage.getByRole('button', { name: 'Simpan dan ajukan' }).click();

  await expect(state(foPage)).toHaveText('Diajukan');
  const number = (await foPage.getByRole('heading', { level: 1 }).textContent())!.trim();
  expect(number).toMatch(/^ADU-\d{4}-\d{6}$/);
  const caseUrl = foPage.url().replace(/\?.*$/, '');
  // The phone-upload QR (or, while the callable is missing, an error message — never nothing).
  await expect(foPage.locator('.qr-box img, .qr-box [role=alert]').first()).toBeVisible();
  await expect(foPage.getByTestId('timeline')).toContainText('Pengaduan diterima');
  await expect(foPage.getByTestId('timeline')).toContainText('Ajukan');
  await shot(foPage, 'case-submitted');

  // --- FO step 2: verification ----------------------------------------------------------------
  await verifyAll(foPage, ['Fotokopi KTP/KK', 'Fotokopi Buku Tabungan']);

  // --- Analis: "Tidak", back to the front office ----------------------------------------------
  const anPage = await signIn(browser, analis);
  await expect(anPage.getByRole('heading', { name: 'Kotak masuk — Analis' })).toBeVisible();
  const row = anPage.getByTestId('inbox').locator(`tr[data-case="${number}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText('Dalam standar');
  await shot(anPage, 'inbox-analis');
  await row.getByRole('link', { name: number }).click();
  await expect(state(anPage)).toHaveText('Terverifikasi');
  await panel(anPage).getByLabel('Tidak', { exact: true }).check();
  await panel(anPage).getByLabel('Alasan keputusan "Tidak"').fill('Nomor KK pada fotokopi tidak terbaca; minta fotokopi ulang.');
  await panel(anPage).getByLabel('Kembalikan ke Front Office').check();
  await panel(anPage).getByRole('button', { name: 'Simpan keputusan Tidak' }).click();
  await expect(state(anPage)).toHaveText('Diajukan');

  // The FO's open page follows live, with the analyst's reason.
  await expect(state(foPage)).toHaveText('Diajukan');
  await expect(foPage.getByText('Keputusan Analis: Tidak')).toBeVisible();
  await expect(foPage.getByText('Nomor KK pada fotokopi tidak terbaca').first()).toBeVisible();
  await verifyAll(foPage, ['Fotokopi KTP/KK', 'Fotokopi Buku Tabungan']);

  // --- Analis: "Ya" with the draft and its live preview -------------------------------------
  await expect(state(anPage)).toHaveText('Terverifikasi');
  await decideYes(anPage);
  const preview = anPage.getByTestId('letter-preview');
  await expect(preview).toContainText('SURAT KETERANGAN');
  await expect(preview).toContainText('Siti Aminah');
  await expect(preview).toContainText('SIKS-2026-0042');
  await expect(preview).toContainText('Penggantian KKS yang tidak melalui Dinas Sosial');
  await shot(anPage, 'case-analysis');
  await panel(anPage).getByRole('button', { name: 'Simpan keputusan Ya dan kirim draf' }).click();
  await expect(state(anPage)).toHaveText('Draf surat');

  // --- Koordinator: revision, then paraf -----------------------------------------------------
  const koPage = await signIn(browser, koordinator);
  const koRow = koPage.getByTestId('inbox').locator(`tr[data-case="${number}"]`);
  await expect(koRow).toBeVisible();
  await shot(koPage, 'inbox-koordinator');
  await koRow.getByRole('link', { name: number }).click();
  await expect(state(koPage)).toHaveText('Draf surat');
  await shot(koPage, 'case-paraf');
  await panel(koPage).getByLabel('Catatan perbaikan untuk Analis').fill('Sebutkan bank penyalur pada solusi.');
  await panel(koPage).getByRole('button', { name: 'Minta revisi' }).click();
  await expect(state(koPage)).toHaveText('Terverifikasi');

  await expect(state(anPage)).toHaveText('Terverifikasi');
  await expect(anPage.getByText('Sebutkan bank penyalur pada solusi.').first()).toBeVisible();
  // The earlier analysis is kept as the starting point; the education must be confirmed again.
  await expect(panel(anPage).getByLabel('Permasalahan')).toHaveValue('KKS milik KPM hilang saat banjir di rumahnya.');
  await panel(anPage).getByLabel('Solusi / penyelesaian').fill('Diterbitkan surat keterangan untuk penggantian KKS di Bank BNI selaku bank penyalur.');
  await panel(anPage).getByLabel('KPM telah diberi edukasi').check();
  await panel(anPage).getByRole('button', { name: 'Simpan keputusan Ya dan kirim draf' }).click();
  await expect(state(anPage)).toHaveText('Draf surat');

  await expect(state(koPage)).toHaveText('Draf surat');
  await panel(koPage).getByRole('button', { name: 'Paraf draf surat' }).click();
  // The paraf, like the signature, is confirmed with the Koordinator's own password.
  const parafDialog = koPage.getByRole('dialog', { name: 'Konfirmasi paraf' });
  await parafDialog.getByLabel('Masukkan kata sandi Anda untuk konfirmasi').fill('salah-sandi-123');
  await parafDialog.getByRole('button', { name: 'Ya, paraf' }).click();
  await expect(panel(koPage).getByRole('alert')).toContainText('Kata sandi salah.');
  await expect(state(koPage)).toHaveText('Draf surat');
  await panel(koPage).getByRole('button', { name: 'Paraf draf surat' }).click();
  await parafDialog.getByLabel('Masukkan kata sandi Anda untuk konfirmasi').fill(koordinator.password);
  await parafDialog.getByRole('button', { name: 'Ya, paraf' }).click();
  await expect(state(koPage)).toHaveText('Diparaf');

  // --- Kabid: sign, confirmed with the Kabid's password --------------------------------------
  const kbPage = await signIn(browser, kabid);
  const kbRow = kbPage.getByTestId('inbox').locator(`tr[data-case="${number}"]`);
  await expect(kbRow).toBeVisible();
  await shot(kbPage, 'inbox-kabid');
  await kbRow.getByRole('link', { name: number }).click();
  await expect(state(kbPage)).toHaveText('Diparaf');
  await panel(kbPage).getByRole('button', { name: 'Tanda tangani surat' }).click();
  const dialog = kbPage.getByRole('dialog', { name: 'Konfirmasi tanda tangan' });
  await expect(dialog).toContainText(number);
  await dialog.getByLabel('Masukkan kata sandi Anda untuk konfirmasi').fill(kabid.password);
  await shot(kbPage, 'case-sign-confirm');
  await dialog.getByRole('button', { name: 'Ya, tanda tangani' }).click();
  await expect(state(kbPage)).toHaveText('Ditandatangani');

  // --- Admin: staff accounts and office settings ---------------------------------------------
  const adPage = await signIn(browser, admin);
  await adPage.getByRole('link', { name: 'Akun petugas' }).click();
  await expect(adPage.getByTestId('staff-list').locator(`tr[data-email="${fo.email}"]`)).toContainText('Rina Petugas FO');
  const newEmail = `fo-baru-${Date.now()}@test.dinsos.local`;
  await adPage.getByLabel('Nama lengkap').fill('Dewi Petugas Baru');
  await adPage.getByLabel('Jabatan').fill('Pengadministrasi Umum');
  await adPage.getByLabel('Email', { exact: true }).fill(newEmail);
  await expect(adPage.getByLabel('Kata sandi awal')).toHaveCount(0); // the admin never chooses a password
  await adPage.getByRole('button', { name: 'Buat akun' }).click();
  await expect(adPage.getByTestId('staff-list').locator(`tr[data-email="${newEmail}"]`)).toContainText('Dewi Petugas Baru');
  await shot(adPage, 'admin-staff');

  // --- The new staff member: the set-password email in the catcher, her own password, sign-in --
  const mail = await waitFor('the set-password email', async () => {
    const res = await fetch(`${MAILDEV_URL}/api/email?to.address=${encodeURIComponent(newEmail)}`);
    const list = (await res.json()) as { subject: string; text: string }[];
    return list[0];
  });
  expect(mail.subject).toBe('Akun Layanan Pengaduan KPM: tetapkan kata sandi Anda');
  const link = /https?:\/\/\S+\/sandi\?oobCode=\S+/.exec(mail.text)?.[0];
  expect(link).toBeDefined();
  {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(new URL(link!).pathname + new URL(link!).search);
    await expect(p.getByRole('heading', { name: 'Tetapkan kata sandi' })).toBeVisible();
    await expect(p.getByText(newEmail)).toBeVisible();
    await p.getByLabel('Kata sandi baru (minimal 10 karakter)').fill('Dewi-sandi-sendiri-1');
    await p.getByLabel('Ulangi kata sandi baru').fill('Dewi-sandi-sendiri-1');
    await shot(p, 'set-password');
    await p.getByRole('button', { name: 'Simpan dan masuk' }).click();
    await expect(p.getByRole('heading', { name: 'Kotak masuk — Petugas Front Office' })).toBeVisible();
    await ctx.close();
  }
  await adPage.getByRole('link', { name: 'Pengaturan kantor' }).click();
  await expect(adPage.getByLabel('Langkah 1: Penerimaan pengaduan (FO)')).toHaveValue('10');
  await shot(adPage, 'admin-settings');
  const adminInbox = adPage.getByRole('link', { name: 'Kotak masuk' });
  await adminInbox.click();
  await expect(adPage.getByTestId('inbox').locator(`tr[data-case="${number}"]`)).toContainText('Ditandatangani');

  // --- FO: the letter and the hand-over (waits on the letter trigger) -------------------------
  await foPage.goto('/');
  const foRow = foPage.getByTestId('inbox').locator(`tr[data-case="${number}"]`);
  await expect(foRow).toContainText('Ditandatangani');
  await shot(foPage, 'inbox-fo');
  await foPage.goto(caseUrl);
  await expect(state(foPage)).toHaveText('Ditandatangani');
  await expect(foPage.getByTestId('letter-status')).toBeVisible();
  await shot(foPage, 'case-signed');
  // From here on the letter trigger (another engineer's work) must have rendered the letter.
  await expect(foPage.getByTestId('letter-status')).toHaveText('Surat selesai dibuat', { timeout: 90_000 });
  // The email's status in words from the vocabulary (never a raw code such as 'sent' or 'none').
  await expect(foPage.getByTestId('email-status')).toHaveText('Terkirim', { timeout: 60_000 });
  const downloading = foPage.waitForEvent('download');
  await foPage.getByRole('button', { name: 'Unduh PDF' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const pdf = readFileSync(await download.path());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await panel(foPage).getByLabel('Diterima oleh').fill('Siti Aminah');
  await panel(foPage).getByRole('button', { name: 'Catat penyerahan surat' }).click();
  await expect(state(foPage)).toHaveText('Selesai');
  await expect(foPage.getByTestId('timeline')).toContainText('Catat penyerahan surat');
  await shot(foPage, 'case-completed');
});

test('a person with two roles switches role and sees that role’s inbox; the phone layout holds', async ({ browser }) => {
  const both = await createStaff(['fo', 'analis'], { name: 'Tono Dua Peran' });
  const page = await signIn(browser, both, { width: 390, height: 844 });
  const roles = page.getByTestId('roles');
  await roles.getByRole('button', { name: 'Analis' }).click();
  await expect(page.getByRole('heading', { name: 'Kotak masuk — Analis' })).toBeVisible();
  await expect(roles.getByRole('button', { name: 'Analis' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('link', { name: 'Pengaduan baru' })).toHaveCount(0);
  await roles.getByRole('button', { name: 'Petugas Front Office' }).click();
  await expect(page.getByRole('heading', { name: 'Kotak masuk — Petugas Front Office' })).toBeVisible();
  // Nothing wider than the phone's screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, 'inbox-fo-phone');
});
