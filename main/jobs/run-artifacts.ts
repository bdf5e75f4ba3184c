import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { AppError } from '../../shared/errors';
import type { Db } from '../store/database';
import type { ReportWriter } from './job-definition';

export interface ArtifactInfo {
  name: string;
  kind: 'data' | 'report';
  /** Rows of a report; 0 for data. */
  rows: number;
  /** Column order of a report (declared, or the first row's keys); empty for data. */
  columns: string[];
  /** The JSON value of a data artifact; null for reports (page through `reportRows`). */
  data: unknown;
}

interface ArtifactRow {
  name: string;
  kind: 'data' | 'report';
  data: string | null;
  columns: string | null;
  row_count: number;
}

function toInfo(r: ArtifactRow): ArtifactInfo {
  return {
    name: r.name,
    kind: r.kind,
    rows: r.row_count,
    columns: r.columns ? (JSON.parse(r.columns) as string[]) : [],
    data: r.kind === 'data' && r.data !== null ? JSON.parse(r.data) : null,
  };
}

function cell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** Outputs kept with a run: small JSON values and row-by-row reports (stored, paged, exported). */
export class RunArtifacts {
  constructor(private readonly db: Db) {}

  putData(runId: string, name: string, data: unknown, at: string): void {
    const json = JSON.stringify(data ?? null);
    this.db
      .prepare(
        `INSERT INTO job_run_artifacts (run_id, name, kind, data, created_at) VALUES (?, ?, 'data', ?, ?)
         ON CONFLICT (run_id, name) DO UPDATE SET data = excluded.data WHERE kind = 'data'`,
      )
      .run(runId, name, json, at);
  }

  /** Opens a report for appending. Rows go straight to SQLite, one transaction per append. */
  openReport(runId: string, name: string, columns: string[] | undefined, at: string): ReportWriter {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO job_run_artifacts (run_id, name, kind, columns, created_at) VALUES (?, ?, 'report', ?, ?)`,
      )
      .run(runId, name, columns ? JSON.stringify(columns) : null, at);
    const existing = this.db
      .prepare('SELECT kind, row_count, columns FROM job_run_artifacts WHERE run_id = ? AND name = ?')
      .get(runId, name) as { kind: string; row_count: number; columns: string | null } | undefined;
    if (!existing || existing.kind !== 'report')
      throw new AppError('INTERNAL', `The run already keeps "${name}" as data, not as a report.`);
    let rows = existing.row_count;
    let hasColumns = existing.columns !== null;
    const insert = this.db.prepare('INSERT INTO job_report_rows (run_id, name, seq, data) VALUES (?, ?, ?, ?)');
    const setCount = this.db.prepare('UPDATE job_run_artifacts SET row_count = ? WHERE run_id = ? AND name = ?');
    const setColumns = this.db.prepare('UPDATE job_run_artifacts SET columns = ? WHERE run_id = ? AND name = ?');
    const append = this.db.transaction((batch: ReadonlyArray<Record<string, unknown>>) => {
      if (!hasColumns && batch[0]) {
        setColumns.run(JSON.stringify(Object.keys(batch[0])), runId, name);
        hasColumns = true;
      }
      for (const row of batch) insert.run(runId, name, ++rows, JSON.stringify(row));
      setCount.run(rows, runId, name);
    });
    return {
      append: (batch) => {
        if (batch.length > 0) append(batch);
      },
      get rows() {
        return rows;
      },
    };
  }

  list(runId: string): ArtifactInfo[] {
    return (
      this.db
        .prepare(
          'SELECT name, kind, data, columns, row_count FROM job_run_artifacts WHERE run_id = ? ORDER BY created_at, name',
        )
        .all(runId) as ArtifactRow[]
    ).map(toInfo);
  }

  get(runId: string, name: string): ArtifactInfo | null {
    const row = this.db
      .prepare('SELECT name, kind, data, columns, row_count FROM job_run_artifacts WHERE run_id = ? AND name = ?')
      .get(runId, name) as ArtifactRow | undefined;
    return row ? toInfo(row) : null;
  }

  reportRows(runId: string, name: string, offset: number, limit: number): Array<Record<string, unknown>> {
    return (
      this.db
        .prepare('SELECT data FROM job_report_rows WHERE run_id = ? AND name = ? ORDER BY seq LIMIT ? OFFSET ?')
        .pluck()
        .all(runId, name, limit, offset) as string[]
    ).map((d) => JSON.parse(d) as Record<string, unknown>);
  }

  /**
   * Writes a report as CSV (header + rows) to `out`, streaming from SQLite: memory stays flat
   * whatever the report's size. Resolves with the number of rows written; does not end `out`.
   */
  async exportCsv(runId: string, name: string, out: Writable): Promise<number> {
    const info = this.get(runId, name);
    if (!info || info.kind !== 'report') throw new AppError('NOT_FOUND', `This run has no report named "${name}".`);
    const columns = info.columns;
    const csv = stringify({ header: true, columns, cast: { boolean: (v) => (v ? 'true' : 'false') } });
    csv.pipe(out, { end: false });
    let count = 0;
    // Page by seq and read each page whole: an open SQLite iterator would block every other
    // statement on this connection while we wait for the writer to drain.
    const page = this.db.prepare(
      'SELECT seq, data FROM job_report_rows WHERE run_id = ? AND name = ? AND seq > ? ORDER BY seq LIMIT 500',
    );
    let after = 0;
    for (;;) {
      const rows = page.all(runId, name, after) as Array<{ seq: number; data: string }>;
      if (rows.length === 0) break;
      for (const r of rows) {
        const row = JSON.parse(r.data) as Record<string, unknown>;
        if (!csv.write(columns.map((c) => cell(row[c])))) await once(csv, 'drain');
        count++;
        after = r.seq;
      }
    }
    csv.end();
    await once(csv, 'end');
    return count;
  }
}
