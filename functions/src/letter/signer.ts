/**
 * The signing step of the Surat Keterangan, behind one interface.
 *
 * The office signs with its own certificate: `padesSigner` (`./pades.ts`) returns the rendered PDF
 * with a PAdES signature (ETSI.CAdES.detached) made with the PKCS#12 held in the secret
 * `LETTER_SIGNING_P12`; the renderer still prints the visible mark `signer.mark` in the signature
 * block, and the QR code and the stored SHA-256 let anyone check the letter on the public
 * verification page. `configuredSigner()` (there) is what the letter issuer uses.
 *
 * A certified provider (e.g. BSrE, Balai Besar Sertifikasi Elektronik, or another PSrE) plugs in
 * behind the same interface: its `sign` sends the rendered PDF (or its ByteRange digest) with the
 * signer's identity to the provider and returns the PAdES-signed PDF, its own mark text, its
 * provider id and the certificate it signed with. The caller renders with `signer.mark`, calls
 * `sign`, and stores/hashes the PDF that `sign` returns (never the unsigned one), so swapping
 * providers changes nothing else.
 */

/** Who the certificate of a cryptographic signature names, recorded with the letter. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  /** Lower-case hex SHA-256 of the DER certificate. */
  sha256: string;
  notAfter: string;
}

/** Who signs what, passed to the provider. */
export interface LetterSignatureMeta {
  letterNumber: string;
  signerName: string;
  signerNip: string;
  signerTitle: string;
  signedAt: Date;
  /** Reason shown by PDF readers for a certified signature. */
  reason?: string;
  location?: string;
}

export interface SignedLetter {
  /** The PDF to store and send (for a certified provider: the signed bytes, different from the input). */
  pdf: Buffer;
  /** The text printed as the signature mark. */
  mark: string;
  /** Provider id recorded with the letter, e.g. 'pades-p12' or 'bsre'. */
  provider: string;
  /** The certificate of a cryptographic signature (recorded in the register); absent for a mark only. */
  certificate?: CertificateInfo;
}

export interface LetterSigner {
  /** Provider id, as in `SignedLetter.provider`. */
  readonly provider: string;
  /** The visible mark the renderer prints before `sign` is called. */
  readonly mark: string;
  /** Signs a rendered letter. Must not mutate `pdf`; rejects rather than returning an unsigned PDF. */
  sign(pdf: Buffer, meta: LetterSignatureMeta): Promise<SignedLetter>;
}

export const ELECTRONIC_MARK = 'Ditandatangani secara elektronik';

/**
 * A mark without a cryptographic signature: the PDF is returned unchanged. Not used to issue
 * letters any more (every issued letter is signed); kept for previews and tests of the layout.
 */
export const electronicMarkSigner: LetterSigner = {
  provider: 'electronic-mark',
  mark: ELECTRONIC_MARK,
  sign(pdf: Buffer): Promise<SignedLetter> {
    return Promise.resolve({ pdf, mark: ELECTRONIC_MARK, provider: 'electronic-mark' });
  },
};
