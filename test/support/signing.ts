/**
 * The demo signing identity (scripts/certs.mjs: made once in .certs/, git-ignored) as a P12 source,
 * and pdfsig (Debian poppler-utils, installed by `npm test`) for the tests and the benches.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { P12Source } from '../../functions/src/letter/pades.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const CERTS = process.env['PENGADUAN_CERTS_DIR'] ?? join(ROOT, '.certs');

/** The demo P12 and its password, making them first if needed. */
export function demoP12(): P12Source & { caPem: string } {
  const p12Path = join(CERTS, 'letter-signer.p12');
  if (!existsSync(p12Path)) execFileSync(process.execPath, [join(ROOT, 'scripts/certs.mjs')], { stdio: 'ignore' });
  return {
    p12: readFileSync(p12Path),
    password: readFileSync(join(CERTS, 'letter-signer.password'), 'utf8').trim(),
    caPem: readFileSync(join(CERTS, 'demo-ca.pem'), 'utf8'),
  };
}

/** Puts the demo P12 where `configuredSigner()` reads its secrets (process.env), for in-process runs. */
export function useDemoSigningSecrets(): void {
  const { p12, password } = demoP12();
  process.env['LETTER_SIGNING_P12'] = p12.toString('base64');
  process.env['LETTER_SIGNING_P12_PASSWORD'] = password;
}

/** pdfsig's report of a PDF (stdout and stderr together). */
export function pdfsig(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdfsig-'));
  const file = join(dir, 'letter.pdf');
  writeFileSync(file, pdf);
  const r = spawnSync('pdfsig', [file], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  if (r.error) throw r.error;
  return `${r.stdout}${r.stderr}`;
}
