/**
 * Deploy-time parameters of the letter. Locally they come from `functions/.env.demo-pengaduan-kpm`
 * (so the emulators never prompt); on a real project `firebase deploy` asks once and stores them in
 * `functions/.env.<projectId>`.
 */
import { defineString } from 'firebase-functions/params';

/** Where the public pages are served; the letter's QR code points at `${PUBLIC_BASE_URL}/verifikasi/<code>`. */
export const PUBLIC_BASE_URL = defineString('PUBLIC_BASE_URL', {
  default: 'http://127.0.0.1:5000',
  description:
    'Alamat dasar halaman publik (mis. https://pengaduan.tarakankota.go.id), untuk kode QR verifikasi surat',
});

/** The verification page of a code, without a trailing slash on the base. */
export function verificationUrl(code: string, base: string = PUBLIC_BASE_URL.value()): string {
  return `${base.replace(/\/+$/, '')}/verifikasi/${code}`;
}
