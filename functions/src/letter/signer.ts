/**
 * The signing step of the Surat Keterangan, behind one interface.
 *
 * Today the office signs without a certification authority: `electronicMarkSigner` leaves the
 * PDF as rendered and supplies the visible mark "Ditandatangani secara elektronik" (the renderer
 * prints `signer.mark` in the signature block; the QR code and the stored SHA-256 let anyone
 * check the letter on the public verification page).
 *
 * A certified provider (e.g. BSrE, Balai Besar Sertifikasi Elektronik, or another PSrE) plugs in
 * behind the same interface: its `sign` sends the rendered PDF with the signer's identity to the
 * provider and returns the PAdES-signed PDF, its own mark text and its provider id. The caller
 * renders with `signer.mark`, calls `sign`, and stores/hashes the PDF that `sign` returns (never
 * the unsigned one), so swapping providers changes nothing else.
 */

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
  /** Provider id recorded with the letter, e.g. 'electronic-mark' or 'bsre'. */
  provider: string;
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

/** The default signer: no certification authority, the PDF is returned unchanged with the electronic mark. */
export const electronicMarkSigner: LetterSigner = {
  provider: 'electronic-mark',
  mark: ELECTRONIC_MARK,
  sign(pdf: Buffer): Promise<SignedLetter> {
    return Promise.resolve({ pdf, mark: ELECTRONIC_MARK, provider: 'electronic-mark' });
  },
};
