/**
 * Benchmark of the Surat Keterangan, two modes (run through `npm run bench:letter`, which uses tsx
 * so the NodeNext `.js` imports of functions/src resolve to their `.ts` sources):
 *
 *  render (default): renders and signs (PAdES, the demo certificate of scripts/certs.mjs) many
 *    letters in one process and reports latency p50/p95 of render, sign and both, and memory, heap
 *    growth included (budget: render + sign p95 ≤ 150 ms warm, heap growth < 10 %).
 *      npm run bench:letter -- [--count 1000] [--progress 250] [--sample out.pdf]
 *  e2e (`--e2e N`): on the Emulator Suite (the script wraps it in `firebase emulators:exec` with
 *    MailDev), drives N real cases to `initialled`, then for each: signCase → letter stored
 *    (letter.renderedAt) → email delivered (outbox delivery.endTime, and its arrival in MailDev).
 *    Cases are signed one at a time (latency) unless `--concurrent` (all at once: throughput).
 *      npm run bench:letter -- --e2e 20 [--concurrent]
 *    The Functions emulator serves one request per function at a time: its figures are a floor.
 */
import { writeFileSync } from 'node:fs';
import { renderLetterPdf } from '../functions/src/letter/render.js';
import { padesSigner } from '../functions/src/letter/pades.js';
import { demoP12 } from '../test/support/signing.js';
import type { LetterInput } from '../functions/src/domain/letterContent.js';
import { COMPLAINT_TYPES } from '../functions/src/domain/vocabulary.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const e2e = arg('--e2e');
const count = Number(arg('--count') ?? 1000);
const samplePath = arg('--sample');
const progressEvery = Number(arg('--progress') ?? 250);

const TYPES = COMPLAINT_TYPES;

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
      address:
        'Jalan Jenderal Sudirman Nomor 76, Kelurahan Pamusian, Kecamatan Tarakan Tengah, Kota Tarakan 77113',
      phone: '(0551) 21456',
      email: 'dinsospm@tarakankota.go.id',
      website: 'dinsospm.tarakankota.go.id',
    },
    place: 'Tarakan',
    applicant: heir
      ? {
          name: `Ahmad Fauzi ${i}`,
          nik: '6471021505900003',
          address: 'Jalan Gajah Mada RT 12, Kelurahan Karang Anyar, Kecamatan Tarakan Barat',
          relation: 'ahli_waris',
        }
      : {
          name: `Siti Rahmawati ${i}`,
          nik: '6471014107850002',
          address: 'Jalan Mulawarman RT 05, Kelurahan Karang Anyar, Kecamatan Tarakan Barat',
          relation: i % 5 === 1 ? 'kuasa' : 'kpm',
        },
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
      solution:
        'Data KPM telah diperiksa dan dinyatakan aktif; KPM diarahkan ke bank penyalur dengan membawa surat keterangan ini.',
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

const signer = padesSigner(() => demoP12());
const signLetter = (pdf: Buffer, l: LetterInput) =>
  signer.sign(pdf, {
    letterNumber: l.number,
    signerName: l.signer.name,
    signerNip: l.signer.nip,
    signerTitle: l.signer.title,
    signedAt: l.signature.signedAt,
    reason: 'Surat Keterangan pengaduan KPM',
    location: l.place,
  });

