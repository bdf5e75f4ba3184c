import type { DownloadFile } from '../../shared/domain/payments';
import { saveFile } from '../components/save-file';

/** base64 → bytes without atob's string round trip per byte being a problem for large files. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Hands a file from main to the person as a download (a Blob behind a temporary link), the same
 * in Electron and in the browser host. Returns the size actually saved.
 */
export function saveDownload(file: Pick<DownloadFile, 'fileName' | 'mimeType' | 'base64'>): number {
  const bytes = base64ToBytes(file.base64);
  saveFile(file.fileName, bytes, file.mimeType);
  return bytes.length;
}
