/**
 * The demo's script: who comes to the counter, when, with what, and what each officer then does —
 * as data (intake forms and workflow actions, each with its instant and who takes it), the same for
 * the same `now`, calendar and seed. Nothing here decides whether an action is allowed: the seed
 * (./seed.ts) hands every form and action to the planner the callables use, which refuses what the
 * workflow would refuse, and the test (test/service/demoSeed.test.ts) regenerates the script to
 * replay every stored case.
 *
 *  - `liveCases`: a few cases in every state, handled by the five demo staff in the office hours just
 *    before `now` — every clock shows an age a real inbox could show;
 *  - `backdatedCases`: a year of cases for the monthly report, the registers and the SKM index,
 *    received in office hours and ended (completed or closed), except a few still waiting for the
 *    applicant's documents (their clock is paused).
 * Pure: no Firebase.
 */
import type { ActionInput, IntakeInput } from '../domain/workflow.js';
import type { OfficeCalendar } from '../domain/officeClock.js';
import { DEFAULT_TIME_STANDARDS } from '../domain/officeClock.js';
import { requiredDocuments } from '../domain/documents.js';
import type { SkmAnswers, SurveyChannel } from '../domain/skm.js';
import {
  COMPLAINT_TYPE_LABELS,
  KECAMATAN_TARAKAN,
  type ApplicantRelation,
  type ComplaintType,
  type DocumentKind,
  type Role,
} from '../domain/vocabulary.js';
import { addOfficeMinutes, lastOfficeInstant, subtractOfficeMinutes } from './officeTime.js';

/** The office the demo data belongs to. Offices are coming (DESIGN.md): carried through, not yet stored. */
export interface DemoOffice {
  officeId: string;
}
export const TARAKAN: DemoOffice = { officeId: 'tarakan' };

// ---------------------------------------------------------------------------------------------
// Staff

export const DEMO_PASSWORD = 'Tarakan2026!';

export interface DemoStaffMember {
  /** How the script names this person. */
  key: string;
  email: string;
  name: string;
  roles: Role[];
  nip: string;
  title: string;
  /** Printed by `npm start` (the five demo logins); the others are colleagues in the backdated year. */
  login: boolean;
}

export const DEMO_STAFF: readonly DemoStaffMember[] = [
  {
    key: 'fo',
    email: 'fo@demo.dinsos-tarakan.id',
    name: 'Rina Marlina',
    roles: ['fo'],
    nip: '199003122015032004',
    title: 'Petugas Front Office',
    login: true,
  },
  {
    key: 'analis',
    email: 'analis@demo.dinsos-tarakan.id',
    name: 'Andi Saputra',
    roles: ['analis'],
    nip: '198807152012121002',
    title: 'Analis Pemberdayaan Sosial',
    login: true,
  },
  {
    key: 'koordinator',
    email: 'koordinator@demo.dinsos-tarakan.id',
    name: 'Hj. Nurhayati, S.Sos.',
    roles: ['koordinator'],
    nip: '197905202005022003',
    title: 'Koordinator Dayasos',
    login: true,
  },
  {
    key: 'kabid',
    email: 'kabid@demo.dinsos-tarakan.id',
    name: 'Drs. H. Muhammad Yusuf, M.Si.',
    roles: ['kabid'],
    nip: '197204101998031006',
    title: 'Kepala Bidang Sosial',
    login: true,
  },
  {
    key: 'admin',
    email: 'admin@demo.dinsos-tarakan.id',
    name: 'Admin Sistem',
    roles: ['admin'],
    nip: '',
    title: 'Administrator',
    login: true,
  },
  {
    key: 'fo2',
    email: 'fo2@demo.dinsos-tarakan.id',
    name: 'Dedi Kurniawan',
    roles: ['fo'],
    nip: '199207082019031005',
    title: 'Petugas Front Office',
    login: false,
  },
  {
    key: 'analis2',
    email: 'analis2@demo.dinsos-tarakan.id',
    name: 'Sri Wahyuni',
    roles: ['analis'],
    nip: '198911232014022001',
    title: 'Analis Pemberdayaan Sosial',
    login: false,
  },
];

