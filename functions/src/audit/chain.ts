import { createHash } from 'node:crypto';

/**
 * The hash chain of a case's history. Each entry stores `seq` (1, 2, …), `prevHash` (the hash of
 * entry seq-1; GENESIS for the first) and `hash` = SHA-256 of the canonical JSON of the entry
 * without `hash`. Rewriting, deleting or inserting an entry breaks every link after it.
 * No Firebase here: the callables write, the audit command (scripts/audit-chain.mjs) verifies.
 */
export const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every level (stable across writers and readers). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

export interface Chained {
  seq: number;
  prevHash: string;
  hash: string;
}

export function entryHash(entry: Record<string, unknown>): string {
  const rest = { ...entry };
  delete rest['hash'];
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

/** Links an entry after the head `{seq, hash}` (or at the start when head is null). */
export function link<T extends Record<string, unknown>>(
  entry: T,
  head: { seq: number; hash: string } | null,
): T & Chained {
  const linked = { ...entry, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS };
  return { ...linked, hash: entryHash(linked) };
}

export type ChainCheck = { ok: true; length: number; head: string } | { ok: false; seq: number; reason: string };

/**
 * Verifies a history (any order; sorted by seq here). Names the first broken link: a gap in the
 * sequence, a prevHash that is not the previous entry's hash, or a hash that does not match the
 * entry's content.
 */
export function verifyChain(entries: ReadonlyArray<Record<string, unknown>>): ChainCheck {
  const sorted = [...entries].sort((a, b) => Number(a['seq']) - Number(b['seq']));
  let prev = GENESIS;
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    const seq = Number(e['seq']);
    if (seq !== i + 1) return { ok: false, seq: i + 1, reason: `entry ${i + 1} is missing (found ${seq})` };
    if (e['prevHash'] !== prev) return { ok: false, seq, reason: `prevHash does not match the hash of entry ${seq - 1}` };
    const h = entryHash(e);
    if (e['hash'] !== h) return { ok: false, seq, reason: 'content does not match its hash (entry altered)' };
    prev = h;
  }
  return { ok: true, length: sorted.length, head: prev };
}
