import { z } from 'zod';
import { callable } from '../firebase/callable.js';
import { requireSignedIn } from '../firebase/caller.js';
import { db } from '../firebase/admin.js';

const Input = z.object({}).strict();

/** Returns the caller's uid, roles and profile; refuses signed-out callers with `unauthenticated`. */
export const whoami = callable(Input, async (_data, req) => {
  const caller = requireSignedIn(req);
  const profile = await db().collection('users').doc(caller.uid).get();
  return {
    uid: caller.uid,
    email: caller.email ?? null,
    roles: caller.roles,
    name: (profile.get('name') as string | undefined) ?? null,
    active: profile.get('active') === true,
  };
});
