import type { Role } from '../../../functions/src/domain/vocabulary';

/** What `whoami` returns. */
export interface Me {
  uid: string;
  email: string | null;
  /** The roles this person may use now (profile narrowed by the ID token). */
  roles: Role[];
  /** Roles granted in the profile that take effect after signing in again. */
  rolesPending: Role[];
  name: string | null;
  active: boolean;
}
