import { createHash } from 'node:crypto';

import { extractText, getMeta } from 'unpdf';
import { describe, expect, it } from 'vitest';

import { DomainError } from '../../functions/src/domain/errors.js';
import {
  applicableWarnings,
  buildLetterBody,
  DRAFT_NUMBER_PLACEHOLDER,
  maskName,
  maskNik,
  type LetterInput,
} from '../../functions/src/domain/letterContent.js';
import { WARNINGS } from '../../functions/src/domain/vocabulary.js';
import { renderLetterPdf } from '../../functions/src/letter/render.js';
import { electronicMarkSigner } from '../../functions/src/letter/signer.js';

// 27 November 2026 14.05 WITA.
const SIGNED_AT = new Date('2026-11-27T06:05:00Z');

function sample(overrides: Partial<LetterInput> = {}): LetterInput {
  return {
    number: '460/0007/Dinsos-PM/XI/2026',
    issuedAt: SIGNED_AT,
    verificationUrl: 'https://pengaduan.example.go.id/verifikasi/K7Q2-9XD4',
    verificationCode: 'K7Q2-9XD4',
    letterhead: {
      government: 'Pemerintah Kota Tarakan',
      office: 'Dinas Sosial dan Pemberdayaan Masyarakat',
      address: 'Jalan Jenderal Sudirman Nomor 76, Tarakan 77113',
      phone: '(0551) 21456',
      email: 'dinsospm@tarakankota.go.id',
      website: 'dinsospm.tarakankota.go.id',
    },
    place: 'Tarakan',
    applicant: {
      name: 'Siti Rahmawati',
      nik: '6471014107850002',
      address: 'Jalan Mulawarman RT 05, Kelurahan Karang Anyar, Kecamatan Tarakan Barat',
      relation: 'kpm',
    },
    kpm: { name: 'Siti Rahmawati', nik: '6471014107850002', kkNumber: '6471010203040005', kksNumber: '5049491234567890' },
    complaintType: 'kks_hilang',
    analysis: {
      assistanceType: 'Program Sembako',
      problem: 'KKS hilang saat banjir',
      solution: 'Data KPM aktif; KPM diarahkan ke bank penyalur untuk penggantian KKS',
      siksNgReference: 'SIKS-2026-11-0042',
    },
    paraf: { name: 'Rina Kartikasari', at: new Date('2026-11-27T05:45:00Z') },
    signer: { name: 'Muhammad Yusuf', nip: '197203151998031004', title: 'Kepala Bidang Sosial' },
    signature: { mark: 'Ditandatangani secara elektronik', signedAt: SIGNED_AT },
    warnings: ['penggantianKks'],
    ...overrides,
  };
}

