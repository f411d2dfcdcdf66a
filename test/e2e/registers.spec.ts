import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { registerRowOf, type HistoryRecord } from '../../functions/src/domain/registers.js';
import { adminDb, createStaff, type TestStaff } from '../support/admin.js';

/**
 * The Register page (issue 13): the Kabid opens the complaint register for a day, pages with
 * "Muat berikutnya", downloads the XLSX (parsed with exceljs) and the PDF (read with pdftotext),
 * and looks at the agenda surat keluar with a voided and a revoked number.
 */
async function signIn(page: Page, who: TestStaff) {
  await page.goto('/');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Kata sandi').fill(who.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
}

const N = 60;
const STAFF = [
  ['fo-e2e', 'Rina Wulandari'],
  ['an-e2e', 'Budi Santoso'],
  ['ko-e2e', 'Hj. Nurhayati'],
  ['kb-e2e', 'Drs. Ahmad Fauzi'],
] as const;
const KELURAHAN = [
  ['Tarakan Barat', 'Karang Anyar'],
  ['Tarakan Tengah', 'Sebengkok'],
  ['Tarakan Timur', 'Lingkas Ujung'],
  ['Tarakan Utara', 'Juata Laut'],
] as const;
const TYPES = ['kks_hilang', 'pin_terblokir', 'transaksi_bermasalah', 'kpm_meninggal', 'buku_tabungan_hilang'] as const;

/** A day of its own (no other test writes there): register rows and letters dated that day. */
async function seed(): Promise<{ day: string; numbers: string[]; letters: string[] }> {
  const year = 2033 + randomInt(0, 40);
  const day = `${year}-03-1${randomInt(0, 9)}`;
  const numbers: string[] = [];
  const batch = adminDb.batch();
  for (let i = 0; i < N; i++) {
    // 08.00 WITA onwards, a case every 6 minutes.
    const created = Date.parse(`${day}T00:00:00.000Z`) + i * 6 * 60_000;
    const at = (m: number) => new Date(created + m * 60_000).toISOString();
    const done = 6 - (i % 7); // most cases further along first
    const states = ['intake', 'submitted', 'verified', 'drafted', 'initialled', 'signed', 'completed'] as const;
    const actions = ['submit', 'verify', 'decideYes', 'paraf', 'sign', 'recordHandover'];
    const who = [0, 0, 1, 2, 3, 0];
    const history: HistoryRecord[] = [{ seq: 1, action: 'intake', from: null, to: 'intake', at: at(0), by: STAFF[0][0], byName: STAFF[0][1] }];
    for (let s = 0; s < done; s++) {
      const [uid, name] = STAFF[who[s]!]!;
      history.push({
        seq: s + 2, action: actions[s]!, from: states[s]!, to: states[s + 1]!, at: at(7 * (s + 1)), by: uid, byName: name,
        step: s + 1, stepMinutes: 3 + ((i + s) % 9), stepStandardMinutes: s < 3 ? 10 : 5, stepEnded: true,
      });
    }
    if (done === 2) {
      history.push({ seq: 20, action: 'decideNo', from: 'verified', to: 'closed', at: at(40), by: STAFF[1][0], byName: STAFF[1][1], note: 'Bukan KPM Program Sembako.', step: 3, stepMinutes: 6, stepStandardMinutes: 10, stepEnded: true });
    }
    const number = `ADU-${year}-${String(i + 1).padStart(6, '0')}`;
    numbers.push(number);
    const [kecamatan, kelurahan] = KELURAHAN[i % KELURAHAN.length]!;
    const row = registerRowOf(
      { caseId: `e2ereg${year}${day.slice(-2)}${String(i).padStart(3, '0')}`, number, createdAt: at(0), complaintType: TYPES[i % TYPES.length]!, relation: i % 4 === 0 ? 'ahli_waris' : 'kpm', kecamatan, kelurahan },
      history,
    );
    batch.set(adminDb.doc(`caseRegister/${row.caseId}`), row);
  }
  const letters: string[] = [];
  const statuses = ['valid', 'voided', 'valid', 'revoked'] as const;
  statuses.forEach((status, k) => {
    const number = `460/${String(k + 1).padStart(4, '0')}/Dinsos-PM/III/${year}`;
    letters.push(number);
    const t = new Date(Date.parse(`${day}T02:00:00.000Z`) + k * 600_000).toISOString();
    batch.set(adminDb.doc(`letters/${year}-${k + 1}`), {
      number, sequence: k + 1, year, status, issuedAt: t, createdAt: t,
      caseId: `e2ereg${year}${day.slice(-2)}${String(k * 7 + 6).padStart(3, '0')}`, caseNumber: numbers[k * 7 + 6],
      code: `E2E${year}${k}X`, signerName: STAFF[3][1], signerTitle: 'Kepala Bidang Sosial',
      applicantMasked: 'S*** A*****', kpmNameMasked: 'S*** A*****', kpmNikMasked: '6571 •••• •••• 0001',
      complaintType: 'kks_hilang', complaintLabel: 'KKS hilang', outcome: 'Penggantian KKS',
      ...(status === 'voided' ? { voided: { reason: 'Surat gagal dibuat; nomor dibatalkan.', at: t, by: 'adm', byName: 'Admin' } } : {}),
      ...(status === 'revoked' ? { revoked: { reason: 'Data KPM keliru.', at: t, by: 'adm', byName: 'Admin' } } : {}),
    });
  });
  await batch.commit();
  return { day, numbers, letters };
}

