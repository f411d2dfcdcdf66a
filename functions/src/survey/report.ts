/**
 * The SKM report of a period (whole office-local months): the months' running totals
 * (`skmMonths`, one document per month) give respondents, NRR per element and the IKM
 * (domain/skm.ts); the suggestions come from the responses that carry one, newest first, at most
 * SUGGESTIONS_CAP (the report says how many there are in all).
 *
 * Who sees what: the Kabid, the Koordinator and the administrator see everything; FO and Analis
 * see the figures but not the suggestions — a suggestion is free text about the people who served
 * the applicant (often naming the officer at the counter), read and followed up by the heads of
 * the unit, not by the colleagues it may be about.
 */
import { computeSkm, emptyTotals, addTotals, monthsOf, UNSUR_KEYS, type SkmResult, type SkmTotals, type SurveyChannel } from '../domain/skm.js';
import type { Role } from '../domain/vocabulary.js';
import { db } from '../firebase/admin.js';
import { RESPONSES, SKM_MONTHS } from './invites.js';

export const SUGGESTIONS_CAP = 200;
/** The roles that read the suggestions. */
export const SUGGESTION_ROLES: readonly Role[] = ['kabid', 'koordinator', 'admin'];
/** The roles that read the report at all (every staff role). */
export const SKM_REPORT_ROLES: readonly Role[] = ['fo', 'analis', 'koordinator', 'kabid', 'admin'];

export interface Suggestion {
  date: string;
  text: string;
  channel: SurveyChannel;
}

export interface SkmReport {
  from: string;
  to: string;
  months: { month: string; respondents: number }[];
  respondents: number;
  /** null when the period has no respondent. */
  result: SkmResult | null;
  /** Absent for roles that do not read suggestions. */
  suggestions?: Suggestion[];
  /** How many responses of the period carry a suggestion (may exceed the list). */
  suggestionsTotal?: number;
  suggestionsCap: number;
}

function totalsOfDoc(data: Record<string, unknown> | undefined): SkmTotals {
  const t = emptyTotals();
  if (!data) return t;
  t.respondents = Number(data['respondents'] ?? 0);
  const sums = (data['sums'] ?? {}) as Record<string, unknown>;
  for (const k of UNSUR_KEYS) t.sums[k] = Number(sums[k] ?? 0);
  return t;
}

export async function skmReportOf(from: string, to: string, withSuggestions: boolean): Promise<SkmReport> {
  const months = monthsOf(from, to);
  const snaps = await db().getAll(...months.map((m) => db().collection(SKM_MONTHS).doc(m)));
  const perMonth = snaps.map((s, i) => ({ month: months[i] ?? s.id, totals: totalsOfDoc(s.data()) }));
  const totals = perMonth.reduce((acc, m) => addTotals(acc, m.totals), emptyTotals());
  const report: SkmReport = {
    from,
    to,
    months: perMonth.map((m) => ({ month: m.month, respondents: m.totals.respondents })),
    respondents: totals.respondents,
    result: totals.respondents > 0 ? computeSkm(totals) : null,
    suggestionsCap: SUGGESTIONS_CAP,
  };
  if (withSuggestions) {
    const q = db()
      .collection(RESPONSES)
      .where('saranDate', '>=', `${from}-01`)
      .where('saranDate', '<=', `${to}-31`);
    const [list, count] = await Promise.all([
      q.orderBy('saranDate', 'desc').limit(SUGGESTIONS_CAP).get(),
      q.count().get(),
    ]);
    report.suggestions = list.docs.map((d) => ({
      date: String(d.get('date')),
      text: String(d.get('saran')),
      channel: d.get('channel') === 'loket' ? 'loket' : 'tautan',
    }));
    report.suggestionsTotal = count.data().count;
  }
  return report;
}
