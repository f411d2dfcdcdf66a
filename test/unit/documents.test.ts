import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REQUIRED_DOCUMENTS,
  requiredDocuments,
  warningsFor,
} from '../../functions/src/domain/documents.js';
import { mergeSettings } from '../../functions/src/domain/settings.js';
import type {
  ApplicantRelation,
  ComplaintType,
  DocumentKind,
} from '../../functions/src/domain/vocabulary.js';

// Expected lists written out by hand from the SOP (SOP.md, "Reading of the documents").
const BASE: DocumentKind[] = ['ktp_kk', 'kks', 'buku_tabungan'];
const NO_KKS: DocumentKind[] = ['ktp_kk', 'buku_tabungan'];
const HEIR: DocumentKind[] = ['surat_ahli_waris', 'surat_kematian'];

const cases: [ComplaintType, ApplicantRelation, DocumentKind[]][] = [
  ['pin_terblokir', 'kpm', BASE],
  ['transaksi_bermasalah', 'kpm', BASE],
  ['buku_tabungan_hilang', 'kpm', BASE],
  ['lainnya', 'kpm', BASE],
  ['kks_hilang', 'kpm', NO_KKS],
  ['kks_hilang', 'kuasa', [...NO_KKS, 'surat_kuasa']],
  ['kks_hilang', 'ahli_waris', [...NO_KKS, ...HEIR]],
  ['pin_terblokir', 'kuasa', [...BASE, 'surat_kuasa']],
  ['pin_terblokir', 'ahli_waris', [...BASE, ...HEIR]],
  ['kpm_meninggal', 'ahli_waris', [...BASE, ...HEIR]],
  ['kpm_meninggal', 'kpm', [...BASE, ...HEIR]],
  ['kpm_meninggal', 'kuasa', [...BASE, ...HEIR, 'surat_kuasa']],
];

describe('requiredDocuments (SOP defaults)', () => {
  it.each(cases)('%s by %s', (type, relation, expected) => {
    expect(requiredDocuments(type, relation)).toEqual(expected);
  });

  it('the default table has every complaint type × relation', () => {
    expect(Object.keys(DEFAULT_REQUIRED_DOCUMENTS)).toHaveLength(6);
    for (const row of Object.values(DEFAULT_REQUIRED_DOCUMENTS))
      expect(Object.keys(row).sort()).toEqual(['ahli_waris', 'kpm', 'kuasa']);
  });
});

describe('requiredDocuments (settings override)', () => {
  it('uses the admin table, in checklist order, without duplicates', () => {
    const settings = mergeSettings({
      requiredDocuments: { transaksi_bermasalah: { kpm: ['buku_tabungan', 'ktp_kk', 'buku_tabungan'] } },
    });
    expect(requiredDocuments('transaksi_bermasalah', 'kpm', settings)).toEqual(['ktp_kk', 'buku_tabungan']);
    // Other cells keep the SOP default.
    expect(requiredDocuments('pin_terblokir', 'kpm', settings)).toEqual(BASE);
  });
});

describe('warningsFor', () => {
  it.each([
    ['kks_hilang', 'kpm', ['penggantianKks']],
    ['kks_hilang', 'kuasa', ['penggantianKks', 'pengambilanKuasa']],
    ['pin_terblokir', 'kuasa', ['pengambilanKuasa']],
    ['pin_terblokir', 'kpm', []],
    ['kpm_meninggal', 'ahli_waris', []],
  ] as [ComplaintType, ApplicantRelation, string[]][])('%s by %s', (type, relation, expected) => {
    expect(warningsFor(type, relation)).toEqual(expected);
  });
});
