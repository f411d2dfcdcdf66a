/**
 * One letter text: the staff page's preview (the Preact component, rendered to HTML) and the signed
 * PDF (rendered by the trigger's renderer, read back with poppler's `pdftotext`) of the same case
 * say the same sentences. Awkward cases: an heir of a deceased KPM, a proxy, a long address, and
 * names with apostrophes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { draftLetterBody, letterInputOf } from '../../functions/src/domain/letterInput.js';
import { DEFAULT_SETTINGS } from '../../functions/src/domain/settings.js';
import { warningsFor } from '../../functions/src/domain/documents.js';
import type { CaseSnapshot } from '../../functions/src/domain/workflow.js';
import { renderLetterPdf } from '../../functions/src/letter/render.js';
import { LetterPreview } from '../../hosting/src/staff/LetterPreview.js';

const SIGNED_AT = '2026-11-27T06:05:00.000Z';
const settings = DEFAULT_SETTINGS;

/** A signed case; the Kabid who signed is the settings' signer, as the preview assumes. */
function signedCase(over: Partial<CaseSnapshot>): CaseSnapshot {
  const base = {
    id: 'c1',
    number: 'ADU-2026-000042',
    state: 'signed',
    version: 7,
    complaintType: 'kks_hilang',
    complaintDetail: '',
    relation: 'kpm',
    applicant: {
      name: 'Siti Rahmawati',
      nik: '6471014107850002',
      phone: '+6281234567890',
      address: { kecamatan: 'Tarakan Barat', kelurahan: 'Karang Anyar', street: 'Jl. Mulawarman RT 05' },
    },
    kpm: { name: 'Siti Rahmawati', nik: '6471014107850002', kkNumber: '6471010203040005', kksNumber: '5049491234567890' },
    documents: {},
    sopWarnings: [],
    identifierWarnings: [],
    analysis: {
      assistanceType: 'sembako',
      problem: 'KKS hilang saat banjir',
      solution: 'Data KPM aktif; KPM diarahkan ke bank penyalur untuk penggantian KKS',
      siksNgUpdate: { done: true, reference: 'SIKS-2026-11-0042' },
      kpmEducated: true,
      draft: { summary: 'KKS hilang', outcome: 'Penggantian KKS' },
      by: 'a1',
      byName: 'Analis',
      at: '2026-11-27T05:30:00.000Z',
    },
    paraf: { uid: 'k1', name: 'Rina Kartikasari', at: '2026-11-27T05:45:00.000Z' },
    signature: { uid: 'b1', name: settings.signer.name, nip: settings.signer.nip, at: SIGNED_AT },
    clock: { step: 'signed', since: SIGNED_AT, pausedAt: null, carriedMinutes: 0 },
    createdAt: '2026-11-27T05:00:00.000Z',
    createdBy: 'f1',
    createdByName: 'FO',
    updatedAt: SIGNED_AT,
    updatedBy: 'b1',
  } as unknown as CaseSnapshot;
  const kase = { ...base, ...over };
  return { ...kase, sopWarnings: warningsFor(kase.complaintType, kase.relation) };
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

const decodeEntities = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The preview's text pieces: each paragraph, table cell, line and list item of the rendered HTML. */
function previewPieces(kase: CaseSnapshot): string[] {
  if (!kase.analysis) throw new Error('test case without analysis');
  const draft = draftLetterBody(kase, settings, kase.analysis, new Date(SIGNED_AT));
  if (!draft.body) throw new Error(draft.error);
  const html = renderToString(h(LetterPreview, { body: draft.body, error: null }));
  return html
    .split(/<\/?(?:p|td|li|h3|br|strong|ol|div|tr|tbody|table|section)\b[^>]*>/)
    .map((t) => squash(decodeEntities(t.replace(/<[^>]+>/g, ''))))
    .filter((t) => t !== '' && t !== ':');
}

function pdftotext(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'letter-text-'));
  try {
    const file = join(dir, 'letter.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pdfTextOf(kase: CaseSnapshot): Promise<string> {
  const input = letterInputOf(kase, settings, undefined, {
    number: '460/0042/Dinsos-PM/XI/2026',
    code: 'K7Q2M9XH3D',
    verificationUrl: 'https://pengaduan.example.go.id/verifikasi/K7Q2M9XH3D',
    mark: 'Ditandatangani secara elektronik',
  });
  const { pdf } = await renderLetterPdf(input);
  return squash(pdftotext(pdf));
}

const heirCase = signedCase({
  complaintType: 'kpm_meninggal',
  relation: 'ahli_waris',
  applicant: {
    name: "Muhammad Ma'ruf",
    nik: '6471021505900003',
    phone: '+6281234500000',
    address: { kecamatan: 'Tarakan Barat', kelurahan: 'Karang Anyar', street: 'Jl. Gajah Mada RT 12 No. 3' },
  },
  kpm: { name: "Almh. Wa Ode Sitti Sa'diyah", nik: '6471014107500002', kkNumber: '6471010203040005' },
});

const proxyCase = signedCase({
  complaintType: 'pin_terblokir',
  relation: 'kuasa',
  applicant: {
    name: "Yohanes O'Neil Pattiasina",
    nik: '6471021505900011',
    phone: '+6281234500001',
    address: {
      kecamatan: 'Tarakan Utara',
      kelurahan: 'Juata Permai',
      street:
        'Jalan Poros Juata Permai Gang Keluarga Sejahtera Nomor 117 RT 023 RW 007, di belakang Masjid Al-Ikhlas, dekat pangkalan ojek',
    },
  },
  kpm: { name: 'Hj. Nurhayati binti Abdul Rahman', nik: '6471014107600009', kkNumber: '6471010203040099', kksNumber: '5049491234500001' },
});

const longAddressKpm = signedCase({
  complaintType: 'transaksi_bermasalah',
  applicant: {
    name: "Andi Baso' Tenri Ola",
    nik: '6471014107850002',
    phone: '+6281234500002',
    address: {
      kecamatan: 'Tarakan Timur',
      kelurahan: 'Kampung Empat',
      street:
        'Jalan Aki Babu Gang Sepakat II Nomor 45 RT 012 RW 004, rumah panggung warna hijau di ujung gang, sebelah warung Bu Hajjah',
    },
  },
  kpm: { name: "Andi Baso' Tenri Ola", nik: '6471014107850002', kkNumber: '6471010203040005', kksNumber: '5049491234567890' },
  analysis: {
    assistanceType: 'bpnt',
    problem: "saldo terpotong dua kali di agen 'Berkah Jaya' pada 3 November 2026",
    solution: 'Laporan diteruskan ke bank penyalur untuk penelusuran transaksi',
    siksNgUpdate: { done: false, reference: '', note: 'Tidak ada perubahan data' },
    kpmEducated: true,
    draft: { summary: 'Transaksi', outcome: 'Penelusuran' },
    by: 'a1',
    byName: 'Analis',
    at: '2026-11-27T05:30:00.000Z',
  },
});

describe('one letter text: the staff preview and the signed PDF say the same sentences', () => {
  for (const [name, kase] of [
    ['heir of a deceased KPM, apostrophes in both names', heirCase],
    ['proxy with a long address', proxyCase],
    ['the KPM herself, long address, apostrophes in the problem', longAddressKpm],
  ] as const) {
    it(name, async () => {
      const pdf = await pdfTextOf(kase);
      const pieces = previewPieces(kase);
      // The preview shows a draft: its number line is a placeholder until the register numbers it.
      const compared = pieces.filter((p) => p !== 'Pratinjau isi surat' && !p.startsWith('Nomor:'));
      expect(compared.length).toBeGreaterThan(15);
      const missing = compared.filter((p) => !pdf.includes(p));
      expect(missing).toEqual([]);
      // Both carry the applicant's identity sentence parts (names whole, apostrophes included).
      expect(pdf).toContain(kase.applicant.name);
      expect(pdf).toContain(kase.kpm.name);
      expect(compared.join(' ')).toContain(kase.kpm.name);
    });
  }
});
