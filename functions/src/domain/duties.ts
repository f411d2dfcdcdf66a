/**
 * Separation of duties on each case, as the SOP's columns mean it: the Analis who decided a case
 * does not initial or sign it, and the Koordinator who initialled it does not sign it. One person
 * may hold several roles and act on different cases; never on two steps of the same one.
 * Pure: `planTransition` refuses with it, and the case page hides what a person may not do.
 */
import type { CaseSnapshot } from './caseModel.js';
import type { ActionName } from './actions/inputs.js';

/** The reason a person may not take `action` on this case, or null when nothing stands in the way. */
export function dutyConflict(
  kase: Pick<CaseSnapshot, 'analysis' | 'paraf'>,
  uid: string,
  action: ActionName,
): string | null {
  if (action !== 'paraf' && action !== 'sign') return null;
  const act = action === 'paraf' ? 'memaraf' : 'menandatangani';
  if (kase.analysis?.by === uid) {
    return `Anda yang menganalisis dan memutuskan pengaduan ini, sehingga tidak dapat ${act} suratnya (pemisahan tugas).`;
  }
  if (action === 'sign' && kase.paraf?.uid === uid) {
    return 'Anda yang memaraf draf surat ini, sehingga tidak dapat menandatanganinya (pemisahan tugas).';
  }
  return null;
}
