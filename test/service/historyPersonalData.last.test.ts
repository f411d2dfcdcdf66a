/**
 * History entries carry no personal data (DESIGN.md, issue #11): after every other service file has
 * run (`npm test` runs `*.last.test.ts` files after the rest of the layer), every
 * `cases/*\/history/*` entry the suite wrote — in every worker's project (`demo-svc-1…N`,
 * N = SERVICE_WORKERS) — is scanned for strings shaped like a NIK/KK/card number, an Indonesian mobile
 * number or an email address. The failure names each entry (case number, seq, action, field).
 */
import { initializeApp } from 'firebase-admin/app';
import { getFirestore, type QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { findPersonalDataDeep } from '../../functions/src/domain/personalData.js';
import { PROJECT_ID } from '../support/env.js';

/** Every worker's project of this run (this file's own among them). */
const projects = (): string[] => {
  const n = Number(process.env['SERVICE_WORKERS'] ?? 1);
  const prefix = PROJECT_ID.replace(/-\d+$/, '');
  return [...new Set([PROJECT_ID, ...Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`)])];
};

describe('history entries written by the service suite', () => {
  it('hold no NIK-, phone- or email-shaped string', async () => {
    const docs: QueryDocumentSnapshot[] = [];
    for (const projectId of projects()) {
      const db = getFirestore(initializeApp({ projectId }, `scan-${projectId}`));
      docs.push(...(await db.collectionGroup('history').get()).docs);
    }
    const entries = { size: docs.length, docs };
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
