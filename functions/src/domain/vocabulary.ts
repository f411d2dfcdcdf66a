/**
 * The SOP's vocabulary: codes stored in Firestore and their Indonesian labels.
 * Pure data, shared by the functions and the staff page.
 */

export const ROLES = ['fo', 'analis', 'koordinator', 'kabid', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  fo: 'Petugas Front Office',
  analis: 'Analis',
  koordinator: 'Koordinator Dayasos',
  kabid: 'Kepala Bidang Sosial',
  admin: 'Administrator',
};

export const CASE_STATES = [
  'intake',
  'submitted',
  'awaiting_documents',
  'verified',
  'drafted',
  'initialled',
  'signed',
  'completed',
  'closed',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const STATE_LABELS: Record<CaseState, string> = {
  intake: 'Penerimaan',
  submitted: 'Diajukan',
  awaiting_documents: 'Menunggu kelengkapan',
  verified: 'Terverifikasi',
  drafted: 'Draf surat',
  initialled: 'Diparaf',
  signed: 'Ditandatangani',
  completed: 'Selesai',
  closed: 'Ditutup',
};

export const COMPLAINT_TYPES = [
  'kks_hilang',
  'buku_tabungan_hilang',
  'pin_terblokir',
  'transaksi_bermasalah',
  'kpm_meninggal',
  'lainnya',
] as const;
export type ComplaintType = (typeof COMPLAINT_TYPES)[number];

export const COMPLAINT_TYPE_LABELS: Record<ComplaintType, string> = {
  kks_hilang: 'KKS hilang',
  buku_tabungan_hilang: 'Buku tabungan hilang',
  pin_terblokir: 'PIN KKS terblokir',
  transaksi_bermasalah: 'Transaksi bermasalah',
  kpm_meninggal: 'KPM meninggal dunia',
  lainnya: 'Lainnya',
};

/** Who stands at the counter: the KPM themself, an heir, or a proxy holding a power of attorney. */
export const APPLICANT_RELATIONS = ['kpm', 'ahli_waris', 'kuasa'] as const;
export type ApplicantRelation = (typeof APPLICANT_RELATIONS)[number];

export const APPLICANT_RELATION_LABELS: Record<ApplicantRelation, string> = {
  kpm: 'KPM sendiri',
  ahli_waris: 'Ahli waris',
  kuasa: 'Penerima kuasa',
};

export const DOCUMENT_KINDS = [
  'ktp_kk',
  'kks',
  'buku_tabungan',
  'surat_ahli_waris',
  'surat_kematian',
  'surat_kuasa',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_LABELS: Record<DocumentKind, string> = {
  ktp_kk: 'Fotokopi KTP/KK',
  kks: 'Fotokopi KKS',
  buku_tabungan: 'Fotokopi Buku Tabungan',
  surat_ahli_waris: 'Surat Keterangan Ahli Waris',
  surat_kematian: 'Surat Kematian',
  surat_kuasa: 'Surat Kuasa',
};

/** The SOP's two warnings ("Peringatan"), word for word as the office writes them. */
export const WARNINGS = {
  penggantianKks:
    'Penggantian KKS yang tidak melalui Dinas Sosial dan Pemberdayaan Masyarakat dapat mengakibatkan KKS tidak dapat digunakan untuk bertransaksi di E-Warung.',
  pengambilanKuasa:
    'Apabila KKS diambil oleh penerima kuasa, penyalahgunaan KKS bukan menjadi tanggung jawab Dinas Sosial dan Pemberdayaan Masyarakat, Bank Himbara, maupun PT Pos Indonesia.',
} as const;

/** Kecamatan of Kota Tarakan and their kelurahan (Perda Kota Tarakan; 4 kecamatan, 20 kelurahan). */
export const KECAMATAN_TARAKAN: Record<string, readonly string[]> = {
  'Tarakan Barat': ['Karang Anyar', 'Karang Anyar Pantai', 'Karang Balik', 'Karang Harapan', 'Karang Rejo'],
  'Tarakan Tengah': ['Kampung Satu Skip', 'Pamusian', 'Sebengkok', 'Selumit', 'Selumit Pantai'],
  'Tarakan Timur': ['Gunung Lingkas', 'Kampung Empat', 'Kampung Enam', 'Lingkas Ujung', 'Mamburungan', 'Mamburungan Timur', 'Pantai Amal'],
  'Tarakan Utara': ['Juata Kerikil', 'Juata Laut', 'Juata Permai'],
};

/** The letter's states on the case (`case.letter.status`; see letterLifecycle.ts). */
export const LETTER_STATUS_LABELS = {
  pending: 'Menunggu pembuatan surat',
  rendering: 'Surat sedang dibuat',
  rendered: 'Surat selesai dibuat',
  failed: 'Pembuatan surat gagal; sistem akan mencoba lagi',
  dead: 'Pembuatan surat gagal; perlu tindakan administrator',
} as const;

/** The email of the letter as mirrored on the case (`case.letter.email.status`). */
export const EMAIL_STATUSES = ['queued', 'sending', 'retrying', 'sent', 'failed', 'none'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export const EMAIL_STATUS_LABELS: Record<EmailStatus, string> = {
  queued: 'Dalam antrean',
  sending: 'Sedang dikirim',
  retrying: 'Akan dicoba kirim ulang',
  sent: 'Terkirim',
  failed: 'Gagal dikirim',
  none: 'Tidak dikirim (pemohon tidak memiliki alamat email)',
};

/** The outgoing-letter register entry's states (`letters/{id}.status`). */
export const REGISTER_STATUS_LABELS = {
  numbered: 'Bernomor, belum terbit',
  valid: 'Sah',
  revoked: 'Dicabut',
  voided: 'Dibatalkan',
} as const;
export type RegisterStatus = keyof typeof REGISTER_STATUS_LABELS;
