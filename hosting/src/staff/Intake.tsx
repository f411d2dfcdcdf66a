/**
 * Intake (SOP step 1, FO): applicant and KPM identity validated as one types with the domain's
 * rules, the required documents of the complaint type × relation with 'dibawa' checkboxes, the
 * SOP warnings that apply; createCase, then submitCase when the checklist is complete, then the
 * case page (`?baru=1`), which offers the receipt (*Cetak tanda terima*, staff/Receipt.tsx) first.
 */
import { useMemo, useState } from 'preact/hooks';
import {
  APPLICANT_RELATION_LABELS,
  APPLICANT_RELATIONS,
  COMPLAINT_TYPE_LABELS,
  COMPLAINT_TYPES,
  DOCUMENT_LABELS,
  KECAMATAN_TARAKAN,
  WARNINGS,
  type ApplicantRelation,
  type ComplaintType,
  type DocumentKind,
} from '../../../functions/src/domain/vocabulary';
import { requiredDocuments, warningsFor } from '../../../functions/src/domain/documents';
import {
  validateEmail,
  validateKkNumber,
  validateKksNumber,
  validateNik,
  validatePhone,
} from '../../../functions/src/domain/identifiers';
import { formatTanggal } from '../../../functions/src/domain/indonesianDate';
import { checkPrintable } from '../../../functions/src/domain/printable';
import type { OfficeSettings } from '../../../functions/src/domain/settings';
import type { IntakeInput } from '../../../functions/src/domain/workflow';
import { call } from '../firebase';
import { ErrorBox, Field, errorMessage, navigate, toggled } from './ui';
import type { Me } from './types';

const createCase = call<IntakeInput, { caseId: string; number: string; state: string; version: number }>('createCase');
const submitCase = call<{ caseId: string; expectedVersion: number; present: DocumentKind[] }, { version: number }>('submitCase');

/** The hint under a NIK field: the decoded birth date and sex, or why it is not valid. */
function nikHint(raw: string): { error: string | null; hint: string | null } {
  if (!raw.trim()) return { error: null, hint: '16 digit, sesuai KTP.' };
  const r = validateNik(raw);
  if (!r.ok) return { error: r.reason, hint: null };
  const born = formatTanggal(new Date(`${r.birthDate}T00:00:00Z`), 0);
  return { error: null, hint: `✓ Lahir ${born} · ${r.sex === 'L' ? 'Laki-laki' : 'Perempuan'}` };
}

const check = (raw: string, fn: (v: string) => { ok: boolean; reason?: string; warning?: string }, empty: string | null) => {
  if (!raw.trim()) return { error: null, hint: empty };
  const r = fn(raw);
  return r.ok ? { error: null, hint: r.warning ? `Perhatian: ${r.warning}` : '✓ Sesuai format' } : { error: r.reason ?? 'Tidak valid.', hint: null };
};

/** The reason a text cannot be printed on the letter (the server refuses it too), or null. */
const unprintable = (text: string, label: string): string | null => {
  const r = checkPrintable(text, label);
  return r.ok ? null : r.reason;
};

type AddressForm = { kecamatan: string; kelurahan: string; street: string };

