/**
 * Benchmark: server-side processing of a phone photo (functions/src/uploads/process.ts).
 *
 * Run (no build step; Node 24 strips this file's types itself):
 *   cd /work/main && node_modules/.bin/node bench/upload-process.ts [--runs 20]
 *   cd /work/main && node_modules/.bin/node --expose-gc bench/upload-process.ts   # baseline after GC
 *
 * 1. Generates a phone-like 4000 × 3000 JPEG (gradients + sensor-like noise, quality 95, with
 *    EXIF and GPS; about 4 MB) in memory.
 * 2. Times processUpload on it `--runs` times (after 2 warm-up runs): p50 / p95 / max, and the
 *    process's peak RSS and peak heap.
 * 3. Simulates the browser's reduction (hosting/src/upload/reduceImage.ts) with sharp: long edge
 *    1600, JPEG quality 0.85 → 0.75 → 0.65 → 0.5 until ≤ 500 000 bytes; prints the bytes the phone
 *    would send and times processUpload on that too (what the server sees in practice).
 *
 * The sources under functions/src use NodeNext `.js` specifiers and TypeScript-only syntax
 * (parameter properties in DomainError) that Node's type stripping refuses, so this script
 * registers a module hook that resolves `./x.js` to `./x.ts` and transpiles those files with the
 * project's own `typescript` package (same approach as bench/letter-render.ts). Nothing is
 * written to disk.
 */
import { existsSync, readFileSync } from 'node:fs';
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
        compilerOptions: { module: 99 /* ESNext */, target: 9 /* ES2022 */, sourceMap: false },
      });
      return { format: 'module', source: outputText, shortCircuit: true };
    }
    return nextLoad(url, context);
  },
});

type ProcessModule = typeof import('../functions/src/uploads/process.ts');
type FixturesModule = typeof import('../test/fixtures/makeFixtures.ts');

const { processUpload } = (await import(new URL('uploads/process.ts', SRC).href)) as ProcessModule;
const { phoneLikeJpeg } = (await import(
  new URL('../test/fixtures/makeFixtures.ts', import.meta.url).href
)) as FixturesModule;
const sharp = require('sharp') as typeof import('sharp');

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 20;

const MB = 1024 * 1024;
const fmtMB = (b: number): string => `${(b / MB).toFixed(1)} MB`;
const fmtKB = (b: number): string => `${(b / 1000).toFixed(0)} kB`;
const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** Samples heap and RSS every 5 ms while `f` runs (sharp works off the main thread). */
async function sampled<T>(
  f: () => Promise<T>,
): Promise<{ value: T; peakHeap: number; peakRss: number; peakExternal: number }> {
  let peakHeap = 0;
  let peakRss = 0;
  let peakExternal = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
    peakExternal = Math.max(peakExternal, m.external + m.arrayBuffers);
  };
  const timer = setInterval(sample, 5);
  try {
    sample();
    const value = await f();
    sample();
    return { value, peakHeap, peakRss, peakExternal };
  } finally {
    clearInterval(timer);
  }
}

async function timeRuns(label: string, input: Buffer, runs: number): Promise<void> {
  globalThis.gc?.();
  const before = process.memoryUsage();
  for (let i = 0; i < 2; i++) await processUpload(input); // warm-up
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof processUpload>> | undefined;
  const { peakHeap, peakRss, peakExternal } = await sampled(async () => {
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      last = await processUpload(input);
      times.push(performance.now() - t0);
    }
  });
  times.sort((a, b) => a - b);
  console.log(`\n${label}: ${runs} runs`);
  console.log(
    `  in : ${fmtKB(input.length)}  →  out: ${last ? `${fmtKB(last.bytes.length)} ${last.width}×${last.height} ${last.mime}` : '-'}`,
  );
  console.log(
    `  time  p50 ${pct(times, 50).toFixed(0)} ms   p95 ${pct(times, 95).toFixed(0)} ms   max ${(times[times.length - 1] ?? NaN).toFixed(0)} ms`,
  );
  console.log(
    `  before: RSS ${fmtMB(before.rss)}   heapUsed ${fmtMB(before.heapUsed)} (the process holds TypeScript for the hook, and the fixtures)`,
  );
  console.log(
    `  peak  RSS ${fmtMB(peakRss)} (+${fmtMB(peakRss - before.rss)})   heapUsed ${fmtMB(peakHeap)}   external+arrayBuffers ${fmtMB(peakExternal)}`,
  );
}

/** What reduceImage does in the browser, done with sharp: 1600 px, quality stepped down to ≤ 500 kB. */
async function browserReduction(photo: Buffer): Promise<{ bytes: Buffer; quality: number; tries: string[] }> {
  const resized = await sharp(photo)
    .autoOrient()
    .resize({ width: 1600, height: 1600, fit: 'inside' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const tries: string[] = [];
  let best: { bytes: Buffer; quality: number } | undefined;
  for (const quality of [0.85, 0.75, 0.65, 0.5]) {
    const bytes = await sharp(resized.data, { raw: resized.info })
      .jpeg({ quality: Math.round(quality * 100) })
      .toBuffer();
    tries.push(`q${quality}=${fmtKB(bytes.length)}`);
    if (!best || bytes.length < best.bytes.length) best = { bytes, quality };
    if (bytes.length <= 500_000) break;
  }
  if (!best) throw new Error('no encoding');
  return { ...best, tries };
}

console.log(
  `node ${process.version}, sharp ${sharp.versions.sharp} / libvips ${sharp.versions.vips}, threadpool ${sharp.concurrency()}`,
);
const tGen = performance.now();
const photo = await phoneLikeJpeg(4000, 3000, 18);
console.log(
  `phone-like photo: 4000×3000 JPEG q95 with EXIF/GPS, ${fmtMB(photo.length)} (${photo.length} bytes), generated in ${(performance.now() - tGen).toFixed(0)} ms`,
);

await timeRuns('processUpload(raw 4000×3000 photo)', photo, RUNS);

const reduced = await browserReduction(photo);
const meta = await sharp(reduced.bytes).metadata();
console.log(`\nbrowser reduction (simulated): ${reduced.tries.join(', ')}`);
console.log(
  `  the phone would send ${reduced.bytes.length} bytes (${fmtKB(reduced.bytes.length)}), ${meta.width}×${meta.height}, quality ${reduced.quality}`,
);

await timeRuns('processUpload(browser-reduced photo)', reduced.bytes, RUNS);

console.log(`\nprocess peak RSS (getrusage maxRSS): ${fmtMB(process.resourceUsage().maxRSS * 1024)}`);
