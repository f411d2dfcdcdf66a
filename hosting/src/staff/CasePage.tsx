/**
 * The case page: header with the step clock, identities, checklist, uploaded photocopies, the
 * timeline, the letter, and the action panel of the current step for the current role.
 */
import { collection, doc, orderBy, query } from 'firebase/firestore';
import { useEffect, useState } from 'preact/hooks';
import {
  APPLICANT_RELATION_LABELS,
  COMPLAINT_TYPE_LABELS,
  DOCUMENT_KINDS,
  DOCUMENT_LABELS,
  ROLE_LABELS,
  STATE_LABELS,
  WARNINGS,
  type Role,
  EMAIL_STATUSES,
  EMAIL_STATUS_LABELS,
  LETTER_STATUS_LABELS,
} from '../../../functions/src/domain/vocabulary';
import { isOneOf } from '../../../functions/src/domain/actions/payload';
import { ACTION_LABELS, ASSISTANCE_TYPE_LABELS, HANDOVER_METHOD_LABELS, allowedActions, type ActionName } from '../../../functions/src/domain/workflow';
import { requiredDocuments } from '../../../functions/src/domain/documents';
import { formatTanggalWaktu } from '../../../functions/src/domain/indonesianDate';
import type { OfficeSettings } from '../../../functions/src/domain/settings';
import { auth, call } from '../firebase';
import { db, useDoc, useQuery, type CaseDoc, type StoredCase } from './db';
import { uploadsClosedReason } from '../../../functions/src/domain/uploadLimits';
import { IDENTITY_ROLES, joinCase, maskedIdentity, summaryOfDoc, type CaseIdentity } from '../../../functions/src/domain/caseSummary';
import { ActionPanel } from './actions';
import { ReceiptPanel } from './Receipt';
import { ClockBadge, Dialog, ErrorBox, Link, clockOf, errorMessage, fmtMinutes, isMissingFunction, useNow } from './ui';
import type { Me } from './types';

interface HistoryRow {
  id: string;
  seq: number;
  action: string;
  from: string | null;
  to: string | null;
  at: string;
  byName: string;
  actedAs?: Role;
  note?: string;
  stepMinutes?: number;
  stepStandardMinutes?: number;
  stepEnded?: boolean;
}

interface UploadedDoc {
  id: string;
  kind?: string;
  status?: string;
  contentType?: string;
  size?: number;
  uploadedAt?: string;
  createdAt?: string;
}

const OTHER_EVENTS: Record<string, string> = {
  intake: 'Pengaduan diterima',
  upload: 'Dokumen diunggah',
  rejectDocument: 'Dokumen ditolak',
  documentViewed: 'Dokumen dilihat',
  letterIssued: 'Surat Keterangan diterbitkan',
  letterFailed: 'Pembuatan surat gagal',
  letterRevoked: 'Surat Keterangan dicabut',
  letterEmailed: 'Surat Keterangan dikirim melalui email',
  letterEmailFailed: 'Pengiriman email surat gagal',
  letterDead: 'Pembuatan surat dihentikan; perlu tindakan administrator',
  letterRetried: 'Pembuatan surat dicoba lagi oleh administrator',
  letterVoided: 'Nomor surat dibatalkan; kembali ke tahap tanda tangan',
  receiptIssued: 'Tanda terima dicetak',
};
const eventLabel = (a: string) => ACTION_LABELS[a as ActionName] ?? OTHER_EVENTS[a] ?? a;

const DOC_STATUS: Record<string, string> = {
  received: 'Diterima',
  pending: 'Diproses',
  processing: 'Diproses',
  ready: 'Siap',
  stored: 'Siap',
  accepted: 'Diterima',
  rejected: 'Ditolak',
  failed: 'Gagal',
};
/** The email status as staff read it: always a label of the vocabulary, never a raw code. */
function emailStatusLabel(status: string | undefined, hasEmail: boolean): string {
  if (status && isOneOf(EMAIL_STATUSES, status)) return EMAIL_STATUS_LABELS[status];
  return hasEmail ? 'Belum dikirim' : EMAIL_STATUS_LABELS.none;
}

const createUploadLink = call<{ caseId: string }, { url: string; expiresAt: string }>('createUploadLink');
const getLetterPdf = call<{ caseId: string }, { filename: string; base64: string; sha256: string }>('getLetterPdf');

const openCaseIdentity = call<{ caseId: string }, CaseIdentity>('openCaseIdentity');

/**
 * The case's identity, opened once per visit of the page by a case-working role (the server
 * records each opening); `masked` for anyone else, who sees the summary's masked names only.
 */
