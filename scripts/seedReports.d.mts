/** Types of scripts/seedReports.mjs for the TypeScript callers (bench, end-to-end tests). */
import type { Firestore } from 'firebase-admin/firestore';

export interface SyntheticStaff {
  uid: string;
  name: string;
}
/** A scripted case (functions/src/demo/plan.ts `DemoCase`) with what the callers count. */
export interface SyntheticCase {
  key: string;
  number?: string;
  state: string;
  createdAt: string;
  events: Array<{ action: string; at: string; by: string }>;
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
