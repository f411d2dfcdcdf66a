/**
 * The letter's life after signing (pure decisions), what the public verification answers, and the
 * mail and deploy safeguards: expectations written from issue #12, not from the code.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { letterStep, planLetterRetry, planVoidLetter } from '../../functions/src/domain/letterLifecycle.js';
import { verificationOf, type PublicRegisterFields } from '../../functions/src/domain/verification.js';
import { EMAIL_STATUSES, EMAIL_STATUS_LABELS } from '../../functions/src/domain/vocabulary.js';
import { transportSecurity } from '../../functions/src/mail/config.js';
import { isLocalHost } from '../../functions/src/firebase/params.js';
import type { RetryPolicy } from '../../functions/src/domain/retry.js';

const POLICY: RetryPolicy = { maxAttempts: 4, backoffMs: [10_000, 30_000, 90_000], leaseMs: 360_000 };
const NOW = new Date('2026-11-27T06:00:00Z');
const past = '2026-11-27T05:59:00.000Z';
const future = '2026-11-27T06:01:00.000Z';

describe('letterStep', () => {
  it.each([
    ['pending, never tried', { status: 'pending' as const }, 'claim'],
    ['failed, backoff over', { status: 'failed' as const, attempts: 1, nextAttemptAt: past }, 'claim'],
    ['failed, backoff running', { status: 'failed' as const, attempts: 1, nextAttemptAt: future }, 'wait'],
    ['rendering under a live lease', { status: 'rendering' as const, attempts: 2, leaseUntil: future }, 'wait'],
    ['rendering, lease expired, attempts left', { status: 'rendering' as const, attempts: 3, leaseUntil: past }, 'claim'],
    ['rendering, lease expired on the last attempt', { status: 'rendering' as const, attempts: 4, leaseUntil: past }, 'bury'],
    ['failed with no attempt left (written before dead existed)', { status: 'failed' as const, attempts: 4 }, 'bury'],
    ['rendered', { status: 'rendered' as const, attempts: 1 }, 'wait'],
    ['dead: only the administrator moves it', { status: 'dead' as const, attempts: 4, leaseUntil: past }, 'wait'],
  ])('%s → %s', (_what, letter, step) => {
    expect(letterStep(letter, POLICY, NOW)).toBe(step);
  });
});

describe('Retry and Void of a dead letter', () => {
  const dead = { state: 'signed' as const, version: 7, letter: { status: 'dead' as const, attempts: 4, number: '460/0012/Dinsos-PM/XI/2026' } };

  it('Retry: pending again, attempts from zero, due now; the number is kept', () => {
    const r = planLetterRetry(dead, 'Gangguan penyimpanan telah diperbaiki', NOW);
    expect(r.patch).toEqual({
      'letter.status': 'pending',
      'letter.attempts': 0,
      'letter.dueAt': NOW.toISOString(),
      'letter.retriedAt': NOW.toISOString(),
    });
    expect(r.note).toContain('Nomor 460/0012/Dinsos-PM/XI/2026');
    expect(r.note).toContain('Gangguan penyimpanan telah diperbaiki');
  });

  it('Void: back to initialled, signature and letter cleared, version bumped, step-5 clock restarted, all said in the note', () => {
    const v = planVoidLetter(dead, { uid: 'admin-1' }, 'Data KPM keliru', NOW);
    expect(v.patch).toMatchObject({ state: 'initialled', version: 8, signature: null, letter: null, updatedBy: 'admin-1' });
    expect(v.patch.clock.step).toBe('initialled');
    expect(v.note).toMatch(/Nomor Surat Keterangan 460\/0012\/Dinsos-PM\/XI\/2026 dibatalkan/);
    expect(v.note).toMatch(/Tanda tangan Kepala Bidang Sosial dihapus/);
    expect(v.note).toMatch(/nomor baru/);
  });

  it('both refuse anything but a dead letter of a signed case', () => {
    for (const kase of [
      { ...dead, letter: { status: 'failed' as const, attempts: 2 } },
      { ...dead, letter: { status: 'rendered' as const } },
      { ...dead, state: 'completed' as const },
    ]) {
      expect(() => planLetterRetry(kase, 'x', NOW)).toThrow(/Hanya Surat Keterangan yang gagal dibuat/);
      expect(() => planVoidLetter(kase, { uid: 'a' }, 'x', NOW)).toThrow(/Hanya Surat Keterangan yang gagal dibuat/);
    }
  });
});

describe('verificationOf', () => {
  const entry: PublicRegisterFields = {
    number: '460/0007/Dinsos-PM/XI/2026',
    status: 'valid',
    issuedAt: '2026-11-27T06:05:00.000Z',
    signerName: 'Muhammad Yusuf',
    signerTitle: 'Kepala Bidang Sosial',
    applicantMasked: 'S*** A*****',
    complaintLabel: 'PIN KKS terblokir',
    kpmNameMasked: 'S*** A*****',
    kpmNikMasked: '6571********0001',
    outcome: 'Surat keterangan ini diberikan sebagai persyaratan pengaturan ulang (reset) PIN KKS pada bank penyalur (Bank Himbara).',
    sha256: 'a'.repeat(64),
    renderedAt: '2026-11-27T06:05:03.000Z',
    signature: { provider: 'pades-p12', certificate: { subject: 'CN=Kabid, C=ID', issuer: 'CN=CA, C=ID' } },
  };

  it('states what the letter says, masked, with the signature as the register records it', () => {
    expect(verificationOf(entry, 480, 'A'.repeat(64))).toEqual({
      status: 'valid',
      number: entry.number,
      date: '27 November 2026',
      signerName: 'Muhammad Yusuf',
      signerTitle: 'Kepala Bidang Sosial',
      applicantMasked: 'S*** A*****',
      complaintLabel: 'PIN KKS terblokir',
      kpmNameMasked: 'S*** A*****',
      kpmNikMasked: '6571********0001',
      outcome: entry.outcome,
      revoked: false,
      signature: {
        signedAt: '27 November 2026 pukul 14.05 WITA',
        provider: 'pades-p12',
        certificateSubject: 'CN=Kabid, C=ID',
        certificateIssuer: 'CN=CA, C=ID',
      },
      hashMatches: true,
    });
  });

  it('says revoked; a voided or not yet stored number is unknown', () => {
    expect(verificationOf({ ...entry, status: 'revoked', revoked: { at: '2026-12-01T02:00:00Z' } }, 480)).toMatchObject({
      status: 'revoked',
      revoked: true,
      revokedOn: '1 Desember 2026',
    });
    expect(verificationOf({ ...entry, status: 'voided' }, 480)).toEqual({ status: 'unknown' });
    expect(verificationOf({ ...entry, status: 'numbered', renderedAt: undefined }, 480)).toEqual({ status: 'unknown' });
  });
});

describe('email status labels', () => {
  it('label every status the outbox mirrors on the case, "none" included', () => {
    for (const s of EMAIL_STATUSES) expect(EMAIL_STATUS_LABELS[s]).toMatch(/^[A-Z]/);
    expect(EMAIL_STATUS_LABELS.none).toBe('Tidak dikirim (pemohon tidak memiliki alamat email)');
  });
});

describe('SMTP transport security', () => {
  it('requires TLS for every host but the local catcher', () => {
    expect(transportSecurity({ host: '127.0.0.1', secure: false })).toEqual({ secure: false });
    expect(transportSecurity({ host: 'localhost', secure: false })).toEqual({ secure: false });
    expect(transportSecurity({ host: 'smtp.tarakankota.go.id', secure: true })).toMatchObject({ secure: true, tls: { rejectUnauthorized: true } });
    expect(transportSecurity({ host: 'smtp.tarakankota.go.id', secure: false })).toMatchObject({ secure: false, requireTLS: true });
  });

  it('knows what is local', () => {
    for (const v of ['127.0.0.1', 'http://127.0.0.1:5000', 'localhost', 'http://localhost:5000/x', '::1']) expect(isLocalHost(v)).toBe(true);
    for (const v of ['smtp.gmail.com', 'https://pengaduan.tarakankota.go.id', '10.0.0.5']) expect(isLocalHost(v)).toBe(false);
  });
});

describe('scripts/check-deploy-params.mjs (predeploy)', () => {
  const run = (projectId: string, env: string | null) => {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-'));
    if (env !== null) writeFileSync(join(dir, `.env.${projectId}`), env);
    const code = `import { problems } from ${JSON.stringify(join(process.cwd(), 'scripts/check-deploy-params.mjs'))}; console.log(JSON.stringify(problems(${JSON.stringify(projectId)}, ${JSON.stringify(dir)})));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    return JSON.parse(r.stdout) as string[];
  };
  it('stops a deploy without PUBLIC_BASE_URL, SMTP_HOST and SMTP_FROM, or with local values', () => {
    expect(run('pengaduan-tarakan', null)).toEqual(['PUBLIC_BASE_URL is not set', 'SMTP_HOST is not set', 'SMTP_FROM is not set']);
    expect(run('pengaduan-tarakan', 'PUBLIC_BASE_URL=http://127.0.0.1:5000\nSMTP_HOST=localhost\nSMTP_FROM="Dinsos <a@b.example>"\n')).toEqual([
      'PUBLIC_BASE_URL points at this machine (http://127.0.0.1:5000)',
      'SMTP_HOST points at this machine (localhost)',
      'PUBLIC_BASE_URL must be an https:// address (http://127.0.0.1:5000)',
    ]);
    expect(run('demo-pengaduan-kpm', null)[0]).toMatch(/demo project/);
  });
  it('lets real values through', () => {
    expect(
      run('pengaduan-tarakan', 'PUBLIC_BASE_URL=https://pengaduan.tarakankota.go.id\nSMTP_HOST=smtp.tarakankota.go.id\nSMTP_FROM="Dinsos PM Kota Tarakan <no-reply@tarakankota.go.id>"\n'),
    ).toEqual([]);
  });
});
