/**
 * The monthly report on the emulators: the `recordHistoryEntry` trigger counts real workflow runs (driven
 * through the callables); the rebuild path (the store's reads of cases and history, the pure fold)
 * gives the same figures; a redelivered event counts once; the `monthlyReport` callable shows every
 * officer to the Kabid and only one's own figures to the FO, reading at most 50 documents.
 */
import '../support/inProcess.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MARKERS,
  MONTHS,
  readAllCases,
  rebuildMonthlyReports,
  tallyEvent,
} from '../../functions/src/reports/monthlyStore.js';
import { deltaOf, monthOf, rebuild, type MonthDoc, type ReportEvent } from '../../functions/src/domain/reports/monthlyTally.js';
import type { MonthlyReport } from '../../functions/src/domain/reports/monthlyReport.js';
import { adminDb } from '../support/admin.js';
import { driveCase, intakeForm, office, type Office } from '../support/workflow.js';
import { waitFor } from '../support/wait.js';

let o: Office;
const M = monthOf(new Date());
const monthDoc = async (m = M) => ((await adminDb.collection(MONTHS).doc(m).get()).data() ?? {}) as Partial<MonthDoc>;

/** Every counted history entry of these cases (or of all cases) has its marker: the trigger is done. */
async function tallied(caseIds?: string[]): Promise<true | undefined> {
  const entries = caseIds
    ? (await Promise.all(caseIds.map((id) => adminDb.collection(`cases/${id}/history`).get()))).flatMap((s) => s.docs)
    : (await adminDb.collectionGroup('history').get()).docs;
  const counted = entries.filter((d) => d.ref.parent.parent?.parent.id === 'cases' && deltaOf(d.data() as ReportEvent, { number: '', complaintType: '', relation: '', kecamatan: '', kelurahan: '' }));
  if (counted.length === 0) return true;
  const markers = await adminDb.getAll(...counted.map((d) => adminDb.collection(MARKERS).doc(`${d.ref.parent.parent!.id}_${d.id}`)));
  return markers.every((m) => m.exists) ? true : undefined;
}

/** b − a on every numeric leaf (a missing leaf is 0); other leaves of b that differ from a kept. */
function diff(a: unknown, b: unknown): unknown {
  if (typeof b === 'number') return b - (typeof a === 'number' ? a : 0);
  if (b && typeof b === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(b)) {
      const d = diff((a as Record<string, unknown> | undefined)?.[k], v);
      if (d === 0 || d === undefined || (typeof d === 'object' && d && Object.keys(d).length === 0)) continue;
      out[k] = d;
    }
    return out;
  }
  return a === b ? undefined : b;
}

let ids: string[] = [];
let before: Partial<MonthDoc>;
let after: Partial<MonthDoc>;
const CLOSE_REASON = 'Yang bersangkutan tidak terdaftar sebagai KPM Program Sembako di DTKS.';

beforeAll(async () => {
  o = await office();
  // Start from a quiet store: every event written by earlier files is counted.
  await waitFor('earlier history entries tallied', () => tallied(), 120_000);
  before = await monthDoc();
  const completed = await driveCase(o, 'completed', intakeForm({ complaintType: 'kks_hilang' }));
  // Sent back to the applicant, then closed by the analyst.
  const form = intakeForm({ complaintType: 'lainnya', relation: 'kuasa' });
  const c = await o.fo.call<{ caseId: string; version: number }>('createCase', form);
  const ref = { caseId: c.caseId, expectedVersion: c.version };
  let v = (await o.fo.call<{ version: number }>('submitCase', ref)).version;
  v = (await o.fo.call<{ version: number }>('returnToApplicant', { caseId: c.caseId, expectedVersion: v, reason: 'Surat kuasa belum dibawa.', missing: ['surat_kuasa'] })).version;
  v = (await o.fo.call<{ version: number }>('completeDocuments', { caseId: c.caseId, expectedVersion: v, received: ['surat_kuasa'] })).version;
  const docs = form.documentsPresent;
  v = (await o.fo.call<{ version: number }>('verifyCase', { caseId: c.caseId, expectedVersion: v, checks: docs.map((kind) => ({ kind, ok: true })) })).version;
  await o.analis.call('decideCase', { caseId: c.caseId, expectedVersion: v, decision: 'tidak', destination: 'close', reason: CLOSE_REASON });
  const open = await driveCase(o, 'verified');
  ids = [completed.caseId, c.caseId, open.caseId];
  await waitFor('the three cases tallied', () => tallied(ids), 120_000);
  after = await monthDoc();
}, 300_000);

