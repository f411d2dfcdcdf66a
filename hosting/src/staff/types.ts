import type { Role } from '../../../functions/src/domain/vocabulary';

/** What `whoami` returns. */
export interface Me {
  uid: string;
  email: string | null;
  roles: Role[];
  name: string | null;
  active: boolean;
}
