import { mergeSettings, type OfficeSettings } from '../domain/settings.js';
import { db } from './admin.js';

export const SETTINGS_DOC = 'settings/office';

/** The office settings: the stored overrides merged over the SOP defaults. */
export async function loadSettings(): Promise<OfficeSettings> {
  const snap = await db().doc(SETTINGS_DOC).get();
  return mergeSettings(snap.data() ?? null);
}
