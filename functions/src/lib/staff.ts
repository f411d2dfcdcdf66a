import type { CallableRequest } from 'firebase-functions/v2/https';
import type { Actor } from '../domain/workflow.js';
import { requireActiveStaff } from './caller.js';

/** The active staff member calling, as the domain's Actor (name and NIP from the profile). */
export async function actorOf(req: Pick<CallableRequest, 'auth'>): Promise<Actor> {
  const c = await requireActiveStaff(req);
  return { uid: c.uid, name: c.name, roles: c.roles, ...(c.nip ? { nip: c.nip } : {}) };
}
