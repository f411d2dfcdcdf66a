import { z } from 'zod';
import { callable } from '../firebase/callable.js';
import { requireRole } from '../firebase/caller.js';
import { db } from '../firebase/admin.js';
import { CaseId } from '../schemas.js';
import { grantsCol } from '../uploads/grants.js';

/**
 * FO: revokes every open upload link of a case at once (e.g. the phone left the counter). Returns
 * how many grants were revoked; revoking twice revokes nothing the second time.
 */
export const revokeUploadLink = callable(z.object({ caseId: CaseId }).strict(), async ({ caseId }, req) => {
  const fo = await requireRole(req, 'fo');
  const open = await grantsCol().where('caseId', '==', caseId).where('revokedAt', '==', null).get();
  const at = new Date().toISOString();
  const batch = db().batch();
  for (const d of open.docs) batch.update(d.ref, { revokedAt: at, revokedBy: fo.uid });
  if (!open.empty) await batch.commit();
  return { caseId, revoked: open.size };
});
