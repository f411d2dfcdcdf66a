import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { backgroundTriggers, syntheticCases, writeSyntheticCases } from '../../scripts/seedReports.mjs';
import { rebuildMonthlyReports } from '../../functions/src/reports/monthlyStore.js';
import { monthOf } from '../../functions/src/domain/reports/monthlyTally.js';
import { monthsEndingWith } from '../../functions/src/domain/reports/monthlyReport.js';
import { adminDb, createStaff, type TestStaff } from '../support/admin.js';
import { docsScreen } from '../support/screens.js';

/**
 * Laporan bulanan (issue 13): a year of backdated cases (written with the admin SDK, then the
 * report's rebuild), the Kabid opens last month's report, sees the charts drawn, downloads the XLSX
 * (parsed with exceljs: its totals are the page's) and the PDF (pdftotext: the totals and the
 * "Mengetahui" line).
 */
async function signIn(page: Page, who: TestStaff) {
  await page.goto('/');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Kata sandi').fill(who.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
}

const num = (s: string | null) => Number((s ?? '').replace(/\./g, '').trim());

test('the Kabid reads last month\'s report with its charts and downloads it as XLSX and PDF', async ({ page }) => {
  test.setTimeout(180_000);
  const now = new Date();
  const people = (role: string, names: string[]) => names.map((name, i) => ({ uid: `e2e-${role}-${i}`, name }));
  const staff = {
    fo: people('fo', ['Rina Marlina', 'Dedi Kurniawan']),
    analis: people('analis', ['Andi Saputra', 'Sri Wahyuni']),
    koordinator: people('koordinator', ['Hj. Nurhayati, S.Sos.']),
    kabid: people('kabid', ['Drs. H. Muhammad Yusuf, M.Si.']),
  };
  const cases = await syntheticCases({ count: 700, from: new Date(now.getTime() - 365 * 86_400_000), to: now, seed: 13, staff, numberBase: 700000 });
  await backgroundTriggers(false);
  try {
    await writeSyntheticCases(adminDb, cases);
  } finally {
    await backgroundTriggers(true);
  }
  await rebuildMonthlyReports(adminDb);

  const month = monthsEndingWith(monthOf(now), 2)[0]!;
  const kabid = await createStaff(['kabid'], { name: 'Kabid Laporan' });
  await signIn(page, kabid);
  await page.getByRole('link', { name: 'Laporan bulanan' }).click();
  await expect(page.getByRole('heading', { name: 'Laporan bulanan' })).toBeVisible();
  await page.getByLabel('Bulan', { exact: true }).fill(month);
  const received = page.getByTestId('total-received');
  await expect(received).toBeVisible();
  const totals = {
    received: num(await received.textContent()),
    completed: num(await page.getByTestId('total-completed').textContent()),
    closed: num(await page.getByTestId('total-closed').textContent()),
    returned: num(await page.getByTestId('total-returned').textContent()),
  };
  expect(totals.received).toBeGreaterThan(20);
  // Every table has rows.
  for (const id of ['report-steps', 'report-officers', 'report-by-type', 'report-by-relation', 'report-by-kecamatan', 'report-by-kelurahan', 'report-closures', 'report-backlog-age', 'report-backlog-state', 'report-trend']) {
    await expect(page.getByTestId(id).locator('tbody tr').first()).toBeVisible();
  }
  const stepsEnded = num(await page.getByTestId('report-steps').locator('tfoot td').nth(1).textContent());
  const kelurahanRows = await page.getByTestId('report-by-kelurahan').locator('tbody tr td:last-child').allTextContents();
  expect(kelurahanRows.reduce((s, x) => s + num(x), 0)).toBe(totals.received);

  // The charts are drawn: a canvas with painted pixels in each.
  for (const id of ['chart-trend', 'chart-steps']) {
    const painted = await page.getByTestId(id).locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(500);
  }
  await page.screenshot({ path: docsScreen('laporan-bulanan.png'), fullPage: true });

  // XLSX: typed numbers; its totals are the page's.
  let download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Unduh XLSX' }).click();
  const xlsx = await download;
  expect(xlsx.suggestedFilename()).toBe(`laporan-bulanan-${month}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(await xlsx.path())) as unknown as ArrayBuffer);
  const rows = (sheet: string) => {
    const out: unknown[][] = [];
    wb.getWorksheet(sheet)!.eachRow((r) => out.push((r.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'result' in v ? v.result : v))));
    return out;
  };
  const summary = rows('Ringkasan');
  const value = (label: string) => summary.find((r) => r[0] === label)?.[1];
  expect(value('Pengaduan diterima')).toBe(totals.received);
  expect(value('Pengaduan selesai (surat diserahkan)')).toBe(totals.completed);
  expect(value('Pengaduan ditutup')).toBe(totals.closed);
  expect(value('Dikembalikan kepada pemohon untuk kelengkapan dokumen')).toBe(totals.returned);
  expect(rows('Langkah SOP').find((r) => r[0] === 'Jumlah')?.[2]).toBe(stepsEnded);
  expect(rows('Kelurahan').find((r) => r[0] === 'Jumlah')?.[2]).toBe(totals.received);
  expect(rows('Jenis pengaduan').find((r) => r[0] === 'Jumlah')?.[1]).toBe(totals.received);

  // PDF: the totals and the acknowledgement line.
  download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Unduh PDF' }).click();
  const pdf = await download;
  expect(pdf.suggestedFilename()).toBe(`laporan-bulanan-${month}.pdf`);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', await pdf.path(), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const id = new Intl.NumberFormat('id-ID');
  expect(text).toContain(`Pengaduan diterima ${id.format(totals.received)}`);
  expect(text).toContain(`Pengaduan selesai (surat diserahkan) ${id.format(totals.completed)}`);
  expect(text).toContain(`Pengaduan ditutup ${id.format(totals.closed)}`);
  expect(text).toContain('Mengetahui,');
  expect(text).toMatch(/Halaman 1 dari \d+/);
});

test('the front office sees the office totals and only its own officer figures', async ({ page }) => {
  const fo = await createStaff(['fo'], { name: 'FO Laporan' });
  await signIn(page, fo);
  await page.getByRole('link', { name: 'Laporan bulanan' }).click();
  await expect(page.getByTestId('total-received')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Per petugas (angka Anda)' })).toBeVisible();
  await expect(page.getByTestId('report-officers')).toHaveCount(0);
});
