/**
 * The public verification page of a Surat Keterangan (/verifikasi/<code>, opened from the QR code):
 * says whether the office issued the letter (Asli/Sah, Dicabut, Tidak dikenal) and what it says, in
 * masked form (the KPM's name and NIK, the complaint, the outcome, number, date, signer), so a paper
 * reusing a genuine code with other contents does not pass; and checks a PDF file against the
 * stored, electronically signed one by its SHA-256, computed in the browser (the file never leaves
 * the device), reporting the signature the register records.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { displayVerificationCode, normalizeVerificationCode } from '../../../functions/src/domain/letterCode.js';
import { sha256Hex, verifyLetter, type Verification } from './api.js';
import './verifikasi.css';

/** 'CN=Kepala …, O=…' → 'Kepala …' (the name a person reads). */
const commonName = (dn: string): string => /(?:^|,\s*)CN=([^,]+)/.exec(dn)?.[1] ?? dn;

const codeFromPath = (): string =>
  decodeURIComponent(location.pathname.replace(/^\/verifikasi\/?/, '').split('/')[0] ?? '');

type Load =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; v: Verification }
  | { kind: 'error'; message: string };
type FileCheck =
  | { kind: 'none' }
  | { kind: 'checking'; name: string }
  | { kind: 'done'; name: string; matches: boolean; v: Verification }
  | { kind: 'error'; message: string };

function Result({ v }: { v: Verification }) {
  if (v.status === 'unknown') {
    return (
      <section class="verdict unknown" role="status" data-testid="verdict">
        <h2>Tidak dikenal</h2>
        <p>
          Kode verifikasi ini tidak terdaftar pada register surat keluar Dinas Sosial dan Pemberdayaan
          Masyarakat Kota Tarakan. Periksa kembali kode yang tertera di bawah kode QR; bila tetap tidak
          dikenal, surat tersebut tidak dapat dipastikan keasliannya.
        </p>
      </section>
    );
  }
  const revoked = v.status === 'revoked';
  return (
    <section class={`verdict ${revoked ? 'revoked' : 'valid'}`} role="status" data-testid="verdict">
      <h2>{revoked ? 'Dicabut' : 'Asli / Sah'}</h2>
      <p>
        {revoked
          ? `Surat ini pernah diterbitkan, tetapi telah dicabut${v.revokedOn ? ` pada ${v.revokedOn}` : ''} dan tidak berlaku lagi.`
          : 'Surat ini diterbitkan oleh Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan dan tercatat pada register surat keluar.'}
      </p>
      <p class="muted">
        Cocokkan isi surat yang Anda pegang dengan keterangan di bawah ini. Bila ada yang berbeda, surat
        tersebut bukan surat yang diterbitkan dengan kode ini.
      </p>
      <dl>
        <dt>Nomor surat</dt>
        <dd data-testid="v-number">{v.number}</dd>
        <dt>Tanggal</dt>
        <dd>{v.date}</dd>
        {v.kpmNameMasked && (
          <>
            <dt>Nama KPM</dt>
            <dd data-testid="v-kpm-name">{v.kpmNameMasked}</dd>
          </>
        )}
        {v.kpmNikMasked && (
          <>
            <dt>NIK KPM</dt>
            <dd data-testid="v-kpm-nik">{v.kpmNikMasked}</dd>
          </>
        )}
        <dt>Pemohon</dt>
        <dd>{v.applicantMasked}</dd>
        <dt>Perihal</dt>
        <dd>Surat Keterangan – {v.complaintLabel}</dd>
        {v.outcome && (
          <>
            <dt>Isi keterangan</dt>
            <dd data-testid="v-outcome">{v.outcome}</dd>
          </>
        )}
        <dt>Penanda tangan</dt>
        <dd>
          {v.signerName}, {v.signerTitle}
        </dd>
        {v.signature && (
          <>
            <dt>Tanda tangan elektronik</dt>
            <dd data-testid="v-signature">
              {v.signature.signedAt}
              {v.signature.certificateSubject ? ` · sertifikat ${commonName(v.signature.certificateSubject)}` : ''}
              {v.signature.certificateIssuer ? `, diterbitkan oleh ${commonName(v.signature.certificateIssuer)}` : ''}
            </dd>
          </>
        )}
        <dt>Status</dt>
        <dd>{v.revoked ? `Dicabut${v.revokedOn ? ` pada ${v.revokedOn}` : ''}` : 'Berlaku'}</dd>
      </dl>
    </section>
  );
}

