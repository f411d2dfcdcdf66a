/**
 * Benchmark: render many Surat Keterangan PDFs in one process and report latency and memory.
 *
 * Run (no build step; Node 24 strips this file's types itself):
 *   cd /work/main && node_modules/.bin/node bench/letter-render.ts [--count 1000] [--progress 250] [--sample out.pdf]
 *   cd /work/main && node_modules/.bin/node --expose-gc bench/letter-render.ts   # adds heap after GC
 *
 * The sources under functions/src use NodeNext `.js` specifiers and TypeScript-only syntax
 * (parameter properties) that Node's type stripping refuses, so this script registers a module
 * hook that resolves `./x.js` to `./x.ts` and transpiles those files with the project's own
 * `typescript` package. Nothing is written to disk.
 *
 * `--sample <file>` also writes one sample letter (the one in docs/letter-sample.png).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ts = require('typescript') as {
  transpileModule(
    source: string,
    options: { compilerOptions: Record<string, unknown>; fileName: string },
  ): { outputText: string };
};
const SRC = new URL('../functions/src/', import.meta.url).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    const parent = context.parentURL;
    if (parent?.startsWith(SRC) && specifier.startsWith('.') && specifier.endsWith('.js')) {
      const asTs = new URL(`${specifier.slice(0, -3)}.ts`, parent);
      if (existsSync(fileURLToPath(asTs))) return nextResolve(asTs.href, context);
    }
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    if (url.startsWith(SRC) && url.endsWith('.ts')) {
      const path = fileURLToPath(url);
      const { outputText } = ts.transpileModule(readFileSync(path, 'utf8'), {
        fileName: path,
        // ES2022 target keeps class fields standard; parameter properties become assignments.
        compilerOptions: { module: 99 /* ESNext */, target: 9 /* ES2022 */, sourceMap: false },
      });
      return { format: 'module', source: outputText, shortCircuit: true };
    }
    return nextLoad(url, context);
  },
});

type RenderModule = typeof import('../functions/src/letter/render.ts');
type LetterInput = import('../functions/src/domain/letterContent.ts').LetterInput;
type ComplaintType = import('../functions/src/domain/vocabulary.ts').ComplaintType;

const { renderLetterPdf } = (await import(new URL('render.ts', `${SRC}letter/`).href)) as RenderModule;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const count = Number(arg('--count') ?? 1000);
const samplePath = arg('--sample');
const progressEvery = Number(arg('--progress') ?? 250);

const TYPES: ComplaintType[] = [
  'kks_hilang',
  'buku_tabungan_hilang',
  'pin_terblokir',
  'transaksi_bermasalah',
  'kpm_meninggal',
  'lainnya',
];

