import { describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/src/domain/errors.js';
import {
  UPLOAD_LIMITS,
  assertKindRoom,
  assertLinkRoom,
  assertUploadsOpen,
  takeRateSlot,
  uploadsClosedReason,
} from '../../functions/src/domain/uploadLimits.js';
import { findPersonalData, findPersonalDataDeep, personalDataRefusal } from '../../functions/src/domain/personalData.js';
import { CASE_STATES } from '../../functions/src/domain/vocabulary.js';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, reason: e.reason, message: e.message, details: e.details };
    throw e;
  }
  return null;
};

describe('when a case takes uploads', () => {
  it('before verification only: intake, submitted, awaiting documents', () => {
    const open = CASE_STATES.filter((s) => uploadsClosedReason(s) === null);
    expect(open).toEqual(['intake', 'submitted', 'awaiting_documents']);
    for (const s of ['verified', 'drafted', 'initialled', 'signed'] as const) {
      expect(refusal(() => assertUploadsOpen(s))).toMatchObject({ code: 'failed-precondition', reason: 'documents-verified' });
      expect(refusal(() => assertUploadsOpen(s))?.message).toMatch(/sudah diverifikasi/);
    }
    for (const s of ['completed', 'closed'] as const) {
      expect(refusal(() => assertUploadsOpen(s))).toMatchObject({ code: 'failed-precondition', reason: 'case-final' });
    }
  });
});

describe('caps', () => {
  it('a document kind holds at most 5 received files, a link brings at most 20', () => {
    expect(UPLOAD_LIMITS).toMatchObject({ perKind: 5, perLink: 20 });
    expect(refusal(() => assertKindRoom('kks', 4))).toBeNull();
    expect(refusal(() => assertKindRoom('kks', 5))).toMatchObject({ code: 'resource-exhausted', reason: 'kind-limit' });
    expect(refusal(() => assertKindRoom('kks', 5))?.message).toMatch(/^Batas unggah tercapai: sudah ada 5 berkas Fotokopi KKS/);
    expect(refusal(() => assertLinkRoom(19))).toBeNull();
    expect(refusal(() => assertLinkRoom(20))).toMatchObject({ code: 'resource-exhausted', reason: 'link-limit' });
  });
});

describe('rate limit (sliding window per link)', () => {
  const t0 = new Date('2026-11-27T02:00:00.000Z');
  const at = (s: number) => new Date(t0.getTime() + s * 1000);
  it('takes 10 attempts within a minute, refuses the 11th saying when to try again, and frees slots as they age', () => {
    let w: string[] = [];
    for (let i = 0; i < 10; i++) w = takeRateSlot(w, at(i));
    expect(w).toHaveLength(10);
    const r = refusal(() => takeRateSlot(w, at(30)));
    expect(r).toMatchObject({ code: 'resource-exhausted', reason: 'rate-limited', details: { retryAfterSeconds: 30 } });
    expect(r?.message).toBe('Terlalu banyak unggahan dalam waktu singkat. Tunggu 30 detik, lalu kirim lagi.');
    // At 60 s the first attempt (at 0 s) has left the window.
    expect(takeRateSlot(w, at(60))).toHaveLength(10);
  });
  it('fails closed on garbage and future instants (counted as now) and keeps at most 10', () => {
    const junk = ['x', 42, null, '2999-01-01T00:00:00.000Z', ...Array.from({ length: 6 }, () => t0.toISOString())];
    expect(refusal(() => takeRateSlot(junk, t0))).toMatchObject({ reason: 'rate-limited' });
    expect(takeRateSlot(undefined, t0)).toEqual([t0.toISOString()]);
  });
});

describe('personal-data shapes', () => {
  it('finds NIK/card numbers, Indonesian mobile numbers and email addresses', () => {
    const text = 'NIK 6571014508900001, kartu 4111 1111 1111 1111, HP 0812-3456-7890 atau +6281234567890, email siti.aminah@contoh.example';
    expect(findPersonalData(text).map((h) => [h.shape, h.match])).toEqual([
      ['nik', '6571014508900001'],
      ['nik', '4111 1111 1111 1111'],
      ['phone', '0812-3456-7890'],
      ['phone', '+6281234567890'],
      ['email', 'siti.aminah@contoh.example'],
    ]);
  });
  it('does not mistake what history entries hold for personal data', () => {
    const harmless = [
      'Fotokopi KTP/KK diterima (image/jpeg, 48213 bita)',
      'Surat Keterangan Nomor 460/012/Dinsos-PM/XI/2026 tanggal 27 November 2026 diterbitkan dan disimpan (SHA-256 0123456789012345678abcdef0123456789012345678901234567890123456a).',
      '2026-08-17T08:12:30.123Z',
      'ADU-2026-000123',
      'applicant:0812345678ab',
      'SIKSNG-2026-11-0042',
    ];
    for (const h of harmless) expect(findPersonalData(h)).toEqual([]);
  });
  it('walks objects and names the path; refuses a reason holding personal data, in Indonesian', () => {
    expect(findPersonalDataDeep({ a: [{ note: 'ke siti@contoh.example' }], b: 1 })).toEqual([
      { shape: 'email', match: 'siti@contoh.example', path: 'a[0].note' },
    ]);
    expect(personalDataRefusal('Foto buram.')).toBeNull();
    expect(personalDataRefusal('NIK 6571014508900001 tidak terbaca, hubungi 081234567890')).toBe(
      'Jangan menuliskan NIK atau nomor kartu, nomor telepon pada alasan; data pribadi sudah tercatat pada berkas pengaduan.',
    );
  });
});
