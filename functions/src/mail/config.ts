/**
 * The SMTP configuration, read from the deploy parameters (`../firebase/params.ts`). Local values
 * point at MailDev (127.0.0.1:1025, no auth).
 */
import { SMTP_FROM, SMTP_HOST, SMTP_PASSWORD, SMTP_PORT, SMTP_SECURE, SMTP_USER } from '../firebase/params.js';

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
