/**
 * Firestore for the staff app. Loaded only after sign-in (the sign-in page must not pull the
 * Firestore SDK): everything that reads live data imports it from here.
 */
import {
  collection,
  connectFirestoreEmulator,
  doc,
  getFirestore,
  onSnapshot,
  type DocumentData,
  type DocumentReference,
  type Query,
} from 'firebase/firestore';
import { useEffect, useState } from 'preact/hooks';
import { app, useEmulators } from '../firebase';
import { mergeSettings, type DeepPartial, type OfficeSettings } from '../../../functions/src/domain/settings';
import type { CaseSnapshot } from '../../../functions/src/domain/workflow';
import type { CaseSummary, StoredCaseFields } from '../../../functions/src/domain/caseSummary';

export const db = getFirestore(app);
if (useEmulators) connectFirestoreEmulator(db, location.hostname, 8080);

export { collection, doc };

type LetterWithEmail = (CaseSnapshot['letter'] & { email?: { status?: string; error?: string } | null }) | null;

/** A case document as stored and read live: the workflow and the summary, no identity (domain/caseSummary.ts). */
export type CaseDoc = StoredCaseFields & {
  id: string;
  historyHead?: { seq: number; hash: string } | null;
  letter?: LetterWithEmail;
};

/** The whole case the case page works on: the document joined with its identity (or its masked stand-in). */
export type StoredCase = CaseSnapshot & {
  historyHead?: { seq: number; hash: string } | null;
  letter?: LetterWithEmail;
  summary: CaseSummary;
};

export interface Live<T> {
  data: T | undefined;
  error: string | null;
}

const READ_ERROR = 'Data tidak dapat dimuat. Periksa koneksi atau hak akses Anda.';

/** Live query results (onSnapshot); `key` re-subscribes when it changes. */
export function useQuery<T>(make: () => Query<DocumentData> | null, key: string): Live<T[]> {
  const [state, setState] = useState<Live<T[]>>({ data: undefined, error: null });
  useEffect(() => {
    const q = make();
    if (!q) return undefined;
    setState({ data: undefined, error: null });
    return onSnapshot(
      q,
      (snap) => setState({ data: snap.docs.map((d) => ({ ...(d.data() as T), id: d.id })), error: null }),
      () => setState((s) => ({ data: s.data, error: READ_ERROR })),
    );
  }, [key]);
  return state;
}

/** A live document (`null` when it does not exist). */
export function useDoc<T>(ref: DocumentReference<DocumentData> | null, key: string): Live<T | null> {
  const [state, setState] = useState<Live<T | null>>({ data: undefined, error: null });
  useEffect(() => {
    if (!ref) return undefined;
    setState({ data: undefined, error: null });
    return onSnapshot(
      ref,
      (snap) => setState({ data: snap.exists() ? ({ ...(snap.data() as T), id: snap.id }) : null, error: null }),
      () => setState((s) => ({ data: s.data, error: READ_ERROR })),
    );
  }, [key]);
  return state;
}

/** The office settings as the server reads them: stored overrides merged over the SOP defaults. */
export function useSettings(): OfficeSettings {
  const live = useDoc<DeepPartial<OfficeSettings>>(doc(db, 'settings', 'office'), 'settings/office');
  const [merged, setMerged] = useState<OfficeSettings>(() => mergeSettings(null));
  useEffect(() => {
    if (live.data !== undefined) setMerged(mergeSettings(live.data));
  }, [live.data]);
  return merged;
}
