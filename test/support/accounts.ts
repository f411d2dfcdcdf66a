import { confirmPasswordReset } from 'firebase/auth';
import { adminDb } from './admin.js';
import { authEmulatorAdmin, webClient } from './client.js';
import { PROJECT_ID, SERVICE_ORIGIN } from './env.js';
import { waitFor } from './wait.js';

/** The set-password link emailed to a staff member (the newest outbox message for `uid`). */
export async function setPasswordLinkOf(uid: string): Promise<URL> {
  const text = await waitFor(`set-password email of ${uid}`, async () => {
    const q = await adminDb.collection('outbox').where('uid', '==', uid).get();
    const newest = q.docs.map((d) => d.data()).sort((a, b) => String(b['createdAt']).localeCompare(String(a['createdAt'])))[0];
    return newest ? String((newest['message'] as { text: string }).text) : undefined;
  });
  const m = /https?:\/\/\S+\/sandi\?oobCode=\S+/.exec(text);
  if (!m) throw new Error(`no set-password link in: ${text}`);
  return new URL(m[0]);
}

/** Does what the /sandi page does with the emailed link: confirms a new password with its code. */
export async function setOwnPassword(uid: string, password: string): Promise<void> {
  const link = await setPasswordLinkOf(uid);
  const oobCode = link.searchParams.get('oobCode') ?? '';
  if (SERVICE_ORIGIN) {
    // The Auth emulator's REST API on this test's project (see signInWithPassword in client.ts).
    const res = await authEmulatorAdmin('accounts:resetPassword?key=demo-api-key', { oobCode, newPassword: password, targetProjectId: PROJECT_ID });
    if (!res.ok) throw new Error(`setting the password failed: ${res.status} ${await res.text()}`);
    return;
  }
  const c = await webClient();
  try {
    await confirmPasswordReset(c.auth, oobCode, password);
  } finally {
    await c.close();
  }
}
