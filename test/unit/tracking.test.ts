/**
 * The applicant's tracking (issue 14), pure parts: the code (alphabet, length, entropy), its keyed
 * hash, the sentence per state, the public timeline, the receipt's content helpers and the
 * slow-down policy with hand-written instants. Expected values are written out from the issue.
 */
import { describe, expect, it } from 'vitest';

process.env.SEARCH_HASH_KEY ??= 'unit-test-search-key-0123456789abcdef';

const {
  buildTrackingAnswer,
  clientAddress,
  displayTrackingCode,
  lockedForSeconds,
  newTrackingCode,
  normalizeTrackingCode,
  officeHoursLines,
  PER_ADDRESS,
  PER_NUMBER,
  recordFailure,
  STATE_SENTENCES,
  throttledMessage,
  timeStandardLines,
  TRACKING_CODE_BITS,
  trackingUrl,
  shortTrackingLink,
  whatsappShareUrl,
  whatsappText,
} = await import('../../functions/src/domain/tracking.js');
const { codeHashOf, codeMatches, throttleKey } = await import('../../functions/src/tracking/codes.js');
const { DEFAULT_SETTINGS } = await import('../../functions/src/domain/settings.js');
const { CASE_STATES } = await import('../../functions/src/domain/vocabulary.js');

