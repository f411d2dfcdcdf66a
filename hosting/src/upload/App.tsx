import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, getInfo, uploadWithRetry, type DocumentItem, type UploadInfo } from './api';
import { reduceImage } from './reduceImage';

type Screen =
  | { kind: 'loading' }
  | { kind: 'ready'; info: UploadInfo }
  | { kind: 'denied'; title: string; message: string }
  | { kind: 'offline'; message: string };

/** Progress of the file being sent for one document. */
type Progress =
  | { stage: 'idle' }
  | { stage: 'reducing'; name: string }
  | { stage: 'uploading'; percent: number; sizeNote: string }
  | { stage: 'waiting'; seconds: number; attempt: number; rateLimited: boolean }
  | { stage: 'sent'; note: string }
  | { stage: 'failed'; message: string };

/** The token is the path segment after /unggah/. */
export function tokenFromPath(path: string): string | null {
  const m = /^\/unggah\/([^/?#]+)\/?$/.exec(path);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

const kb = (n: number) =>
  n >= 1_000_000
    ? `${(n / 1_000_000).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB`
    : `${Math.max(1, Math.round(n / 1000))} KB`;

const witaTime = (iso: string) =>
  new Intl.DateTimeFormat('id-ID', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Makassar' }).format(
    new Date(iso),
  ) + ' WITA';

function deniedTitle(e: ApiError): string {
  const reason = e.details?.['reason'];
  if (reason === 'expired') return 'Tautan sudah kedaluwarsa';
  if (reason === 'revoked') return 'Tautan sudah dicabut';
  return 'Tautan tidak dapat digunakan';
}

export function App({ token }: { token: string | null }) {
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const busy = useRef(0);

  const deny = useCallback((e: ApiError) => {
    setScreen({ kind: 'denied', title: deniedTitle(e), message: e.message });
  }, []);

  const load = useCallback(async () => {
    if (!token) {
      setScreen({
        kind: 'denied',
        title: 'Tautan tidak lengkap',
        message: 'Pindai ulang kode QR yang ditampilkan petugas.',
      });
      return;
    }
    try {
      setScreen({ kind: 'ready', info: await getInfo(token) });
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'unknown', 'Terjadi kesalahan.');
      if (err.status === 403 || err.status === 404 || err.status === 400) deny(err);
      else setScreen((s) => (s.kind === 'ready' ? s : { kind: 'offline', message: err.message }));
    }
  }, [token, deny]);

  useEffect(() => {
    void load();
    // Staff may reject a photo while the applicant waits: refresh now and then, and on return.
    const refresh = () => {
      if (document.visibilityState === 'visible' && busy.current === 0) void load();
    };
    const timer = setInterval(refresh, 30_000);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [load]);

  return (
    <>
      <header class="bar">
        <span class="bar-office">Dinas Sosial dan PM Kota Tarakan</span>
        <span class="bar-title">Unggah Dokumen Pengaduan</span>
      </header>
      <main class="page">
        {screen.kind === 'loading' && (
          <p class="muted center" role="status">
            Memuat data pengaduan…
          </p>
        )}
        {screen.kind === 'offline' && (
          <section class="card notice" role="alert">
            <h1>Tidak dapat memuat</h1>
            <p>{screen.message}</p>
            <button class="btn primary" type="button" onClick={() => void load()}>
              Coba lagi
            </button>
          </section>
        )}
        {screen.kind === 'denied' && (
          <section class="card notice denied" role="alert">
            <h1>{screen.title}</h1>
            <p>{screen.message}</p>
          </section>
        )}
        {screen.kind === 'ready' && token && (
          <Ready info={screen.info} token={token} busy={busy} onChanged={load} onDenied={deny} />
        )}
      </main>
    </>
  );
}

function Ready(props: {
  info: UploadInfo;
  token: string;
  busy: { current: number };
  onChanged: () => Promise<void>;
  onDenied: (e: ApiError) => void;
}) {
  const { info } = props;
  const done = info.documents.filter(
    (d) => d.uploads.some((u) => u.status === 'received') || d.onFile,
  ).length;
  return (
    <>
      <section class="card summary">
        <p class="eyebrow">Nomor pengaduan</p>
        <h1 data-testid="case-number">{info.caseNumber}</h1>
        <dl>
          <dt>Jenis pengaduan</dt>
          <dd>{info.complaintTypeLabel}</dd>
          {info.applicantInitial && (
            <>
              <dt>Pemohon</dt>
              <dd>{info.applicantInitial}</dd>
            </>
          )}
          <dt>Berlaku sampai</dt>
          <dd>{witaTime(info.expiresAt)}</dd>
        </dl>
      </section>
      {!info.open ? (
        <section class="card notice" role="status" data-testid="closed-notice">
          {info.closedReason === 'documents-verified' ? (
            <>
              <h2>Dokumen sudah diverifikasi</h2>
              <p>
                Petugas sudah memeriksa dan memverifikasi dokumen pengaduan ini, sehingga unggahan tidak diterima lagi.
                Bila ada dokumen yang perlu diganti, petugas akan menghubungi Anda.
              </p>
            </>
          ) : (
            <p>Pengaduan ini sudah selesai atau ditutup. Dokumen tidak perlu dikirim lagi.</p>
          )}
        </section>
      ) : info.linkRemaining <= 0 ? (
        <section class="card notice" role="status" data-testid="link-full">
          <h2>Batas unggah tercapai</h2>
          <p>
            Tautan ini sudah dipakai untuk jumlah berkas yang diizinkan. Minta petugas menampilkan kode QR yang baru bila
            masih ada dokumen yang perlu dikirim.
          </p>
        </section>
      ) : (
        <section class="card tips">
          <p>
            Foto setiap dokumen di tempat yang terang, dengan seluruh halaman terlihat dan tulisan terbaca.
            Foto akan diperkecil di ponsel sebelum dikirim.
          </p>
          <p class="progress-all" aria-live="polite">
            {done} dari {info.documents.length} dokumen sudah ada.
          </p>
        </section>
      )}
      <ul class="docs">
        {info.documents.map((d) => (
          <DocumentCard key={d.kind} doc={d} open={info.open && info.linkRemaining > 0} {...props} />
        ))}
      </ul>
    </>
  );
}

function statusOf(d: DocumentItem): { tone: 'ok' | 'bad' | 'info' | 'none'; text: string } {
  const received = d.uploads.filter((u) => u.status === 'received');
  if (received.length > 0)
    return { tone: 'ok', text: received.length > 1 ? `Terkirim (${received.length} berkas)` : 'Terkirim' };
  const last = d.uploads[d.uploads.length - 1];
  if (last?.status === 'rejected')
    return { tone: 'bad', text: `Ditolak: ${last.rejectReason ?? 'silakan foto ulang'}` };
  if (d.onFile) return { tone: 'info', text: 'Sudah diterima petugas' };
  return { tone: 'none', text: 'Belum ada' };
}

function DocumentCard(props: {
  doc: DocumentItem;
  open: boolean;
  info: UploadInfo;
  token: string;
  busy: { current: number };
  onChanged: () => Promise<void>;
  onDenied: (e: ApiError) => void;
}) {
  const { doc, token, info } = props;
  const [p, setP] = useState<Progress>({ stage: 'idle' });
  const camera = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const status = statusOf(doc);
  const working = p.stage === 'reducing' || p.stage === 'uploading' || p.stage === 'waiting';
  const full = doc.remaining <= 0;

  async function send(files: File[]) {
    props.busy.current++;
    try {
      for (const file of files) {
        setP({ stage: 'reducing', name: file.name });
        const blob = await reduceImage(file);
        if (blob.size > info.maxUploadBytes) {
          setP({
            stage: 'failed',
            message: `Berkas terlalu besar (${kb(blob.size)}). Ukuran maksimum adalah ${kb(info.maxUploadBytes)}.`,
          });
          return;
        }
        const sizeNote = blob === file ? kb(blob.size) : `${kb(file.size)} → ${kb(blob.size)}`;
        setP({ stage: 'uploading', percent: 0, sizeNote });
        const result = await uploadWithRetry(token, doc.kind, blob, {
          onProgress: (f) =>
            setP({ stage: 'uploading', percent: Math.min(100, Math.round(f * 100)), sizeNote }),
          onRetry: (attempt, ms, err) =>
            setP({ stage: 'waiting', seconds: Math.ceil(ms / 1000), attempt, rateLimited: err.rateLimited }),
        });
        setP({
          stage: 'sent',
          note: result.duplicate
            ? 'Terkirim (berkas ini sudah diterima sebelumnya).'
            : `Terkirim (${kb(blob.size)}).`,
        });
      }
    } catch (e) {
      const err =
        e instanceof ApiError ? e : new ApiError(0, 'unknown', 'Terjadi kesalahan. Silakan coba lagi.');
      if (err.status === 403) {
        props.onDenied(err);
        return;
      }
      setP({
        stage: 'failed',
        message: err.retryable
          ? `${err.message} Pengiriman gagal setelah beberapa kali mencoba. Silakan coba lagi.`
          : err.message,
      });
    } finally {
      props.busy.current--;
      await props.onChanged();
    }
  }

  const onPick = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const files = Array.from(input.files ?? []);
    input.value = ''; // choosing the same file again must fire change again
    if (files.length > 0) void send(files);
  };

  const labelId = `doc-${doc.kind}`;
  return (
    <li class="card doc" aria-labelledby={labelId} data-testid={`doc-${doc.kind}`}>
      <div class="doc-head">
        <h2 id={labelId}>{doc.label}</h2>
        <span class={`badge ${status.tone}`} data-testid={`status-${doc.kind}`}>
          {status.text}
        </span>
      </div>
      {!doc.required && <p class="muted small">Tidak wajib untuk pengaduan ini.</p>}
      {props.open && full && (
        <p class="step warn" data-testid={`full-${doc.kind}`}>
          Batas unggah tercapai untuk dokumen ini. Tunggu pemeriksaan petugas; bila ada foto yang ditolak, Anda dapat
          mengirim penggantinya.
        </p>
      )}
      {props.open && !full && (
        <div class="actions">
          <button
            class="btn primary"
            type="button"
            disabled={working}
            onClick={() => camera.current?.click()}
          >
            {status.tone === 'ok' ? 'Tambah foto' : 'Ambil foto'}
          </button>
          <button
            class="btn secondary"
            type="button"
            disabled={working}
            onClick={() => picker.current?.click()}
          >
            Pilih berkas
          </button>
          <input
            ref={camera}
            class="visually-hidden"
            type="file"
            accept="image/*,application/pdf"
            capture="environment"
            tabIndex={-1}
            aria-label={`Ambil foto ${doc.label}`}
            data-testid={`camera-${doc.kind}`}
            onChange={onPick}
          />
          <input
            ref={picker}
            class="visually-hidden"
            type="file"
            accept="image/*,application/pdf"
            multiple
            tabIndex={-1}
            aria-label={`Pilih berkas ${doc.label}`}
            data-testid={`file-${doc.kind}`}
            onChange={onPick}
          />
        </div>
      )}
      <div class="live" aria-live="polite" data-testid={`progress-${doc.kind}`}>
        {p.stage === 'reducing' && <p class="step">Memperkecil foto…</p>}
        {p.stage === 'uploading' && (
          <>
            <p class="step">
              Mengunggah… {p.percent}% <span class="muted">({p.sizeNote})</span>
            </p>
            <progress max={100} value={p.percent} aria-label={`Kemajuan unggah ${doc.label}`} />
          </>
        )}
        {p.stage === 'waiting' && (
          <p class="step warn">
            {p.rateLimited
              ? `Terlalu banyak unggahan dalam waktu singkat. Mengirim ulang otomatis dalam ${p.seconds} detik…`
              : `Koneksi terputus. Mencoba lagi dalam ${p.seconds} detik (percobaan ke-${p.attempt})…`}
          </p>
        )}
        {p.stage === 'sent' && <p class="step ok">{p.note}</p>}
        {p.stage === 'failed' && (
          <p class="step bad" role="alert">
            {p.message}
          </p>
        )}
      </div>
    </li>
  );
}
