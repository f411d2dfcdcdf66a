/**
 * History entries carry no personal data (DESIGN.md, issue #11): after every other integration
 * file has run (vitest.config.ts runs `*.last.test.ts` files last), every `cases/*\/history/*` entry
 * the suite wrote is scanned for strings shaped like a NIK/KK/card number, an Indonesian mobile
 * number or an email address. The failure names each entry (case number, seq, action, field).
 */
import { describe, expect, it } from 'vitest';
import { findPersonalDataDeep } from '../../functions/src/domain/personalData.js';
import { adminDb } from '../support/admin.js';

describe('history entries written by the integration suite', () => {
  it('hold no NIK-, phone- or email-shaped string', async () => {
    const entries = await adminDb.collectionGroup('history').get();
    // The suite drives cases through every writer of history; an empty scan would prove nothing.
    expect(entries.size).toBeGreaterThan(50);
    const numbers = new Map<string, string>();
    const findings: string[] = [];
    for (const e of entries.docs) {
      const hits = findPersonalDataDeep(e.data());
      if (hits.length === 0) continue;
      const caseDoc = e.ref.parent.parent;
      if (caseDoc && !numbers.has(caseDoc.id)) numbers.set(caseDoc.id, String((await caseDoc.get()).get('number') ?? caseDoc.id));
      for (const h of hits) {
        findings.push(`${numbers.get(caseDoc?.id ?? '') ?? '?'} #${e.id} ${String(e.get('action'))}: ${h.path} holds a ${h.shape} (${h.match.replace(/[0-9a-z]/gi, '•').slice(0, 40)})`);
      }
    }
    expect(findings, `history entries with personal data:\n${[...new Set(findings)].join('\n')}`).toEqual([]);
  });
});
