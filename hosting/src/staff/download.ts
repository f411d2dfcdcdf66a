/**
 * Saves a file a callable returned ({ filename, contentType, base64 }) as a browser download.
 * The object URL is revoked shortly after the click (the download has started by then).
 */
export interface DownloadedFile {
  filename: string;
  contentType: string;
  base64: string;
}

/** The bytes of a base64 string (atob, chunk-free: files here are a few MB at most). */
export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Starts the download of the file in the browser. */
export function saveFile(file: DownloadedFile): void {
  const blob = new Blob([base64Bytes(file.base64)], { type: file.contentType });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
