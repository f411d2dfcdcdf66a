/**
 * Browser-side reduction of a phone photo before upload: decode (upright, by EXIF orientation),
 * shrink the long edge to `maxEdge`, and re-encode as JPEG, lowering the quality until the result
 * is at most `targetBytes`. Re-encoding on a canvas also drops EXIF/GPS before the bytes leave
 * the phone. DOM APIs only, no dependencies.
 *
 * Guarantees: a PDF, or anything the browser cannot decode (e.g. HEIC outside Safari), is
 * returned untouched so that the server answers with its own message; otherwise a JPEG Blob is
 * returned (the smallest tried if none fits the target).
 */
export interface ReduceOptions {
  /** Longest edge in pixels (default 1600). */
  maxEdge?: number;
  /** Size to get under, in bytes (default 500 000). */
  targetBytes?: number;
}

const QUALITIES = [0.85, 0.75, 0.65, 0.5] as const;

export async function reduceImage(file: File, opts: ReduceOptions = {}): Promise<Blob> {
  const maxEdge = opts.maxEdge ?? 1600;
  const targetBytes = opts.targetBytes ?? 500_000;
  if (file.type === 'application/pdf' || /\.pdf$/i.test(file.name)) return file;

  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file; // not decodable here (HEIC on most browsers, or not an image at all)
  }

  try {
    const scale = Math.min(1, maxEdge / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const encode = drawer(bitmap, width, height);

    let best: Blob | undefined;
    for (const quality of QUALITIES) {
      const blob = await encode(quality);
      if (!best || blob.size < best.size) best = blob;
      if (blob.size <= targetBytes) break;
    }
    // Always the re-encode, even when the original is smaller: it carries no EXIF/GPS.
    return best ?? file;
  } catch {
    return file;
  } finally {
    bitmap.close();
  }
}

/** Draws the bitmap once on an OffscreenCanvas (or a <canvas>) and returns a JPEG encoder. */
function drawer(bitmap: ImageBitmap, width: number, height: number): (quality: number) => Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('2d context unavailable');
    paint(ctx, bitmap, width, height);
    return (quality) => canvas.convertToBlob({ type: 'image/jpeg', quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2d context unavailable');
  paint(ctx, bitmap, width, height);
  return (quality) =>
    new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/jpeg', quality),
    );
}

function paint(
  ctx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D,
  bitmap: ImageBitmap,
  width: number,
  height: number,
): void {
  ctx.fillStyle = '#ffffff'; // JPEG has no alpha: transparent areas become white, not black
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, width, height);
}
