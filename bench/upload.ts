/// <reference lib="dom" />
/**
 * Benchmark of a phone photo's way to Cloud Storage (issue 4): the bytes the phone sends after
 * the browser's reduction, and the server's time and memory to process them.
 *
 * Run:  npm run bench:upload            (= node_modules/.bin/tsx bench/upload.ts)
 *       npm run bench:upload -- --runs 40
 * tsx resolves the NodeNext `.js` specifiers of functions/src to their `.ts` sources; nothing is
 * built or written to disk.
 *
 * 1. Generates a phone-like 4000 × 3000 JPEG (gradients + sensor-like noise, quality 95, EXIF
 *    and GPS; about 4 MB) in memory.
 * 2. Server: times processUpload (functions/src/uploads/process.ts) on it `--runs` times after
 *    2 warm-up runs: p50 / p95 / max, peak RSS and heap sampled every 5 ms.
 * 3. Phone: runs the page's own reduceImage (hosting/src/upload/reduceImage.ts) in Debian's
 *    Chromium (canvas + JPEG encoder of a real browser) on the same photo and reports the bytes
 *    it would send. Without Chromium (CHROMIUM_PATH, default /usr/bin/chromium) it falls back to
 *    the same steps done with sharp, and says so.
 * 4. Server again, on the reduced photo: what it processes in practice.
 */
import { existsSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import ts from 'typescript';
import { chromium } from '@playwright/test';
import { processUpload } from '../functions/src/uploads/process.js';
import { phoneLikeJpeg } from '../test/fixtures/makeFixtures.js';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 20;
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

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
    `  time  p50 ${pct(times, 50).toFixed(0)} ms   p95 ${pct(times, 95).toFixed(0)} ms   max ${(times.at(-1) ?? NaN).toFixed(0)} ms`,
  );
  console.log(`  before: RSS ${fmtMB(before.rss)}   heapUsed ${fmtMB(before.heapUsed)}`);
  console.log(
    `  peak  RSS ${fmtMB(peakRss)} (+${fmtMB(peakRss - before.rss)})   heapUsed ${fmtMB(peakHeap)}   external+arrayBuffers ${fmtMB(peakExternal)}`,
  );
}

/** The page's reduceImage, run in Chromium on `photo`. */
async function reduceInChromium(
  photo: Buffer,
): Promise<{ bytes: Buffer; ms: number; width: number; height: number }> {
  const source = readFileSync(new URL('../hosting/src/upload/reduceImage.ts', import.meta.url), 'utf8');
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.setContent('<input type="file" id="f">');
    await page.addScriptTag({ type: 'module', content: `${js}\nglobalThis.__reduceImage = reduceImage;` });
    await page.waitForFunction(() => '__reduceImage' in globalThis);
    await page.locator('#f').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });
    const out = await page.evaluate(async () => {
      const reduce = (globalThis as unknown as { __reduceImage: (f: File) => Promise<Blob> }).__reduceImage;
      const file = (document.getElementById('f') as HTMLInputElement).files![0]!;
      const t0 = performance.now();
      const blob = await reduce(file);
      const ms = performance.now() - t0;
      const bmp = await createImageBitmap(blob);
      const bytes = Array.from(new Uint8Array(await blob.arrayBuffer()));
      return { bytes, ms, width: bmp.width, height: bmp.height };
    });
    return { ...out, bytes: Buffer.from(out.bytes) };
  } finally {
    await browser.close();
  }
}

/** The same steps with sharp (when no Chromium is at hand): 1600 px, quality stepped to ≤ 500 kB. */
async function reduceWithSharp(photo: Buffer): Promise<Buffer> {
  const resized = await sharp(photo)
    .autoOrient()
    .resize({ width: 1600, height: 1600, fit: 'inside' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  let best: Buffer | undefined;
  for (const quality of [85, 75, 65, 50]) {
    const bytes = await sharp(resized.data, { raw: resized.info }).jpeg({ quality }).toBuffer();
    if (!best || bytes.length < best.length) best = bytes;
    if (bytes.length <= 500_000) break;
  }
  return best!;
}

console.log(
  `node ${process.version}, sharp ${sharp.versions.sharp} / libvips ${sharp.versions.vips}, threadpool ${sharp.concurrency()}`,
);
const tGen = performance.now();
const photo = await phoneLikeJpeg(4000, 3000, 18);
console.log(
  `phone-like photo: 4000×3000 JPEG q95 with EXIF/GPS, ${fmtMB(photo.length)} (${photo.length} bytes), generated in ${(performance.now() - tGen).toFixed(0)} ms`,
);

await timeRuns('server: processUpload(raw 4000×3000 photo, if a phone sent it unreduced)', photo, RUNS);

let reduced: Buffer;
if (existsSync(CHROMIUM)) {
  const r = await reduceInChromium(photo);
  reduced = r.bytes;
  console.log(
    `\nphone: reduceImage in Chromium (${CHROMIUM}) took ${r.ms.toFixed(0)} ms on this machine's CPU`,
  );
  console.log(
    `  the phone sends ${reduced.length} bytes (${fmtKB(reduced.length)}), ${r.width}×${r.height} JPEG — ${((100 * reduced.length) / photo.length).toFixed(1)} % of the photo`,
  );
} else {
  reduced = await reduceWithSharp(photo);
  const meta = await sharp(reduced).metadata();
  console.log(
    `\nphone (simulated with sharp: no Chromium at ${CHROMIUM}): sends ${reduced.length} bytes (${fmtKB(reduced.length)}), ${meta.width}×${meta.height}`,
  );
}

await timeRuns('server: processUpload(browser-reduced photo, what it sees in practice)', reduced, RUNS);

console.log(`\nprocess peak RSS (getrusage maxRSS): ${fmtMB(process.resourceUsage().maxRSS * 1024)}`);
