/**
 * The office's own PAdES signer: signs a rendered letter with the office's certificate held as a
 * PKCS#12 (a secret deploy parameter), as a PAdES baseline B-B signature — SubFilter
 * `ETSI.CAdES.detached`, a CMS SignedData over the whole file except the signature's own bytes
 * (ByteRange), with the signed attributes content-type, message-digest and ESS
 * signing-certificate-v2, the signing time in the signature dictionary's `/M` (PAdES forbids the
 * CMS signing-time attribute), and the certificate chain of the P12 embedded.
 *
 * Libraries do the format work: `@signpdf/placeholder-plain` appends the signature field and its
 * placeholder as an incremental update, `@signpdf/signpdf` computes the ByteRange and places the
 * CMS, node-forge opens the PKCS#12, pkijs builds and signs the CMS (WebCrypto). All of them are
 * imported on first use (cold starts of the other functions stay light); the opened key is kept
 * per process.
 *
 * Deterministic: the same PDF, metadata and key give the same bytes (RSA PKCS#1 v1.5 and the
 * signing time from `meta.signedAt`), so a retried attempt stores the same letter.
 */
import { createHash, createPrivateKey, createPublicKey, webcrypto } from 'node:crypto';
import { createRequire } from 'node:module';
import { DomainError } from '../domain/errors.js';
import { LETTER_SIGNING_P12, LETTER_SIGNING_P12_PASSWORD } from '../firebase/params.js';
import {
  ELECTRONIC_MARK,
  type CertificateInfo,
  type LetterSignatureMeta,
  type LetterSigner,
  type SignedLetter,
} from './signer.js';

// Types only: the modules themselves are loaded on first use (below).
import type * as PkijsModule from 'pkijs';
import type * as Asn1jsModule from 'asn1js';
import type Forge from 'node-forge';
import type * as PlaceholderPlain from '@signpdf/placeholder-plain';
import type * as SignPdfModule from '@signpdf/signpdf';
import type * as SignPdfUtils from '@signpdf/utils';

const require = createRequire(import.meta.url);

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

/** Bytes reserved for the CMS (hex-encoded twice that in the file): a chain of three 4096-bit certificates fits. */
const SIGNATURE_LENGTH = 12_000;

interface Credentials {
  key: webcrypto.CryptoKey;
  /** pkijs Certificate objects: the signer's first, then the rest of the chain. */
  chain: unknown[];
  signerDer: Buffer;
  info: CertificateInfo;
}

type Pkijs = typeof PkijsModule;
type Asn1js = typeof Asn1jsModule;

const toArrayBuffer = (b: Uint8Array): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** 'CN=…, O=…, C=ID' from a pkijs RelativeDistinguishedNames. */
function distinguishedName(rdn: { typesAndValues: { type: string; value: { valueBlock: { value: unknown } } }[] }): string {
  const names: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST' };
  return rdn.typesAndValues
    .map((tv) => `${names[tv.type] ?? tv.type}=${String(tv.value.valueBlock.value)}`)
    .reverse()
    .join(', ');
}

/** Opens a PKCS#12: the private key (PKCS#8 DER) and every certificate (DER), with node-forge. */
function openPkcs12(p12: Buffer, password: string): { keyDer: Buffer; certDers: Buffer[] } {
  const forge = require('node-forge') as typeof Forge;
  let p: Forge.pkcs12.Pkcs12Pfx;
  try {
    p = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, password);
  } catch {
    throw new DomainError(
      'failed-precondition',
      'Sertifikat tanda tangan elektronik kantor tidak dapat dibuka (berkas PKCS#12 atau kata sandinya salah).',
    );
  }
  const der = (asn: Forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(asn).getBytes(), 'binary');
  const keyBags = [
    ...(p.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const bag = keyBags[0] as { key?: Forge.pki.rsa.PrivateKey | null; asn1?: Forge.asn1.Asn1 } | undefined;
  if (!bag) throw new DomainError('failed-precondition', 'Berkas sertifikat kantor tidak memuat kunci privat.');
  const keyDer = bag.key
    ? der(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)))
    : der(bag.asn1!);
  const certBags = (p.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? []) as {
    cert?: Forge.pki.Certificate | null;
    asn1?: Forge.asn1.Asn1;
  }[];
  const certDers = certBags.map((b) => (b.cert ? der(forge.pki.certificateToAsn1(b.cert)) : der(b.asn1!)));
  return { keyDer, certDers };
}

/** The WebCrypto import parameters of a key (RSA PKCS#1 v1.5 or ECDSA), with SHA-256. */
function algorithmOf(keyDer: Buffer): webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams {
  const k = createPrivateKey({ key: keyDer, format: 'der', type: 'pkcs8' });
  if (k.asymmetricKeyType === 'rsa') return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  if (k.asymmetricKeyType === 'ec') {
    const curve = k.asymmetricKeyDetails?.namedCurve;
    const namedCurve = curve === 'prime256v1' ? 'P-256' : curve === 'secp384r1' ? 'P-384' : curve === 'secp521r1' ? 'P-521' : '';
    if (namedCurve) return { name: 'ECDSA', namedCurve };
  }
  throw new DomainError('failed-precondition', 'Jenis kunci sertifikat kantor tidak didukung (gunakan RSA atau ECDSA).');
}

