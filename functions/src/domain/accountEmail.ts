/**
 * The emails that let a staff member choose their own password: a new account, and a reset the
 * administrator sends. Pure text in formal Bahasa Indonesia; the shell builds the link.
 */
import type { Letterhead } from './letterContent.js';
import { regionOf } from './letterContent.js';
import { ROLE_LABELS, type Role } from './vocabulary.js';

export type AccountEmailKind = 'new-account' | 'reset';

/** Path of the page where a person sets their password (`?oobCode=…` is appended). */
export const SET_PASSWORD_PATH = '/sandi';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Subject, text and HTML of the set-password email. */
export function accountEmail(
  kind: AccountEmailKind,
  person: { name: string; email: string; roles: readonly Role[] },
  letterhead: Pick<Letterhead, 'government' | 'office'>,
  link: string,
): { subject: string; text: string; html: string } {
  const office = `${letterhead.office} ${regionOf(letterhead.government)}`;
  const roles = person.roles.map((r) => ROLE_LABELS[r]).join(', ');
  const opening =
    kind === 'new-account'
      ? `Administrator telah membuatkan akun Layanan Pengaduan KPM untuk Bapak/Ibu dengan email ${person.email}` +
        (roles ? ` dan peran ${roles}.` : '.')
      : `Administrator telah meminta penggantian kata sandi akun Layanan Pengaduan KPM Bapak/Ibu (${person.email}).`;
  const paragraphs = [
    `Yth. Bapak/Ibu ${person.name},`,
    opening,
    'Silakan tetapkan kata sandi Bapak/Ibu sendiri melalui tautan berikut. Tautan ini hanya dapat dipakai satu kali dan berlaku selama 1 jam:',
  ];
  const after = [
    'Kata sandi hanya diketahui oleh Bapak/Ibu sendiri; petugas lain dan administrator tidak mengetahuinya. Jangan berikan kata sandi atau tautan ini kepada siapa pun.',
    'Apabila Bapak/Ibu tidak merasa meminta akun ini, abaikan email ini dan beri tahu administrator.',
  ];
  const signoff = ['Hormat kami,', office];
  const subject =
    kind === 'new-account'
      ? 'Akun Layanan Pengaduan KPM: tetapkan kata sandi Anda'
      : 'Penggantian kata sandi akun Layanan Pengaduan KPM';
  const text = [...paragraphs, link, ...after, signoff.join('\n')].join('\n\n');
  const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
  const html = [
    '<!doctype html><html lang="id"><body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#111">',
    ...paragraphs.map(p),
    `<p><a href="${escapeHtml(link)}">Tetapkan kata sandi</a></p>`,
    p(link),
    ...after.map(p),
    `<p>${signoff.map(escapeHtml).join('<br>')}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