async function renderBench(): Promise<void> {
  if (samplePath) {
    // A lost card collected by a proxy: both SOP warnings apply.
    const base = letter(0);
    const sample = await renderLetterPdf({
      ...base,
      applicant: {
        name: 'Budi Santoso',
        nik: '6471011008880001',
        address: 'Jalan Yos Sudarso RT 08, Kelurahan Selumit Pantai, Kecamatan Tarakan Tengah',
        relation: 'kuasa',
      },
      kpm: { ...base.kpm, name: 'Siti Rahmawati' },
      analysis: {
        assistanceType: 'Program Sembako',
        problem: 'KKS hilang pada saat KPM pindah rumah',
        solution:
          'Status KPM diperiksa pada SIKS-NG dan dinyatakan aktif; KPM diedukasi dan diarahkan ke bank penyalur untuk penggantian KKS.',
        siksNgReference: 'SIKS-NG/2026/11/0007',
      },
      warnings: ['penggantianKks', 'pengambilanKuasa'],
    });
    const signedSample = await signLetter(sample.pdf, base);
    writeFileSync(samplePath, signedSample.pdf);
    console.log(`sample ${samplePath} ${sample.pages} page(s), signed by ${signedSample.certificate?.subject ?? '-'}`);
  }

  // Warm-up (fonts read, signing libraries loaded, the P12 opened), then the memory baseline: the
  // growth reported is what 1,000 letters leave behind, not the modules' one-off load.
  const w0 = performance.now();
  const warmInput = letter(-1);
  await signLetter((await renderLetterPdf(warmInput)).pdf, warmInput);
  const warmup = performance.now() - w0;
  gc?.();
  const before = process.memoryUsage();
  const times: number[] = [];
  const renderTimes: number[] = [];
  const signTimes: number[] = [];
  let bytes = 0;
  let maxPages = 0;
  const t0 = performance.now();
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    const input = letter(i);
    const out = await renderLetterPdf(input);
    const rendered = performance.now();
    const signed = await signLetter(out.pdf, input);
    const end = performance.now();
    times.push(end - start);
    renderTimes.push(rendered - start);
    signTimes.push(end - rendered);
    bytes += signed.pdf.length;
    maxPages = Math.max(maxPages, out.pages);
    if ((i + 1) % progressEvery === 0 && i + 1 < count) {
      const m = process.memoryUsage();
      console.log(
        `progress ${i + 1} heap used ${mb(m.heapUsed)} external ${mb(m.external)} rss ${mb(m.rss)}`,
      );
    }
  }
  const wall = performance.now() - t0;
  const after = process.memoryUsage();

  const first = times[0] ?? 0;
  const sorted = [...times].sort((a, b) => a - b);
  const p = (q: number): number => pct(sorted, q);
  const ms = (n: number): string => `${n.toFixed(1)} ms`;

  const warm = (xs: number[]) => [...xs].sort((a, b) => a - b);
  console.log(`letters ${count} (node ${process.version}), rendered and signed (PAdES, ETSI.CAdES.detached)`);
  console.log(`render+sign cold (first letter of the process) ${ms(warmup)}; first measured ${ms(first)}`);
  console.log(`render+sign p50 ${ms(p(50))}, warm p95 ${ms(pct(warm(times), 95))}, max ${ms(sorted[sorted.length - 1] ?? 0)}`);
  console.log(`  render alone warm p50 ${ms(pct(warm(renderTimes), 50))}, p95 ${ms(pct(warm(renderTimes), 95))}`);
  console.log(`  sign alone warm p50 ${ms(pct(warm(signTimes), 50))}, p95 ${ms(pct(warm(signTimes), 95))}`);
  console.log(`total ${(wall / 1000).toFixed(2)} s (${(count / (wall / 1000)).toFixed(1)} letters/s)`);
  console.log(`pdf size mean ${(bytes / Math.max(count, 1) / 1024).toFixed(1)} KB, max pages ${maxPages}`);
  console.log(`heap used before ${mb(before.heapUsed)}`);
  console.log(`heap used after ${mb(after.heapUsed)}`);
  if (gc) {
    gc();
    const afterGc = process.memoryUsage().heapUsed;
    console.log(`heap used after gc ${mb(afterGc)} (growth ${(((afterGc - before.heapUsed) / before.heapUsed) * 100).toFixed(1)} %)`);
  } else {
    console.log('heap used after gc n/a (run with --expose-gc)');
  }
  console.log(`rss before ${mb(before.rss)}`);
  console.log(`rss after ${mb(after.rss)}`);
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** Sign → stored → delivered on the emulators (see the header). */
async function e2eBench(n: number, concurrent: boolean): Promise<void> {
  const { adminDb } = await import('../test/support/admin.js');
  const { driveCase, intakeForm, office } = await import('../test/support/workflow.js');
  const mailUrl = process.env.MAILDEV_URL ?? 'http://127.0.0.1:1080';
  const o = await office();
  const tag = Date.now().toString(36);
  const t0 = performance.now();
  const cases: { email: string; caseId: string; version: number }[] = [];
  for (let i = 0; i < n; i += 1) {
    const email = `bench-${tag}-${i}@contoh.example`;
    cases.push({ email, ...(await driveCase(o, 'initialled', intakeForm({ email }))) });
  }
  console.log(`prepared ${n} cases in initialled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const waitDelivered = async (caseId: string, email: string) => {
    const deadline = Date.now() + 180_000;
    for (;;) {
      const out = await adminDb.doc(`outbox/letter-${caseId}`).get();
      if (out.get('delivery.state') === 'SUCCESS') {
        const res = await fetch(`${mailUrl}/api/email?to.address=${encodeURIComponent(email)}`);
        const mails = (await res.json()) as unknown[];
        if (mails.length > 0) {
          const kase = (await adminDb.doc(`cases/${caseId}`).get()).data() as {
            signature: { at: string };
            letter: { renderedAt: string };
          };
          return {
            signedAt: Date.parse(kase.signature.at),
            storedAt: Date.parse(kase.letter.renderedAt),
            deliveredAt: Date.parse(out.get('delivery.endTime') as string),
            mails: mails.length,
          };
        }
      }
      if (Date.now() > deadline) throw new Error(`case ${caseId}: email not delivered within 180 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const sign = (c: (typeof cases)[number]) =>
    o.kabid.call('signCase', { caseId: c.caseId, expectedVersion: c.version, confirm: true });

  const results = [];
  const t1 = performance.now();
  if (concurrent) {
    await Promise.all(cases.map(sign));
    for (const c of cases) results.push(await waitDelivered(c.caseId, c.email));
  } else {
    for (const c of cases) {
      await sign(c);
      results.push(await waitDelivered(c.caseId, c.email));
    }
  }
  const wall = (performance.now() - t1) / 1000;
  await o.close();
  const stored = results.map((r) => r.storedAt - r.signedAt).sort((a, b) => a - b);
  const delivered = results.map((r) => r.deliveredAt - r.signedAt).sort((a, b) => a - b);
  const line = (name: string, xs: number[]) =>
    console.log(
      `${name.padEnd(28)} p50 ${pct(xs, 50)} ms  p95 ${pct(xs, 95)} ms  max ${xs[xs.length - 1]} ms`,
    );
  console.log(
    `cases ${n} (${concurrent ? 'signed all at once' : 'signed one at a time'}), wall ${wall.toFixed(1)} s`,
  );
  line('sign -> PDF stored', stored);
  line('sign -> email delivered', delivered);
  console.log(`emails per case: ${[...new Set(results.map((r) => r.mails))].join(', ')}`);
}

if (e2e !== undefined) await e2eBench(Number(e2e) || 20, process.argv.includes('--concurrent'));
else await renderBench();
process.exit(0);
