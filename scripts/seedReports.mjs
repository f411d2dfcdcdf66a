/**
 * Backdated cases for the monthly report: whole cases (case document, identity, inbox row, the
 * open-case entry and a hash-chained history that follows the SOP's transitions) spread over past
 * months, written
 * straight into the emulator with the admin SDK, then the report's rebuild computes the month
 * documents (the `recordHistoryEntry` trigger is switched off meanwhile through the Emulator Hub, so
 * tens of thousands of history writes do not each run it; the rebuild writes every marker).
 *
 * Used by `npm start`'s demo data (`seedReports`, a few hundred cases over 12 months) and by
 * `npm run bench:reports` (20,000 cases over a year). Needs the built functions (functions/lib).
 * The names, NIKs and phone numbers are made up (NIK 6571… = Kota Tarakan).
 */
/* global fetch */
import { ROOT } from './lib.mjs';

const lib = (p) => import(`${ROOT}/functions/lib/${p}`);

/** A small deterministic PRNG (mulberry32), so the demo and the bench are the same every run. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const weighted = (r, pairs) => {
  let x = r() * pairs.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of pairs) if ((x -= w) < 0) return v;
  return pairs[pairs.length - 1][0];
};

const FIRST = ['Siti', 'Nur', 'Muhammad', 'Ahmad', 'Rahma', 'Dewi', 'Budi', 'Yuli', 'Hasan', 'Fatimah', 'Agus', 'Sri', 'Andi', 'Wati', 'Rizal', 'Hj. Aminah'];
const LAST = ['Aminah', 'Hidayah', 'Saputra', 'Lestari', 'Pratama', 'Wulandari', 'Hartono', 'Susanti', 'Ramadhan', 'Zahra', 'Kurniawan', 'Rahayu'];
const CLOSE_REASONS = [
  'Yang bersangkutan tidak terdaftar sebagai KPM Program Sembako di DTKS.',
  'KPM telah dinonaktifkan dari Program Sembako sejak penyaluran sebelumnya.',
  'Permasalahan merupakan kewenangan Bank Himbara penyalur; pemohon diarahkan ke bank.',
];

/** Duration of a step in office minutes: mostly near the standard, some far over it. */
function stepMinutes(r, standard) {
  const u = r();
  if (u < 0.7) return Math.round(standard * (0.3 + r() * 0.7) * 10) / 10;
  if (u < 0.93) return Math.round(standard * (1 + r() * 2) * 10) / 10;
  return Math.round(standard * (3 + r() * 40) * 10) / 10;
}

/**
 * Whole synthetic cases received between `from` and `to` (Dates), `count` of them, each with its
 * history. `staff`: { fo: [{uid,name}], analis: […], koordinator: […], kabid: […] }.
 * Cases received in the last 3 days are often still open; a few older ones are stuck (backlog).
 */
