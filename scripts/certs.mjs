#!/usr/bin/env node
/**
 * The demo signing identity for local runs (`npm start`, `npm test`, the benches): a demo
 * certification authority and the office's signer certificate, made once and kept out of git in
 * `.certs/`:
 *
 *   .certs/demo-ca.pem            the demo CA's certificate (to trust it in a PDF reader, if wanted)
 *   .certs/letter-signer.p12      the signer's key, certificate and the CA certificate (PKCS#12,
 *                                 AES-256 / SHA-256, like `openssl pkcs12 -export` makes)
 *   .certs/letter-signer.password the P12's password
 *
 * Keys come from Node's crypto; the certificates and the PKCS#12 from node-forge. Nothing here is
 * secret in any real sense: it signs demo letters only. A real office uses its PSrE (e.g. BSrE)
 * certificate, set with `firebase functions:secrets:set LETTER_SIGNING_P12` (see the README).
 *
 * `writeSecretLocal()` puts the P12 (base64) and its password into `functions/.secret.local`,
 * where the Functions emulator reads secret values (that file is git-ignored and generated here,
 * with the dummy SMTP password the emulators need too).
 */
import { Buffer } from 'node:buffer';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CERTS_DIR = process.env.PENGADUAN_CERTS_DIR ?? join(ROOT, '.certs');
const require = createRequire(import.meta.url);

const SUBJECT_BASE = [
  { shortName: 'C', value: 'ID' },
  { shortName: 'ST', value: 'Kalimantan Utara' },
  { shortName: 'L', value: 'Tarakan' },
  { shortName: 'O', value: 'Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan (DEMO)' },
];

function forgeKeyPair(forge) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' })),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' })),
  };
}

function certificate(forge, { subject, issuer, publicKey, signingKey, serial, years, extensions }) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial;
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600_000);
  cert.validity.notAfter = new Date(now.getTime() + years * 365 * 24 * 3600_000);
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  cert.setExtensions(extensions);
  cert.sign(signingKey, forge.md.sha256.create());
  return cert;
}

/** Makes the demo CA and signer once; returns the paths and the password. Idempotent. */
export function ensureDemoCertificates() {
  const p12Path = join(CERTS_DIR, 'letter-signer.p12');
  const passwordPath = join(CERTS_DIR, 'letter-signer.password');
  const caPath = join(CERTS_DIR, 'demo-ca.pem');
  if (existsSync(p12Path) && existsSync(passwordPath) && existsSync(caPath)) {
    return { p12Path, passwordPath, caPath, password: readFileSync(passwordPath, 'utf8').trim() };
  }
  const forge = require('node-forge');
  mkdirSync(CERTS_DIR, { recursive: true });
  const ca = forgeKeyPair(forge);
  const caSubject = [...SUBJECT_BASE, { shortName: 'CN', value: 'Demo CA Layanan Pengaduan KPM (bukan PSrE)' }];
  const caCert = certificate(forge, {
    subject: caSubject,
    issuer: caSubject,
    publicKey: ca.publicKey,
    signingKey: ca.privateKey,
    serial: `01${randomBytes(8).toString('hex')}`,
    years: 10,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });
  const signer = forgeKeyPair(forge);
  const signerCert = certificate(forge, {
    subject: [
      ...SUBJECT_BASE,
      { shortName: 'OU', value: 'Bidang Sosial' },
      { shortName: 'CN', value: 'Kepala Bidang Sosial Dinsos PM Kota Tarakan (DEMO)' },
    ],
    issuer: caSubject,
    publicKey: signer.publicKey,
    signingKey: ca.privateKey,
    serial: `02${randomBytes(8).toString('hex')}`,
    years: 3,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
      { name: 'extKeyUsage', emailProtection: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });
  const password = randomBytes(12).toString('base64url');
  const p12 = forge.pkcs12.toPkcs12Asn1(signer.privateKey, [signerCert, caCert], password, {
    algorithm: 'aes256',
    friendlyName: 'letter-signer',
  });
  writeFileSync(p12Path, Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'), { mode: 0o600 });
  writeFileSync(passwordPath, `${password}\n`, { mode: 0o600 });
  writeFileSync(caPath, forge.pki.certificateToPem(caCert));
  return { p12Path, passwordPath, caPath, password };
}

const SECRET_LOCAL = join(ROOT, 'functions', '.secret.local');
const SECRET_HEADER = `# Generated by scripts/certs.mjs (npm start / npm test); git-ignored. Secret values for the
# Functions emulator only. SMTP_PASSWORD: MailDev needs no authentication (SMTP_USER is empty, so it
# is never sent). LETTER_SIGNING_P12(_PASSWORD): the demo signer of .certs/ (not a PSrE certificate).
# SEARCH_HASH_KEY: a demo key for the search hashes.
# Production: \`firebase functions:secrets:set <NAME>\` (see README).
`;

/**
 * Writes `functions/.secret.local` for the emulators: the dummy SMTP password and the demo P12.
 * Lines for other keys that someone added by hand are kept.
 */
export function writeSecretLocal() {
  const { p12Path, password } = ensureDemoCertificates();
  const ours = {
    SMTP_PASSWORD: 'unused-with-maildev',
    LETTER_SIGNING_P12: readFileSync(p12Path).toString('base64'),
    LETTER_SIGNING_P12_PASSWORD: password,
    // Keys the search hashes of NIK, KK and names (functions/src/cases/search.ts); demo value.
    SEARCH_HASH_KEY: 'demo-only-search-key-3b1f6a0c9e8d4f27a5c1b0e9d8f7a6c5',
  };
  const kept = existsSync(SECRET_LOCAL)
    ? readFileSync(SECRET_LOCAL, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '' && !l.startsWith('#') && !(l.split('=')[0]?.trim() in ours))
    : [];
  const body = [...kept, ...Object.entries(ours).map(([k, v]) => `${k}=${v}`)].join('\n');
  const next = `${SECRET_HEADER}${body}\n`;
  if (!existsSync(SECRET_LOCAL) || readFileSync(SECRET_LOCAL, 'utf8') !== next) {
    writeFileSync(SECRET_LOCAL, next, { mode: 0o600 });
  }
  return SECRET_LOCAL;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const c = ensureDemoCertificates();
  if (process.argv.includes('--secret-local')) writeSecretLocal();
  console.log(`P12 ${c.p12Path}\nCA  ${c.caPath}`);
}