/** Who may take each case role in a generated case: staff keys. */
export interface StaffPools {
  fo: readonly string[];
  analis: readonly string[];
  koordinator: readonly string[];
  kabid: readonly string[];
}
export const DEMO_POOLS: StaffPools = {
  fo: ['fo', 'fo2'],
  analis: ['analis', 'analis2'],
  koordinator: ['koordinator'],
  kabid: ['kabid'],
};

// ---------------------------------------------------------------------------------------------
// The script's shape

export interface DemoStep {
  /** ISO UTC. */
  at: string;
  /** Staff key of the person acting. */
  by: string;
  input: ActionInput;
}

export interface DemoSurvey {
  at: string;
  channel: SurveyChannel;
  answers: SkmAnswers;
  saran?: string;
}

export interface DemoCase {
  /** Stable name within the script (`live-01`, `y-0042`). */
  key: string;
  live: boolean;
  intake: { at: string; by: string; input: IntakeInput };
  /** Workflow actions in order. A `sign` is followed by the letter, issued at `letterAt`. */
  steps: DemoStep[];
  /** When the letter trigger would have run: seconds after the signature. */
  letterAt?: string;
  /** The applicant's answer to the survey after hand-over (the invitation is made at hand-over). */
  survey?: DemoSurvey;
  /** The FO prints the receipt (live cases, when the seed runs). */
  receipt: boolean;
  /** A number fixed by the script (bulk fixtures); otherwise the year's counter gives it. */
  number?: string;
}

// ---------------------------------------------------------------------------------------------
// Randomness and people

/** A small deterministic PRNG (mulberry32), so the demo and the benches are the same every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
function weighted<T>(r: Rand, pairs: readonly (readonly [T, number])[]): T {
  let x = r() * pairs.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of pairs) if ((x -= w) < 0) return v;
  return pairs[pairs.length - 1]![0];
}
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Kemendagri codes of Tarakan's kecamatan (65.71.xx). */
const KECAMATAN_CODE: Record<string, string> = {
  'Tarakan Timur': '01',
  'Tarakan Tengah': '02',
  'Tarakan Barat': '03',
  'Tarakan Utara': '04',
};
const AREAS = Object.entries(KECAMATAN_TARAKAN).flatMap(([kec, kels]) =>
  kels.map((kel) => [kec, kel] as const),
);

const WOMEN = [
  'Siti',
  'Nur',
  'Rahma',
  'Dewi',
  'Yuli',
  'Fatimah',
  'Sri',
  'Wati',
  'Hj. Aminah',
  'Marlina',
  'Hasnah',
  'Rosdiana',
];
const MEN = [
  'Muhammad',
  'Ahmad',
  'Budi',
  'Hasan',
  'Agus',
  'Andi',
  'Rizal',
  'Syamsul',
  'Baharuddin',
  'Joko',
  'Yusran',
  'Arifin',
];
const LAST = [
  'Aminah',
  'Hidayah',
  'Saputra',
  'Lestari',
  'Pratama',
  'Wulandari',
  'Hartono',
  'Susanti',
  'Ramadhan',
  'Zahra',
  'Kurniawan',
  'Rahayu',
  'Tahir',
  'Lamba',
];
const STREETS = [
  'Jl. Mulawarman',
  'Jl. Yos Sudarso',
  'Jl. Gajah Mada',
  'Jl. Sei Sesayap',
  'Jl. Aki Babu',
  'Jl. Diponegoro',
  'Jl. Kusuma Bangsa',
  'Jl. Pulau Sebatik',
];

/** A valid NIK of Kota Tarakan: region, birth date (women: day + 40), serial. */
function nikOf(
  kecamatan: string,
  female: boolean,
  birth: { y: number; m: number; d: number },
  serial: number,
): string {
  return `6571${KECAMATAN_CODE[kecamatan] ?? '02'}${pad(birth.d + (female ? 40 : 0), 2)}${pad(birth.m, 2)}${pad(birth.y % 100, 2)}${pad(serial % 10000, 4)}`;
}