test('the Kabid pages through the complaint register, downloads it as XLSX and PDF, and reads the agenda', async ({ page }) => {
  test.setTimeout(120_000);
  const kabid = await createStaff(['kabid'], { name: 'Drs. Ahmad Fauzi' });
  const { day, numbers, letters } = await seed();

  await signIn(page, kabid);
  await page.getByRole('link', { name: 'Register' }).click();
  await expect(page.getByRole('heading', { name: 'Register' })).toBeVisible();
  await page.getByLabel('Dari tanggal').fill(day);
  await page.getByLabel('Sampai tanggal').fill(day);
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  const table = page.getByTestId('register-cases');
  await expect(table.locator('tbody tr')).toHaveCount(50);
  await expect(table.locator('tbody tr').first()).toContainText(numbers[0]!);
  await expect(table).toContainText('Budi Santoso');
  await page.screenshot({ path: '.test-results/screens/register-pengaduan.png', fullPage: true, clip: { x: 0, y: 0, width: 1366, height: 1250 } });
  await page.getByRole('button', { name: 'Muat berikutnya' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(N);
  await expect(page.getByRole('button', { name: 'Muat berikutnya' })).toHaveCount(0);
  await expect(table.locator('tbody tr').last()).toContainText(numbers[N - 1]!);

  // XLSX: typed cells, every row.
  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Unduh XLSX' }).click();
  const xlsx = await xlsxDownload;
  expect(xlsx.suggestedFilename()).toBe(`register-pengaduan_${day}_sd_${day}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(await xlsx.path())) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  expect(ws.getCell('A1').value).toBe('BUKU REGISTER PENGADUAN');
  const rows = Array.from({ length: ws.rowCount }, (_, i) => ws.getRow(i + 1));
  const header = rows.findIndex((r) => r.getCell(2).value === 'Nomor pengaduan');
  expect(header).toBeGreaterThan(0);
  const data = rows.slice(header + 1).filter((r) => typeof r.getCell(2).value === 'string');
  expect(data.map((r) => r.getCell(2).value)).toEqual(numbers);
  expect(data[0]!.getCell(3).type).toBe(ExcelJS.ValueType.Date);
  // 08.00 WITA on the day, as a wall-clock Excel date.
  expect((data[0]!.getCell(3).value as Date).toISOString()).toBe(`${day}T08:00:00.000Z`);
  expect(data[0]!.getCell(15).type).toBe(ExcelJS.ValueType.Number); // minutes of step 1
  expect(data[6]!.getCell(15).type).toBe(ExcelJS.ValueType.Null); // a case still at intake

  // PDF: landscape register with letterhead, page numbers and the acknowledgement.
  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Unduh PDF' }).click();
  const pdf = await pdfDownload;
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', await pdf.path(), '-'], { encoding: 'utf8' });
  expect(text).toContain('BUKU REGISTER PENGADUAN');
  expect(text).toContain('DINAS SOSIAL DAN PEMBERDAYAAN MASYARAKAT');
  expect(text).toContain(`Jumlah: ${N} pengaduan`);
  for (const n of numbers) expect(text).toContain(n);
  expect(text).toMatch(/Halaman 1 dari \d+/);
  expect(text).toContain('Mengetahui,');
  expect(text).toContain('Dicetak');
  expect(text).toContain('Drs. Ahmad Fauzi');

  // The agenda: every number in order, the voided and the revoked ones with their reasons.
  await page.getByRole('tab', { name: 'Agenda surat keluar' }).click();
  const agenda = page.getByTestId('register-letters');
  await expect(agenda.locator('tbody tr')).toHaveCount(letters.length);
  await expect(agenda.locator('tbody tr td[data-label="Nomor surat"]')).toHaveText(letters);
  await expect(agenda.locator('tbody tr').nth(1)).toContainText('Dibatalkan');
  await expect(agenda.locator('tbody tr').nth(1)).toContainText('Surat gagal dibuat; nomor dibatalkan.');
  await expect(agenda.locator('tbody tr').nth(3)).toContainText('Dicabut');
  await page.screenshot({ path: '.test-results/screens/register-agenda.png' });
});

test('an analyst sees only the register of their own cases', async ({ page }) => {
  const analis = await createStaff(['analis']);
  await signIn(page, analis);
  await page.getByRole('link', { name: 'Register' }).click();
  await expect(page.getByText('Pengaduan yang Anda tangani')).toBeVisible();
  await expect(page.getByText('Tidak ada data untuk filter ini.')).toBeVisible();
  await expect(page.getByText('0 baris ditampilkan')).toBeVisible();
});