function useIdentity(caseId: string, allowed: boolean): { data: CaseIdentity | null; error: string | null; masked: boolean } {
  const [state, setState] = useState<{ data: CaseIdentity | null; error: string | null }>({ data: null, error: null });
  useEffect(() => {
    if (!allowed) return;
    let live = true;
    setState({ data: null, error: null });
    openCaseIdentity({ caseId }).then(
      (data) => live && setState({ data, error: null }),
      (e) => live && setState({ data: null, error: `Identitas tidak dapat dimuat. ${errorMessage(e)}` }),
    );
    return () => {
      live = false;
    };
  }, [caseId, allowed]);
  return { ...state, masked: !allowed };
}

export function CasePage({ me, role, settings, caseId }: { me: Me; role: Role; settings: OfficeSettings; caseId: string }) {
  const live = useDoc<CaseDoc>(doc(db, 'cases', caseId), `case:${caseId}`);
  const identity = useIdentity(caseId, me.roles.some((r) => IDENTITY_ROLES.includes(r)));
  const history = useQuery<HistoryRow>(() => query(collection(db, 'cases', caseId, 'history'), orderBy('seq')), `hist:${caseId}`);
  const uploads = useQuery<UploadedDoc>(() => collection(db, 'cases', caseId, 'documents'), `docs:${caseId}`);
  const now = useNow();
  const tz = settings.calendar.timeZoneOffsetMinutes;
  const stored = live.data;

  if (live.error) return <p role="alert" class="error-box">{live.error}</p>;
  if (stored === undefined) return <p class="loading">Memuat pengaduan…</p>;
  if (stored === null) return <p role="alert" class="error-box">Pengaduan tidak ditemukan.</p>;
  const summary = summaryOfDoc(stored);
  const shown = identity.data ?? maskedIdentity(summary);
  const kase = { ...joinCase(stored, shown), summary } as unknown as StoredCase;
  const identityReady = identity.data !== null;

  const clock = clockOf(kase, settings, now);
  const actions = allowedActions(kase.state, [role]);
  const required = requiredDocuments(kase.complaintType, kase.relation, settings);
  const a = kase.applicant;
  const when = (iso: string) => formatTanggalWaktu(new Date(iso), tz);
  const isNew = new URLSearchParams(location.search).has('baru');
  // The receipt: for the roles that see the identity (the applicant's phone for WhatsApp comes from it).
  const receipt = identity.masked ? null : (
    <ReceiptPanel
      caseId={caseId}
      issuedBefore={(history.data ?? []).some((h) => h.action === 'receiptIssued')}
      applicantPhone={identityReady ? a.phone : null}
      hasEmail={summary.hasEmail}
      highlight={isNew}
    />
  );

  return (
    <article class="casepage" aria-labelledby="case-title">
      <p class="crumb"><Link href="/">← Kotak masuk</Link></p>
      <header class="case-head card">
        <div>
          <h1 id="case-title">{kase.number}</h1>
          <p class="muted">{COMPLAINT_TYPE_LABELS[kase.complaintType]} · diterima {when(kase.createdAt)} oleh {kase.createdByName}</p>
        </div>
        <div class="case-status">
          <span class={`state state-${kase.state}`} data-testid="case-state">{STATE_LABELS[kase.state]}</span>
          {clock && <ClockBadge clock={clock} />}
        </div>
      </header>

      {kase.sentBack && (
        <section class="notice" role="status">
          <strong>
            {kase.sentBack.action === 'returnToApplicant' ? 'Dikembalikan ke pemohon' : kase.sentBack.action === 'decideNo' ? 'Keputusan Analis: Tidak — dikembalikan ke Front Office' : 'Diminta perbaikan'}
          </strong>{' '}
          oleh {kase.sentBack.byName} ({when(kase.sentBack.at)}): {kase.sentBack.reason}
          {kase.sentBack.missing?.length ? ` Dokumen yang kurang: ${kase.sentBack.missing.map((d) => DOCUMENT_LABELS[d]).join(', ')}.` : ''}
        </section>
      )}
      {kase.closure && (
        <section class="notice" role="status"><strong>Pengaduan ditutup</strong> oleh {kase.closure.byName} ({when(kase.closure.at)}): {kase.closure.reason}</section>
      )}

      <div class="case-grid">
        <div class="case-main">
          <section class="card" aria-labelledby="id-title">
            <h2 id="id-title">Identitas</h2>
            {identity.masked && <p class="muted" data-testid="identity-masked">Identitas lengkap hanya ditampilkan kepada petugas yang menangani pengaduan; yang tampak di sini disamarkan.</p>}
            {!identity.masked && !identityReady && !identity.error && <p class="loading">Memuat identitas…</p>}
            <ErrorBox message={identity.error} />
            <div class="grid2" data-testid="identity">
              <dl class="kv">
                <dt>Pemohon</dt><dd>{a.name} ({APPLICANT_RELATION_LABELS[kase.relation]})</dd>
                <dt>NIK pemohon</dt><dd>{a.nik}</dd>
                <dt>Telepon</dt><dd>{a.phone}</dd>
                <dt>Email</dt><dd>{a.email ?? '—'}</dd>
                <dt>Alamat</dt><dd>{a.address.street}, Kel. {a.address.kelurahan}, Kec. {a.address.kecamatan}</dd>
              </dl>
              <dl class="kv">
                <dt>KPM</dt><dd>{kase.kpm.name}</dd>
                <dt>NIK KPM</dt><dd>{kase.kpm.nik}</dd>
                <dt>Nomor KK</dt><dd>{kase.kpm.kkNumber}</dd>
                <dt>Nomor KKS</dt><dd>{kase.kpm.kksNumber ?? '—'}</dd>
                {kase.complaintDetail && (<><dt>Uraian</dt><dd>{kase.complaintDetail}</dd></>)}
              </dl>
            </div>
            {kase.identifierWarnings?.length > 0 && <p class="note-warn">{kase.identifierWarnings.join(' ')}</p>}
            {kase.sopWarnings?.length > 0 && (
              <div class="warnings">
                <h3>Peringatan SOP</h3>
                <ul>{kase.sopWarnings.map((w) => <li key={w}>{WARNINGS[w]}</li>)}</ul>
              </div>
            )}
          </section>

          <section class="card" aria-labelledby="cl-title">
            <h2 id="cl-title">Checklist dokumen</h2>
            <table class="mini">
              <thead><tr><th scope="col">Dokumen</th><th scope="col">Wajib</th><th scope="col">Dibawa</th><th scope="col">Pemeriksaan FO</th></tr></thead>
              <tbody>
                {DOCUMENT_KINDS.filter((d) => required.includes(d) || kase.documents[d]?.present).map((d) => {
                  const item = kase.documents[d];
                  return (
                    <tr key={d}>
                      <td>{DOCUMENT_LABELS[d]}</td>
                      <td>{required.includes(d) ? 'Ya' : 'Tidak'}</td>
                      <td>{item?.present ? '✓ Ada' : '✗ Belum'}</td>
                      <td>{item?.check ? `${item.check.ok ? '✓ Sesuai' : '✗ Tidak sesuai'}${item.check.note ? ` — ${item.check.note}` : ''}` : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>

          <Uploads caseId={caseId} uploads={uploads.data} canLink={role === 'fo' && uploadsClosedReason(kase.state) === null} autoLink={isNew} tz={tz} />

          {kase.analysis && (
            <section class="card" aria-labelledby="an-title">
              <h2 id="an-title">Analisis</h2>
              <dl class="kv">
                <dt>Jenis bantuan</dt><dd>{ASSISTANCE_TYPE_LABELS[kase.analysis.assistanceType]}</dd>
                <dt>Permasalahan</dt><dd>{kase.analysis.problem}</dd>
                <dt>Solusi</dt><dd>{kase.analysis.solution}</dd>
                <dt>SIKS-NG</dt><dd>{kase.analysis.siksNgUpdate.done ? `Dimutakhirkan, ref. ${kase.analysis.siksNgUpdate.reference}` : `Tidak dimutakhirkan: ${kase.analysis.siksNgUpdate.note ?? ''}`}</dd>
                <dt>Edukasi KPM</dt><dd>Sudah diberikan</dd>
                <dt>Analis</dt><dd>{kase.analysis.byName}, {when(kase.analysis.at)}</dd>
                {kase.paraf && (<><dt>Paraf</dt><dd>{kase.paraf.name}, {when(kase.paraf.at)}</dd></>)}
                {kase.signature && (<><dt>Tanda tangan</dt><dd>{kase.signature.name}, {when(kase.signature.at)}</dd></>)}
              </dl>
            </section>
          )}

          <section class="card" aria-labelledby="tl-title">
            <h2 id="tl-title">Riwayat</h2>
            {history.error && <p role="alert" class="error-box">{history.error}</p>}
            <ol class="timeline" data-testid="timeline">
              {(history.data ?? []).map((h) => (
                <li key={h.id}>
                  <div class="tl-head">
                    <strong>{eventLabel(h.action)}</strong>
                    {h.to && h.from !== h.to && <span class="muted"> → {STATE_LABELS[h.to as keyof typeof STATE_LABELS] ?? h.to}</span>}
                  </div>
                  <div class="muted">
                    {h.byName}{h.actedAs ? ` (${ROLE_LABELS[h.actedAs] ?? h.actedAs})` : ''} · {when(h.at)}
                    {typeof h.stepMinutes === 'number' && typeof h.stepStandardMinutes === 'number' && (
                      <> · langkah {fmtMinutes(h.stepMinutes)} dari standar {h.stepStandardMinutes} mnt{h.stepMinutes > h.stepStandardMinutes ? ' (melewati standar)' : ''}</>
                    )}
                  </div>
                  {h.note && <div class="tl-note">{h.note}</div>}
                </li>
              ))}
            </ol>
          </section>
        </div>

        <aside class="case-side">
          {isNew && receipt}
          {identityReady || actions.length === 0 ? (
            <ActionPanel kase={kase} actions={actions} role={role} settings={settings} me={me} />
          ) : (
            <section class="card action-panel"><p class="loading">Memuat…</p></section>
          )}
          {kase.letter && <LetterPanel kase={kase} tz={tz} />}
          {!isNew && receipt}
        </aside>
      </div>
    </article>
  );
}

function Uploads({ caseId, uploads, canLink, autoLink, tz }: { caseId: string; uploads: UploadedDoc[] | undefined; canLink: boolean; autoLink: boolean; tz: number }) {
  const [viewing, setViewing] = useState<{ url: string; type: string; title: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [qr, setQr] = useState<{ url: string; expiresAt: string; image: string } | null>(null);
  const [qrError, setQrError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const makeLink = async () => {
    setBusy(true);
    setQrError(null);
    try {
      const link = await createUploadLink({ caseId });
      const QR = await import('qrcode');
      const image = await QR.toDataURL(link.url, { margin: 1, width: 220, errorCorrectionLevel: 'M' });
      setQr({ ...link, image });
    } catch (err) {
      setQrError(isMissingFunction(err) ? 'Fitur unggah dokumen melalui ponsel belum tersedia di server.' : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (autoLink && canLink) void makeLink();
    // Only once, when the page opens right after intake.
  }, []);

  const view = async (d: UploadedDoc) => {
    setError(null);
    try {
      const token = await auth.currentUser?.getIdToken();
      const res = await fetch(`/api/cases/${encodeURIComponent(caseId)}/documents/${encodeURIComponent(d.id)}`, {
        headers: { Authorization: `Bearer ${token ?? ''}` },
      });
      if (!res.ok) throw new Error(res.status === 404 ? 'Dokumen tidak ditemukan.' : res.status === 403 ? 'Anda tidak berhak melihat dokumen ini.' : `Dokumen tidak dapat dibuka (HTTP ${res.status}).`);
      const blob = await res.blob();
      setViewing({ url: URL.createObjectURL(blob), type: blob.type, title: DOCUMENT_LABELS[d.kind as keyof typeof DOCUMENT_LABELS] ?? 'Dokumen' });
    } catch (err) {
      setError((err as Error).message || 'Dokumen tidak dapat dibuka.');
    }
  };
  const close = () => {
    if (viewing) URL.revokeObjectURL(viewing.url);
    setViewing(null);
  };

  return (
    <section class="card" aria-labelledby="up-title">
      <h2 id="up-title">Fotokopi dokumen (unggahan)</h2>
      {uploads === undefined ? (
        <p class="muted">Memuat…</p>
      ) : uploads.length === 0 ? (
        <p class="muted">Belum ada dokumen yang diunggah.</p>
      ) : (
        <ul class="uploads">
          {uploads.map((d) => (
            <li key={d.id}>
              <span>{DOCUMENT_LABELS[d.kind as keyof typeof DOCUMENT_LABELS] ?? d.kind ?? 'Dokumen'}</span>
              <span class="muted">{DOC_STATUS[d.status ?? ''] ?? d.status ?? ''}{d.uploadedAt || d.createdAt ? ` · ${formatTanggalWaktu(new Date((d.uploadedAt ?? d.createdAt)!), tz)}` : ''}</span>
              <button type="button" class="small" onClick={() => void view(d)} aria-label={`Lihat ${DOCUMENT_LABELS[d.kind as keyof typeof DOCUMENT_LABELS] ?? 'dokumen'}`}>Lihat</button>
            </li>
          ))}
        </ul>
      )}
      <ErrorBox message={error} />
      {canLink && (
        <div class="qr-box">
          {qr ? (
            <figure>
              <img src={qr.image} width={220} height={220} alt="Kode QR untuk mengunggah dokumen dari ponsel" />
              <figcaption>
                Pindai dengan kamera ponsel, atau buka <a href={qr.url} target="_blank" rel="noopener" data-testid="upload-link">{qr.url}</a>.
                <br />Berlaku sampai {formatTanggalWaktu(new Date(qr.expiresAt), tz)}.
              </figcaption>
            </figure>
          ) : (
            <button type="button" class="secondary" disabled={busy} onClick={() => void makeLink()}>
              {busy ? 'Membuat kode QR…' : 'Tampilkan QR unggah dari ponsel'}
            </button>
          )}
          <ErrorBox message={qrError} />
        </div>
      )}
      <Dialog open={!!viewing} title={viewing?.title ?? ''} onClose={close} wide>
        {viewing && (viewing.type.startsWith('image/') ? (
          <img src={viewing.url} alt={viewing.title} class="doc-view" />
        ) : (
          // A sandboxed frame: the PDF viewer may run, but in an opaque origin, so nothing in the file
          // can reach this page's session or storage.
          <iframe src={viewing.url} title={viewing.title} class="doc-view" sandbox="allow-scripts" data-testid="doc-frame" />
        ))}
      </Dialog>
    </section>
  );
}

function LetterPanel({ kase, tz }: { kase: StoredCase; tz: number }) {
  const letter = kase.letter!;
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<string | null>(null);

  const fetchPdf = async () => {
    const r = await getLetterPdf({ caseId: kase.id });
    const bytes = Uint8Array.from(atob(r.base64), (c) => c.charCodeAt(0));
    return { ...r, url: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })) };
  };
  const run = async (what: 'lihat' | 'unduh' | 'cetak') => {
    setBusy(what);
    setError(null);
    try {
      const pdf = await fetchPdf();
      if (what === 'lihat') setPreview(pdf.url);
      else if (what === 'unduh') {
        const link = document.createElement('a');
        link.href = pdf.url;
        link.download = pdf.filename;
        link.click();
        setTimeout(() => URL.revokeObjectURL(pdf.url), 30_000);
      } else {
        const w = window.open(pdf.url, '_blank');
        w?.addEventListener('load', () => w.print());
      }
    } catch (err) {
      setError(isMissingFunction(err) ? 'Layanan pengambilan surat belum tersedia di server.' : errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  const ready = letter.status === 'rendered';
  return (
    <section class="card" aria-labelledby="letter-title">
      <h2 id="letter-title">Surat Keterangan</h2>
      <dl class="kv">
        <dt>Status surat</dt><dd data-testid="letter-status">{LETTER_STATUS_LABELS[letter.status]}</dd>
        {letter.number && (<><dt>Nomor</dt><dd>{letter.number}</dd></>)}
        {letter.renderedAt && (<><dt>Diterbitkan</dt><dd>{formatTanggalWaktu(new Date(letter.renderedAt), tz)}</dd></>)}
        <dt>Email ke pemohon</dt>
        <dd data-testid="email-status">{emailStatusLabel(letter.email?.status, kase.summary.hasEmail)}</dd>
        {letter.error && (<><dt>Keterangan</dt><dd>{letter.error}</dd></>)}
      </dl>
      <div class="actions">
        <button type="button" class="secondary" disabled={!ready || !!busy} onClick={() => void run('lihat')}>{busy === 'lihat' ? 'Memuat…' : 'Pratinjau'}</button>
        <button type="button" class="secondary" disabled={!ready || !!busy} onClick={() => void run('unduh')}>{busy === 'unduh' ? 'Memuat…' : 'Unduh PDF'}</button>
        <button type="button" class="secondary" disabled={!ready || !!busy} onClick={() => void run('cetak')}>{busy === 'cetak' ? 'Memuat…' : 'Cetak'}</button>
      </div>
      <ErrorBox message={error} />
      <Dialog open={!!preview} title={`Surat Keterangan ${letter.number ?? ''}`} wide onClose={() => { if (preview) URL.revokeObjectURL(preview); setPreview(null); }}>
        {preview && <iframe src={preview} title="Pratinjau Surat Keterangan" class="doc-view" />}
      </Dialog>
      {kase.handover && (
        <p class="note-ok">
          {HANDOVER_METHOD_LABELS[kase.handover.method]} kepada {kase.handover.receivedBy} oleh {kase.handover.byName}, {formatTanggalWaktu(new Date(kase.handover.at), tz)}.
        </p>
      )}
    </section>
  );
}
