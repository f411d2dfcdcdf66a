import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS, link, verifyChain } from '../../functions/src/audit/chain.js';

const e = (action: string, at: string): Record<string, unknown> => ({ action, at, by: 'u1', note: undefined });

type Entry = Record<string, unknown> & { seq: number; hash: string; prevHash: string };
function chainOf(n: number): Entry[] {
  const out: Entry[] = [];
  for (let i = 0; i < n; i++) {
    const prev = out[i - 1];
    out.push(link(e(`a${i}`, `2026-11-27T0${i}:00:00.000Z`), prev ? { seq: prev.seq, hash: prev.hash } : null));
  }
  return out;
}

describe('history hash chain', () => {
  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
  });

  it('the first entry links to GENESIS and hashes its canonical content', () => {
    const [first] = chainOf(1);
    expect(first!.seq).toBe(1);
    expect(first!.prevHash).toBe(GENESIS);
    const expected = createHash('sha256')
      .update(`{"action":"a0","at":"2026-11-27T00:00:00.000Z","by":"u1","prevHash":"${GENESIS}","seq":1}`)
      .digest('hex');
    expect(first!.hash).toBe(expected);
  });

  it('an intact chain verifies, in any order', () => {
    const c = chainOf(5);
    expect(verifyChain([...c].reverse())).toEqual({ ok: true, length: 5, head: c[4]!.hash });
  });

  it('an altered entry is named as the first broken link', () => {
    const c = chainOf(5);
    c[2] = { ...c[2]!, by: 'someone-else' };
    expect(verifyChain(c)).toMatchObject({ ok: false, seq: 3 });
  });

  it('a removed entry is named', () => {
    const c = chainOf(5);
    c.splice(1, 1);
    expect(verifyChain(c)).toMatchObject({ ok: false, seq: 2 });
  });

  it('an entry re-hashed after editing breaks the next link', () => {
    const c = chainOf(4);
    const orig: Record<string, unknown> = c[1]!;
    const edited: Record<string, unknown> = { action: orig['action'], at: orig['at'], by: orig['by'], note: 'diubah' };
    c[1] = link(edited, { seq: 1, hash: c[0]!.hash });
    const r = verifyChain(c);
    expect(r).toMatchObject({ ok: false, seq: 3 });
    expect(r.ok ? '' : r.reason).toMatch(/prevHash/);
  });
});