export function Intake({ me, settings }: { me: Me; settings: OfficeSettings }) {
  const [complaintType, setType] = useState<ComplaintType>('pin_terblokir');
  const [relation, setRelation] = useState<ApplicantRelation>('kpm');
  const [detail, setDetail] = useState('');
  const [a, setA] = useState({ name: '', nik: '', phone: '', email: '', kecamatan: '', kelurahan: '', street: '' });
  const [k, setK] = useState({ name: '', nik: '', kkNumber: '', kksNumber: '' });
  // The KPM's own address (heir or proxy): follows the applicant's until the FO edits it.
  const [kAddrEdited, setKAddr] = useState<AddressForm | null>(null);
  const [present, setPresent] = useState<Set<DocumentKind>>(new Set());
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [serverFields, setServerFields] = useState<Record<string, string>>({});

  const sameAsKpm = relation === 'kpm';
  const kpm = sameAsKpm ? { ...k, name: a.name, nik: a.nik } : k;
  const kAddr: AddressForm = kAddrEdited ?? { kecamatan: a.kecamatan, kelurahan: a.kelurahan, street: a.street };
  const setKa = (key: keyof AddressForm, val: string) =>
    setKAddr({ ...kAddr, [key]: val, ...(key === 'kecamatan' ? { kelurahan: '' } : {}) });
  const required = useMemo(() => requiredDocuments(complaintType, relation, settings), [complaintType, relation, settings]);
  const warnings = warningsFor(complaintType, relation);

  const v = {
    aNik: nikHint(a.nik),
    kNik: nikHint(kpm.nik),
    phone: check(a.phone, validatePhone, 'Contoh: 0812-3456-7890'),
    email: check(a.email, validateEmail, 'Tidak wajib; surat juga dikirim ke email ini.'),
    kk: check(kpm.kkNumber, validateKkNumber, '16 digit, sesuai Kartu Keluarga.'),
    kks: check(kpm.kksNumber, validateKksNumber, complaintType === 'kks_hilang' ? 'Isi bila nomor KKS diketahui.' : 'Nomor pada kartu KKS (boleh dikosongkan bila tidak diketahui).'),
  };
  const relationNik =
    !sameAsKpm && a.nik.trim() && a.nik.replace(/\s/g, '') === k.nik.replace(/\s/g, '')
      ? 'Ahli waris atau penerima kuasa harus memiliki NIK yang berbeda dengan NIK KPM.'
      : null;
  const missing = required.filter((d) => !present.has(d));
  const fieldErr = (path: string, local: string | null) => local ?? serverFields[path] ?? null;
  const req = (val: string, label: string) => (touched && !val.trim() ? `${label} wajib diisi.` : null);

  const setAp = (key: keyof typeof a, val: string) => setA((x) => ({ ...x, [key]: val, ...(key === 'kecamatan' ? { kelurahan: '' } : {}) }));
  const setKp = (key: keyof typeof k, val: string) => setK((x) => ({ ...x, [key]: val }));
  const toggle = (d: DocumentKind, on: boolean) => setPresent((s) => toggled(s, d, on));

  const submit = async (e: Event) => {
    e.preventDefault();
    setTouched(true);
    setError(null);
    setServerFields({});
    setBusy(true);
    try {
      const input: IntakeInput = {
        complaintType,
        relation,
        ...(detail.trim() ? { complaintDetail: detail.trim() } : {}),
        applicant: {
          name: a.name.trim(),
          nik: a.nik.trim(),
          phone: a.phone.trim(),
          ...(a.email.trim() ? { email: a.email.trim() } : {}),
          address: { kecamatan: a.kecamatan, kelurahan: a.kelurahan, street: a.street.trim() },
        },
        kpm: {
          name: kpm.name.trim(),
          nik: kpm.nik.trim(),
          kkNumber: kpm.kkNumber.trim(),
          ...(kpm.kksNumber.trim() ? { kksNumber: kpm.kksNumber.trim() } : {}),
          ...(sameAsKpm ? {} : { address: { kecamatan: kAddr.kecamatan, kelurahan: kAddr.kelurahan, street: kAddr.street.trim() } }),
        },
        documentsPresent: [...present],
      };
      const created = await createCase(input);
      if (missing.length === 0) {
        try {
          await submitCase({ caseId: created.caseId, expectedVersion: created.version, present: [...present] });
        } catch {
          // The case exists in 'Penerimaan'; the case page shows the checklist and the submit action.
        }
      }
      navigate(`/pengaduan/${created.caseId}?baru=1`);
    } catch (err) {
      setError(errorMessage(err));
      const details = (err as { details?: { fields?: Record<string, string> } }).details;
      if (details?.fields) setServerFields(details.fields);
    } finally {
      setBusy(false);
    }
  };

  const kelurahan = KECAMATAN_TARAKAN[a.kecamatan] ?? [];
  return (
    <form class="intake" onSubmit={submit} noValidate aria-labelledby="intake-title">
      <div class="page-head">
        <h1 id="intake-title">Pengaduan baru</h1>
        <p class="muted">Petugas: {me.name ?? me.email}. Langkah 1 SOP — standar waktu {settings.timeStandards.intake} menit.</p>
      </div>

      <fieldset class="card">
        <legend>Pengaduan</legend>
        <div class="grid2">
          <Field id="i-type" label="Jenis pengaduan">
            <select id="i-type" value={complaintType} onChange={(e) => setType(e.currentTarget.value as ComplaintType)}>
              {COMPLAINT_TYPES.map((t) => <option key={t} value={t}>{COMPLAINT_TYPE_LABELS[t]}</option>)}
            </select>
          </Field>
          <Field id="i-rel" label="Pemohon adalah">
            <select id="i-rel" value={relation} onChange={(e) => setRelation(e.currentTarget.value as ApplicantRelation)}>
              {APPLICANT_RELATIONS.map((r) => <option key={r} value={r}>{APPLICANT_RELATION_LABELS[r]}</option>)}
            </select>
          </Field>
        </div>
        <Field id="i-detail" label={complaintType === 'lainnya' ? 'Uraian pengaduan (wajib)' : 'Uraian pengaduan (tidak wajib)'}
          error={fieldErr('complaintDetail', touched && complaintType === 'lainnya' && !detail.trim() ? 'Uraian pengaduan wajib diisi untuk jenis pengaduan "Lainnya".' : null)}>
          <textarea id="i-detail" rows={2} value={detail} onInput={(e) => setDetail(e.currentTarget.value)} aria-describedby="i-detail-msg" />
        </Field>
      </fieldset>

      <fieldset class="card">
        <legend>Identitas pemohon</legend>
        <div class="grid2">
          <Field id="a-name" label="Nama lengkap pemohon" error={fieldErr('applicant.name', req(a.name, 'Nama pemohon') ?? unprintable(a.name, 'Nama pemohon'))}>
            <input id="a-name" autocomplete="off" value={a.name} onInput={(e) => setAp('name', e.currentTarget.value)} aria-describedby="a-name-msg" />
          </Field>
          <Field id="a-nik" label="NIK pemohon" hint={v.aNik.hint} error={fieldErr('applicant.nik', v.aNik.error ?? relationNik)}>
            <input id="a-nik" inputMode="numeric" autocomplete="off" maxLength={20} value={a.nik} onInput={(e) => setAp('nik', e.currentTarget.value)}
              aria-invalid={!!v.aNik.error} aria-describedby="a-nik-msg" />
          </Field>
          <Field id="a-phone" label="Nomor telepon/HP" hint={v.phone.hint} error={fieldErr('applicant.phone', v.phone.error ?? req(a.phone, 'Nomor telepon'))}>
            <input id="a-phone" type="tel" inputMode="tel" value={a.phone} onInput={(e) => setAp('phone', e.currentTarget.value)} aria-describedby="a-phone-msg" />
          </Field>
          <Field id="a-email" label="Email (tidak wajib)" hint={v.email.hint} error={fieldErr('applicant.email', v.email.error)}>
            <input id="a-email" type="email" value={a.email} onInput={(e) => setAp('email', e.currentTarget.value)} aria-describedby="a-email-msg" />
          </Field>
          <Field id="a-kec" label="Kecamatan" error={fieldErr('applicant.address.kecamatan', req(a.kecamatan, 'Kecamatan'))}>
            <select id="a-kec" value={a.kecamatan} onChange={(e) => setAp('kecamatan', e.currentTarget.value)}>
              <option value="">— pilih kecamatan —</option>
              {Object.keys(KECAMATAN_TARAKAN).map((kc) => <option key={kc} value={kc}>{kc}</option>)}
            </select>
          </Field>
          <Field id="a-kel" label="Kelurahan" error={fieldErr('applicant.address.kelurahan', req(a.kelurahan, 'Kelurahan'))}>
            <select id="a-kel" value={a.kelurahan} disabled={!a.kecamatan} onChange={(e) => setAp('kelurahan', e.currentTarget.value)}>
              <option value="">{a.kecamatan ? '— pilih kelurahan —' : 'Pilih kecamatan dahulu'}</option>
              {kelurahan.map((kl) => <option key={kl} value={kl}>{kl}</option>)}
            </select>
          </Field>
        </div>
        <Field id="a-street" label="Alamat (jalan, RT/RW, nomor rumah)" error={fieldErr('applicant.address.street', req(a.street, 'Alamat'))}>
          <input id="a-street" value={a.street} onInput={(e) => setAp('street', e.currentTarget.value)} aria-describedby="a-street-msg" />
        </Field>
      </fieldset>

      <fieldset class="card">
        <legend>Identitas KPM</legend>
        {sameAsKpm && <p class="muted">Pemohon adalah KPM sendiri: nama dan NIK KPM mengikuti data pemohon.</p>}
        <div class="grid2">
          <Field id="k-name" label="Nama KPM (pengurus)" error={fieldErr('kpm.name', req(kpm.name, 'Nama KPM') ?? unprintable(kpm.name, 'Nama KPM'))}>
            <input id="k-name" value={kpm.name} readOnly={sameAsKpm} onInput={(e) => setKp('name', e.currentTarget.value)} aria-describedby="k-name-msg" />
          </Field>
          <Field id="k-nik" label="NIK KPM" hint={v.kNik.hint} error={fieldErr('kpm.nik', v.kNik.error)}>
            <input id="k-nik" inputMode="numeric" maxLength={20} value={kpm.nik} readOnly={sameAsKpm} onInput={(e) => setKp('nik', e.currentTarget.value)}
              aria-invalid={!!v.kNik.error} aria-describedby="k-nik-msg" />
          </Field>
          <Field id="k-kk" label="Nomor KK" hint={v.kk.hint} error={fieldErr('kpm.kkNumber', v.kk.error ?? req(kpm.kkNumber, 'Nomor KK'))}>
            <input id="k-kk" inputMode="numeric" maxLength={20} value={kpm.kkNumber} onInput={(e) => setKp('kkNumber', e.currentTarget.value)} aria-describedby="k-kk-msg" />
          </Field>
          <Field id="k-kks" label="Nomor KKS (tidak wajib)" hint={v.kks.hint} error={fieldErr('kpm.kksNumber', v.kks.error)}>
            <input id="k-kks" inputMode="numeric" maxLength={24} value={kpm.kksNumber} onInput={(e) => setKp('kksNumber', e.currentTarget.value)} aria-describedby="k-kks-msg" />
          </Field>
        </div>
        {!sameAsKpm && (
          <>
            <p class="muted">Alamat KPM dicetak pada surat. Terisi sama dengan alamat pemohon; ubah bila KPM bertempat tinggal di alamat lain.</p>
            <div class="grid2">
              <Field id="k-kec" label="Kecamatan KPM" error={fieldErr('kpm.address.kecamatan', req(kAddr.kecamatan, 'Kecamatan KPM'))}>
                <select id="k-kec" value={kAddr.kecamatan} onChange={(e) => setKa('kecamatan', e.currentTarget.value)}>
                  <option value="">— pilih kecamatan —</option>
                  {Object.keys(KECAMATAN_TARAKAN).map((kc) => <option key={kc} value={kc}>{kc}</option>)}
                </select>
              </Field>
              <Field id="k-kel" label="Kelurahan KPM" error={fieldErr('kpm.address.kelurahan', req(kAddr.kelurahan, 'Kelurahan KPM'))}>
                <select id="k-kel" value={kAddr.kelurahan} disabled={!kAddr.kecamatan} onChange={(e) => setKa('kelurahan', e.currentTarget.value)}>
                  <option value="">{kAddr.kecamatan ? '— pilih kelurahan —' : 'Pilih kecamatan dahulu'}</option>
                  {(KECAMATAN_TARAKAN[kAddr.kecamatan] ?? []).map((kl) => <option key={kl} value={kl}>{kl}</option>)}
                </select>
              </Field>
            </div>
            <Field id="k-street" label="Alamat KPM (jalan, RT/RW, nomor rumah)" error={fieldErr('kpm.address.street', req(kAddr.street, 'Alamat KPM') ?? unprintable(kAddr.street, 'Alamat KPM'))}>
              <input id="k-street" value={kAddr.street} onInput={(e) => setKa('street', e.currentTarget.value)} aria-describedby="k-street-msg" />
            </Field>
          </>
        )}
      </fieldset>

      <fieldset class="card" aria-describedby="docs-help">
        <legend>Dokumen yang wajib dibawa</legend>
        <p id="docs-help" class="muted">Untuk {COMPLAINT_TYPE_LABELS[complaintType]} — {APPLICANT_RELATION_LABELS[relation]}. Centang dokumen yang dibawa pemohon.</p>
        <ul class="checklist">
          {required.map((d) => (
            <li key={d}>
              <label class="check">
                <input type="checkbox" checked={present.has(d)} onChange={(e) => toggle(d, e.currentTarget.checked)} />
                {DOCUMENT_LABELS[d]} — dibawa
              </label>
            </li>
          ))}
        </ul>
        <p class={missing.length ? 'note-warn' : 'note-ok'} aria-live="polite">
          {missing.length
            ? `Belum lengkap: ${missing.map((d) => DOCUMENT_LABELS[d]).join(', ')}. Pengaduan akan disimpan sebagai Penerimaan dan belum dapat diajukan.`
            : 'Dokumen lengkap: pengaduan langsung diajukan untuk diperiksa.'}
        </p>
      </fieldset>

      {warnings.length > 0 && (
        <section class="card warnings" aria-labelledby="warn-title">
          <h2 id="warn-title">Peringatan — sampaikan kepada pemohon</h2>
          <ul>{warnings.map((w) => <li key={w}>{WARNINGS[w]}</li>)}</ul>
        </section>
      )}

      <ErrorBox message={error} />
      <div class="actions">
        <button type="submit" disabled={busy}>{busy ? 'Menyimpan…' : missing.length ? 'Simpan pengaduan' : 'Simpan dan ajukan'}</button>
      </div>
    </form>
  );
}
