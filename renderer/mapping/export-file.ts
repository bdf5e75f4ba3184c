import { api } from '../app/api';

/**
 * Saves a mapping version as a JSON file through the browser's download (a Blob and an
 * `<a download>`), which Electron handles the same way. Returns the file name for the notice.
 */
export async function downloadMapping(billerId: string, version?: number): Promise<string> {
  const { fileName, json } = await api.mapping.export(version === undefined ? { billerId } : { billerId, version });
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    // The download has started from the click; the URL is only needed until then.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return fileName;
}
