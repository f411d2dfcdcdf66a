import { DomainError } from '../domain/errors.js';
import { callable } from '../firebase/callable.js';
import { requireActiveStaff } from '../firebase/caller.js';
import { loadSettings } from '../firebase/settings.js';
import { SKM_REPORT_ROLES, SUGGESTION_ROLES, skmReportOf } from '../survey/report.js';
import { SkmReportInput } from './skmReport.js';

/**
 * The printable *Laporan Hasil SKM* of a period as a PDF ({filename, contentType, base64}), with
 * the suggestions for the roles that read them (as `skmReport`). The PDF code is loaded on first use.
 */
export const exportSkmReport = callable(SkmReportInput, async ({ from, to }, req) => {
  const staff = await requireActiveStaff(req);
  if (!staff.roles.some((r) => SKM_REPORT_ROLES.includes(r))) {
    throw new DomainError('permission-denied', 'Anda tidak memiliki wewenang untuk mengunduh laporan SKM.');
  }
  const [report, settings, pdf] = await Promise.all([
    skmReportOf(from, to, staff.roles.some((r) => SUGGESTION_ROLES.includes(r))),
    loadSettings(),
    import('../survey/reportPdf.js'),
  ]);
  const bytes = await pdf.renderSkmReportPdf(report, {
    letterhead: settings.letterhead,
    printedAt: new Date(),
    printedBy: staff.name,
    utcOffsetMinutes: settings.calendar.timeZoneOffsetMinutes,
  });
  return { filename: pdf.skmPdfFilename(from, to), contentType: 'application/pdf', base64: bytes.toString('base64') };
});