afterAll(async () => {
  await o.close();
});

describe('recordHistoryEntry (trigger): the month after real workflow runs', () => {
  it('counts what happened: 3 received, 1 completed, 1 closed with its reason, 1 sent back; steps and officers', async () => {
    const d = diff(before, after) as Partial<MonthDoc>;
    expect(d.received).toBe(3);
    expect(d.completed).toBe(1);
    expect(d.closed).toBe(1);
    expect(d.returned).toBe(1);
    expect(d.byType).toEqual({ kks_hilang: 1, lainnya: 1, pin_terblokir: 1 });
    expect(d.byRelation).toEqual({ kpm: 2, kuasa: 1 });
    expect(d.byArea).toEqual({ 'Tarakan Tengah': { Sebengkok: 3 } });
    const number = (await adminDb.doc(`cases/${ids[1]}`).get()).get('number') as string;
    expect(after.closures?.[number]).toBe(CLOSE_REASON);
    // Steps ended: completed case 6 (1..6), closed case 3 (1, 2, 3), open case 2 (1, 2).
    const ended = Object.fromEntries(Object.entries(d.steps ?? {}).map(([s, t]) => [s, t.ended]));
    expect(ended).toEqual({ '1': 3, '2': 3, '3': 2, '4': 1, '5': 1, '6': 1 });
    // This office's people are new: their figures are all this test's.
    const fo = after.officers?.[o.staff.fo.uid];
    expect(fo?.name).toBe(o.staff.fo.name);
    expect(Object.fromEntries(Object.entries(fo?.steps ?? {}).map(([s, t]) => [s, t.ended]))).toEqual({ '1': 3, '2': 3, '6': 1 });
    expect(after.officers?.[o.staff.analis.uid]?.steps?.['3']?.ended).toBe(2);
    expect(after.officers?.[o.staff.kabid.uid]?.steps?.['5']?.ended).toBe(1);
    // Done within seconds: every step within the standard, in the 1-minute bucket.
    expect(fo?.steps?.['1']).toMatchObject({ ended: 3, within: 3, hist: { '1': 3 }, standard: 10 });
  });

  it('the rebuild path (cases and history read back, folded) gives exactly what the trigger added', async () => {
    const all = await readAllCases();
    const mine = rebuild(ids.map((id) => all.get(id)!)).get(M)!;
    const d = diff(before, after) as Record<string, unknown>;
    const { closures, ...expected } = { ...mine, month: undefined };
    expect(closures).toEqual({ [(await adminDb.doc(`cases/${ids[1]}`).get()).get('number') as string]: CLOSE_REASON });
    // Standards and names are plain values, not increments: compare them on the stored document.
    const strip = (x: unknown): unknown =>
      x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'standard' && k !== 'name').map(([k, v]) => [k, strip(v)])) : x;
    expect(strip({ ...d, month: undefined, closures: undefined })).toEqual(strip(expected));
  });

  it('a redelivered event changes nothing; concurrent deliveries of a new event count once', async () => {
    const entries = (await adminDb.collection(`cases/${ids[0]}/history`).get()).docs;
    const snap = await monthDoc();
    for (const e of entries) expect(['duplicate', 'ignored']).toContain(await tallyEvent(ids[0]!, e.id, e.data() as ReportEvent));
    expect(await monthDoc()).toEqual(snap);

    // An event of a month nobody else writes (2019-03), delivered three times, two at once.
    const event: ReportEvent = { action: 'intake', from: null, to: 'intake', by: 'x', byName: 'X', at: '2019-03-10T02:00:00.000Z' };
    const caseId = `redelivery-${Date.now()}`;
    const outcomes = await Promise.all([tallyEvent(caseId, '000001', event), tallyEvent(caseId, '000001', event)]);
    outcomes.push(await tallyEvent(caseId, '000001', event));
    expect(outcomes.filter((x) => x === 'applied')).toHaveLength(1);
    expect((await monthDoc('2019-03')).received).toBe(1);
    await adminDb.collection(MONTHS).doc('2019-03').delete();
    await adminDb.collection(MARKERS).doc(`${caseId}_000001`).delete();
  });
});

