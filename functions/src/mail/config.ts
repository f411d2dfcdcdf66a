/**
 * The SMTP configuration, read from the deploy parameters (`../firebase/params.ts`). Local values
 * (functions/.env.demo-pengaduan-kpm) point at MailDev (127.0.0.1:1025, no auth, no TLS); every
 * other host must speak TLS — implicit (`SMTP_SECURE`, port 465) or STARTTLS, required — so a
 * letter and its applicant's data never cross the network in clear.
 */
import {
  SMTP_FROM,
  SMTP_HOST,
  SMTP_PASSWORD,
  SMTP_PORT,
  SMTP_SECURE,
  SMTP_USER,
  deployValue,
  isLocalHost,
} from '../firebase/params.js';

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
    host: deployValue(SMTP_HOST),
    port: SMTP_PORT.value(),
    secure: SMTP_SECURE.value(),
    user: SMTP_USER.value(),
    password: SMTP_PASSWORD.value(),
    from: deployValue(SMTP_FROM),
  };
}

/**
 * nodemailer's TLS options for a configuration: the local catcher (127.0.0.1 / localhost) as
 * configured; any other host with implicit TLS when `secure`, else STARTTLS required (the
 * connection fails rather than sending in clear), TLS 1.2 at least, certificates verified.
 */
export function transportSecurity(
  c: Pick<SmtpConfig, 'host' | 'secure'>,
): { secure: boolean; requireTLS?: boolean; tls?: { minVersion: 'TLSv1.2'; rejectUnauthorized: true } } {
  if (isLocalHost(c.host)) return { secure: c.secure };
  return c.secure
    ? { secure: true, tls: { minVersion: 'TLSv1.2', rejectUnauthorized: true } }
    : { secure: false, requireTLS: true, tls: { minVersion: 'TLSv1.2', rejectUnauthorized: true } };
}

/** For logs: the configuration with the password masked. */
export function describeSmtp(c: SmtpConfig): string {
  return `smtp${c.secure ? 's' : ''}://${c.user ? `${c.user}:***@` : ''}${c.host}:${c.port}`;
}
