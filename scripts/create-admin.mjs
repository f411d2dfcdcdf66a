#!/usr/bin/env node
/**
 * Creates the first administrator of a real project (after that, accounts are managed on the admin
 * page). Uses the application-default credentials (`gcloud auth application-default login`) and
 * the project from GCLOUD_PROJECT; against the emulators when FIREBASE_AUTH_EMULATOR_HOST and
 * FIRESTORE_EMULATOR_HOST are set.
 *   GCLOUD_PROJECT=my-project node scripts/create-admin.mjs admin@dinsos.example "Nama Admin"
 * The account has no password: like every staff account, its owner receives an email (through the
 * outbox, so the deployed `deliverEmail` function sends it) with a one-time link to choose their own.
 * The public address of the pages comes from PUBLIC_BASE_URL or functions/.env.<project>.
 * `--print-link` also prints that link, for an operator creating their own account before SMTP works.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import { ROOT } from './lib.mjs';

const args = process.argv.slice(2);
const printLink = args.includes('--print-link');
const [email, name] = args.filter((a) => !a.startsWith('--'));
const projectId = process.env.GCLOUD_PROJECT;
if (!email || !name || !projectId) {
  console.error('usage: GCLOUD_PROJECT=<project> node scripts/create-admin.mjs <email> "<name>" [--print-link]');
  process.exit(2);
}

/** PUBLIC_BASE_URL from the environment, else from the project's functions/.env.<project>. */
function publicBaseUrl() {
  if (process.env.PUBLIC_BASE_URL) return process.env.PUBLIC_BASE_URL.replace(/\/+$/, '');
  const file = join(ROOT, 'functions', `.env.${projectId}`);
  const line = existsSync(file) && readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith('PUBLIC_BASE_URL='));
  if (!line) {
    console.error(`PUBLIC_BASE_URL is not set (environment or functions/.env.${projectId}); the emailed link needs it.`);
    process.exit(2);
  }
  return line.slice('PUBLIC_BASE_URL='.length).replace(/^"|"$/g, '').replace(/\/+$/, '');
}

const base = publicBaseUrl();
const app = initializeApp({ projectId });
const auth = getAuth(app);
const db = getFirestore(app);
const address = email.toLowerCase();
const user = await auth.createUser({ email: address, displayName: name });
const now = new Date().toISOString();
await db.doc(`users/${user.uid}`).set({
  name,
  email: address,
  title: 'Administrator',
  nip: '',
  roles: ['admin'],
  active: true,
  createdAt: now,
  createdBy: 'scripts/create-admin',
});
await auth.setCustomUserClaims(user.uid, { roles: ['admin'] });
const oobCode = new URL(await auth.generatePasswordResetLink(address)).searchParams.get('oobCode');
const link = `${base}/sandi?oobCode=${encodeURIComponent(oobCode ?? '')}`;
const text = [
  `Yth. Bapak/Ibu ${name},`,
  `Akun Administrator Layanan Pengaduan KPM telah dibuat untuk Bapak/Ibu dengan email ${address}.`,
  'Silakan tetapkan kata sandi Bapak/Ibu sendiri melalui tautan berikut. Tautan ini hanya dapat dipakai satu kali dan berlaku selama 1 jam:',
  link,
  'Kata sandi hanya diketahui oleh Bapak/Ibu sendiri. Jangan berikan kata sandi atau tautan ini kepada siapa pun.',
].join('\n\n');
await db.doc(`outbox/account-${user.uid}-${randomUUID().slice(0, 8)}`).create({
  kind: 'account-new',
  uid: user.uid,
  to: address,
  message: { subject: 'Akun Layanan Pengaduan KPM: tetapkan kata sandi Anda', text },
  createdAt: now,
  createdBy: 'scripts/create-admin',
  delivery: { state: 'PENDING', attempts: 0 },
});
console.log(`admin ${address} created (uid ${user.uid}); a link to set the password was emailed to that address.`);
if (printLink) console.log(`set-password link (valid 1 hour, once): ${link}`);
process.exit(0);