describe('monthlyReport (callable)', () => {
  it('Kabid sees every officer, the FO only themself; office totals alike; at most 50 documents read', async () => {
    type Answer = { report: MonthlyReport; cost: { documents: number; countQueries: number; countReadUnits: number; total: number } };
    const kabid = await o.kabid.call<Answer>('monthlyReport', { month: M });
    const fo = await o.fo.call<Answer>('monthlyReport', { month: M });
    const uids = kabid.report.officers.map((x) => x.uid);
    for (const r of ['fo', 'analis', 'koordinator', 'kabid'] as const) expect(uids).toContain(o.staff[r].uid);
    expect(kabid.report.officerScope).toBe('all');
    expect(fo.report.officerScope).toBe('own');
    expect(fo.report.officers.map((x) => x.uid)).toEqual([o.staff.fo.uid]);
    expect(fo.report.totals).toEqual(kabid.report.totals);
    expect(fo.report.steps).toEqual(kabid.report.steps);
    expect(kabid.report.trend).toHaveLength(12);
    expect(kabid.report.trend[11]!.month).toBe(M);
    // The open case waits for the analyst: in the backlog now.
    expect(kabid.report.backlog.byState.find((s) => s.key === 'verified')!.count).toBeGreaterThanOrEqual(1);
    expect(kabid.report.backlog.byAge.reduce((s, r) => s + r.count, 0)).toBe(kabid.report.backlog.total);
    // 12 month documents + the caller's profile; 12 count() queries of ≤ 1,000 entries each.
    expect(kabid.cost.documents).toBe(13);
    expect(kabid.cost.countQueries).toBe(12);
    expect(kabid.cost.total).toBeLessThanOrEqual(50);
    // No identity in the answer.
    // A NIK-shaped number: 16 digits standing alone (not the fraction digits of a share like 0.7391304347826086).
    expect(JSON.stringify(kabid.report)).not.toMatch(/(?<![\d.])\d{16}(?!\d)|Siti Aminah|@contoh/);
  });

  it('exports the same figures: XLSX with typed numbers, PDF with the totals and the Mengetahui line', async () => {
    type Answer = { report: MonthlyReport };
    type File = { filename: string; contentType: string; base64: string };
    const { report } = await o.kabid.call<Answer>('monthlyReport', { month: M });
    const xlsx = await o.kabid.call<File>('exportMonthlyReport', { month: M, format: 'xlsx' });
    expect(xlsx.filename).toBe(`laporan-bulanan-${M}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const cells = (sheet: string) => {
      const rows: unknown[][] = [];
      wb.getWorksheet(sheet)!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'result' in v ? v.result : v))));
      return rows;
    };
    const summary = cells('Ringkasan');
    const value = (label: string) => summary.find((r) => r[0] === label)?.[1];
    expect(value('Pengaduan diterima')).toBe(report.totals.received);
    expect(value('Pengaduan selesai (surat diserahkan)')).toBe(report.totals.completed);
    expect(value('Pengaduan ditutup')).toBe(report.totals.closed);
    const steps = cells('Langkah SOP');
    expect(steps.find((r) => r[0] === 'Jumlah')?.[2]).toBe(report.stepTotals.ended);
    expect(cells('Kelurahan').find((r) => r[0] === 'Jumlah')?.[2]).toBe(report.totals.received);

    const pdf = await o.kabid.call<File>('exportMonthlyReport', { month: M, format: 'pdf' });
    expect(pdf.contentType).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'laporan-'));
    writeFileSync(join(dir, 'r.pdf'), Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Mengetahui');
    expect(text).toContain(report.monthLabel);
    expect(text).toMatch(new RegExp(`Pengaduan diterima ${report.totals.received}\\b`));
    expect(text).toMatch(/Halaman 1 dari \d+/);
  });

  it('refuses a malformed month', async () => {
    await expect(o.fo.call('monthlyReport', { month: '2026-13' })).rejects.toMatchObject({ code: 'functions/invalid-argument' });
  });
});

describe('reports:rebuild (rebuildMonthlyReports) on the emulator', () => {
  it('rebuilds the month as the trigger left it for this office, and its markers stop a redelivery', async () => {
    await waitFor('all history entries tallied', () => tallied(), 120_000);
    const triggered = await monthDoc();
    const r = await rebuildMonthlyReports();
    expect(r.months).toContain(M);
    const rebuilt = await monthDoc();
    for (const role of ['fo', 'analis', 'koordinator', 'kabid'] as const) {
      expect(rebuilt.officers?.[o.staff[role].uid]).toEqual(triggered.officers?.[o.staff[role].uid]);
    }
    const entries = (await adminDb.collection(`cases/${ids[1]}/history`).get()).docs;
    for (const e of entries) expect(['duplicate', 'ignored']).toContain(await tallyEvent(ids[1]!, e.id, e.data() as ReportEvent));
    expect(await monthDoc()).toEqual(rebuilt);
  });
});
