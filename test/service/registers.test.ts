/**
 * The two registers (issue 13): the complaint register row kept by the `recordHistoryEntry` trigger
 * after a real workflow, redelivery of a history entry, cursor paging without duplicates or gaps,
 * who sees which rows, the agenda surat keluar with delivery, and exports that hold no identity.
 */
import '../support/inProcess.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  registerRowOf,
  type AgendaRow,
  type HistoryRecord,
  type RegisterRow,
} from '../../functions/src/domain/registers.js';
import { applyToRegister } from '../../functions/src/reports/registerStore.js';
import { adminDb, changesOf } from '../support/admin.js';
import { missingSqlPaths } from '../support/bigquery.js';
import { errorCode } from '../support/client.js';
import { waitFor } from '../support/wait.js';
import { driveCase, intakeForm, office, type Office } from '../support/workflow.js';

let o: Office;
beforeAll(async () => {
  o = await office();
});
afterAll(async () => {
  await o.close();
});

interface Page<R> {
  rows: R[];
  next: string | null;
}
interface File {
  filename: string;
  contentType: string;
  base64: string;
  rows: number;
}

// What the intake form of test/support/workflow.ts holds (the applicant's and KPM's identity).
const FORM = intakeForm({ name: 'Siti Aminah Registerwati', email: 'siti.register@contoh.example' });
const IDENTITY = [
  '6571014508900001', // NIK
  '6571010101200005', // KK
  '4111111111111111', // KKS
  '81234567890', // phone without its prefix
  '0812-3456-7890',
  'siti.register@contoh.example',
  'Yos Sudarso',
  'Registerwati',
  'Siti Aminah',
];

