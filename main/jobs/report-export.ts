import { Writable } from 'node:stream';
import type { ReportExport } from '../../shared/contract/jobs';
import { AppError } from '../../shared/errors';
import type { JobsService } from './jobs.service';

/** The most CSV the screen may ask for in one answer; larger reports stay paged on screen. */
export const MAX_REPORT_EXPORT_BYTES = 20 * 1024 * 1024;

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * A run's report as one CSV string for a download in the renderer. The CSV is built from the
 * streamed export, so memory is bounded by `maxBytes`: past it, chunks are dropped and the call
 * is refused with a sentence that says what to do instead.
 */
export async function exportReport(
  jobs: JobsService,
  runId: string,
  report: string,
  maxBytes = MAX_REPORT_EXPORT_BYTES,
): Promise<ReportExport> {
  const run = jobs.getRun(runId);
  if (!run) throw new AppError('NOT_FOUND', 'That run is not in the history any more.');
  const chunks: Buffer[] = [];
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      // Keep draining (the export must run to its end to release SQLite) but stop keeping.
      if (bytes <= maxBytes) chunks.push(chunk);
      callback();
    },
  });
  await jobs.exportReportCsv(runId, report, sink);
  if (bytes > maxBytes) {
    throw new AppError(
      'INVALID_INPUT',
      `The ${report} report of this run is larger than ${size(maxBytes)} as CSV, too large to download from the screen. Page through it in the run details, or ask support to export it from the run database.`,
    );
  }
  const day = run.startedAt.slice(0, 10);
  const safe = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'report';
  return {
    fileName: `${run.job}-${safe(report)}-${day}${run.dryRun ? '-dry-run' : ''}-${safe(run.id).slice(0, 8)}.csv`,
    csv: Buffer.concat(chunks).toString('utf8'),
  };
}
