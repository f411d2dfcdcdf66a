import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../functions/src/domain/csv.js';
import { accessLogCsv, describeAccess, summarise, type AccessEntry } from '../../functions/src/domain/accessLog.js';

describe('CSV writer (RFC 4180)', () => {
  it('quotes fields with commas, semicolons, quotes, line breaks and outer spaces, doubling quotes', () => {
    expect(csvField('Siti')).toBe('Siti');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('kata "kunci"')).toBe('"kata ""kunci"""');
    expect(csvField('baris\nkedua')).toBe('"baris\nkedua"');
    expect(csvField(' spasi')).toBe('" spasi"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(42)).toBe('42');
    expect(csvField(-3)).toBe('-3');
  });
  it('keeps a spreadsheet from running a text as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+62')).toBe("'+62");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-1+1')).toBe("'-1+1");
  });
  it('writes a BOM, a header and CRLF after every record', () => {
    expect(toCsv(['a', 'b'], [['1', 'x,y'], [null, 'z']])).toBe('\uFEFFa,b\r\n1,"x,y"\r\n,z\r\n');
  });
});

const entries: AccessEntry[] = [
  { at: '2026-11-27T01:00:00.000Z', uid: 'u1', name: 'Rina, FO', caseId: 'c1', caseNumber: 'ADU-2026-000001', what: 'identity' },
  { at: '2026-11-27T02:00:00.000Z', uid: 'u1', name: 'Rina, FO', caseId: 'c1', caseNumber: 'ADU-2026-000001', what: 'document', documentKind: 'ktp_kk' },
  { at: '2026-11-27T03:00:00.000Z', uid: 'u2', name: 'Budi', caseId: 'c1', caseNumber: 'ADU-2026-000001', what: 'letter' },
  { at: '2026-11-26T03:00:00.000Z', uid: 'u2', name: 'Budi', caseId: 'c2', caseNumber: 'ADU-2026-000002', what: 'document', documentKind: 'kks' },
];

describe('the access log page', () => {
  it('says what was opened in Indonesian', () => {
    expect(describeAccess(entries[0]!)).toBe('Identitas pemohon dan KPM');
    expect(describeAccess(entries[1]!)).toBe('Fotokopi dokumen: Fotokopi KTP/KK');
    expect(describeAccess(entries[2]!)).toBe('Surat Keterangan (PDF)');
  });
  it('summarises per case and per staff member, most recent first', () => {
    const perCase = summarise(entries, 'case');
    expect(perCase.map((r) => [r.label, r.total, r.distinct, r.byKind])).toEqual([
      ['ADU-2026-000001', 3, 2, { identity: 1, document: 1, letter: 1 }],
      ['ADU-2026-000002', 1, 1, { identity: 0, document: 1, letter: 0 }],
    ]);
    const perStaff = summarise(entries, 'staff');
    expect(perStaff.map((r) => [r.label, r.total, r.distinct, r.last])).toEqual([
      ['Budi', 2, 2, '2026-11-27T03:00:00.000Z'],
      ['Rina, FO', 2, 1, '2026-11-27T02:00:00.000Z'],
    ]);
  });
  it('exports a CSV with the office time (WITA) and the exact instant, quoting a name with a comma', () => {
    const csv = accessLogCsv(entries.slice(0, 2));
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Waktu (WITA),Waktu (UTC),Petugas,ID petugas,Nomor pengaduan,ID pengaduan,Yang dibuka');
    expect(lines[1]).toBe('2026-11-27 09:00,2026-11-27T01:00:00.000Z,"Rina, FO",u1,ADU-2026-000001,c1,Identitas pemohon dan KPM');
    expect(lines[2]).toBe('2026-11-27 10:00,2026-11-27T02:00:00.000Z,"Rina, FO",u1,ADU-2026-000001,c1,Fotokopi dokumen: Fotokopi KTP/KK');
    expect(lines[3]).toBe('');
  });
});
