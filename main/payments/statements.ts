import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database';

/**
 * Prepared statements kept for the life of the connection: the write path and a 20,000-row queue
 * refresh run the same few statements tens of thousands of times, and preparing each time was most
 * of their cost.
 */
export class Statements {
  private readonly cache = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  get(sql: string): Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }
}
