/**
 * Hands data to the person as a file: a Blob behind a temporary `<a download>` link, which Electron
 * and the browser host handle alike. The one place the screens save a file from.
 */
export function saveFile(fileName: string, data: BlobPart, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([data], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The browser has started reading the Blob from the click; free it a little later.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
