/**
 * Demo answers of the Survei Kepuasan Masyarakat (SKM) for `npm start`, so the SKM report shows an
 * index. Anonymous responses (`surveyResponses`) and their monthly totals (`skmMonths`) are written
 * together from one list, the month's totals being the sum of its responses — exactly what the
 * survey route stores (functions/src/survey/responses.ts). Three months: two months ago, last month
 * and this month (WITA). Does nothing when a month total exists already. The one completed demo
 * case keeps its survey open, for the counter screen.
 */
const KEYS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'];

// Scores U1..U9 per respondent (mostly 3–4, biaya always "Gratis" = 4, the waiting room weaker).
const PATTERNS = [
  [4, 4, 3, 4, 4, 4, 4, 3, 3],
  [3, 3, 3, 4, 3, 3, 4, 3, 3],
  [4, 3, 4, 4, 3, 4, 4, 2, 3],
  [3, 4, 3, 4, 4, 3, 4, 3, 4],
  [4, 4, 4, 4, 4, 4, 4, 3, 4],
  [3, 3, 2, 4, 3, 3, 3, 2, 3],
  [4, 3, 3, 4, 3, 4, 4, 3, 3],
];
const SUGGESTIONS = [
  'Ruang tunggu mohon ditambah kursi dan kipas angin.',
  'Petugas ramah dan menjelaskan dengan sabar. Terima kasih.',
  'Mohon informasi persyaratan ditempel di depan loket supaya tidak bolak-balik.',
  'Prosesnya cepat, surat langsung jadi hari itu juga.',
  'Sebaiknya ada nomor antrean.',
];

function officeMonth(offsetMonths) {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - offsetMonths, 1));
  return d.toISOString().slice(0, 7);
}

export async function seedSurvey(db, { log = console.log } = {}) {
  const months = [officeMonth(2), officeMonth(1), officeMonth(0)];
  const existing = await db.getAll(...months.map((m) => db.collection('skmMonths').doc(m)));
  if (existing.some((s) => s.exists)) return 0;
  const today = new Date(Date.now() + 8 * 3_600_000).getUTCDate();
  const counts = [9, 12, 6];
  let written = 0;
  let suggestion = 0;
  const batch = db.batch();
  months.forEach((month, mi) => {
    const totals = { month, respondents: 0, sums: Object.fromEntries(KEYS.map((k) => [k, 0])) };
    for (let i = 0; i < counts[mi]; i++) {
      const p = PATTERNS[(i + mi) % PATTERNS.length];
      const answers = Object.fromEntries(KEYS.map((k, j) => [k, p[j]]));
      // This month's answers fall on days that have passed; other months on days 2..28.
      const day = mi === 2 ? 1 + (i % Math.max(today, 1)) : 2 + ((i * 3) % 27);
      const date = `${month}-${String(day).padStart(2, '0')}`;
      const saran = i % 3 === 0 ? SUGGESTIONS[suggestion++ % SUGGESTIONS.length] : undefined;
      batch.create(db.collection('surveyResponses').doc(), {
        answers,
        ...(saran ? { saran, saranDate: date } : {}),
        channel: i % 2 === 0 ? 'loket' : 'tautan',
        month,
        date,
      });
      totals.respondents += 1;
      for (const k of KEYS) totals.sums[k] += answers[k];
      written++;
    }
    batch.create(db.collection('skmMonths').doc(month), totals);
  });
  await batch.commit();
  log(`[seed] created ${written} demo survey answers (SKM) over ${months.join(', ')}`);
  return written;
}
