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
