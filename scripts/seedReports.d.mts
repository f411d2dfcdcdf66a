/** Types of scripts/seedReports.mjs for the TypeScript callers (bench, end-to-end tests). */
import type { Firestore } from 'firebase-admin/firestore';

export interface SyntheticStaff {
  uid: string;
  name: string;
}
export interface SyntheticCase {
  number: string;
  state: string;
  createdAt: string;
  events: Array<Record<string, unknown>>;
}
export function rng(seed: number): () => number;
export function syntheticCases(opts: {
  count: number;
  from: Date;
  to: Date;
  seed?: number;
  staff: Record<'fo' | 'analis' | 'koordinator' | 'kabid', SyntheticStaff[]>;
  numberBase?: number;
}): Promise<SyntheticCase[]>;
export function backgroundTriggers(enabled: boolean): Promise<void>;
export function writeSyntheticCases(db: Firestore, cases: SyntheticCase[]): Promise<number>;
export function seedReports(
  db: Firestore,
  opts: { log?: (s: string) => void; staffByRole: Record<'fo' | 'analis' | 'koordinator' | 'kabid', SyntheticStaff>; count?: number; now?: Date },
): Promise<{ cases: number; events: number; months: string[] }>;