function pdftotext(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'register-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function xlsxText(buf: Buffer): Promise<{ text: string; wb: ExcelJS.Workbook }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const parts: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => parts.push(String(c.text)))));
  return { text: parts.join('\n'), wb };
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('the complaint register after a real workflow', () => {
  let caseId: string;
  let number: string;
  let row: RegisterRow;

  beforeAll(async () => {
    const done = await driveCase(o, 'completed', FORM);
    caseId = done.caseId;
    number = (await adminDb.doc(`cases/${caseId}`).get()).get('number') as string;
    const ref = adminDb.doc(`caseRegister/${caseId}`);
    // Settled: the email's outcome is recorded and the row has every history entry applied.
    const kase = adminDb.doc(`cases/${caseId}`);
    row = await waitFor(
      'the register row of the completed case, with the email sent',
      async () => {
        const c = await kase.get();
        if (!['sent', 'failed', 'none'].includes(c.get('letter.email.status') as string)) return undefined;
        const r = (await ref.get()).data() as RegisterRow | undefined;
        return r?.state === 'completed' && r.lastSeq === (c.get('historyHead.seq') as number) ? r : undefined;
      },
      90_000,
      { wakeOn: changesOf(ref) },
    );
  }, 240_000);

  it('has the case, its outcome, who acted at each step and the step times, and no identity', () => {
    expect(row).toMatchObject({
      caseId,
      number,
      complaintType: 'pin_terblokir',
      relation: 'kpm',
      kecamatan: 'Tarakan Tengah',
      kelurahan: 'Sebengkok',
      state: 'completed',
      outcome: 'completed',
      closedReason: null,
      createdDate: today(),
    });
    expect(row.letterNumber).toMatch(/^460\/\d+\/Dinsos-PM\/[IVX]+\/\d{4}$/);
    const { fo, analis, koordinator, kabid } = o.staff;
    expect(row.officers).toEqual([fo.uid, analis.uid, koordinator.uid, kabid.uid].sort());
    expect(row.officerNames).toEqual({
      [fo.uid]: fo.name,
      [analis.uid]: analis.name,
      [koordinator.uid]: koordinator.name,
      [kabid.uid]: kabid.name,
    });
    // The SOP's steps: 1–2 and 6 by the FO, 3 the analyst, 4 the coordinator, 5 the Kabid.
    const by = Object.fromEntries(Object.entries(row.steps).map(([k, s]) => [k, s.by]));
    expect(by).toEqual({ s1: fo.uid, s2: fo.uid, s3: analis.uid, s4: koordinator.uid, s5: kabid.uid, s6: fo.uid });
    expect(row.steps.s1).toMatchObject({ action: 'submit', standardMinutes: 10, ended: true });
    expect(row.steps.s4).toMatchObject({ action: 'paraf', standardMinutes: 5 });
    for (const s of Object.values(row.steps)) {
      expect(s.minutes).toBeGreaterThanOrEqual(0);
      expect(s.withinStandard).toBe(s.minutes <= s.standardMinutes);
    }
    const json = JSON.stringify(row);
    for (const v of IDENTITY) expect(json).not.toContain(v);
    // Every field the BigQuery SQL reads is in the row the trigger wrote.
    expect(missingSqlPaths(readFileSync(join(__dirname, '../../bigquery/monthly_report.sql'), 'utf8'), JSON.parse(json))).toEqual([]);
  });

  it('equals the row built from the whole history, and a redelivered or late entry changes nothing', async () => {
    const history = (await adminDb.collection(`cases/${caseId}/history`).get()).docs.map((d) => d.data() as HistoryRecord);
    const facts = {
      caseId,
      number,
      createdAt: row.createdAt,
      complaintType: row.complaintType,
      relation: row.relation,
      kecamatan: row.kecamatan,
      kelurahan: row.kelurahan,
    };
    expect(registerRowOf(facts, history)).toEqual(row);
    // Redeliver the sign entry (an old state event) and the last one, through the trigger's code.
    const sign = history.find((h) => h.action === 'sign');
    const last = history.reduce((a, b) => (a.seq > b.seq ? a : b));
    expect(sign).toBeDefined();
    await applyToRegister(caseId, sign!);
    await applyToRegister(caseId, last);
    await applyToRegister(caseId, sign!);
    expect((await adminDb.doc(`caseRegister/${caseId}`).get()).data()).toEqual(row);
  });

  it('lists the case for the kabid and for the FO who acted, not for another FO', async () => {
    const filters = { from: today(), to: today(), kelurahan: 'Sebengkok', officer: o.staff.analis.uid };
    const kabid = await o.kabid.call<Page<RegisterRow>>('listRegister', { kind: 'cases', filters, limit: 200 });
    expect(kabid.rows.map((r) => r.caseId)).toContain(caseId);
    const fo = await o.fo.call<Page<RegisterRow>>('listRegister', { kind: 'cases', filters: { from: today(), to: today() }, limit: 200 });
    expect(fo.rows.map((r) => r.caseId)).toContain(caseId);
    const other = await office();
    try {
      const page = await other.fo.call<Page<RegisterRow>>('listRegister', { kind: 'cases', filters: { from: today() }, limit: 200 });
      expect(page.rows.map((r) => r.caseId)).not.toContain(caseId);
    } finally {
      await other.close();
    }
  });

  it('shows the letter in the agenda surat keluar with its signer and delivery', async () => {
    let after: string | null = null;
    const rows: AgendaRow[] = [];
    do {
      const page: Page<AgendaRow> = await o.fo.call('listRegister', { kind: 'letters', filters: { from: today() }, after, limit: 100 });
      rows.push(...page.rows);
      after = page.next;
    } while (after);
    const line = rows.find((r) => r.caseId === caseId);
    expect(line).toMatchObject({
      number: row.letterNumber,
      caseNumber: number,
      status: 'valid',
      signerName: o.staff.kabid.name,
      handover: { method: 'langsung' },
    });
    expect(line?.email?.status).toBe('sent');
    expect(JSON.stringify(rows)).not.toMatch(/6571014508900001|Registerwati|contoh\.example/);
    // Numbers in order within a year.
    const seqs = rows.filter((r) => r.year === line?.year).map((r) => r.sequence);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('exports XLSX, CSV and PDF with the case and none of its identity, and records each export', async () => {
    const filters = { from: today(), to: today(), officer: o.staff.fo.uid };
    const xlsx = await o.kabid.call<File>('exportRegister', { kind: 'cases', filters, format: 'xlsx' });
    expect(xlsx.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.filename).toBe(`register-pengaduan_${today()}_sd_${today()}.xlsx`);
    const { text, wb } = await xlsxText(Buffer.from(xlsx.base64, 'base64'));
    expect(text).toContain(number);
    expect(text).toContain(o.staff.analis.name);
    const ws = wb.worksheets[0]!;
    const rowsOf = Array.from({ length: ws.rowCount }, (_, n) => ws.getRow(n + 1));
    const header = rowsOf.find((r) => r.getCell(2).value === 'Nomor pengaduan');
    expect(header?.font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: header?.number });
    const dataRow = rowsOf.find((r) => r.getCell(2).value === number);
    expect(dataRow?.getCell(3).type).toBe(ExcelJS.ValueType.Date);
    expect(dataRow?.getCell(1).type).toBe(ExcelJS.ValueType.Number);

    const csv = Buffer.from((await o.kabid.call<File>('exportRegister', { kind: 'cases', filters, format: 'csv' })).base64, 'base64').toString('utf8');
    expect(csv).toContain(number);
    const pdf = await o.kabid.call<File>('exportRegister', { kind: 'cases', filters, format: 'pdf' });
    const pdfText = pdftotext(Buffer.from(pdf.base64, 'base64'));
    expect(pdfText).toContain(number);
    expect(pdfText).toContain('Mengetahui,');
    expect(pdfText).toMatch(/Halaman 1 dari \d+/);
    const agenda = await o.fo.call<File>('exportRegister', { kind: 'letters', filters: { from: today() }, format: 'pdf' });
    const agendaText = pdftotext(Buffer.from(agenda.base64, 'base64'));
    expect(agendaText).toContain(row.letterNumber!);

    for (const content of [text, csv, pdfText, agendaText]) for (const v of IDENTITY) expect(content).not.toContain(v);
    for (const f of [xlsx, pdf, agenda]) {
      const raw = Buffer.from(f.base64, 'base64').toString('latin1');
      for (const v of IDENTITY) expect(raw).not.toContain(v);
    }

    const log = await adminDb.collection('reportExports').where('uid', '==', o.staff.kabid.uid).get();
    expect(log.docs.map((d) => String(d.get('format'))).sort()).toEqual(['csv', 'pdf', 'xlsx']);
    expect(log.docs[0]?.data()).toMatchObject({ kind: 'cases', name: o.staff.kabid.name, scope: 'all' });
  }, 120_000);
});

describe('paging and visibility over seeded rows', () => {
  const run = randomUUID().slice(0, 8);
  const kelurahan = `Uji Paging ${run}`;
  const N = 120;
  const ids: string[] = [];

  beforeAll(async () => {
    const batch = adminDb.batch();
    for (let i = 0; i < N; i++) {
      const caseId = `reg${run}${String(i).padStart(4, '0')}`;
      ids.push(caseId);
      // Groups of three share one instant, so the cursor's tie-break on the id is exercised.
      const createdAt = new Date(Date.UTC(2031, 2, 2, 1, Math.floor(i / 3))).toISOString();
      const officer = i % 3 === 0 ? o.staff.fo.uid : i % 5 === 0 ? o.staff.analis.uid : 'someone-else';
      const entries: HistoryRecord[] = [
        { seq: 1, action: 'intake', from: null, to: 'intake', at: createdAt, by: officer, byName: 'Petugas' },
        {
          seq: 2,
          action: 'submit',
          from: 'intake',
          to: i % 2 === 0 ? 'submitted' : 'closed',
          at: createdAt,
          by: officer,
          byName: 'Petugas',
          step: 1,
          stepMinutes: 4,
          stepStandardMinutes: 10,
          stepEnded: true,
        },
      ];
      const row = registerRowOf(
        { caseId, number: `ADU-2031-${run}-${i}`, createdAt, complaintType: 'kks_hilang', relation: 'kpm', kecamatan: 'Tarakan Barat', kelurahan },
        entries,
      );
      batch.set(adminDb.doc(`caseRegister/${caseId}`), row);
    }
    await batch.commit();
  });

  async function all(who: Office['fo'], filters: object, limit: number): Promise<{ rows: RegisterRow[]; pages: number }> {
    const rows: RegisterRow[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Page<RegisterRow> = await who.call('listRegister', { kind: 'cases', filters, after, limit });
      expect(page.rows.length).toBeLessThanOrEqual(limit);
      rows.push(...page.rows);
      after = page.next;
      pages++;
    } while (after);
    return { rows, pages };
  }

  it('pages through 120 rows, 7 at a time, in order, without duplicates or gaps', async () => {
    const { rows, pages } = await all(o.koordinator, { kelurahan, from: '2031-03-02', to: '2031-03-02' }, 7);
    expect(pages).toBe(Math.ceil(N / 7));
    expect(rows.map((r) => r.caseId)).toEqual(ids); // ids were made in (createdAt, id) order
  });

  it('filters by state, combined with the period and kelurahan', async () => {
    const { rows } = await all(o.admin, { kelurahan, state: 'closed' }, 50);
    expect(rows.map((r) => r.caseId)).toEqual(ids.filter((_, i) => i % 2 === 1));
    expect(rows.every((r) => r.outcome === 'closed')).toBe(true);
    const none = await all(o.admin, { kelurahan, from: '2031-03-03' }, 50);
    expect(none.rows).toEqual([]);
  });

  it('shows the FO and the analyst only the rows they acted on', async () => {
    const fo = await all(o.fo, { kelurahan }, 25);
    expect(fo.rows.map((r) => r.caseId)).toEqual(ids.filter((_, i) => i % 3 === 0));
    const analis = await all(o.analis, { kelurahan }, 25);
    expect(analis.rows.map((r) => r.caseId)).toEqual(ids.filter((_, i) => i % 3 !== 0 && i % 5 === 0));
    // Asking for another officer's rows is refused; the agenda (no applicant data) is open to them.
    expect((await errorCode(o.fo.call('listRegister', { kind: 'cases', filters: { officer: o.staff.analis.uid } }))).code).toBe(
      'permission-denied',
    );
    await expect(o.analis.call('listRegister', { kind: 'letters', filters: { from: '2031-03-02', to: '2031-03-02' } })).resolves.toEqual({ kind: 'letters', rows: [], next: null });
    // Their export is their rows only.
    const file = await o.fo.call<File>('exportRegister', { kind: 'cases', filters: { kelurahan }, format: 'csv' });
    expect(file.rows).toBe(ids.filter((_, i) => i % 3 === 0).length);
  });

  it('refuses a forged cursor and bad filters', async () => {
    expect((await errorCode(o.admin.call('listRegister', { kind: 'cases', filters: {}, after: 'bm90LWEtY3Vyc29y' }))).code).toBe(
      'invalid-argument',
    );
    expect((await errorCode(o.admin.call('listRegister', { kind: 'cases', filters: { from: '2031-13-01' } }))).code).toBe(
      'invalid-argument',
    );
    expect(
      (await errorCode(o.admin.call('listRegister', { kind: 'cases', filters: { from: '2031-03-02', to: '2031-03-01' } }))).code,
    ).toBe('invalid-argument');
  });
});
