import type { Logger } from 'typeorm';

/** A TypeORM logger that counts the SQL statements sent (golden tests, the bench's list case). */
export class StatementCounter implements Logger {
  count = 0;
  /** The statements themselves, when `keep` is set (TEST_LOG_SQL=1 in the golden tests). */
  readonly statements: string[] = [];

  constructor(private readonly keep = false) {}

  logQuery(query: string): void {
    this.count++;
    if (this.keep) this.statements.push(query.replace(/\s+/g, ' ').slice(0, 160));
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
