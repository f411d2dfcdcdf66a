/** Starts MailDev (local SMTP catcher with a web inbox) bound to 127.0.0.1; returns a stopper. */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { ROOT, NODE24 } from './lib.mjs';

export const SMTP_PORT = 1025;
export const MAIL_WEB_PORT = 1080;

function portOpen(port) {
  return new Promise((res) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      s.end();
      res(true);
    });
    s.on('error', () => res(false));
  });
}

/** Resolves once the SMTP and web ports accept connections (polling a socket, not sleeping blind). */
export async function startMailDev({ mailDir = join(ROOT, '.maildev'), silent = true } = {}) {
  mkdirSync(mailDir, { recursive: true });
  const child = spawn(
    NODE24,
    [
      join(ROOT, 'node_modules/maildev/dist/bin/maildev.js'),
      '--smtp', String(SMTP_PORT), '--ip', '127.0.0.1',
      '--web', String(MAIL_WEB_PORT), '--web-ip', '127.0.0.1',
      '--mail-directory', mailDir,
      ...(silent ? ['--silent'] : []),
    ],
    { stdio: silent ? 'ignore' : 'inherit' },
  );
  let exited = false;
  child.on('exit', () => (exited = true));
  for (let i = 0; i < 300 && !exited; i++) {
    if ((await portOpen(SMTP_PORT)) && (await portOpen(MAIL_WEB_PORT))) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (exited) throw new Error('MailDev exited at start (is port 1025 or 1080 in use?)');
  return {
    url: `http://127.0.0.1:${MAIL_WEB_PORT}`,
    stop: () =>
      new Promise((res) => {
        if (exited) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
      }),
  };
}
