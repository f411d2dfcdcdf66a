import { z } from 'zod';
import { effectiveRoles, rolesOf } from '../domain/staff.js';
import { db } from '../firebase/admin.js';
import { callable } from '../firebase/callable.js';
import { requireSignedIn } from '../firebase/caller.js';

const Input = z.object({}).strict();

/**
 * The caller's uid, the roles they may use now (profile narrowed by the token), their profile, and
 * `rolesPending`: roles granted in the profile that take effect after signing in again. A stranger
 * without a profile, or an inactive account, gets no roles. Signed-out callers: `unauthenticated`.
 */
export const whoami = callable(Input, async (_data, req) => {
  const caller = requireSignedIn(req);
  const profile = await db().collection('users').doc(caller.uid).get();
  const active = profile.exists && profile.get('active') === true;
  const roles = active ? effectiveRoles(profile.get('roles'), caller.tokenRoles) : [];
  const pending = active ? rolesOf(profile.get('roles')).filter((r) => !roles.includes(r)) : [];
  return {
    uid: caller.uid,
    email: caller.email ?? null,
    roles,
    rolesPending: pending,
    name: (profile.get('name') as string | undefined) ?? null,
    active,
  };
});