function App() {
  const [code, setCode] = useState(() => normalizeVerificationCode(codeFromPath()) ?? '');
  const [typed, setTyped] = useState(() => {
    const c = normalizeVerificationCode(codeFromPath());
    return c ? displayVerificationCode(c) : codeFromPath();
  });
  const [load, setLoad] = useState<Load>({ kind: 'idle' });
  const [file, setFile] = useState<FileCheck>({ kind: 'none' });

  useEffect(() => {
    if (!code) return;
    setLoad({ kind: 'loading' });
    setFile({ kind: 'none' });
    verifyLetter(code).then(
      (v) => setLoad({ kind: 'done', v }),
      () =>
        setLoad({
          kind: 'error',
          message: 'Layanan verifikasi sedang tidak dapat dihubungi. Silakan coba lagi.',
        }),
    );
  }, [code]);

  const submitCode = (e: Event) => {
    e.preventDefault();
    const c = normalizeVerificationCode(typed);
    if (!c) {
      setLoad({ kind: 'done', v: { status: 'unknown' } });
      return;
    }
    history.replaceState(null, '', `/verifikasi/${c}`);
    setCode(c);
  };

  const checkFile = async (f: File | undefined) => {
    if (!f || !code) return;
    setFile({ kind: 'checking', name: f.name });
    try {
      const v = await verifyLetter(code, await sha256Hex(f));
      setFile({ kind: 'done', name: f.name, matches: v.status !== 'unknown' && v.hashMatches === true, v });
    } catch {
      setFile({ kind: 'error', message: 'Berkas tidak dapat diperiksa. Silakan coba lagi.' });
    }
  };

  const [dragging, setDragging] = useState(false);
  const known = load.kind === 'done' && load.v.status !== 'unknown';

  return (
    <main>
      <header>
        <p class="office">Pemerintah Kota Tarakan · Dinas Sosial dan Pemberdayaan Masyarakat</p>
        <h1>Verifikasi Surat Keterangan</h1>
      </header>

      <form onSubmit={submitCode} class="code">
        <label for="kode">Kode verifikasi</label>
        <div>
          <input
            id="kode"
            value={typed}
            onInput={(e) => setTyped(e.currentTarget.value)}
            placeholder="contoh: K7Q2M-9XH3D"
            autocomplete="off"
            spellcheck={false}
          />
          <button type="submit">Periksa</button>
        </div>
      </form>

      {load.kind === 'loading' && <p role="status">Memeriksa…</p>}
      {load.kind === 'error' && (
        <p role="alert" class="error">
          {load.message}
        </p>
      )}
      {load.kind === 'done' && <Result v={load.v} />}

      {known && (
        <section class="file">
          <h2>Cocokkan berkas PDF</h2>
          <p>
            Pilih atau seret berkas PDF surat yang Anda terima. Sidik digital (SHA-256) berkas dihitung di
            perangkat Anda dan dibandingkan dengan surat yang tersimpan; berkas tidak diunggah.
          </p>
          <label
            class={`drop${dragging ? ' over' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => {
              e.preventDefault();
              setDragging(false);
              void checkFile(e.dataTransfer?.files[0]);
            }}
          >
            <input
              type="file"
              accept="application/pdf,.pdf"
              aria-label="Berkas PDF surat"
              onChange={(e) => void checkFile(e.currentTarget.files?.[0])}
            />
            <span>Pilih berkas PDF atau seret ke sini</span>
          </label>
          {file.kind === 'checking' && <p role="status">Menghitung sidik digital {file.name}…</p>}
          {file.kind === 'error' && (
            <p role="alert" class="error">
              {file.message}
            </p>
          )}
          {file.kind === 'done' && (
            <p role="status" data-testid="file-verdict" class={file.matches ? 'match' : 'mismatch'}>
              {file.matches
                ? `Berkas ${file.name} cocok: isinya sama persis dengan surat yang diterbitkan.`
                : `Berkas ${file.name} tidak cocok: isinya berbeda dari surat yang diterbitkan (mungkin telah diubah, atau berkas lain).`}
            </p>
          )}
          {file.kind === 'done' && file.matches && file.v.status !== 'unknown' && (
            <p data-testid="file-signature" class="match">
              {file.v.signature
                ? `Berkas ini adalah surat yang ditandatangani secara elektronik oleh ${file.v.signerName} (${file.v.signerTitle}) pada ${file.v.signature.signedAt}` +
                  (file.v.signature.certificateSubject ? ` dengan sertifikat ${commonName(file.v.signature.certificateSubject)}` : '') +
                  ', menurut register surat keluar. Tanda tangan elektroniknya dapat diperiksa juga di aplikasi pembaca PDF.'
                : `Berkas ini adalah surat yang tercatat pada register surat keluar, ditandatangani oleh ${file.v.signerName} (${file.v.signerTitle}).`}
              {file.v.revoked ? ' Namun surat ini telah dicabut dan tidak berlaku lagi.' : ''}
            </p>
          )}
        </section>
      )}
      <footer>
        Layanan Pengaduan KPM Sembako/BPNT · Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan
      </footer>
    </main>
  );
}

render(<App />, document.getElementById('app')!);
