/**
 * Wiring only: one line per deployed function. Logic lives in callables/, triggers/, http/ and the
 * pure domain/ modules. `./options.js` comes first so that global options apply to every function.
 */
import './options.js';

export { whoami } from './callables/whoami.js';
export { openCaseIdentity } from './callables/openCaseIdentity.js';
export { searchCases } from './callables/searchCases.js';
export { createCase } from './callables/createCase.js';
export { submitCase } from './callables/submitCase.js';
export { returnToApplicant } from './callables/returnToApplicant.js';
export { completeDocuments } from './callables/completeDocuments.js';
export { verifyCase } from './callables/verifyCase.js';
export { decideCase } from './callables/decideCase.js';
export { parafCase } from './callables/parafCase.js';
export { requestRevision } from './callables/requestRevision.js';
export { signCase } from './callables/signCase.js';
export { recordHandover } from './callables/recordHandover.js';
export { createStaff } from './callables/createStaff.js';
export { updateStaff } from './callables/updateStaff.js';
export { sendPasswordLink } from './callables/sendPasswordLink.js';
export { updateSettings } from './callables/updateSettings.js';
export { createUploadLink } from './callables/createUploadLink.js';
export { revokeUploadLink } from './callables/revokeUploadLink.js';
export { rejectDocument } from './callables/rejectDocument.js';
export { issueReceipt } from './callables/issueReceipt.js';
export { api } from './http/api.js';
export { staffDocs } from './http/staffDocs.js';
export { issueLetter } from './triggers/issueLetter.js';
export { deliverEmail } from './triggers/deliverEmail.js';
export { letterSweeper } from './triggers/letterSweeper.js';
export { retentionPurge } from './triggers/retentionPurge.js';
export { refuseSelfSignUp } from './triggers/refuseSelfSignUp.js';
export { recordHistoryEntry } from './triggers/recordHistoryEntry.js';
export { monthlyReport } from './callables/monthlyReport.js';
export { exportMonthlyReport } from './callables/exportMonthlyReport.js';
export { verifyLetter } from './callables/verifyLetter.js';
export { getLetterPdf } from './callables/getLetterPdf.js';
export { revokeLetter } from './callables/revokeLetter.js';
export { retryLetter } from './callables/retryLetter.js';
export { voidLetter } from './callables/voidLetter.js';
export { listRegister } from './callables/listRegister.js';
export { exportRegister } from './callables/exportRegister.js';
export { skmReport } from './callables/skmReport.js';
export { surveyCounterList } from './callables/surveyCounter.js';
export { surveyLink } from './callables/surveyCounter.js';
export { exportSkmReport } from './callables/exportSkmReport.js';
