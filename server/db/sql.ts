import type { EntityManager } from 'typeorm';

/** "Today" is the database's: the same date the rollups and the lines in force use. */
export async function today(manager: EntityManager): Promise<string> {
  const [{ today }] = (await manager.query(`SELECT current_date::text AS today`)) as [{ today: string }];
  return today;
}

/** True when the error is PostgreSQL's unique violation of that constraint (as pg or TypeORM wraps it). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const pg = e.driverError ?? e;
  return pg.code === '23505' && pg.constraint === constraint;
}
