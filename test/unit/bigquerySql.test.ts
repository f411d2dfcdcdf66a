/**
 * The BigQuery SQL (bigquery/monthly_report.sql) reads the register rows the app writes: every JSON
 * path it reads exists in a `caseRegister` row built by the trigger's own function
 * (`registerRowOf`, the fold of `applyHistoryEntry`) from a case's history. The integration test
 * (test/integration/registers.test.ts) checks the same paths on a row the trigger wrote after a
 * real workflow. Also: the extension manifest names the collection and table the SQL reads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerRowOf, type HistoryRecord } from '../../functions/src/domain/registers.js';
import { missingSqlPaths, sqlJsonPaths } from '../support/bigquery.js';

const ROOT = join(__dirname, '../..');
const sql = readFileSync(join(ROOT, 'bigquery/monthly_report.sql'), 'utf8');

const at = (m: number) => new Date(Date.parse('2026-11-02T00:00:00.000Z') + m * 60_000).toISOString();
const step = (n: number, minutes: number) => ({ step: n, stepMinutes: minutes, stepStandardMinutes: n <= 3 ? 10 : 5, stepEnded: true });
const history: HistoryRecord[] = [
  { seq: 1, action: 'intake', from: null, to: 'intake', at: at(0), by: 'f', byName: 'FO' },
  { seq: 2, action: 'submit', from: 'intake', to: 'submitted', at: at(5), by: 'f', byName: 'FO', ...step(1, 5) },
  { seq: 3, action: 'verify', from: 'submitted', to: 'verified', at: at(9), by: 'f', byName: 'FO', ...step(2, 4) },
  { seq: 4, action: 'decideYes', from: 'verified', to: 'drafted', at: at(20), by: 'a', byName: 'Analis', ...step(3, 11) },
  { seq: 5, action: 'paraf', from: 'drafted', to: 'initialled', at: at(22), by: 'k', byName: 'Koor', ...step(4, 2) },
  { seq: 6, action: 'sign', from: 'initialled', to: 'signed', at: at(24), by: 'b', byName: 'Kabid', ...step(5, 2) },
  { seq: 7, action: 'recordHandover', from: 'signed', to: 'completed', at: at(28), by: 'f', byName: 'FO', ...step(6, 4) },
];
const facts = {
  caseId: 'c1',
  number: 'ADU-2026-000001',
  createdAt: at(0),
  complaintType: 'pin_terblokir' as const,
  relation: 'kpm' as const,
  kecamatan: 'Tarakan Tengah',
  kelurahan: 'Sebengkok',
};

describe('bigquery/monthly_report.sql', () => {
  it('reads JSON paths of the register row only, and all the figures’ fields', () => {
    const paths = sqlJsonPaths(sql);
    expect(paths).toEqual(
      expect.arrayContaining(['$.month', '$.outcome', '$.finishedAt', '$.closedReason', '$.complaintType', '$.relation', '$.kecamatan', '$.kelurahan', '$.state']),
    );
    for (const s of [1, 2, 3, 4, 5, 6]) {
      for (const f of ['at', 'minutes', 'withinStandard', 'ended', 'by', 'byName']) expect(paths).toContain(`$.steps.s${s}.${f}`);
    }
  });

  it('finds every path it reads in a row the trigger’s function builds', () => {
    const row = JSON.parse(JSON.stringify(registerRowOf(facts, history))) as unknown;
    expect(missingSqlPaths(sql, row)).toEqual([]);
    // And a path that is not there is reported (the check can fail).
    expect(missingSqlPaths(`${sql}\nSELECT JSON_VALUE(data, '$.applicantName') FROM rows`, row)).toEqual(['$.applicantName']);
  });

  it('reads the table the extension manifest streams caseRegister into', () => {
    const env = readFileSync(join(ROOT, 'extensions/firestore-bigquery-export.env'), 'utf8');
    const param = (k: string) => new RegExp(`^${k}=(.*)$`, 'm').exec(env)?.[1];
    expect(param('COLLECTION_PATH')).toBe('caseRegister');
    expect(sql).toContain(`.${param('TABLE_ID')}_raw_latest\``);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'firebase.bigquery.json'), 'utf8')) as { extensions: Record<string, string> };
    expect(manifest.extensions['firestore-bigquery-export']).toMatch(/^firebase\/firestore-bigquery-export@\d+\.\d+\.\d+$/);
  });
});
