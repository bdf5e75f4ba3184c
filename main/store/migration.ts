/**
 * One numbered schema migration. Each domain keeps its SQL next to its code (`*.migration.ts`);
 * the composition root's list (`main/app/migrations.ts`) orders them, and `openDatabase` applies it.
 * Never edit a shipped one: add the next number.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Run with foreign keys off (checked before commit): a migration that rebuilds a table other
   * tables point at, which SQLite cannot otherwise do without cascading deletes.
   */
  foreignKeysOff?: boolean;
}