/** A realistic letter; `i` varies the number, names and type so no two letters are alike. */
function letter(i: number): LetterInput {
  const complaintType = TYPES[i % TYPES.length] ?? 'kks_hilang';
  const heir = complaintType === 'kpm_meninggal';
  const issuedAt = new Date(Date.UTC(2026, 10, 27, 6, 5) + i * 60_000);
  const seq = String(7 + i).padStart(4, '0');
  return {
    number: `460/${seq}/Dinsos-PM/XI/2026`,
    issuedAt,
    verificationUrl: `https://pengaduan-kpm.tarakankota.go.id/v/K7Q2-${seq}`,
    verificationCode: `K7Q2-${seq}`,
    letterhead: {
      government: 'Pemerintah Kota Tarakan',
      office: 'Dinas Sosial dan Pemberdayaan Masyarakat',
      address: 'Jalan Jenderal Sudirman Nomor 76, Kelurahan Pamusian, Kecamatan Tarakan Tengah, Kota Tarakan 77113',
      phone: '(0551) 21456',
      email: 'dinsospm@tarakankota.go.id',
      website: 'dinsospm.tarakankota.go.id',
    },
    place: 'Tarakan',
    applicant: heir
      ? { name: `Ahmad Fauzi ${i}`, nik: '6471021505900003', address: 'Jalan Gajah Mada RT 12, Kelurahan Karang Anyar, Kecamatan Tarakan Barat', relation: 'ahli_waris' }
      : { name: `Siti Rahmawati ${i}`, nik: '6471014107850002', address: 'Jalan Mulawarman RT 05, Kelurahan Karang Anyar, Kecamatan Tarakan Barat', relation: i % 5 === 1 ? 'kuasa' : 'kpm' },
    kpm: {
      name: `Siti Rahmawati ${i}`,
      nik: '6471014107850002',
      kkNumber: '6471010203040005',
      kksNumber: '5049 4912 3456 7890',
      address: 'Jalan Mulawarman RT 05, Kelurahan Karang Anyar, Kecamatan Tarakan Barat',
    },
    complaintType,
    analysis: {
      assistanceType: 'Program Sembako',
      problem: 'Saldo bantuan bulan Oktober 2026 tidak masuk ke rekening KKS',
      solution: 'Data KPM telah diperiksa dan dinyatakan aktif; KPM diarahkan ke bank penyalur dengan membawa surat keterangan ini.',
      siksNgReference: `SIKS-NG/2026/11/${seq}`,
    },
    paraf: { name: 'Rina Kartikasari, S.Sos.', at: new Date(issuedAt.getTime() - 20 * 60_000) },
    signer: { name: 'Drs. Muhammad Yusuf, M.Si.', nip: '197203151998031004', title: 'Kepala Bidang Sosial' },
    signature: { mark: 'Ditandatangani secara elektronik', signedAt: issuedAt },
    warnings: [
      ...(complaintType === 'kks_hilang' || heir ? (['penggantianKks'] as const) : []),
      ...(i % 5 === 1 && !heir ? (['pengambilanKuasa'] as const) : []),
    ],
  };
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;

if (samplePath) {
  // A lost card collected by a proxy: both SOP warnings apply.
  const base = letter(0);
  const sample = await renderLetterPdf({
    ...base,
    applicant: { name: 'Budi Santoso', nik: '6471011008880001', address: 'Jalan Yos Sudarso RT 08, Kelurahan Selumit Pantai, Kecamatan Tarakan Tengah', relation: 'kuasa' },
    kpm: { ...base.kpm, name: 'Siti Rahmawati' },
    analysis: {
      assistanceType: 'Program Sembako',
      problem: 'KKS hilang pada saat KPM pindah rumah',
      solution: 'Status KPM diperiksa pada SIKS-NG dan dinyatakan aktif; KPM diedukasi dan diarahkan ke bank penyalur untuk penggantian KKS.',
      siksNgReference: 'SIKS-NG/2026/11/0007',
    },
    warnings: ['penggantianKks', 'pengambilanKuasa'],
  });
  writeFileSync(samplePath, sample.pdf);
  console.log(`sample ${samplePath} ${sample.pages} page(s) sha256 ${sample.sha256}`);
}

gc?.();
const before = process.memoryUsage();
const times: number[] = [];
let bytes = 0;
let maxPages = 0;
const t0 = performance.now();
for (let i = 0; i < count; i += 1) {
  const start = performance.now();
  const out = await renderLetterPdf(letter(i));
  times.push(performance.now() - start);
  bytes += out.pdf.length;
  maxPages = Math.max(maxPages, out.pages);
  if ((i + 1) % progressEvery === 0 && i + 1 < count) {
    const m = process.memoryUsage();
    console.log(`progress ${i + 1} heap used ${mb(m.heapUsed)} external ${mb(m.external)} rss ${mb(m.rss)}`);
  }
}
const wall = performance.now() - t0;
const after = process.memoryUsage();

const first = times[0] ?? 0;
const sorted = [...times].sort((a, b) => a - b);
const pct = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const ms = (n: number): string => `${n.toFixed(1)} ms`;

console.log(`letters ${count} (node ${process.version})`);
console.log(`render first ${ms(first)}`);
console.log(`render p50 ${ms(pct(50))}`);
console.log(`render p95 ${ms(pct(95))}`);
console.log(`render max ${ms(sorted[sorted.length - 1] ?? 0)}`);
console.log(`render total ${(wall / 1000).toFixed(2)} s (${(count / (wall / 1000)).toFixed(1)} letters/s)`);
console.log(`pdf size mean ${(bytes / Math.max(count, 1) / 1024).toFixed(1)} KB, max pages ${maxPages}`);
console.log(`heap used before ${mb(before.heapUsed)}`);
console.log(`heap used after ${mb(after.heapUsed)}`);
if (gc) {
  gc();
  console.log(`heap used after gc ${mb(process.memoryUsage().heapUsed)}`);
} else {
  console.log('heap used after gc n/a (run with --expose-gc)');
}
console.log(`rss before ${mb(before.rss)}`);
console.log(`rss after ${mb(after.rss)}`);
