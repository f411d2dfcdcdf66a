/**
 * For tests that call the functions' handlers directly in the test process (the sweeper, the
 * outbox), against the running emulators: the environment the Functions emulator gives its
 * workers — the emulator flag, the demo project's parameters (functions/.env.demo-pengaduan-kpm)
 * and the secrets' local values (functions/.secret.local, the demo signing certificate among them). Import it before any functions module.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import './env.js';
import { useDemoSigningSecrets } from './signing.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
process.env['FUNCTIONS_EMULATOR'] = 'true';
for (const line of readFileSync(join(ROOT, 'functions/.env.demo-pengaduan-kpm'), 'utf8').split('\n')) {
  const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
  if (m && process.env[m[1]!] === undefined) process.env[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
}
// The secrets' local values, as the Functions emulator reads them (scripts/certs.mjs writes the file).
useDemoSigningSecrets();
for (const line of readFileSync(join(ROOT, 'functions/.secret.local'), 'utf8').split('\n')) {
  const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
  if (m && process.env[m[1]!] === undefined) process.env[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
}
process.env['SMTP_PASSWORD'] ??= 'unused-with-maildev';
