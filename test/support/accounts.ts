import { confirmPasswordReset } from 'firebase/auth';
import { adminDb } from './admin.js';
import { client } from './client.js';
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
  const c = await client();
  try {
    await confirmPasswordReset(c.auth, link.searchParams.get('oobCode') ?? '', password);
  } finally {
    await c.close();
  }
}
