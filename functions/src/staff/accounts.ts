/**
 * Staff accounts: the set-password email (through the outbox, so it is delivered and retried like
 * the letters), and the ordered writes of a role change.
 */
import { randomUUID } from 'node:crypto';
import { accountEmail, SET_PASSWORD_PATH, type AccountEmailKind } from '../domain/accountEmail.js';
import type { Role } from '../domain/vocabulary.js';
import { auth, db } from '../firebase/admin.js';
import { publicBaseUrl } from '../firebase/params.js';
import { loadSettings } from '../firebase/settings.js';
import { OUTBOX, newDelivery } from '../mail/outbox.js';

/**
 * A link to the office's own set-password page carrying a one-time code from Firebase Auth
 * (`generatePasswordResetLink`): the page confirms the new password with the code, so nobody but
 * the person ever types or sees it.
 */
async function setPasswordLink(email: string): Promise<string> {
  const firebaseLink = new URL(await auth().generatePasswordResetLink(email));
  const oobCode = firebaseLink.searchParams.get('oobCode');
  if (!oobCode) throw new Error('password reset link without oobCode');
  return `${publicBaseUrl()}${SET_PASSWORD_PATH}?oobCode=${encodeURIComponent(oobCode)}`;
}

/** Queues the set-password email of a staff member (a new account, or a reset by the admin). */
export async function queueSetPasswordEmail(
  kind: AccountEmailKind,
  person: { uid: string; name: string; email: string; roles: readonly Role[] },
  byUid: string,
): Promise<void> {
  const [link, settings] = await Promise.all([setPasswordLink(person.email), loadSettings()]);
  const message = accountEmail(kind, person, settings.letterhead, link);
  await db()
    .collection(OUTBOX)
    .doc(`account-${person.uid}-${randomUUID().slice(0, 8)}`)
    .create({
      kind: kind === 'new-account' ? 'account-new' : 'account-reset',
      uid: person.uid,
      to: person.email,
      message,
      createdAt: new Date().toISOString(),
      createdBy: byUid,
      delivery: newDelivery(),
    });
}

/**
 * Applies a change of roles or of the active flag so that no failure half-way leaves more power
 * than intended: the profile (the authority) first — a removal is effective at once, an addition
 * gives nothing until the token carries it too —, then the Auth account (disabled or not), then the
 * roles claim, and last the revocation of every session, so that an added role is used only after
 * a new sign-in and a removed one is not even shown any longer.
 */
export async function applyStaffChange(
  uid: string,
  change: { roles: Role[]; active: boolean; profile: Record<string, unknown>; byUid: string; revoke: boolean },
): Promise<void> {
  const now = new Date().toISOString();
  await db()
    .collection('users')
    .doc(uid)
    .update({ ...change.profile, roles: change.roles, active: change.active, updatedAt: now, updatedBy: change.byUid });
  const displayName = change.profile['name'];
  await auth().updateUser(uid, { disabled: !change.active, ...(typeof displayName === 'string' ? { displayName } : {}) });
  await auth().setCustomUserClaims(uid, { roles: change.active ? change.roles : [] });
  if (change.revoke) await auth().revokeRefreshTokens(uid);
}
