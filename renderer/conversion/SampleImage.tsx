import { Field, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import type { SampleImage as SampleImageInfo } from '../../shared/domain/setup';
import { api } from '../app/api';

const useStyles = makeStyles({
  preview: {
    maxWidth: '320px',
    maxHeight: '320px',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    objectFit: 'contain',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The biller's sample bill image for Template Track: import (type and size checked in main) and preview. */
export function SampleImage({
  billerId,
  image,
  onImported,
}: {
  billerId: string;
  image: SampleImageInfo | null;
  onImported: () => void;
}) {
  const styles = useStyles();
  const inputId = useId();
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setPreview(null);
    if (!image || image.mimeType === 'application/pdf') return;
    void api.setup
      .sampleImage({ billerId })
      .then((r) => r && setPreview(`data:${r.image.mimeType};base64,${r.dataBase64}`));
  }, [billerId, image?.importedAt, image?.mimeType]);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    try {
      await api.setup.importSampleImage({
        billerId,
        fileName: file.name,
        dataBase64: toBase64(await file.arrayBuffer()),
      });
      onImported();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className={styles.box}>
      <Field label="Sample bill image (PDF, PNG or JPEG, up to 10 MB)">
        <input
          id={inputId}
          type="file"
          accept="application/pdf,image/png,image/jpeg"
          onChange={(e) => void pick(e.target.files?.[0])}
        />
      </Field>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {image ? (
        <>
          <Text>
            {image.fileName}:{' '}
            {image.mimeType === 'application/pdf' ? 'PDF' : image.mimeType === 'image/png' ? 'PNG' : 'JPEG'},{' '}
            {image.bytes.toLocaleString('en-US')} bytes, imported {image.importedAt.slice(0, 10)} by {image.importedBy}.
          </Text>
          {preview && <img className={styles.preview} src={preview} alt={`Sample bill ${image.fileName}`} />}
          {image.mimeType === 'application/pdf' && (
            <Text size={200}>PDF files are checked and kept, but not previewed here.</Text>
          )}
        </>
      ) : (
        <Text>No sample bill image yet.</Text>
      )}
    </div>
  );
}
