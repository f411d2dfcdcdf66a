/**
 * The service layer's stand-in for the callable wrapper's token check (test/support/service/host.ts):
 * it must refuse what production refuses — another project's token, another issuer, an expired
 * token, no subject, garbage — and accept an emulator token of this project without a lookup.
 */
import { describe, expect, it } from 'vitest';
import { idTokenAcceptable } from '../support/service/host.js';

const NOW = Date.parse('2026-12-04T08:00:00Z');
const s = (ms: number) => Math.floor(ms / 1000);
const token = (claims: Record<string, unknown>) =>
  `Bearer ${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
const good = {
  aud: 'demo-svc-1',
  iss: 'https://securetoken.google.com/demo-svc-1',
  sub: 'uid-1',
  auth_time: s(NOW - 60_000),
  iat: s(NOW - 60_000),
  exp: s(NOW + 3_000_000),
};

describe('idTokenAcceptable', () => {
  it('accepts a token of this project, and a request without one (the callable decides)', () => {
    expect(idTokenAcceptable(token(good), 'demo-svc-1', NOW)).toBe(true);
    expect(idTokenAcceptable(undefined, 'demo-svc-1', NOW)).toBe(true);
  });

  it.each([
    ['another project', { ...good, aud: 'demo-svc-2', iss: 'https://securetoken.google.com/demo-svc-2' }],
    ['another issuer', { ...good, iss: 'https://evil.example/demo-svc-1' }],
    ['expired', { ...good, exp: s(NOW - 1000) }],
    ['no subject', { ...good, sub: '' }],
    ['a sign-in in the future', { ...good, auth_time: s(NOW + 3_600_000) }],
  ])('refuses %s', (_why, claims) => {
    expect(idTokenAcceptable(token(claims), 'demo-svc-1', NOW)).toBe(false);
  });

  it('refuses what is not a bearer JWT', () => {
    expect(idTokenAcceptable('Bearer nonsense', 'demo-svc-1', NOW)).toBe(false);
    expect(idTokenAcceptable('Basic dXNlcjpwdw==', 'demo-svc-1', NOW)).toBe(false);
    expect(idTokenAcceptable('Bearer a.!!!notjson.', 'demo-svc-1', NOW)).toBe(false);
  });
});