export async function syntheticCases({ count, from, to, seed = 1, staff, numberBase = 500000 }) {
  const [{ DEFAULT_TIME_STANDARDS }, vocab, { maskName }, { formatCaseNumber }, { officeDateParts }] = await Promise.all([
    lib('domain/officeClock.js'),
    lib('domain/vocabulary.js'),
    lib('domain/letterContent.js'),
    lib('domain/caseNumber.js'),
    lib('domain/indonesianDate.js'),
  ]);
  const { KECAMATAN_TARAKAN } = vocab;
  const r = rng(seed);
  const areas = Object.entries(KECAMATAN_TARAKAN).flatMap(([kec, kels]) => kels.map((kel) => [kec, kel]));
  const span = to.getTime() - from.getTime();
  const starts = Array.from({ length: count }, () => from.getTime() + Math.floor(r() * span)).sort((a, b) => a - b);
  const seqByYear = new Map();
  const out = [];
  for (const [i, start0] of starts.entries()) {
    // Office hours, WITA: move the instant to a weekday between 08:00 and 15:00 local.
    const local = new Date(start0 + 8 * 3600_000);
    const dow = local.getUTCDay();
    if (dow === 0) local.setUTCDate(local.getUTCDate() + 1);
    if (dow === 6) local.setUTCDate(local.getUTCDate() + 2);
    local.setUTCHours(8 + Math.floor(r() * 7), Math.floor(r() * 60), Math.floor(r() * 60), 0);
    const start = Math.min(local.getTime() - 8 * 3600_000, to.getTime() - 60_000);
    const year = officeDateParts(new Date(start)).year;
    const seq = (seqByYear.get(year) ?? numberBase) + 1;
    seqByYear.set(year, seq);
    const number = formatCaseNumber(year, seq);
    const complaintType = weighted(r, [['pin_terblokir', 35], ['kks_hilang', 25], ['transaksi_bermasalah', 20], ['buku_tabungan_hilang', 10], ['kpm_meninggal', 5], ['lainnya', 5]]);
    const relation = complaintType === 'kpm_meninggal' ? 'ahli_waris' : weighted(r, [['kpm', 85], ['kuasa', 15]]);
    const [kecamatan, kelurahan] = pick(r, areas);
    const fo = pick(r, staff.fo);
    const analis = pick(r, staff.analis);
    const koordinator = pick(r, staff.koordinator);
    const kabid = pick(r, staff.kabid);
    const ageDays = (to.getTime() - start) / 86_400_000;
    // Where the case stops: most cases end; recent ones are often still on their way.
    const stopAfter = ageDays < 3 && r() < 0.5 ? 1 + Math.floor(r() * 6) : r() < 0.012 ? 1 + Math.floor(r() * 6) : Infinity;

    let t = start;
    let state = 'intake';
    const events = [{ action: 'intake', from: null, to: 'intake', at: new Date(t).toISOString(), by: fo.uid, byName: fo.name, actedAs: 'fo', note: `Pengaduan diterima: ${number}` }];
    const act = (action, target, who, role, opts = {}) => {
      const timed = state === 'awaiting_documents' ? 'submitted' : state;
      const standard = DEFAULT_TIME_STANDARDS[timed];
      const minutes = opts.minutes ?? stepMinutes(r, standard);
      t += Math.round(minutes * 60_000) + (opts.gapMs ?? 0);
      if (t > to.getTime() - 1000) return false;
      events.push({
        action,
        from: state,
        to: target,
        ...(opts.note ? { note: opts.note } : {}),
        step: { intake: 1, submitted: 2, verified: 3, drafted: 4, initialled: 5, signed: 6 }[timed],
        stepMinutes: minutes,
        stepStandardMinutes: standard,
        stepEnded: action !== 'returnToApplicant' && action !== 'documentsCompleted',
        by: who.uid,
        byName: who.name,
        actedAs: role,
        at: new Date(t).toISOString(),
      });
      state = target;
      return true;
    };
    let closure = null;
    const path = () => {
      let steps = 0;
      const go = (...a) => steps++ < stopAfter && act(...a);
      if (!go('submit', 'submitted', fo, 'fo')) return;
      if (r() < 0.1) {
        if (!go('returnToApplicant', 'awaiting_documents', fo, 'fo', { note: 'Fotokopi KTP/KK belum dibawa.' })) return;
        if (!go('documentsCompleted', 'submitted', fo, 'fo', { minutes: 0, gapMs: (1 + Math.floor(r() * 5)) * 86_400_000 })) return;
      }
      for (;;) {
        if (!go('verify', 'verified', fo, 'fo')) return;
        const d = r();
        if (d < 0.05) {
          const reason = pick(r, CLOSE_REASONS);
          if (go('decideNo', 'closed', analis, 'analis', { note: reason })) closure = { reason, by: analis.uid, byName: analis.name, at: new Date(t).toISOString() };
          return;
        }
        if (d < 0.08) {
          if (!go('decideNo', 'submitted', analis, 'analis', { note: 'Data KPM perlu dicocokkan ulang dengan KK terbaru.' })) return;
          continue;
        }
        if (!go('decideYes', 'drafted', analis, 'analis')) return;
        if (r() < 0.05) {
          if (!go('requestRevision', 'verified', koordinator, 'koordinator', { note: 'Perbaiki uraian solusi pada draf.' })) return;
          if (!go('decideYes', 'drafted', analis, 'analis')) return;
        }
        if (!go('paraf', 'initialled', koordinator, 'koordinator')) return;
        if (!go('sign', 'signed', kabid, 'kabid')) return;
        go('recordHandover', 'completed', fo, 'fo');
        return;
      }
    };
    path();
    const applicantName = `${pick(r, FIRST)} ${pick(r, LAST)}`;
    const nik = `6571${String(10000000 + Math.floor(r() * 89999999)).padStart(8, '0')}${String(1000 + (i % 9000)).padStart(4, '0')}`;
    out.push({
      number,
      complaintType,
      relation,
      kecamatan,
      kelurahan,
      applicantName,
      nik,
      phone: `+62812${String(10000000 + Math.floor(r() * 89999999))}`,
      state,
      closure,
      createdAt: events[0].at,
      createdBy: fo,
      updatedAt: events[events.length - 1].at,
      updatedBy: events[events.length - 1].by,
      events,
      masked: maskName(applicantName),
    });
  }
  return out;
}

/** Switches the Functions emulator's background triggers off or on (Emulator Hub). */
export async function backgroundTriggers(enabled) {
  const hub = process.env.FIREBASE_EMULATOR_HUB ?? '127.0.0.1:4400';
  const res = await fetch(`http://${hub}/functions/${enabled ? 'enable' : 'disable'}BackgroundTriggers`, { method: 'PUT' });
  if (!res.ok) throw new Error(`Emulator Hub refused to ${enabled ? 'enable' : 'disable'} triggers: ${res.status}`);
}

