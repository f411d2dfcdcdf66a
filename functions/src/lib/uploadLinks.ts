/**
 * The public origin of the pages a phone opens (`/unggah/<token>`). Set `PUBLIC_BASE_URL` for the
 * functions (functions/.env.<project> or the environment), e.g. `https://pengaduan.example.go.id`.
 * Without it, the origin of the staff page that asked (the Hosting site it is served from) is
 * used, and failing that the local Hosting emulator.
 */
import type { IncomingHttpHeaders } from 'node:http';

export const LOCAL_HOSTING = 'http://127.0.0.1:5000';

const ORIGIN_RE = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

export function publicBaseUrl(rawRequest?: { headers: IncomingHttpHeaders }): string {
  const configured = process.env['PUBLIC_BASE_URL']?.trim().replace(/\/+$/, '');
  if (configured) return configured;
  const origin = rawRequest?.headers.origin;
  if (typeof origin === 'string' && ORIGIN_RE.test(origin)) return origin;
  return LOCAL_HOSTING;
}
