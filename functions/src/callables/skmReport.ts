import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { callable } from '../firebase/callable.js';
import { requireActiveStaff } from '../firebase/caller.js';
import { SKM_REPORT_ROLES, SUGGESTION_ROLES, skmReportOf, type SkmReport } from '../survey/report.js';

export type { SkmReport };

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'bulan ditulis YYYY-MM');
export const SkmReportInput = z.object({ from: Month, to: Month }).strict();

/**
 * The Survei Kepuasan Masyarakat of a period (PermenPANRB 14/2017): respondents, NRR per element
 * with its grade, the IKM with its grade, and — for the Kabid, the Koordinator and the
 * administrator — the suggestions (see survey/report.ts for why FO and Analis get the figures only).
 */
export const skmReport = callable(SkmReportInput, async ({ from, to }, req): Promise<SkmReport> => {
  const staff = await requireActiveStaff(req);
  if (!staff.roles.some((r) => SKM_REPORT_ROLES.includes(r))) {
    throw new DomainError('permission-denied', 'Anda tidak memiliki wewenang untuk melihat laporan SKM.');
  }
  return skmReportOf(from, to, staff.roles.some((r) => SUGGESTION_ROLES.includes(r)));
});