/** Writes synthetic cases (case, identity, inbox row, linked history) with a BulkWriter. */
export async function writeSyntheticCases(db, cases) {
  const [{ link }, { startClock, stopClock }, { summaryDocOf }, { emptyChecklist }] = await Promise.all([
    lib('audit/chain.js'),
    lib('domain/officeClock.js'),
    lib('domain/caseSummary.js'),
    lib('domain/caseModel.js'),
  ]);
  const writer = db.bulkWriter();
  writer.onWriteError((e) => e.failedAttempts < 5);
  let writes = 0;
  for (const c of cases) {
    const ref = db.collection('cases').doc();
    let head = null;
    for (const e of c.events) {
      const entry = link(e, head);
      head = { seq: entry.seq, hash: entry.hash };
      void writer.create(ref.collection('history').doc(String(entry.seq).padStart(6, '0')), entry);
      writes++;
    }
    const last = new Date(c.updatedAt);
    const clock = c.state === 'completed' || c.state === 'closed' ? stopClock(c.state, last) : startClock(c.state === 'awaiting_documents' ? 'submitted' : c.state, last);
    const documents = emptyChecklist();
    for (const k of ['ktp_kk', 'buku_tabungan', ...(c.complaintType === 'kks_hilang' ? [] : ['kks'])]) documents[k] = { present: true, check: null };
    const summary = { applicantName: c.masked, kpmName: c.masked, kpmNik: `${c.nik.slice(0, 4)} •••• •••• ${c.nik.slice(12)}`, kecamatan: c.kecamatan, kelurahan: c.kelurahan, hasEmail: false };
    const kase = {
      number: c.number,
      state: c.state,
      version: c.events.length,
      complaintType: c.complaintType,
      complaintDetail: c.complaintType === 'lainnya' ? 'Saldo bantuan tidak masuk.' : '',
      relation: c.relation,
      documents,
      sopWarnings: [],
      identifierWarnings: [],
      closure: c.closure,
      clock,
      createdAt: c.createdAt,
      createdBy: c.createdBy.uid,
      createdByName: c.createdBy.name,
      updatedAt: c.updatedAt,
      updatedBy: c.updatedBy,
      summary,
      historyHead: head,
      synthetic: true,
    };
    void writer.create(ref, kase);
    const address = { kecamatan: c.kecamatan, kelurahan: c.kelurahan, street: 'Jl. Contoh RT 01' };
    void writer.create(ref.collection('private').doc('identity'), {
      applicant: { name: c.applicantName, nik: c.nik, phone: c.phone, address },
      kpm: { name: c.applicantName, nik: c.nik, kkNumber: `6571${c.nik.slice(4, 12)}0001` },
    });
    void writer.create(db.collection('caseSummaries').doc(ref.id), summaryDocOf(kase, summary));
    writes += 3;
    if (c.state !== 'completed' && c.state !== 'closed') {
      void writer.create(db.collection('openCases').doc(ref.id), { state: c.state, createdAt: c.createdAt });
      writes++;
    }
  }
  await writer.close();
  return writes;
}

/**
 * Demo data for the monthly report (`npm start`): about 25 cases a month for the 12 months before
 * now, by the demo staff and two more officers, then the rebuild of every month.
 */
export async function seedReports(db, { log = console.log, staffByRole, count = 300, now = new Date() } = {}) {
  const extra = { fo: { uid: 'demo-fo-2', name: 'Dedi Kurniawan' }, analis: { uid: 'demo-analis-2', name: 'Sri Wahyuni' } };
  const staff = {
    fo: [staffByRole.fo, extra.fo],
    analis: [staffByRole.analis, extra.analis],
    koordinator: [staffByRole.koordinator],
    kabid: [staffByRole.kabid],
  };
  const from = new Date(now.getTime() - 365 * 86_400_000);
  const cases = await syntheticCases({ count, from, to: now, seed: 2026, staff });
  await backgroundTriggers(false);
  try {
    await writeSyntheticCases(db, cases);
  } finally {
    await backgroundTriggers(true);
  }
  const { rebuildMonthlyReports } = await lib('reports/monthlyStore.js');
  const result = await rebuildMonthlyReports(db);
  // The register rows too (the history trigger was off while they were written).
  const { rebuildRegisters } = await lib('reports/registerStore.js');
  const rows = await rebuildRegisters();
  log(`[seed] ${cases.length} backdated cases for the monthly report; ${result.months.length} months and ${rows} register rows rebuilt`);
  return result;
}
