import { z } from 'zod';
import { recordAccess } from '../cases/access.js';
import { caseRef, readIdentity } from '../cases/store.js';
import { IDENTITY_ROLES } from '../domain/caseSummary.js';
import { DomainError } from '../domain/errors.js';
import { callable } from '../firebase/callable.js';
import { requireActiveStaff } from '../firebase/caller.js';
import { CaseId } from '../schemas.js';

/**
 * The case page of a case-working role (FO, Analis, Koordinator, Kabid — never the administrator)
 * opens the identity of one case: NIK, KK, KKS, phone, email, addresses and full names. Every
 * opening is recorded (who, which case, when) before the data leaves the server.
 */
export const openCaseIdentity = callable(z.object({ caseId: CaseId }).strict(), async ({ caseId }, req) => {
  const staff = await requireActiveStaff(req);
  if (!staff.roles.some((r) => IDENTITY_ROLES.includes(r))) {
    throw new DomainError(
      'permission-denied',
      'Identitas pemohon dan KPM hanya dapat dibuka oleh petugas yang menangani pengaduan.',
      { reason: 'no-case-role' },
    );
  }
  const [identity, snap] = await Promise.all([readIdentity(caseId), caseRef(caseId).get()]);
  if (!identity || !snap.exists) throw new DomainError('not-found', 'Kasus tidak ditemukan.');
  await recordAccess({
    uid: staff.uid,
    name: staff.name,
    caseId,
    caseNumber: String(snap.get('number') ?? ''),
    what: 'identity',
  });
  return identity;
});