async function loadCredentials(p12: Buffer, password: string): Promise<Credentials> {
  const pkijs: Pkijs = await import('pkijs');
  const { keyDer, certDers } = openPkcs12(p12, password);
  const spki = createPublicKey(createPrivateKey({ key: keyDer, format: 'der', type: 'pkcs8' }))
    .export({ type: 'spki', format: 'der' });
  const certs = certDers.map((d) => ({ der: d, cert: pkijs.Certificate.fromBER(toArrayBuffer(d)) }));
  const own = certs.find((c) => Buffer.from(c.cert.subjectPublicKeyInfo.toSchema().toBER()).equals(spki));
  if (!own) throw new DomainError('failed-precondition', 'Berkas sertifikat kantor tidak memuat sertifikat milik kunci privatnya.');
  const notAfter = own.cert.notAfter.value;
  if (notAfter.getTime() < Date.now()) {
    throw new DomainError('failed-precondition', 'Sertifikat tanda tangan elektronik kantor telah kedaluwarsa.');
  }
  const key = await webcrypto.subtle.importKey('pkcs8', keyDer, algorithmOf(keyDer), false, ['sign']);
  return {
    key,
    chain: [own.cert, ...certs.filter((c) => c !== own).map((c) => c.cert)],
    signerDer: own.der,
    info: {
      subject: distinguishedName(own.cert.subject),
      issuer: distinguishedName(own.cert.issuer),
      serialNumber: Buffer.from(own.cert.serialNumber.valueBlock.valueHexView).toString('hex'),
      sha256: createHash('sha256').update(own.der).digest('hex'),
      notAfter: notAfter.toISOString(),
    },
  };
}

/** The CMS SignedData (DER) of `content`, PAdES B-B attributes (see the module comment). */
async function cadesDetached(content: Buffer, cred: Credentials): Promise<Buffer> {
  const pkijs: Pkijs = await import('pkijs');
  const asn1js: Asn1js = await import('asn1js');
  const signer = cred.chain[0] as InstanceType<Pkijs['Certificate']>;
  const digest = createHash('sha256').update(content).digest();
  const certHash = createHash('sha256').update(cred.signerDer).digest();
  // ESS signing-certificate-v2 (RFC 5035): SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }, SHA-256 (the default algorithm, omitted).
  const essCertIdV2 = new asn1js.Sequence({
    value: [
      new asn1js.OctetString({ valueHex: toArrayBuffer(certHash) }),
      new asn1js.Sequence({
        value: [
          new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: signer.issuer })] }).toSchema(),
          signer.serialNumber,
        ],
      }),
    ],
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
            new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(digest) })] }),
            new pkijs.Attribute({
              type: OID.signingCertificateV2,
              values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })],
            }),
          ],
        }),
      }),
    ],
    certificates: cred.chain as InstanceType<Pkijs['Certificate']>[],
  });
  // pkijs declares the key with the DOM's CryptoKey type (absent from the functions' libs); Node's
  // webcrypto CryptoKey is the same object under another declaration.
  const sign = signedData.sign.bind(signedData) as (key: webcrypto.CryptoKey, signer: number, hash: string) => Promise<void>;
  await sign(cred.key, 0, 'SHA-256');
  const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(info.toSchema().toBER(false));
}

export interface P12Source {
  /** The PKCS#12 file's bytes. */
  p12: Buffer;
  password: string;
}

export const PADES_PROVIDER = 'pades-p12';

/**
 * A LetterSigner that signs with a PKCS#12 (see the module comment). `source` is read on the
 * first signature (so that a function only reads its secrets when it signs); a missing or
 * unreadable certificate rejects with a DomainError the issuer records for staff.
 */
export function padesSigner(source: () => P12Source): LetterSigner & { certificate(): Promise<CertificateInfo> } {
  let cred: Promise<Credentials> | undefined;
  const credentials = (): Promise<Credentials> => {
    if (!cred) {
      const { p12, password } = source();
      if (p12.length === 0) {
        throw new DomainError(
          'failed-precondition',
          'Sertifikat tanda tangan elektronik kantor belum dipasang (LETTER_SIGNING_P12); surat tidak diterbitkan tanpa tanda tangan elektronik.',
        );
      }
      cred = loadCredentials(p12, password);
      cred.catch(() => {
        cred = undefined;
      });
    }
    return cred;
  };
  return {
    provider: PADES_PROVIDER,
    mark: ELECTRONIC_MARK,
    certificate: async () => (await credentials()).info,
    async sign(pdf: Buffer, meta: LetterSignatureMeta): Promise<SignedLetter> {
      const c = await credentials();
      const { plainAddPlaceholder } = require('@signpdf/placeholder-plain') as typeof PlaceholderPlain;
      const { SignPdf } = require('@signpdf/signpdf') as typeof SignPdfModule;
      const utils = require('@signpdf/utils') as typeof SignPdfUtils;
      const withPlaceholder = plainAddPlaceholder({
        pdfBuffer: pdf,
        reason: meta.reason ?? 'Surat Keterangan',
        contactInfo: '',
        name: meta.signerName,
        location: meta.location ?? '',
        signingTime: meta.signedAt,
        signatureLength: SIGNATURE_LENGTH,
        subFilter: utils.SUBFILTER_ETSI_CADES_DETACHED,
        // A PDF name: no spaces.
        appName: 'Layanan-Pengaduan-KPM',
      });
      class CadesSigner extends utils.Signer {
        override async sign(content: Buffer): Promise<Buffer> {
          return cadesDetached(content, c);
        }
      }
      const signed = await new SignPdf().sign(withPlaceholder, new CadesSigner());
      return { pdf: signed, mark: ELECTRONIC_MARK, provider: PADES_PROVIDER, certificate: c.info };
    },
  };
}

let configured: LetterSigner | undefined;

/** The signer the letter issuer uses: the office's PKCS#12 from the secret deploy parameters. */
export function configuredSigner(): LetterSigner {
  configured ??= padesSigner(() => ({
    p12: Buffer.from(LETTER_SIGNING_P12.value().replace(/\s+/g, ''), 'base64'),
    password: LETTER_SIGNING_P12_PASSWORD.value(),
  }));
  return configured;
}
