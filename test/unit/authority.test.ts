import { describe, expect, it } from 'vitest';
import { accountEmail } from '../../functions/src/domain/accountEmail.js';
import { dutyConflict } from '../../functions/src/domain/duties.js';
import { DomainError } from '../../functions/src/domain/errors.js';
import { assertRecentSignIn, assertRoleSet, effectiveRoles } from '../../functions/src/domain/staff.js';

const codeOf = (f: () => void): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof DomainError ? `${e.code}:${e.reason ?? ''}` : 'other';
  }
};

describe('effectiveRoles: the profile, narrowed by the token', () => {
  it.each([
    { profile: ['kabid'], token: ['kabid'], want: ['kabid'] },
    { profile: [], token: ['kabid'], want: [] }, // demoted, old token
    { profile: ['fo', 'analis'], token: ['fo'], want: ['fo'] }, // added role: not before a new sign-in
    { profile: ['admin'], token: [], want: [] },
    { profile: undefined, token: ['admin'], want: [] }, // no profile
    { profile: ['analis', 'fo', 'bogus'], token: ['fo', 'analis', 'bogus'], want: ['fo', 'analis'] },
    { profile: ['fo'], token: 'fo', want: [] }, // a claim that is not a list
  ])('profile $profile, token $token → $want', ({ profile, token, want }) => {
    expect(effectiveRoles(profile, token)).toEqual(want);
  });
});

describe('assertRoleSet: admin is never combined with a case-deciding role', () => {
  it.each([['analis'], ['koordinator'], ['kabid']])('admin + %s refused', (r) => {
    expect(codeOf(() => assertRoleSet(['admin', r as 'analis']))).toBe('invalid-argument:admin-with-case-role');
  });
  it.each([[['admin']], [['admin', 'fo']], [['analis', 'koordinator', 'kabid']], [['fo']]])('%j allowed', (roles) => {
    expect(codeOf(() => assertRoleSet(roles as never))).toBeNull();
  });
});

describe('assertRecentSignIn: 5 minutes', () => {
  const now = new Date('2026-12-02T03:00:00Z');
  const secs = now.getTime() / 1000;
  it('a sign-in 4 min 59 s ago passes, 5 min 1 s ago is refused, missing is refused', () => {
    expect(codeOf(() => assertRecentSignIn(secs - 299, now, 'sign'))).toBeNull();
    expect(codeOf(() => assertRecentSignIn(secs - 300, now, 'sign'))).toBeNull();
    expect(codeOf(() => assertRecentSignIn(secs - 301, now, 'sign'))).toBe('unauthenticated:recent-sign-in-required');
    expect(codeOf(() => assertRecentSignIn(secs - 360, now, 'paraf'))).toBe('unauthenticated:recent-sign-in-required');
    expect(codeOf(() => assertRecentSignIn(undefined, now, 'sign'))).toBe('unauthenticated:recent-sign-in-required');
  });
  it('says what to do, for the act at hand', () => {
    expect(() => assertRecentSignIn(0, now, 'sign')).toThrow('Untuk menandatangani surat, masukkan kembali kata sandi Anda.');
    expect(() => assertRecentSignIn(0, now, 'paraf')).toThrow('Untuk memaraf surat, masukkan kembali kata sandi Anda.');
  });
});

describe('dutyConflict: decider × initialler × signer', () => {
  const kase = {
    analysis: { by: 'analis-1' } as never,
    paraf: { uid: 'ko-1', name: 'K', at: '' },
  };
  it.each([
    ['analis-1', 'paraf', true],
    ['analis-1', 'sign', true],
    ['ko-1', 'sign', true],
    ['ko-1', 'paraf', false], // re-initialling after a revision is the same person's own step
    ['kb-1', 'sign', false],
    ['kb-1', 'paraf', false],
    ['analis-1', 'requestRevision', false],
    ['analis-1', 'decideYes', false],
  ] as const)('%s %s → conflict %s', (uid, action, conflict) => {
    expect(dutyConflict(kase, uid, action) !== null).toBe(conflict);
  });
  it('a case without analysis or paraf has no conflict', () => {
    expect(dutyConflict({ analysis: null, paraf: null }, 'x', 'sign')).toBeNull();
  });
});

describe('accountEmail', () => {
  it('carries the link, the person and no password', () => {
    const m = accountEmail(
      'new-account',
      { name: "Dewi Ma'rifah", email: 'dewi@contoh.example', roles: ['fo'] },
      { government: 'Pemerintah Kota Tarakan', office: 'Dinas Sosial dan Pemberdayaan Masyarakat' },
      'https://pengaduan.example/sandi?oobCode=abc',
    );
    expect(m.subject).toBe('Akun Layanan Pengaduan KPM: tetapkan kata sandi Anda');
    expect(m.text).toContain("Yth. Bapak/Ibu Dewi Ma'rifah,");
    expect(m.text).toContain('https://pengaduan.example/sandi?oobCode=abc');
    expect(m.text).toContain('peran Petugas Front Office.');
    expect(m.text).toContain('Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan');
    expect(m.html).toContain('Dewi Ma&#39;rifah');
    expect(m.html).not.toContain("Ma'rifah");
  });
});