/** The PDF's text with every run of whitespace collapsed to one space. */
async function pdfText(pdf: Buffer): Promise<string> {
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

const heir = {
  name: 'Ahmad Fauzi',
  nik: '6471021505900003',
  address: 'Jalan Gajah Mada RT 12, Karang Anyar',
  relation: 'ahli_waris' as const,
};

describe('renderLetterPdf', () => {
  it('prints the number, identities, complaint wording, signature and verification (kks_hilang)', async () => {
    const { pdf, sha256, pages } = await renderLetterPdf(sample());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(pages).toBe(1);
    const text = await pdfText(pdf);
    for (const expected of [
      'PEMERINTAH KOTA TARAKAN',
      'DINAS SOSIAL DAN PEMBERDAYAAN MASYARAKAT',
      'SURAT KETERANGAN',
      'Nomor: 460/0007/Dinsos-PM/XI/2026',
      'Siti Rahmawati',
      '6471014107850002',
      '6471010203040005',
      '5049491234567890',
      'Program Sembako',
      'Kota Tarakan',
      'Kartu Keluarga Sejahtera (KKS) milik KPM tersebut telah hilang',
      'persyaratan penggantian KKS pada bank penyalur (Bank Himbara)',
      'SIKS-2026-11-0042',
      'Demikian surat keterangan ini dibuat untuk dapat dipergunakan sebagaimana mestinya.',
      'Tarakan, 27 November 2026',
      'Kepala Bidang Sosial,',
      'Ditandatangani secara elektronik',
      'Muhammad Yusuf',
      'NIP. 197203151998031004',
      'Paraf Koordinator: Rina Kartikasari',
      '27 November 2026 pukul 13.45 WITA',
      'Pindai untuk memverifikasi keaslian surat ini',
      'K7Q2-9XD4',
      'Halaman 1 dari 1',
      'Peringatan',
      WARNINGS.penggantianKks,
    ]) {
      expect(text).toContain(expected);
    }
    // The applicant is the KPM: no separate applicant section, and the proxy warning is absent.
    expect(text).not.toContain('dimohonkan oleh');
    expect(text).not.toContain(WARNINGS.pengambilanKuasa);
  });

  it('words a blocked PIN for a PIN reset at the bank', async () => {
    const text = await pdfText((await renderLetterPdf(sample({ complaintType: 'pin_terblokir', warnings: [] }))).pdf);
    expect(text).toContain('PIN Kartu Keluarga Sejahtera (KKS) milik KPM tersebut terblokir');
    expect(text).toContain('pengaturan ulang (reset) PIN KKS pada bank penyalur (Bank Himbara)');
    expect(text).not.toContain('telah hilang');
    // No warning applies: no box at all.
    expect(text).not.toContain('Peringatan');
    expect(text).not.toContain(WARNINGS.penggantianKks);
  });

  it('words a lost savings book', async () => {
    const text = await pdfText(
      (await renderLetterPdf(sample({ complaintType: 'buku_tabungan_hilang', warnings: [] }))).pdf,
    );
    expect(text).toContain('Buku Tabungan rekening penyaluran bantuan milik KPM tersebut telah hilang');
    expect(text).toContain('penggantian Buku Tabungan pada bank penyalur (Bank Himbara)');
  });

  it('words a transaction problem with the analysed problem', async () => {
    const text = await pdfText(
      (
        await renderLetterPdf(
          sample({
            complaintType: 'transaksi_bermasalah',
            analysis: { ...sample().analysis, problem: 'Saldo bulan Oktober tidak masuk.' },
            warnings: [],
          }),
        )
      ).pdf,
    );
    expect(text).toContain('permasalahan transaksi penyaluran bantuan menggunakan KKS, yaitu Saldo bulan Oktober tidak masuk.');
  });

  it('words a deceased KPM with the heir as applicant, and shows both identities', async () => {
    const text = await pdfText(
      (await renderLetterPdf(sample({ complaintType: 'kpm_meninggal', applicant: heir, warnings: ['penggantianKks'] })))
        .pdf,
    );
    expect(text).toContain('telah meninggal dunia sebagaimana tercantum dalam Surat Kematian');
    expect(text).toContain('Sdr. Ahmad Fauzi adalah ahli waris dari KPM tersebut');
    expect(text).toContain('penggantian pengurus (perwakilan keluarga)');
    expect(text).toContain('Surat keterangan ini dimohonkan oleh:');
    expect(text).toContain('6471021505900003');
    expect(text).toContain('Ahli waris');
    expect(text).toContain('Siti Rahmawati');
  });

  it('prints both warnings for a card collected by a proxy, in the SOP order', async () => {
    const text = await pdfText(
      (
        await renderLetterPdf(
          sample({
            applicant: { ...heir, name: 'Budi Santoso', relation: 'kuasa' },
            warnings: ['pengambilanKuasa', 'penggantianKks'],
          }),
        )
      ).pdf,
    );
    expect(text).toContain('Penerima kuasa');
    const a = text.indexOf(WARNINGS.penggantianKks);
    const b = text.indexOf(WARNINGS.pengambilanKuasa);
    expect(a).toBeGreaterThan(-1);
    expect(b).toBeGreaterThan(a);
  });

  it('is deterministic: the same input gives the same bytes; another date does not', async () => {
    const one = await renderLetterPdf(sample());
    const two = await renderLetterPdf(sample());
    expect(two.sha256).toBe(one.sha256);
    expect(Buffer.compare(one.pdf, two.pdf)).toBe(0);
    const later = await renderLetterPdf(sample({ issuedAt: new Date('2026-11-28T01:00:00Z') }));
    expect(later.sha256).not.toBe(one.sha256);
  });

  it('counts the pages of a letter that runs past one page', async () => {
    const long = Array.from({ length: 40 }, (_, i) => `Langkah penanganan nomor ${i + 1} telah dilaksanakan.`).join(' ');
    const { pdf, pages } = await renderLetterPdf(sample({ analysis: { ...sample().analysis, solution: long } }));
    expect(pages).toBe(2);
    const text = await pdfText(pdf);
    expect(text).toContain('Halaman 1 dari 2');
    expect(text).toContain('Halaman 2 dari 2');
  });

  it('sets the PDF metadata from the letter', async () => {
    const { pdf } = await renderLetterPdf(sample());
    const { info } = (await getMeta(new Uint8Array(pdf))) as { info: Record<string, unknown> };
    expect(info.Title).toBe('Surat Keterangan 460/0007/Dinsos-PM/XI/2026');
    // PDF dates are 'D:YYYYMMDDHHmmSS…' in UTC for pdfkit.
    expect(String(info.CreationDate)).toContain('20261127060500');
  });

  it('embeds a PNG logo given as a data URL and refuses anything else', async () => {
    const png1x1 =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const withLogo = await renderLetterPdf(sample({ letterhead: { ...sample().letterhead, logoDataUrl: png1x1 } }));
    expect(withLogo.pdf.includes(Buffer.from('/Subtype /Image'))).toBe(true);
    await expect(
      renderLetterPdf(sample({ letterhead: { ...sample().letterhead, logoDataUrl: '/etc/passwd' } })),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('refuses a verification URL that is not http(s)', async () => {
    await expect(renderLetterPdf(sample({ verificationUrl: 'javascript:alert(1)' }))).rejects.toBeInstanceOf(
      DomainError,
    );
  });
});

describe('buildLetterBody', () => {
  it('refuses a deceased KPM as the applicant', () => {
    expect(() => buildLetterBody(sample({ complaintType: 'kpm_meninggal' }))).toThrow(DomainError);
  });

  it('names what is missing', () => {
    try {
      buildLetterBody(sample({ kpm: { ...sample().kpm, nik: ' ' }, signer: { ...sample().signer, nip: '' } }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('invalid-argument');
      expect((e as DomainError).message).toContain('NIK KPM');
      expect((e as DomainError).message).toContain('NIP penanda tangan');
    }
  });

  it('uses the analysis text for "lainnya"', () => {
    const body = buildLetterBody(
      sample({ complaintType: 'lainnya', analysis: { ...sample().analysis, problem: 'nama KPM salah eja pada KKS.' } }),
    );
    const paragraphs = body.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(paragraphs.join(' ')).toContain('menyampaikan pengaduan mengenai nama KPM salah eja pada KKS.');
  });

  it('prints a placeholder number for a draft and signs on behalf of the head of office', () => {
    const body = buildLetterBody({ ...sample(), number: null });
    expect(body.numberLine).toBe(`Nomor: ${DRAFT_NUMBER_PLACEHOLDER}`);
    expect(body.signatureBlock.onBehalfOf).toBe('a.n. Kepala Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan');
    expect(body.signatureBlock.title).toBe('Kepala Bidang Sosial,');
    expect(body.placeAndDate).toBe('Tarakan, 27 November 2026');
  });

  it('lists each warning once', () => {
    const body = buildLetterBody(sample({ warnings: ['penggantianKks', 'penggantianKks'] }));
    expect(body.warnings).toEqual([WARNINGS.penggantianKks]);
  });

  it('chooses the warnings where the SOP puts them', () => {
    expect(applicableWarnings('kks_hilang', 'kpm')).toEqual(['penggantianKks']);
    expect(applicableWarnings('pin_terblokir', 'kpm')).toEqual([]);
    expect(applicableWarnings('pin_terblokir', 'kuasa')).toEqual(['pengambilanKuasa']);
    expect(applicableWarnings('kks_hilang', 'kuasa')).toEqual(['penggantianKks', 'pengambilanKuasa']);
  });
});

describe('masking for the public verification page', () => {
  it('keeps the first letter and the length of each word', () => {
    // 'Rahmawati' has nine letters: R and eight stars.
    expect(maskName('Siti Rahmawati')).toBe('S*** R********');
    expect(maskName('  Ahmad   Fauzi ')).toBe('A**** F****');
  });

  it('keeps the first and last four digits of a NIK', () => {
    expect(maskNik('6471014107850002')).toBe('6471********0002');
    expect(maskNik('123')).toBe('***');
  });
});

describe('electronicMarkSigner', () => {
  it('returns the PDF unchanged with the electronic mark', async () => {
    const pdf = Buffer.from('%PDF-1.3 test');
    const out = await electronicMarkSigner.sign(pdf, {
      letterNumber: '460/0007/Dinsos-PM/XI/2026',
      signerName: 'Muhammad Yusuf',
      signerNip: '197203151998031004',
      signerTitle: 'Kepala Bidang Sosial',
      signedAt: SIGNED_AT,
    });
    expect(out.pdf.equals(pdf)).toBe(true);
    expect(out.mark).toBe('Ditandatangani secara elektronik');
    expect(out.provider).toBe(electronicMarkSigner.provider);
  });
});
