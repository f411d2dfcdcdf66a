import { describe, expect, it } from 'vitest';
import {
  joinCase,
  maskNikGrouped,
  namePrefixes,
  normalizeName,
  splitCase,
  splitPatch,
  summaryOf,
} from '../../functions/src/domain/caseSummary.js';

const applicant = {
  name: "Hj. Siti Ma'rifah",
  nik: '6571014508900001',
  phone: '+6281234567890',
  email: 'siti@contoh.example',
  address: { kecamatan: 'Tarakan Tengah', kelurahan: 'Sebengkok', street: 'Jl. Yos Sudarso RT 05' },
};
const kpm = { name: 'Ḥalimah binti Ahmad', nik: '6571014107500002', kkNumber: '6571010101200005', kksNumber: '4111111111111111' };

describe('the summary', () => {
  it('masks the NIK to its region code and last four digits', () => {
    expect(maskNikGrouped('6571014508900001')).toBe('6571 •••• •••• 0001');
    expect(maskNikGrouped('123')).toBe('•••• •••• •••• ••••');
  });
  it('holds masked names, the masked NIK of the KPM and the area only', () => {
    expect(summaryOf(applicant, kpm)).toEqual({
      applicantName: 'H** S*** M*******',
      kpmName: 'Ḥ****** b**** A****',
      kpmNik: '6571 •••• •••• 0002',
      kecamatan: 'Tarakan Tengah',
      kelurahan: 'Sebengkok',
      hasEmail: true,
    });
  });
});

describe('split and join', () => {
  const kase = {
    id: 'c1',
    number: 'ADU-2026-000001',
    state: 'completed',
    applicant,
    kpm,
    handover: { method: 'langsung' as const, receivedBy: 'Siti', by: 'u', byName: 'FO', at: '2026-12-01T00:00:00Z' },
  };
  it('a whole case splits into a document without identity and an identity, and joins back whole', () => {
    const { stored, identity } = splitCase(kase);
    const text = JSON.stringify(stored);
    for (const secret of [applicant.nik, applicant.phone, applicant.email, applicant.address.street, kpm.kkNumber, kpm.kksNumber, 'Siti']) {
      expect(text).not.toContain(secret);
    }
    expect(identity.handover).toEqual({ receivedBy: 'Siti' });
    expect(joinCase(stored, identity)).toEqual({ ...kase, summary: stored.summary });
  });
  it('a patch keeps who received the letter out of the case document', () => {
    const { stored, identity } = splitPatch({ state: 'completed', handover: kase.handover });
    expect(stored.handover).not.toHaveProperty('receivedBy');
    expect(identity).toEqual({ handover: { receivedBy: 'Siti' } });
    const plain: { state: string; handover?: undefined } = { state: 'verified' };
    expect(splitPatch(plain)).toEqual({ stored: { state: 'verified' }, identity: null });
  });
});

describe('name search keys', () => {
  it('normalises case, accents and apostrophes', () => {
    expect(normalizeName("Hj. Siti Ma'rifah")).toBe('hj siti marifah');
    expect(normalizeName('Ḥalimah  Ōmar')).toBe('halimah omar');
  });
  it('every 3-letter-and-longer prefix of every word, each once', () => {
    expect(namePrefixes('Siti Aminah', 'Siti')).toEqual(['sit', 'siti', 'ami', 'amin', 'amina', 'aminah']);
    expect(namePrefixes('Wa Ode')).toEqual(['ode']);
  });
});
