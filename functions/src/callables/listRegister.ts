import { registerScopeFor } from '../domain/registers.js';
import { callable } from '../firebase/callable.js';
import { requireActiveStaff } from '../firebase/caller.js';
import { ListRegisterInput } from '../reports/registerInput.js';
import { registerPage } from '../reports/registerStore.js';

/**
 * One page of a register ({kind, filters, after?, limit}) → {rows, next}: the complaint register
 * (`cases`) or the outgoing-letter agenda (`letters`), ordered by time, paged by an opaque cursor
 * without a cap. Kabid, koordinator and admin see every row; FO and analis only the cases they acted
 * on (and FO the whole agenda) — `registerScopeFor`. Rows hold no identity.
 */
export const listRegister = callable(ListRegisterInput, async (data, req) => {
  const staff = await requireActiveStaff(req);
  const scope = registerScopeFor(staff.roles, staff.uid, data.kind);
  return registerPage(data.kind, data.filters, scope, data.after ?? null, data.limit);
});
