/**
 * Bulk fixtures for the monthly report: many whole cases spread over past months, for
 * `npm run bench:reports` (20,000 cases over a year) and the monthly report's end-to-end test. The
 * cases are the demo seed's (functions/src/demo: `backdatedCases` scripts them, `writeBulkCases`
 * writes them through the callables' intake and transitions, several cases per batch), except that
 * recent ones may still be open (a backlog) and the letter is a stand-in on cases marked
 * `synthetic: true` — rendering 18,000 letters is not what these measure. The caller rebuilds the
 * month documents (`rebuildMonthlyReports`); the Functions emulator's background triggers are
 * switched off meanwhile through the Emulator Hub (`backgroundTriggers`).
 *
 * Needs the built functions (functions/lib). The names, NIKs and phone numbers are made up
 * (NIK 6571… = Kota Tarakan).
 */
import { ROOT } from './lib.mjs';
import { useFunctionsEnv } from './seed.mjs';

/** Switches the Functions emulator's background triggers off or on (Emulator Hub). */
export { backgroundTriggers } from './seed.mjs';

const lib = (p) => import(`${ROOT}/functions/lib/${p}`);
const plan = await lib('demo/plan.js');

/** A small deterministic PRNG (mulberry32), so the demo and the bench are the same every run. */
export const rng = plan.rng;

/**
 * Whole scripted cases received in office hours between `from` and `to` (Dates), `count` of them.
 * `staff`: { fo: [{uid,name}], analis: […], koordinator: […], kabid: […] }. Cases received in the
 * last 3 days are often still open, and a few older ones are stuck (a backlog). Each carries
 * `number` (from `numberBase`), `state`, `createdAt` and `events` (intake and actions) for the caller.
 */
export async function syntheticCases({ count, from, to, seed = 1, staff, numberBase = 500000 }) {
  const { DEFAULT_SETTINGS } = await lib('domain/settings.js');
  const { TRANSITIONS } = await lib('domain/workflow.js');
  const actors = {};
  const pools = {};
  for (const role of ['fo', 'analis', 'koordinator', 'kabid']) {
    pools[role] = staff[role].map((s, i) => {
      const key = `${role}#${i}`;
      actors[key] = { uid: s.uid, name: s.name, roles: [role] };
      return key;
    });
  }
  const cases = plan.backdatedCases({ count, from, to, until: to, seed, pools, cal: DEFAULT_SETTINGS.calendar, openRecent: true, numberBase });
  return cases.map((c) => {
    // The state each action leads to (the state table; the planner checks the actions when written).
    let state = 'intake';
    for (const s of c.steps) {
      const row = TRANSITIONS.find((t) => t.action === s.input.action && t.from === state);
      state = typeof row?.to === 'string' ? row.to : (row?.to[s.input.destination] ?? state);
    }
    const events = [{ action: 'intake', at: c.intake.at, by: actors[c.intake.by].uid }, ...c.steps.map((s) => ({ action: s.input.action, at: s.at, by: actors[s.by].uid }))];
    return { ...c, state, createdAt: c.intake.at, events, actors };
  });
}

/**
 * Writes cases of `syntheticCases` (case, identity, inbox row, open-case entry, search keys and the
 * hash-chained history, through the callables' writers). `db` is the default app's Firestore, which
 * the functions' code writes to. Returns the number of writes.
 */
export async function writeSyntheticCases(_db, cases) {
  useFunctionsEnv();
  const [{ writeBulkCases }, { loadSettings }] = await Promise.all([lib('demo/seed.js'), lib('firebase/settings.js')]);
  const staff = Object.assign({}, ...cases.map((c) => c.actors));
  return writeBulkCases(cases, { office: plan.TARAKAN, settings: await loadSettings(), staff });
}
