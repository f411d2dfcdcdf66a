#!/usr/bin/env node
/**
 * firebase.json's functions predeploy: stops a deploy whose real-world parameters are missing or
 * still point at this machine. PUBLIC_BASE_URL (printed in every letter's QR code), SMTP_HOST and
 * SMTP_FROM have no default (functions/src/firebase/params.ts); they must be set in
 * functions/.env.<projectId> (or functions/.env) with real values. The demo project of the
 * emulators (demo-*) is never deployed.
 *
 * Usage: node scripts/check-deploy-params.mjs [projectId]   (firebase sets GCLOUD_PROJECT for hooks)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REQUIRED = ['PUBLIC_BASE_URL', 'SMTP_HOST', 'SMTP_FROM'];

/** KEY=VALUE lines of a dotenv file (quotes removed). */
export function readEnv(file) {
  if (!existsSync(file)) return {};
  const out = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (m) out[m[1]] = m[2].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return out;
}

const isLocal = (v) => /(^|[/@.\s<])(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)([:/>\s]|$)/i.test(v);

/** The problems of a project's parameters, as sentences (empty: deployable). */
export function problems(projectId, functionsDir = join(ROOT, 'functions')) {
  if (!projectId) return ['no project id (run through firebase deploy, or pass it as the first argument)'];
  if (projectId.startsWith('demo-')) return [`${projectId} is a demo project for the emulators; it cannot be deployed`];
  const env = { ...readEnv(join(functionsDir, '.env')), ...readEnv(join(functionsDir, `.env.${projectId}`)) };
  const out = [];
  for (const key of REQUIRED) {
    const v = (env[key] ?? '').trim();
    if (!v) out.push(`${key} is not set`);
    else if (isLocal(v)) out.push(`${key} points at this machine (${v})`);
  }
  if (env.PUBLIC_BASE_URL && !/^https:\/\//.test(env.PUBLIC_BASE_URL.trim())) {
    out.push(`PUBLIC_BASE_URL must be an https:// address (${env.PUBLIC_BASE_URL})`);
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const projectId = process.argv[2] ?? process.env.GCLOUD_PROJECT;
  const p = problems(projectId);
  if (p.length > 0) {
    console.error(
      `Deploy stopped: ${p.join('; ')}.\n` +
        `Set real values in functions/.env.${projectId ?? '<projectId>'} (PUBLIC_BASE_URL=https://…, SMTP_HOST=…, SMTP_FROM="Nama <alamat@…>"); see README "Deploying".`,
    );
    process.exit(1);
  }
  console.log(`deploy parameters of ${projectId}: ok`);
}
