/**
 * Benchmark: the complaint register with N cases (default 20,000) on the emulators.
 *   npm run bench:registers [-- --cases 20000 --pdf 20000]
 * Seeds N `caseRegister` rows (built by the trigger's own function from a six-step history) in a
 * year of its own, then measures, as the Kabid:
 *  - paging through all of them with `listRegister` (100 rows a page): pages, documents read,
 *    bytes received and time;
 *  - `exportRegister` as XLSX, CSV and PDF through the callable: time (server and round trip),
 *    file size and rows; the XLSX is opened again with exceljs to count its rows.
 * The PDF is measured for about `--pdf` rows (default its cap, PDF_MAX_ROWS = 2,000: a narrower
 * period), and the PDF of all N rows is checked to be refused with a sentence.
 */
import './../test/support/inProcess.js';
import ExcelJS from 'exceljs';
import { registerRowOf, type HistoryRecord } from '../functions/src/domain/registers.js';
import { COMPLAINT_TYPES, KECAMATAN_TARAKAN } from '../functions/src/domain/vocabulary.js';
import { PDF_MAX_ROWS } from '../functions/src/reports/registerExport.js';
import { adminDb, createStaff } from '../test/support/admin.js';
import { client } from '../test/support/client.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('cases', 20_000);
const PDF_ROWS = arg('pdf', PDF_MAX_ROWS);
const YEAR = 2040 + Math.floor(Math.random() * 50); // a year no other data uses
const kelurahan = Object.entries(KECAMATAN_TARAKAN).flatMap(([kec, kels]) => kels.map((k) => [kec, k] as const));

// --- seed ------------------------------------------------------------------------------------
const t0 = performance.now();
let batch = adminDb.batch();
let inBatch = 0;
const yearStart = Date.UTC(YEAR, 0, 2, 0, 0);
for (let i = 0; i < N; i++) {
  const createdAt = yearStart + Math.floor((i * 360 * 86_400_000) / N);
  const at = (m: number) => new Date(createdAt + m * 60_000).toISOString();
  const [kec, kel] = kelurahan[i % kelurahan.length]!;
  const history: HistoryRecord[] = [
    { seq: 1, action: 'intake', from: null, to: 'intake', at: at(0), by: 'bench-fo', byName: 'FO Bench' },
  ];
  const actions = [
    ['submit', 'intake', 'submitted', 'bench-fo', 'FO Bench', 10],
    ['verify', 'submitted', 'verified', 'bench-fo', 'FO Bench', 10],
    ['decideYes', 'verified', 'drafted', 'bench-an', 'Analis Bench', 10],
    ['paraf', 'drafted', 'initialled', 'bench-ko', 'Koordinator Bench', 5],
    ['sign', 'initialled', 'signed', 'bench-kb', 'Kabid Bench', 5],
    ['recordHandover', 'signed', 'completed', 'bench-fo', 'FO Bench', 5],
  ] as const;
  const done = i % 7; // 0 … 6 steps done
  for (let s = 0; s < done; s++) {
    const [action, from, to, by, byName, std] = actions[s]!;
    history.push({ seq: s + 2, action, from, to, at: at(8 * (s + 1)), by, byName, step: s + 1, stepMinutes: (i % 13) + s, stepStandardMinutes: std, stepEnded: true });
  }
  const row = registerRowOf(
    {
      caseId: `bench${YEAR}${String(i).padStart(6, '0')}`,
      number: `ADU-${YEAR}-${String(i + 1).padStart(6, '0')}`,
      createdAt: at(0),
      complaintType: COMPLAINT_TYPES[i % COMPLAINT_TYPES.length]!,
      relation: i % 5 === 0 ? 'ahli_waris' : 'kpm',
      kecamatan: kec,
      kelurahan: kel,
    },
    history,
  );
  batch.set(adminDb.doc(`caseRegister/${row.caseId}`), row);
  if (++inBatch === 400) {
    await batch.commit();
    batch = adminDb.batch();
    inBatch = 0;
  }
}
if (inBatch > 0) await batch.commit();
console.log(`seeded ${N} register rows (year ${YEAR}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const kabid = await createStaff(['kabid'], { name: 'Kabid Bench' });
const c = await client(kabid);
const filters = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };

// --- paging ----------------------------------------------------------------------------------
{
  const t = performance.now();
  let after: string | null = null;
  let pages = 0;
  let rows = 0;
  let bytes = 0;
  const seen = new Set<string>();
  do {
    const page: { rows: { caseId: string }[]; next: string | null } = await c.call('listRegister', { kind: 'cases', filters, after, limit: 100 });
    pages++;
    rows += page.rows.length;
    bytes += JSON.stringify(page).length;
    for (const r of page.rows) seen.add(r.caseId);
    after = page.next;
  } while (after);
  const ms = performance.now() - t;
  console.log(
    `listRegister: ${rows} rows (${seen.size} distinct) in ${pages} pages of 100; documents read ≈ ${rows + pages}; ` +
      `${(bytes / 1e6).toFixed(1)} MB JSON; ${(ms / 1000).toFixed(1)} s (${(ms / pages).toFixed(0)} ms a page)`,
  );
}

// --- exports ---------------------------------------------------------------------------------
for (const format of ['xlsx', 'csv', 'pdf'] as const) {
  if (format === 'pdf' && PDF_ROWS === 0) continue;
  const f = format === 'pdf' && PDF_ROWS < N ? { ...filters, to: new Date(yearStart + Math.floor((PDF_ROWS * 360 * 86_400_000) / N) - 86_400_000).toISOString().slice(0, 10) } : filters;
  const t = performance.now();
  const heap = process.memoryUsage().rss;
  const file: { base64: string; rows: number; filename: string } = await c.call('exportRegister', { kind: 'cases', filters: f, format });
  const ms = performance.now() - t;
  const bytes = Buffer.from(file.base64, 'base64');
  const log = await adminDb.collection('reportExports').where('uid', '==', kabid.uid).where('format', '==', format).get();
  const serverMs = log.docs[0]?.get('millis') as number | undefined;
  let check = '';
  if (format === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    check = `; the workbook has ${wb.worksheets[0]?.rowCount ?? 0} rows`;
  }
  console.log(
    `exportRegister ${format}: ${file.rows} rows, ${(bytes.length / 1e6).toFixed(2)} MB (${((file.base64.length) / 1e6).toFixed(2)} MB base64), ` +
      `${(ms / 1000).toFixed(1)} s round trip, ${serverMs ? (serverMs / 1000).toFixed(1) : '?'} s on the server${check} (test process rss ${(heap / 1e6).toFixed(0)} MB)`,
  );
}
{
  const t = performance.now();
  const refused = await c.call('exportRegister', { kind: 'cases', filters, format: 'pdf' }).then(
    () => 'accepted (unexpected)',
    (e: { code?: string; message?: string }) => `${e.code}: ${e.message}`,
  );
  console.log(`exportRegister pdf of all ${N} rows: ${refused} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
}
await c.close();
process.exit(0);
