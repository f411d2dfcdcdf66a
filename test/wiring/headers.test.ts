/**
 * Security headers, read from the Hosting emulator (which serves firebase.json's `hosting.headers`
 * exactly as Firebase Hosting does): a Content-Security-Policy that allows scripts from the site
 * only, no framing and no plugins; no MIME sniffing; a referrer policy; and a Permissions-Policy
 * that allows the camera on the phone upload page only.
 */
import { describe, expect, it } from 'vitest';
import { HOSTING_URL } from '../support/env.js';

async function headersOf(path: string): Promise<Headers> {
  const res = await fetch(`${HOSTING_URL}${path}`, { redirect: 'manual' });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  return res.headers;
}

/** The CSP as a map directive → sources. */
function csp(h: Headers): Map<string, string[]> {
  const raw = h.get('content-security-policy') ?? '';
  return new Map(
    raw
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

const PAGES = ['/', '/pengaduan/abc', '/unggah/abc123', '/verifikasi/K7Q2M9XH3D', '/lacak'];

describe('hosting security headers', () => {
  it.each(PAGES)('%s: scripts from self only, no framing, no plugins, no sniffing, a referrer policy', async (path) => {
    const h = await headersOf(path);
    const policy = csp(h);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    for (const sources of policy.values()) expect(sources).not.toContain("'unsafe-inline'");
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('x-frame-options')).toBe('DENY');
    expect(h.get('referrer-policy')).toMatch(/^(strict-origin-when-cross-origin|no-referrer)$/);
  });

  it('the camera is allowed on the phone upload page only', async () => {
    for (const path of ['/', '/pengaduan/abc', '/verifikasi/K7Q2M9XH3D']) {
      expect((await headersOf(path)).get('permissions-policy')).toMatch(/(^|,\s*)camera=\(\)/);
    }
    const upload = (await headersOf('/unggah/abc123')).get('permissions-policy') ?? '';
    expect(upload).toMatch(/(^|,\s*)camera=\(self\)/);
    expect(upload).not.toMatch(/camera=\(\)/);
  });

  it('the tracking page sends no referrer (its address may carry the tracking code until the page removes it)', async () => {
    expect((await headersOf('/lacak?n=ADU-2026-000001&k=K7Q2M9XH3D')).get('referrer-policy')).toBe('no-referrer');
  });

  it('the built pages carry no inline script (the CSP would block it)', async () => {
    for (const path of ['/', '/unggah/abc123', '/verifikasi/K7Q2M9XH3D', '/lacak']) {
      const html = await (await fetch(`${HOSTING_URL}${path}`)).text();
      const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
        ([, attrs, body]) => !/\bsrc=/.test(attrs ?? '') && (body ?? '').trim() !== '',
      );
      expect(inline).toEqual([]);
      expect(html).not.toMatch(/\sstyle="/);
    }
  });
});
