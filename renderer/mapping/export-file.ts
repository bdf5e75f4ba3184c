import { api } from '../app/api';
import { saveFile } from '../components/save-file';

/** Saves a mapping version as a JSON file. Returns the file name for the notice. */
export async function downloadMapping(billerId: string, version?: number): Promise<string> {
  const { fileName, json } = await api.mapping.export(version === undefined ? { billerId } : { billerId, version });
  saveFile(fileName, json, 'application/json');
  return fileName;
}
