import { z } from 'zod';
import { isMonthKey } from '../domain/reports/monthlyReport.js';
import { callable } from '../firebase/callable.js';
import { requireActiveStaff } from '../firebase/caller.js';
import { loadSettings } from '../firebase/settings.js';
import { loadMonthlyReport } from '../reports/monthlyStore.js';
import { monthlyReportPdf, monthlyReportXlsx, PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '../reports/monthlyExport.js';

const Input = z
  .object({
    month: z.string().refine(isMonthKey, 'harus berbentuk TTTT-BB, misalnya 2026-12'),
    format: z.enum(['pdf', 'xlsx']),
  })
  .strict();

/**
 * The monthly report as a file (`{ filename, contentType, base64 }`): the same report, with the
 * same officer filter, as the `monthlyReport` callable gives the caller; PDF with the letterhead
 * and the head of office's "Mengetahui" line, or an XLSX workbook.
 */
export const exportMonthlyReport = callable(Input, async ({ month, format }, req) => {
  const staff = await requireActiveStaff(req);
  const [{ report }, settings] = await Promise.all([loadMonthlyReport(month, { uid: staff.uid, roles: staff.roles }), loadSettings()]);
  const printedAt = new Date();
  const base = `laporan-bulanan-${month}`;
  if (format === 'pdf') {
    const pdf = await monthlyReportPdf(report, { letterhead: settings.letterhead, printedAt, printedBy: staff.name });
    return { filename: `${base}.pdf`, contentType: PDF_CONTENT_TYPE, base64: pdf.toString('base64') };
  }
  const xlsx = await monthlyReportXlsx(report, { printedAt });
  return { filename: `${base}.xlsx`, contentType: XLSX_CONTENT_TYPE, base64: xlsx.toString('base64') };
});
