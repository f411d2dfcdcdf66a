/**
 * Every deploy-time parameter of the functions, in one place. Locally the values come from
 * `functions/.env.demo-pengaduan-kpm` (so the emulators never prompt); on a real project
 * `firebase deploy` asks once for each and stores them in `functions/.env.<projectId>`. The SMTP
 * password is a Cloud Secret Manager secret (`firebase functions:secrets:set SMTP_PASSWORD`); the
 * emulator reads it from `functions/.secret.local`.
 */
import { defineBoolean, defineInt, defineSecret, defineString } from 'firebase-functions/params';

/** Where the public pages are served: the letters' QR codes and the phone upload links point there. */
export const PUBLIC_BASE_URL = defineString('PUBLIC_BASE_URL', {
  default: 'http://127.0.0.1:5000',
  description:
    'Alamat dasar halaman publik (mis. https://pengaduan.tarakankota.go.id), untuk kode QR verifikasi surat',
});

export const SMTP_HOST = defineString('SMTP_HOST', {
  default: '127.0.0.1',
  description: 'Server SMTP pengirim email',
});
export const SMTP_PORT = defineInt('SMTP_PORT', {
  default: 1025,
  description: 'Port SMTP (465 untuk TLS langsung, 587 untuk STARTTLS)',
});
export const SMTP_SECURE = defineBoolean('SMTP_SECURE', {
  default: false,
  description: 'TLS langsung (port 465)',
});
export const SMTP_USER = defineString('SMTP_USER', {
  default: '',
  description: 'Nama pengguna SMTP (kosong: tanpa autentikasi)',
});
export const SMTP_FROM = defineString('SMTP_FROM', {
  default: 'Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan <no-reply@dinsospm.tarakan.example>',
  description: 'Alamat pengirim email surat keterangan',
});
/** Only used when SMTP_USER is set. */
export const SMTP_PASSWORD = defineSecret('SMTP_PASSWORD');

/**
 * The key of the search hashes (HMAC-SHA-256 of NIK, KK number and name prefixes): with it a full
 * NIK finds its case without any NIK being sent to a browser; without it the stored hashes cannot
 * be tried against the small space of possible NIKs. Set once per project
 * (`firebase functions:secrets:set SEARCH_HASH_KEY`, e.g. 32 random bytes in hex); changing it
 * needs the search keys rebuilt.
 */
export const SEARCH_HASH_KEY = defineSecret('SEARCH_HASH_KEY');

/** The public base URL without a trailing slash. */
export function publicBaseUrl(): string {
  return PUBLIC_BASE_URL.value().trim().replace(/\/+$/, '');
}

/** True inside the Functions emulator (set by firebase-tools). */
export const IN_EMULATOR = process.env['FUNCTIONS_EMULATOR'] === 'true';

/** The Firebase project id, for stable message ids ('local' outside any project). */
export const projectId = (): string => process.env['GCLOUD_PROJECT'] ?? 'local';