/** A 16-digit card number passing the Luhn check (as a real KKS does). */
function kksOf(body15: string): string {
  for (let c = 0; c < 10; c++) {
    const v = `${body15}${c}`;
    let sum = 0;
    for (let i = 0; i < v.length; i++) {
      let d = Number(v[v.length - 1 - i]);
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    if (sum % 10 === 0) return v;
  }
  return `${body15}0`;
}

interface Person {
  name: string;
  female: boolean;
  nik: string;
  kecamatan: string;
  kelurahan: string;
  street: string;
}

function person(r: Rand, serial: number, area?: readonly [string, string]): Person {
  const female = r() < 0.6;
  const name = `${pick(r, female ? WOMEN : MEN)} ${pick(r, LAST)}`;
  const [kecamatan, kelurahan] = area ?? pick(r, AREAS);
  const birth = { y: int(r, 1948, 1999), m: int(r, 1, 12), d: int(r, 1, 28) };
  return {
    name,
    female,
    nik: nikOf(kecamatan, female, birth, serial),
    kecamatan,
    kelurahan,
    street: `${pick(r, STREETS)} RT ${pad(int(r, 1, 40), 2)}`,
  };
}

/** The intake form the FO fills in, with the required photocopies brought. */
function intakeForm(o: {
  complaintType: ComplaintType;
  relation: ApplicantRelation;
  applicant: Person;
  kpm: Person;
  phone: string;
  email?: string;
  kkNumber: string;
  kksNumber?: string;
}): IntakeInput {
  const { applicant: a, kpm: k } = o;
  return {
    complaintType: o.complaintType,
    relation: o.relation,
    ...(o.complaintType === 'lainnya'
      ? { complaintDetail: 'Saldo bantuan bulan lalu belum masuk ke rekening KKS.' }
      : {}),
    applicant: {
      name: a.name,
      nik: a.nik,
      phone: o.phone,
      ...(o.email ? { email: o.email } : {}),
      address: { kecamatan: a.kecamatan, kelurahan: a.kelurahan, street: a.street },
    },
    kpm: {
      name: k.name,
      nik: k.nik,
      kkNumber: o.kkNumber,
      ...(o.kksNumber ? { kksNumber: o.kksNumber } : {}),
      ...(o.relation === 'kpm'
        ? {}
        : { address: { kecamatan: k.kecamatan, kelurahan: k.kelurahan, street: k.street } }),
    },
    documentsPresent: requiredDocuments(o.complaintType, o.relation),
  };
}

// ---------------------------------------------------------------------------------------------
// What the officers write

const DECISION: Record<ComplaintType, { problem: string; solution: string; outcome: string }> = {
  kks_hilang: {
    problem: 'KKS milik KPM hilang sehingga KPM tidak dapat bertransaksi di E-Warung.',
    solution: 'Diterbitkan surat keterangan sebagai dasar penggantian KKS di Bank Himbara penyalur.',
    outcome:
      'KPM tercatat aktif sebagai penerima Program Sembako Kota Tarakan dan dapat mengajukan penggantian KKS.',
  },
  buku_tabungan_hilang: {
    problem: 'Buku tabungan KPM hilang.',
    solution: 'Diterbitkan surat keterangan sebagai dasar penerbitan buku tabungan baru di bank penyalur.',
    outcome: 'KPM tercatat aktif sebagai penerima Program Sembako Kota Tarakan.',
  },
  pin_terblokir: {
    problem: 'PIN KKS terblokir setelah tiga kali salah memasukkan PIN di E-Warung.',
    solution: 'Diterbitkan surat keterangan untuk pembukaan blokir PIN di Bank Himbara penerbit KKS.',
    outcome: 'KPM tercatat aktif sebagai penerima Program Sembako dan berhak atas pembukaan blokir PIN KKS.',
  },
  transaksi_bermasalah: {
    problem: 'Saldo bantuan terdebet tetapi transaksi di E-Warung gagal.',
    solution: 'Diterbitkan surat keterangan sebagai dasar penelusuran transaksi oleh bank penyalur.',
    outcome: 'KPM tercatat aktif sebagai penerima Program Sembako Kota Tarakan.',
  },
  kpm_meninggal: {
    problem: 'KPM telah meninggal dunia; ahli waris melaporkan dan menyerahkan KKS.',
    solution: 'Data KPM dimutakhirkan di SIKS-NG dan diterbitkan surat keterangan bagi ahli waris.',
    outcome: 'KPM tercatat sebagai penerima Program Sembako Kota Tarakan sampai dengan meninggal dunia.',
  },
  lainnya: {
    problem: 'Saldo bantuan bulan lalu belum masuk ke rekening KKS KPM.',
    solution: 'Diterbitkan surat keterangan sebagai dasar konfirmasi penyaluran kepada bank penyalur.',
    outcome: 'KPM tercatat aktif sebagai penerima Program Sembako Kota Tarakan.',
  },
};

function decideYes(type: ComplaintType, reference: string | null): ActionInput {
  const d = DECISION[type];
  return {
    action: 'decideYes',
    assistanceType: 'sembako',
    problem: d.problem,
    solution: d.solution,
    siksNgUpdate: reference
      ? { done: true, reference }
      : { done: false, reference: '', note: 'Data KPM di SIKS-NG sudah sesuai; tidak perlu pemutakhiran.' },
    kpmEducated: true,
    draft: { summary: `Pengaduan KPM Program Sembako: ${COMPLAINT_TYPE_LABELS[type]}.`, outcome: d.outcome },
  };
}

const verifyAll = (docs: readonly DocumentKind[]): ActionInput => ({
  action: 'verify',
  checks: docs.map((kind) => ({ kind, ok: true })),
});

const CLOSE_REASONS = [
  'Yang bersangkutan tidak terdaftar sebagai KPM Program Sembako di DTKS.',
  'KPM telah dinonaktifkan dari Program Sembako sejak penyaluran sebelumnya.',
  'Permasalahan merupakan kewenangan Bank Himbara penyalur; pemohon diarahkan ke bank.',
];

// Scores U1..U9 per respondent (mostly 3–4, biaya always "Gratis" = 4, the waiting room weaker).
const PATTERNS: readonly (readonly number[])[] = [
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

function answersOf(r: Rand): { answers: SkmAnswers; saran?: string } {
  const p = pick(r, PATTERNS);
  const answers = Object.fromEntries(p.map((v, i) => [`u${i + 1}`, v])) as SkmAnswers;
  return { answers, ...(r() < 0.35 ? { saran: pick(r, SUGGESTIONS) } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Live cases

/** The demo's people at the counter today, and how far each case has come. */
const LIVE: readonly {
  name: string;
  nik: string;
  area: readonly [string, string];
  type: ComplaintType;
  to:
    | 'intake'
    | 'submitted'
    | 'awaiting_documents'
    | 'verified'
    | 'drafted'
    | 'initialled'
    | 'signed'
    | 'completed'
    | 'closed';
  /** Office minutes the case has waited since its last action (at the anchor). */
  waited: number;
  email: boolean;
  /**
   * The FO prints its receipt (with the tracking code) when the seed runs: the first case (the link
   * `npm start` prints), and two whose receipt is emailed.
   */
  receipt?: boolean;
}[] = [
  {
    name: 'Siti Aminah',
    nik: '6571014508900001',
    area: ['Tarakan Tengah', 'Sebengkok'],
    type: 'pin_terblokir',
    to: 'completed',
    waited: 18,
    email: false,
    receipt: true,
  },
  {
    name: 'Budi Hartono',
    nik: '6571021203750002',
    area: ['Tarakan Barat', 'Karang Anyar'],
    type: 'kks_hilang',
    to: 'signed',
    waited: 3,
    email: false,
  },
  {
    name: 'Rahmawati',
    nik: '6571036111820003',
    area: ['Tarakan Timur', 'Kampung Enam'],
    type: 'transaksi_bermasalah',
    to: 'initialled',
    waited: 4,
    email: true,
  },
  {
    name: 'Andi Pratama',
    nik: '6571040202880004',
    area: ['Tarakan Utara', 'Juata Laut'],
    type: 'buku_tabungan_hilang',
    to: 'drafted',
    waited: 2,
    email: true,
  },
  {
    name: 'Nurul Hidayah',
    nik: '6571025506790005',
    area: ['Tarakan Tengah', 'Pamusian'],
    type: 'pin_terblokir',
    to: 'verified',
    waited: 6,
    email: true,
  },
  {
    name: 'Hasanuddin',
    nik: '6571013009650006',
    area: ['Tarakan Barat', 'Karang Rejo'],
    type: 'transaksi_bermasalah',
    to: 'verified',
    waited: 11,
    email: false,
  },
  {
    name: 'Yuliana',
    nik: '6571034901920007',
    area: ['Tarakan Timur', 'Mamburungan'],
    type: 'kks_hilang',
    to: 'awaiting_documents',
    waited: 25,
    email: true,
    receipt: true,
  },
  {
    name: 'Muhammad Rizal',
    nik: '6571041707850008',
    area: ['Tarakan Utara', 'Juata Permai'],
    type: 'pin_terblokir',
    to: 'submitted',
    waited: 5,
    email: true,
    receipt: true,
  },
  {
    name: 'Wati Susanti',
    nik: '6571016812700009',
    area: ['Tarakan Tengah', 'Selumit'],
    type: 'lainnya',
    to: 'submitted',
    waited: 12,
    email: false,
  },
  {
    name: 'Joko Susilo',
    nik: '6571020404600010',
    area: ['Tarakan Barat', 'Karang Balik'],
    type: 'buku_tabungan_hilang',
    to: 'intake',
    waited: 3,
    email: true,
  },
  {
    name: 'Fatimah Zahra',
    nik: '6571034403830011',
    area: ['Tarakan Timur', 'Gunung Lingkas'],
    type: 'transaksi_bermasalah',
    to: 'closed',
    waited: 30,
    email: true,
  },
];

/** Office minutes each of the live cases' actions takes (near the SOP's standards). */
const LIVE_MINUTES: Record<string, number> = {
  submit: 7,
  returnToApplicant: 4,
  verify: 6,
  decideYes: 8,
  decideNo: 9,
  paraf: 4,
  sign: 3,
  recordHandover: 5,
};

/**
 * The live cases: each person's case brought as far as `to` by the five demo staff, its last action
 * `waited` office minutes before the anchor — the last moment the office was open, at most 2
 * minutes before `now`. Earlier actions are placed backwards in office time, so a case can have
 * started the previous working day.
 */
export function liveCases(now: Date, cal: OfficeCalendar): DemoCase[] {
  const anchor = lastOfficeInstant(new Date(now.getTime() - 2 * 60_000), cal);
  const out: DemoCase[] = LIVE.map((p, i) => {
    const kpm: Person = {
      name: p.name,
      female: Number(p.nik.slice(6, 8)) > 40,
      nik: p.nik,
      kecamatan: p.area[0],
      kelurahan: p.area[1],
      street: `Jl. Mulawarman RT ${pad(i + 1, 2)}`,
    };
    const form = intakeForm({
      complaintType: p.type,
      relation: 'kpm',
      applicant: kpm,
      kpm,
      phone: `0812${pad(5100000 + i * 7919, 8)}`,
      ...(p.email ? { email: `${p.name.toLowerCase().replace(/[^a-z]+/g, '.')}@contoh.example` } : {}),
      kkNumber: `65710${pad(10203040506 + i * 104729, 11)}`,
      ...(p.type === 'kks_hilang' ? {} : { kksNumber: kksOf(`526422${pad(100000000 + i * 35711, 9)}`) }),
    });
    const docs = form.documentsPresent ?? [];
    const path: { by: string; input: ActionInput }[] = [];
    const main = ['submitted', 'verified', 'drafted', 'initialled', 'signed', 'completed'];
    const reach = (s: string) =>
      p.to === 'closed'
        ? s === 'submitted' || s === 'verified'
        : p.to === 'awaiting_documents'
          ? s === 'submitted'
          : main.indexOf(p.to) >= main.indexOf(s);
    if (reach('submitted')) path.push({ by: 'fo', input: { action: 'submit' } });
    if (p.to === 'awaiting_documents') {
      path.push({
        by: 'fo',
        input: {
          action: 'returnToApplicant',
          reason: 'Fotokopi KTP/KK tidak terbaca; mohon dibawa ulang.',
          missing: ['ktp_kk'],
        },
      });
    }
    if (reach('verified')) path.push({ by: 'fo', input: verifyAll(docs) });
    if (p.to === 'closed')
      path.push({
        by: 'analis',
        input: { action: 'decideNo', destination: 'close', reason: CLOSE_REASONS[0]! },
      });
    if (reach('drafted'))
      path.push({ by: 'analis', input: decideYes(p.type, `SIKSNG-LIVE-${pad(100 + i, 4)}`) });
    if (reach('initialled')) path.push({ by: 'koordinator', input: { action: 'paraf' } });
    if (reach('signed')) path.push({ by: 'kabid', input: { action: 'sign' } });
    if (reach('completed'))
      path.push({ by: 'fo', input: { action: 'recordHandover', method: 'langsung', receivedBy: p.name } });
    // Backwards from the last action: the intake took the first step's minutes before the first action.
    const times: Date[] = [];
    let t = subtractOfficeMinutes(anchor, p.waited, cal);
    for (let k = path.length - 1; k >= 0; k--) {
      times.unshift(t);
      t = subtractOfficeMinutes(t, LIVE_MINUTES[path[k]!.input.action] ?? 5, cal);
    }
    const intakeAt = path.length > 0 ? t : subtractOfficeMinutes(anchor, p.waited, cal);
    const steps = path.map((s, k) => ({ ...s, at: times[k]!.toISOString() }));
    const sign = steps.find((s) => s.input.action === 'sign');
    return {
      key: `live-${pad(i + 1, 2)}`,
      live: true,
      intake: { at: intakeAt.toISOString(), by: 'fo', input: form },
      steps,
      ...(sign ? { letterAt: new Date(Date.parse(sign.at) + 4_000).toISOString() } : {}),
      receipt: p.receipt === true,
    };
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Backdated cases

/** Office minutes of a step: mostly within the standard, some over it, a few far over it. */
function stepMinutes(r: Rand, standard: number, longTail: boolean): number {
  const u = r();
  if (u < 0.7 || !longTail) return Math.round(standard * (0.3 + r() * 0.7) * 10) / 10;
  if (u < 0.93) return Math.round(standard * (1 + r() * 2) * 10) / 10;
  return Math.round(standard * (3 + r() * 40) * 10) / 10;
}

export interface BackdatedOptions {
  count: number;
  /** Intakes fall in office hours between these instants; every action before `until`. */
  from: Date;
  to: Date;
  until: Date;
  seed: number;
  pools: StaffPools;
  cal: OfficeCalendar;
  /** Cases received in the last `recentDays` days before `to` may still be open (bulk fixtures). */
  openRecent?: boolean;
  /** `ADU-YYYY-<base + n>` numbers fixed by the script (bulk fixtures written beside other cases). */
  numberBase?: number;
  /** Whether applicants gave an email address (no: the letter is handed over in person). */
  withEmail?: boolean;
  /** Survey answers after hand-over. */
  surveys?: boolean;
}

/**
 * `count` cases received in office hours between `from` and `to`: the path of each through the
 * SOP (returned for documents sometimes, sent back by the analyst or for revision sometimes,
 * closed as not resolvable sometimes), each action `stepMinutes` office minutes after the one
 * before. Every case ends (hand-over or closure) before `until`, except, with `openRecent`, some
 * recent ones — and two cases whose applicant has not yet brought the missing documents.
 */
export function backdatedCases(o: BackdatedOptions): DemoCase[] {
  const r = rng(o.seed);
  const span = o.to.getTime() - o.from.getTime();
  // Stratified: one case in each of `count` equal slices of the period, so every month has its share.
  const starts = Array.from(
    { length: o.count },
    (_, i) => o.from.getTime() + Math.floor(((i + r()) * span) / o.count),
  );
  const out: DemoCase[] = [];
  const seqByYear = new Map<number, number>();
  let lastIntake = 0;
  for (const [i, start0] of starts.entries()) {
    // An office instant of that day (or the next opening), at least an hour before closing.
    const dayOpen = addOfficeMinutes(
      new Date(start0 - ((start0 + o.cal.timeZoneOffsetMinutes * 60_000) % 86_400_000)),
      0,
      o.cal,
    );
    let intakeAt = addOfficeMinutes(dayOpen, int(r, 0, 360), o.cal);
    if (intakeAt.getTime() <= lastIntake) intakeAt = addOfficeMinutes(new Date(lastIntake), 1, o.cal);
    if (intakeAt.getTime() >= o.to.getTime()) break;
    lastIntake = intakeAt.getTime();
    const recentDays = (o.to.getTime() - intakeAt.getTime()) / 86_400_000;
    // Recent cases take the ordinary path (no long waits, no return for documents), so they end in time.
    const recent = recentDays < 20;
    const complaintType = weighted<ComplaintType>(r, [
      ['pin_terblokir', 35],
      ['kks_hilang', 25],
      ['transaksi_bermasalah', 20],
      ['buku_tabungan_hilang', 10],
      ['kpm_meninggal', 5],
      ['lainnya', 5],
    ]);
    const relation: ApplicantRelation =
      complaintType === 'kpm_meninggal'
        ? 'ahli_waris'
        : weighted<ApplicantRelation>(r, [
            ['kpm', 85],
            ['kuasa', 15],
          ]);
    const kpm = person(r, 1000 + (i % 9000));
    const applicant = relation === 'kpm' ? kpm : person(r, 5000 + (i % 4000), [kpm.kecamatan, kpm.kelurahan]);
    const form = intakeForm({
      complaintType,
      relation,
      applicant,
      kpm,
      phone: `08${pad(int(r, 1100000000, 1399999999), 10)}`,
      ...(o.withEmail && r() < 0.5 ? { email: `pemohon${i + 1}@contoh.example` } : {}),
      kkNumber: `6571${KECAMATAN_CODE[kpm.kecamatan] ?? '02'}${pad(int(r, 0, 9999999999), 10)}`,
      ...(complaintType === 'kks_hilang'
        ? {}
        : { kksNumber: kksOf(`52642${pad(int(r, 0, 9999999999), 10)}`) }),
    });
    const docs = form.documentsPresent ?? [];
    const fo = pick(r, o.pools.fo);
    const analis = pick(r, o.pools.analis);
    const koordinator = pick(r, o.pools.koordinator);
    const kabid = pick(r, o.pools.kabid);
    const longTail = !recent;
    // Where the case stops: bulk fixtures keep recent cases open (a backlog); the demo ends them.
    const stopAfter =
      o.openRecent && recentDays < 3 && r() < 0.5
        ? int(r, 1, 6)
        : o.openRecent && r() < 0.012
          ? int(r, 1, 6)
          : Infinity;
    const waitingForDocuments =
      !o.openRecent &&
      i >= o.count - 40 &&
      recentDays > 3 &&
      recentDays < 14 &&
      out.filter((c) => c.steps.at(-1)?.input.action === 'returnToApplicant').length < 2 &&
      r() < 0.25;

    const steps: DemoStep[] = [];
    let t = intakeAt;
    let state: keyof typeof DEFAULT_TIME_STANDARDS = 'intake';
    let ok = true;
    const act = (
      by: string,
      input: ActionInput,
      next: typeof state | 'done',
      opts: { minutes?: number; gapMs?: number } = {},
    ) => {
      if (!ok || steps.length >= stopAfter) return (ok = false);
      const minutes = opts.minutes ?? stepMinutes(r, DEFAULT_TIME_STANDARDS[state], longTail);
      const at = addOfficeMinutes(opts.gapMs ? new Date(t.getTime() + opts.gapMs) : t, minutes, o.cal);
      if (at.getTime() >= o.until.getTime()) return (ok = false);
      steps.push({ at: at.toISOString(), by, input });
      t = at;
      if (next !== 'done') state = next;
      return true;
    };
    let letterAt: string | undefined;
    let survey: DemoSurvey | undefined;
    const run = () => {
      if (!act(fo, { action: 'submit' }, 'submitted')) return;
      if (waitingForDocuments) {
        act(
          fo,
          { action: 'returnToApplicant', reason: 'Fotokopi KTP/KK belum dibawa.', missing: ['ktp_kk'] },
          'submitted',
        );
        return;
      }
      if (!recent && r() < 0.1) {
        if (
          !act(
            fo,
            { action: 'returnToApplicant', reason: 'Fotokopi KTP/KK belum dibawa.', missing: ['ktp_kk'] },
            'submitted',
          )
        )
          return;
        // The applicant comes back a few days later (the clock is paused meanwhile).
        if (
          !act(fo, { action: 'documentsCompleted', received: ['ktp_kk'] }, 'submitted', {
            minutes: int(r, 5, 120),
            gapMs: int(r, 1, 5) * 86_400_000,
          })
        )
          return;
      }
      for (let round = 0; ; round++) {
        if (!act(fo, verifyAll(docs), 'verified')) return;
        const d = r();
        if (d < 0.05) {
          act(analis, { action: 'decideNo', destination: 'close', reason: pick(r, CLOSE_REASONS) }, 'done');
          return;
        }
        if (d < 0.08 && round === 0) {
          if (
            !act(
              analis,
              {
                action: 'decideNo',
                destination: 'fo',
                reason: 'Data KPM perlu dicocokkan ulang dengan KK terbaru.',
              },
              'submitted',
            )
          )
            return;
          continue;
        }
        const reference =
          r() < 0.8
            ? `SIKSNG-${new Date(t).toISOString().slice(0, 7).replace('-', '')}-${pad(i + 1, 5)}`
            : null;
        if (!act(analis, decideYes(complaintType, reference), 'drafted')) return;
        if (r() < 0.05) {
          if (
            !act(
              koordinator,
              { action: 'requestRevision', note: 'Perbaiki uraian solusi pada draf.' },
              'verified',
            )
          )
            return;
          if (!act(analis, decideYes(complaintType, reference), 'drafted')) return;
        }
        if (!act(koordinator, { action: 'paraf' }, 'initialled')) return;
        if (!act(kabid, { action: 'sign' }, 'signed')) return;
        letterAt = new Date(t.getTime() + int(r, 3, 9) * 1000).toISOString();
        if (
          !act(fo, { action: 'recordHandover', method: 'langsung', receivedBy: applicant.name }, 'done', {
            minutes: Math.max(1, stepMinutes(r, DEFAULT_TIME_STANDARDS.signed, longTail)),
          })
        )
          return;
        if (o.surveys && r() < 0.45) {
          const atCounter = r() < 0.7;
          const at = new Date(
            t.getTime() + (atCounter ? int(r, 1, 4) * 60_000 : int(r, 30, 2 * 24 * 60) * 60_000),
          );
          if (at.getTime() < o.until.getTime())
            survey = { at: at.toISOString(), channel: atCounter ? 'loket' : 'tautan', ...answersOf(r) };
        }
        return;
      }
    };
    run();
    // A signature whose letter would come after `until` is not in the script: the case stays initialled.
    const signIdx = steps.findIndex((s) => s.input.action === 'sign');
    if (signIdx >= 0 && letterAt && Date.parse(letterAt) >= o.until.getTime()) {
      steps.length = signIdx;
      letterAt = undefined;
    }
    const year = Number(
      new Date(intakeAt.getTime() + o.cal.timeZoneOffsetMinutes * 60_000).toISOString().slice(0, 4),
    );
    const seq = (seqByYear.get(year) ?? o.numberBase ?? 0) + 1;
    seqByYear.set(year, seq);
    out.push({
      key: `y-${pad(i + 1, 5)}`,
      live: false,
      intake: { at: intakeAt.toISOString(), by: fo, input: form },
      steps,
      ...(letterAt && steps.some((s) => s.input.action === 'sign') ? { letterAt } : {}),
      ...(survey ? { survey } : {}),
      receipt: false,
      ...(o.numberBase !== undefined ? { number: `ADU-${year}-${pad(seq, 6)}` } : {}),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The whole demo

export interface DemoPlanOptions {
  now: Date;
  office: DemoOffice;
  cal: OfficeCalendar;
  /** Cases of the backdated year. */
  backdated: number;
  seed?: number;
}

/**
 * The demo of one office: the live cases, and the backdated year before them (received from 365
 * days before `now` until two working days before the first live case, every action done before
 * the first live case was received).
 */
export function demoPlan(o: DemoPlanOptions): DemoCase[] {
  const live = liveCases(o.now, o.cal);
  const firstLive = new Date(Math.min(...live.map((c) => Date.parse(c.intake.at))));
  const to = subtractOfficeMinutes(firstLive, 2 * 8 * 60, o.cal);
  const back = backdatedCases({
    count: o.backdated,
    from: new Date(o.now.getTime() - 365 * 86_400_000),
    to,
    until: firstLive,
    seed: o.seed ?? 2026,
    pools: DEMO_POOLS,
    cal: o.cal,
    surveys: true,
  });
  return [...back, ...live].sort((a, b) => Date.parse(a.intake.at) - Date.parse(b.intake.at));
}
