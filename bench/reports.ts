/**
 * Benchmark: the monthly report of an office with 20,000 cases in a year.
 *   npm run bench:reports [-- --cases 20000]
 * Seeds N whole cases (case, identity, inbox row, hash-chained history following the SOP) spread
 * over the last 365 days straight into the emulator with the admin SDK (scripts/seedReports.mjs),
 * with the Functions emulator's background triggers switched off meanwhile (N × ~9 trigger runs
 * would take hours on two cores and would only do what the rebuild does); then the rebuild path
 * computes the month documents and markers; then a Kabid calls the real `monthlyReport` callable
 * for the last full month and the current one. Prints documents read (as the callable accounts
 * them: documents fetched + count() read units), response bytes and time (cold first call, then
 * the median of 5 warm calls).
 */
import { backgroundTriggers, syntheticCases, writeSyntheticCases } from '../scripts/seedReports.mjs';
import { rebuildMonthlyReports } from '../functions/src/reports/monthlyStore.js';
import { monthOf } from '../functions/src/domain/reports/monthlyTally.js';
import { monthsEndingWith } from '../functions/src/domain/reports/monthlyReport.js';
import { adminDb, createStaff } from '../test/support/admin.js';
import { client } from '../test/support/client.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('cases', 20_000);
const now = new Date();
const people = (role: string, k: number) => Array.from({ length: k }, (_, i) => ({ uid: `bench-${role}-${i + 1}`, name: `${role.toUpperCase()} ${i + 1}` }));
const staff = { fo: people('fo', 4), analis: people('analis', 3), koordinator: people('koordinator', 2), kabid: people('kabid', 1) };

let t = performance.now();
const cases = await syntheticCases({ count: N, from: new Date(now.getTime() - 365 * 86_400_000), to: now, seed: 20_000, staff });
const events = cases.reduce((s, c) => s + c.events.length, 0);
console.log(`generated ${N} cases, ${events} history entries in ${((performance.now() - t) / 1000).toFixed(1)} s`);
t = performance.now();
await backgroundTriggers(false);
let writes: number;
try {
  writes = await writeSyntheticCases(adminDb, cases);
} finally {
  await backgroundTriggers(true);
}
console.log(`wrote ${writes} documents (triggers off) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
t = performance.now();
const rebuilt = await rebuildMonthlyReports(adminDb);
console.log(`rebuild: ${rebuilt.cases} cases, ${rebuilt.events} counted events, ${rebuilt.months.length} months, in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const kabid = await createStaff(['kabid'], { name: 'Kabid Bench' });
const c = await client(kabid);
type Answer = { report: { totals: Record<string, number> }; cost: { documents: number; countQueries: number; countReadUnits: number; total: number } };
const current = monthOf(now);
const lastFull = monthsEndingWith(current, 2)[0]!;
for (const month of [lastFull, current]) {
  const times: number[] = [];
  let answer: Answer | undefined;
  let bytes = 0;
  for (let i = 0; i < 6; i++) {
    const s = performance.now();
    answer = await c.call<Answer>('monthlyReport', { month });
    times.push(performance.now() - s);
    bytes = Buffer.byteLength(JSON.stringify(answer));
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  const monthDocBytes = Buffer.byteLength(JSON.stringify((await adminDb.doc(`reportMonths/${month}`).get()).data() ?? {}));
  console.log(
    `monthlyReport ${month}: received ${answer!.report.totals['received']}, backlog ${answer!.report.totals['backlog']}; ` +
      `reads ${answer!.cost.total} (${answer!.cost.documents} documents + ${answer!.cost.countQueries} count() queries = ${answer!.cost.countReadUnits} read units); ` +
      `response ${(bytes / 1024).toFixed(1)} KB (month document ${(monthDocBytes / 1024).toFixed(1)} KB); ` +
      `time cold ${times[0]!.toFixed(0)} ms, warm median ${warm[Math.floor(warm.length / 2)]!.toFixed(0)} ms, warm max ${warm[warm.length - 1]!.toFixed(0)} ms`,
  );
  if (answer!.cost.total > 50) console.log('  OVER BUDGET: more than 50 documents read');
  if (warm[Math.floor(warm.length / 2)]! > 2000) console.log('  OVER BUDGET: slower than 2 s');
}
await c.close();
process.exit(0);