/** Crockford base32: digits and the letters without I, L, O, U. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('tracking code', () => {
  it('is 10 symbols of the unambiguous alphabet, at least 50 bits', () => {
    expect(TRACKING_CODE_BITS).toBeGreaterThanOrEqual(50);
    const codes = Array.from({ length: 2000 }, () => newTrackingCode());
    for (const c of codes) {
      expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
      expect(c).not.toMatch(/[ILOU]/);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('uses every symbol about equally often (chi-square over 20,000 codes)', () => {
    const counts = new Map<string, number>([...ALPHABET].map((c) => [c, 0]));
    const n = 20_000;
    for (let i = 0; i < n; i++) for (const ch of newTrackingCode()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(32);
    const expected = (n * 10) / 32;
    const chi2 = [...counts.values()].reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
    // 31 degrees of freedom: p = 0.001 at 61.1.
    expect(chi2).toBeLessThan(61.1);
  });

  it('is read back whatever the case, dashes and look-alikes', () => {
    expect(normalizeTrackingCode('k7q2m-9xh3d')).toBe('K7Q2M9XH3D');
    expect(normalizeTrackingCode(' K7Q2M 9XH3D ')).toBe('K7Q2M9XH3D');
    expect(normalizeTrackingCode('OI2M9XH3DL')).toBe('012M9XH3D1');
    expect(normalizeTrackingCode('K7Q2M9XH3')).toBeNull();
    expect(normalizeTrackingCode('K7Q2M9XH3U')).toBeNull();
    expect(normalizeTrackingCode(42)).toBeNull();
    expect(displayTrackingCode('K7Q2M9XH3D')).toBe('K7Q2M-9XH3D');
  });
});

describe('keyed hash of the code', () => {
  it('matches its own code only, for its own case only', () => {
    const stored = { caseId: 'caseAAAAAAAAAAAA', codeHash: codeHashOf('caseAAAAAAAAAAAA', 'K7Q2M9XH3D') };
    expect(stored.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.codeHash).not.toContain('K7Q2M9XH3D');
    expect(codeMatches(stored, 'K7Q2M9XH3D')).toBe(true);
    expect(codeMatches(stored, 'K7Q2M9XH3E')).toBe(false);
    expect(codeMatches(stored, null)).toBe(false);
    expect(codeMatches({ ...stored, caseId: 'caseBBBBBBBBBBBB' }, 'K7Q2M9XH3D')).toBe(false);
    expect(codeMatches(null, 'K7Q2M9XH3D')).toBe(false);
  });

  it('is keyed: another key gives another hash', () => {
    const a = codeHashOf('caseAAAAAAAAAAAA', 'K7Q2M9XH3D');
    const old = process.env.SEARCH_HASH_KEY;
    process.env.SEARCH_HASH_KEY = 'another-key';
    try {
      expect(codeHashOf('caseAAAAAAAAAAAA', 'K7Q2M9XH3D')).not.toBe(a);
    } finally {
      process.env.SEARCH_HASH_KEY = old;
    }
  });

  it('names slow-down records by keyed hashes, never by the number or address', () => {
    const n = throttleKey('number', 'ADU-2026-000123');
    const a = throttleKey('address', '203.0.113.7');
    expect(n).toMatch(/^n-[0-9a-f]{32}$/);
    expect(a).toMatch(/^a-[0-9a-f]{32}$/);
    expect(n).not.toContain('000123');
  });
});

describe('links', () => {
  it('the QR link carries number and code; the short link neither', () => {
    expect(trackingUrl('https://pengaduan.example.go.id/', 'ADU-2026-000123', 'K7Q2M9XH3D')).toBe(
      'https://pengaduan.example.go.id/lacak?n=ADU-2026-000123&k=K7Q2M9XH3D',
    );
    expect(shortTrackingLink('https://pengaduan.example.go.id')).toBe('pengaduan.example.go.id/lacak');
  });

  it('the WhatsApp link has no number unless one is given', () => {
    const text = whatsappText({
      number: 'ADU-2026-000123',
      code: 'K7Q2M9XH3D',
      url: 'https://x.example/lacak?n=1&k=2',
      office: 'Dinas',
    });
    expect(text).toContain('ADU-2026-000123');
    expect(text).toContain('K7Q2M-9XH3D');
    const plain = whatsappShareUrl(text);
    expect(plain.startsWith('https://wa.me/?text=')).toBe(true);
    expect(decodeURIComponent(plain.slice('https://wa.me/?text='.length))).toBe(text);
    expect(whatsappShareUrl('hi', '+6281234567890')).toBe('https://wa.me/6281234567890?text=hi');
  });
});

describe('receipt content', () => {
  it('the SOP time standard: 45 minutes, step by step', () => {
    const t = timeStandardLines(DEFAULT_SETTINGS.timeStandards);
    expect(t.total).toBe('45 menit sejak dokumen lengkap, dihitung dalam jam kerja');
    expect(t.steps).toBe(
      'Penerimaan 10, Pemeriksaan berkas 10, Analisis 10, Paraf 5, Tanda tangan 5, Penyerahan surat 5 menit',
    );
  });

  it('office hours from the calendar, equal consecutive days grouped', () => {
    expect(officeHoursLines(DEFAULT_SETTINGS.calendar)).toEqual([
      'Senin–Kamis pukul 07.30–16.00 WITA',
      'Jumat pukul 07.30–16.30 WITA',
    ]);
    expect(
      officeHoursLines({ ...DEFAULT_SETTINGS.calendar, workingDays: [1, 3, 6], hoursByWeekday: {} }),
    ).toEqual([
      'Senin pukul 07.30–16.00 WITA',
      'Rabu pukul 07.30–16.00 WITA',
      'Sabtu pukul 07.30–16.00 WITA',
    ]);
  });
});

describe('the answer of /lacak', () => {
  const office = { letterhead: DEFAULT_SETTINGS.letterhead, calendar: DEFAULT_SETTINGS.calendar };
  const base = {
    number: 'ADU-2026-000123',
    complaintType: 'pin_terblokir' as const,
    applicantName: 'S*** A*****',
    letterReady: false,
  };

  it('has one plain sentence for every state', () => {
    expect(Object.keys(STATE_SENTENCES).sort()).toEqual([...CASE_STATES].sort());
    expect(STATE_SENTENCES.submitted).toBe('Berkas Anda sedang diperiksa oleh petugas.');
    for (const s of CASE_STATES) {
      const a = buildTrackingAnswer({ ...base, state: s }, [], office);
      expect(a.sentence).toBe(STATE_SENTENCES[s]);
    }
  });

  it('lists the missing documents while the case waits for them', () => {
    const a = buildTrackingAnswer(
      { ...base, state: 'awaiting_documents', sentBackMissing: ['kks', 'buku_tabungan'] },
      [],
      office,
    );
    expect(a.missingDocuments).toEqual(['Fotokopi KKS', 'Fotokopi Buku Tabungan']);
    expect(
      buildTrackingAnswer({ ...base, state: 'submitted', sentBackMissing: ['kks'] }, [], office)
        .missingDocuments,
    ).toBeUndefined();
  });

  it('says where and when to collect a ready letter', () => {
    const a = buildTrackingAnswer({ ...base, state: 'signed', letterReady: true }, [], office);
    expect(a.sentence).toBe('Surat Keterangan Anda sudah selesai dan dapat diambil di kantor.');
    expect(a.stateLabel).toBe('Surat siap diambil');
    expect(a.collect?.address).toBe('Jalan Contoh No. 1, Kota Tarakan, Kalimantan Utara');
    expect(a.collect?.hours).toEqual(['Senin–Kamis pukul 07.30–16.00 WITA', 'Jumat pukul 07.30–16.30 WITA']);
    expect(buildTrackingAnswer({ ...base, state: 'signed' }, [], office).collect).toBeUndefined();
    expect(buildTrackingAnswer({ ...base, state: 'initialled' }, [], office).collect).toBeUndefined();
  });

  it('gives the steps in time order, in words, without internal events', () => {
    const a = buildTrackingAnswer(
      { ...base, state: 'verified' },
      [
        { action: 'verify', at: '2026-11-27T01:30:00Z', to: 'verified' },
        { action: 'intake', at: '2026-11-27T01:10:00Z', to: 'intake' },
        { action: 'documentViewed', at: '2026-11-27T01:20:00Z' },
        { action: 'receiptIssued', at: '2026-11-27T01:12:00Z' },
        { action: 'receiptIssued', at: '2026-11-27T01:14:00Z' },
        { action: 'submit', at: '2026-11-27T01:15:00Z', to: 'submitted' },
      ],
      office,
    );
    expect(a.steps.map((s) => [s.label, s.when])).toEqual([
      ['Pengaduan diterima', '27 November 2026 pukul 09.10 WITA'],
      ['Tanda terima diberikan', '27 November 2026 pukul 09.12 WITA'],
      ['Berkas diajukan untuk diperiksa', '27 November 2026 pukul 09.15 WITA'],
      ['Berkas selesai diperiksa', '27 November 2026 pukul 09.30 WITA'],
    ]);
  });

  it('offers the survey link only once the case is completed', () => {
    expect(
      buildTrackingAnswer({ ...base, state: 'completed' }, [], office, { surveyUrl: 'https://x/skm/1' })
        .surveyUrl,
    ).toBe('https://x/skm/1');
    expect(
      buildTrackingAnswer({ ...base, state: 'signed', letterReady: true }, [], office, {
        surveyUrl: 'https://x/skm/1',
      }).surveyUrl,
    ).toBeUndefined();
    expect(buildTrackingAnswer({ ...base, state: 'completed' }, [], office)).not.toHaveProperty('surveyUrl');
  });
});

describe('slow-down of wrong attempts (policy)', () => {
  const at = (hhmmss: string) => new Date(`2026-11-27T${hhmmss}Z`);

  it('locks a number after 5 failures within 15 minutes, for 15 minutes', () => {
    let rec = null as ReturnType<typeof recordFailure> | null;
    for (const t of ['01:00:00', '01:03:00', '01:06:00', '01:09:00']) {
      rec = recordFailure(rec, at(t), PER_NUMBER);
      expect(lockedForSeconds(rec, at(t), PER_NUMBER)).toBe(0);
    }
    rec = recordFailure(rec, at('01:12:00'), PER_NUMBER);
    expect(rec.lockedUntil).toBe('2026-11-27T01:27:00.000Z');
    expect(lockedForSeconds(rec, at('01:12:00'), PER_NUMBER)).toBe(900);
    expect(lockedForSeconds(rec, at('01:26:59'), PER_NUMBER)).toBe(1);
    expect(lockedForSeconds(rec, at('01:27:00'), PER_NUMBER)).toBe(0);
    expect(new Date(rec.expireAt).getTime()).toBeGreaterThanOrEqual(at('01:27:00').getTime());
  });

  it('forgets failures older than the window', () => {
    let rec = null as ReturnType<typeof recordFailure> | null;
    for (const t of ['01:00:00', '01:01:00', '01:02:00', '01:03:00'])
      rec = recordFailure(rec, at(t), PER_NUMBER);
    // At 01:15:30 the 01:00 failure is 15½ minutes old: 01:01–01:03 and 01:15:30 remain, 4 < 5.
    rec = recordFailure(rec, at('01:15:30'), PER_NUMBER);
    expect(lockedForSeconds(rec, at('01:15:30'), PER_NUMBER)).toBe(0);
    expect(rec.failures).toEqual([
      '2026-11-27T01:01:00.000Z',
      '2026-11-27T01:02:00.000Z',
      '2026-11-27T01:03:00.000Z',
      '2026-11-27T01:15:30.000Z',
    ]);
  });

  it('doubles the lock each time (15, 30, 60 … minutes), up to a day, and forgets after a quiet day', () => {
    let rec = null as ReturnType<typeof recordFailure> | null;
    /** Five failures one second apart from `start`; returns the lock's length in minutes. */
    const burst = (start: number) => {
      for (let i = 0; i < 5; i++) rec = recordFailure(rec, new Date(start + i * 1000), PER_NUMBER);
      return (Date.parse(rec!.lockedUntil!) - (start + 4000)) / 60_000;
    };
    const minutes: number[] = [burst(at('01:00:00').getTime())];
    // Each next burst one minute after the lock ended.
    for (let i = 0; i < 8; i++) minutes.push(burst(Date.parse(rec!.lockedUntil!) + 60_000));
    expect(minutes).toEqual([15, 30, 60, 120, 240, 480, 960, 1440, 1440]);
    // More than a day after the last lock ended: the next lock is 15 minutes again.
    expect(burst(Date.parse(rec!.lockedUntil!) + 25 * 60 * 60_000)).toBe(15);
  });

  it('per address: 10 failures in 15 minutes', () => {
    let rec = null as ReturnType<typeof recordFailure> | null;
    for (let i = 0; i < 9; i++)
      rec = recordFailure(rec, new Date(at('01:00:00').getTime() + i * 60_000), PER_ADDRESS);
    expect(lockedForSeconds(rec, at('01:09:00'), PER_ADDRESS)).toBe(0);
    rec = recordFailure(rec, at('01:09:30'), PER_ADDRESS);
    expect(lockedForSeconds(rec, at('01:09:30'), PER_ADDRESS)).toBe(900);
  });

  it('treats unreadable stored values as failing closed', () => {
    expect(lockedForSeconds({ lockedUntil: 'garbage' }, at('01:00:00'), PER_NUMBER)).toBe(900);
    const rec = recordFailure(
      { failures: ['x', 'y', 'z', '2999-01-01T00:00:00Z'] },
      at('01:00:00'),
      PER_NUMBER,
    );
    expect(rec.lockedUntil).toBe('2026-11-27T01:15:00.000Z');
  });

  it('says in Indonesian how many minutes to wait', () => {
    expect(throttledMessage(900)).toBe('Terlalu banyak percobaan. Silakan coba lagi dalam 15 menit.');
    expect(throttledMessage(61)).toBe('Terlalu banyak percobaan. Silakan coba lagi dalam 2 menit.');
    expect(throttledMessage(5)).toBe('Terlalu banyak percobaan. Silakan coba lagi dalam 1 menit.');
  });

  it('counts a client by the first X-Forwarded-For entry, else the socket address', () => {
    expect(clientAddress('203.0.113.7, 10.0.0.1', '127.0.0.1')).toBe('203.0.113.7');
    expect(clientAddress(undefined, '::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(clientAddress(['198.51.100.2', '10.0.0.1'], undefined)).toBe('198.51.100.2');
    expect(clientAddress('', undefined)).toBe('unknown');
  });
});
