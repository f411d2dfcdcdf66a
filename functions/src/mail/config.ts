/**
 * SMTP settings as function parameters. Local defaults point at MailDev (127.0.0.1:1025, no auth);
 * the values for the emulators are in `functions/.env.demo-pengaduan-kpm`, so nothing prompts.
 * The password is a Cloud Secret Manager secret (`firebase functions:secrets:set SMTP_PASSWORD`);
 * the emulator reads it from `functions/.secret.local` and it is only used when SMTP_USER is set.
 */
import { defineBoolean, defineInt, defineSecret, defineString } from 'firebase-functions/params';

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
export const SMTP_PASSWORD = defineSecret('SMTP_PASSWORD');

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  from: string;
}

export function smtpConfig(): SmtpConfig {
  return {
    host: SMTP_HOST.value(),
    port: SMTP_PORT.value(),
    secure: SMTP_SECURE.value(),
    user: SMTP_USER.value(),
    password: SMTP_PASSWORD.value(),
    from: SMTP_FROM.value(),
  };
}

/** For logs: the configuration with the password masked. */
export function describeSmtp(c: SmtpConfig): string {
  return `smtp${c.secure ? 's' : ''}://${c.user ? `${c.user}:***@` : ''}${c.host}:${c.port}`;
}
