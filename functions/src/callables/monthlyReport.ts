import { z } from 'zod';
import { isMonthKey } from '../domain/reports/monthlyReport.js';
import { callable } from '../firebase/callable.js';
import { requireActiveStaff } from '../firebase/caller.js';
import { loadMonthlyReport } from '../reports/monthlyStore.js';

export const MonthInput = z
  .object({ month: z.string().refine(isMonthKey, 'harus berbentuk TTTT-BB, misalnya 2026-12') })
  .strict();

/**
 * The monthly report (Laporan bulanan) of one office-month for every active staff role: office
 * totals for all; every officer's figures for kabid, koordinator and admin, one's own for fo and
 * analis. Reads the month and the eleven before it (12 documents) plus 12 count() aggregations
 * over `openCases` (1 read unit per 1,000 entries each); `cost` says what it read.
 */
export const monthlyReport = callable(MonthInput, async ({ month }, req) => {
  const staff = await requireActiveStaff(req);
  const { report, cost } = await loadMonthlyReport(month, { uid: staff.uid, roles: staff.roles });
  // The caller's profile read by requireActiveStaff is one more document.
  return { report, cost: { ...cost, documents: cost.documents + 1, total: cost.total + 1 } };
});
