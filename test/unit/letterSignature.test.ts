/**
 * The PAdES signature of the letter, through the real render + sign path (renderLetterPdf, then
 * padesSigner with the demo certificate of scripts/certs.mjs), checked by Poppler's pdfsig — an
 * independent validator — and by reading the CMS back with pkijs.
 */
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/src/domain/errors.js';
import type { LetterInput } from '../../functions/src/domain/letterContent.js';
import { padesSigner } from '../../functions/src/letter/pades.js';
import { renderLetterPdf } from '../../functions/src/letter/render.js';
import { demoP12, pdfsig } from '../support/signing.js';

const SIGNED_AT = new Date('2026-11-27T06:05:00Z');
const input: LetterInput = {
  number: '460/0007/Dinsos-PM/XI/2026',
  issuedAt: SIGNED_AT,
  verificationUrl: 'https://pengaduan.example.go.id/verifikasi/K7Q2M9XH3D',
  verificationCode: 'K7Q2M-9XH3D',
  letterhead: {
    government: 'Pemerintah Kota Tarakan',
    office: 'Dinas Sosial dan Pemberdayaan Masyarakat',
    address: 'Jalan Jenderal Sudirman Nomor 76, Tarakan 77113',
  },
  place: 'Tarakan',
  applicant: { name: 'Siti Rahmawati', nik: '6471014107850002', address: 'Jalan Mulawarman RT 05', relation: 'kpm' },
  kpm: { name: 'Siti Rahmawati', nik: '6471014107850002', kkNumber: '6471010203040005' },
  complaintType: 'pin_terblokir',
  analysis: { assistanceType: 'Program Sembako', problem: 'PIN terblokir', solution: 'Diterbitkan surat keterangan' },
  paraf: { name: 'Rina Kartikasari', at: new Date('2026-11-27T05:45:00Z') },
  signer: { name: 'Muhammad Yusuf', nip: '197203151998031004', title: 'Kepala Bidang Sosial' },
  signature: { mark: 'Ditandatangani secara elektronik', signedAt: SIGNED_AT },
  warnings: [],
};
const meta = {
  letterNumber: input.number,
  signerName: input.signer.name,
  signerNip: input.signer.nip,
  signerTitle: input.signer.title,
  signedAt: SIGNED_AT,
  reason: 'Surat Keterangan pengaduan KPM',
  location: 'Tarakan',
};

let signed: Buffer;
let unsigned: Buffer;
const signer = padesSigner(() => demoP12());

beforeAll(async () => {
  unsigned = (await renderLetterPdf(input)).pdf;
  const out = await signer.sign(unsigned, meta);
  signed = out.pdf;
  expect(out.provider).toBe('pades-p12');
  expect(out.certificate?.subject).toMatch(/^CN=Kepala Bidang Sosial Dinsos PM Kota Tarakan \(DEMO\)/);
});

/** The byte offsets of the signature's ByteRange. */
function byteRange(pdf: Buffer): [number, number, number, number] {
  const m = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)/.exec(pdf.toString('latin1'));
  if (!m) throw new Error('no ByteRange');
  return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
}

describe('the signed letter, as pdfsig sees it', () => {
  it('has one valid ETSI.CAdES.detached signature by the office certificate, covering the whole file', () => {
    const report = pdfsig(signed);
    expect(report).toContain('Signature #1:');
    expect(report).not.toContain('Signature #2:');
    expect(report).toContain('Signer Certificate Common Name: Kepala Bidang Sosial Dinsos PM Kota Tarakan (DEMO)');
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signing Hash Algorithm: SHA-256');
    expect(report).toContain('Signing Time: Nov 27 2026 06:05:00');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).not.toMatch(/Syntax Error/);
    // The ByteRange leaves out only the signature's own hex string and ends at the file's end.
    const [a, b, c, d] = byteRange(signed);
    expect(a).toBe(0);
    expect(c + d).toBe(signed.length);
    expect(signed.toString('latin1', b, b + 1)).toBe('<');
    expect(signed.toString('latin1', c - 1, c)).toBe('>');
  });

  it('reports a change of one byte in the letter body, and one in the signature dictionary', () => {
    const [, b, c] = byteRange(signed);
    for (const at of [Math.floor(b / 2), c + 40]) {
      const tampered = Buffer.from(signed);
      tampered[at] = tampered[at]! ^ 0x01;
      const report = pdfsig(tampered);
      expect(report).not.toContain('Signature is Valid.');
      expect(report).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
    }
  });

  it('reports bytes appended after signing as not covering the whole document', () => {
    const appended = Buffer.concat([signed, Buffer.from('\n% appended after signing\n')]);
    expect(pdfsig(appended)).toMatch(/Not total document signed/);
  });
});

describe('padesSigner', () => {
  it('keeps the rendered letter as the signed revision (an incremental update) and is deterministic', async () => {
    expect(signed.subarray(0, unsigned.length - 1).equals(unsigned.subarray(0, unsigned.length - 1))).toBe(true);
    expect(signed.length).toBeGreaterThan(unsigned.length);
    const again = await signer.sign(unsigned, meta);
    expect(again.pdf.equals(signed)).toBe(true);
  });

  it('writes a PAdES B-B CMS: content type, message digest and signing-certificate-v2, no CMS signing time; the chain embedded', () => {
    const [, b, c] = byteRange(signed);
    const hex = signed.toString('latin1', b + 1, c - 1).replace(/(00)+$/, '');
    const der = Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
    const info = pkijs.ContentInfo.fromBER(der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength));
    const sd = new pkijs.SignedData({ schema: info.content });
    const attrs = sd.signerInfos[0]!.signedAttrs!.attributes.map((a) => a.type);
    expect(attrs).toEqual(['1.2.840.113549.1.9.3', '1.2.840.113549.1.9.4', '1.2.840.113549.1.9.16.2.47']);
    expect(attrs).not.toContain('1.2.840.113549.1.9.5'); // signing-time
    expect(sd.certificates).toHaveLength(2); // the signer and the demo CA
  });

  it('refuses without a certificate, or with a wrong password, in Indonesian (never an unsigned letter)', async () => {
    const none = padesSigner(() => ({ p12: Buffer.alloc(0), password: '' }));
    await expect(none.sign(unsigned, meta)).rejects.toThrow(/belum dipasang/);
    const wrong = padesSigner(() => ({ ...demoP12(), password: 'salah' }));
    const err = await wrong.sign(unsigned, meta).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('failed-precondition');
    expect((err as DomainError).message).toMatch(/tidak dapat dibuka/);
  });
});
