import { onCall, type CallableRequest } from 'firebase-functions/v2/https';
import { registerScopeFor } from '../domain/registers.js';
import { db } from '../firebase/admin.js';
import { requireActiveStaff, requireSignedIn } from '../firebase/caller.js';
import { toHttpsError } from '../firebase/errors.js';
import { loadSettings } from '../firebase/settings.js';
import { exportRegister as buildExport } from '../reports/registerExport.js';
import { ExportRegisterInput } from '../reports/registerInput.js';

/** Server-only record of each register export (who, which register, filters, format, size). */
export const REPORT_EXPORTS = 'reportExports';

/**
 * A register as a file ({kind, filters, format: xlsx|csv|pdf}) → {filename, contentType, base64,
 * rows}: every page of the register for the caller's scope (as `listRegister`), streamed from
 * Firestore. Each export is recorded in `reportExports` (the access log `accessLog` records openings
 * of a case's personal data; a register holds none, so an export is not one of its entries).
 * Not the shared `callable` wrapper only because it needs more memory and time for 20,000 rows.
 */
export const exportRegister = onCall(
  { enforceAppCheck: false, memory: '1GiB', timeoutSeconds: 300 },
  async (req: CallableRequest<unknown>) => {
    try {
      requireSignedIn(req);
      const data = ExportRegisterInput.parse(req.data ?? {});
      const staff = await requireActiveStaff(req);
      const scope = registerScopeFor(staff.roles, staff.uid, data.kind);
      const officer = data.filters.officer
        ? ((await db().collection('users').doc(data.filters.officer).get()).get('name') as string | undefined)
        : undefined;
      const started = Date.now();
      const file = await buildExport({
        kind: data.kind,
        filters: data.filters,
        scope,
        format: data.format,
        settings: await loadSettings(),
        printedBy: staff.name,
        ...(officer ? { officerName: officer } : {}),
      });
      await db().collection(REPORT_EXPORTS).add({
        at: new Date().toISOString(),
        uid: staff.uid,
        name: staff.name,
        kind: data.kind,
        format: data.format,
        filters: data.filters,
        scope: scope.all ? 'all' : 'own',
        rows: file.rows,
        bytes: file.bytes.length,
        millis: Date.now() - started,
      });
      return { filename: file.filename, contentType: file.contentType, base64: file.bytes.toString('base64'), rows: file.rows };
    } catch (err) {
      throw toHttpsError(err);
    }
  },
);
