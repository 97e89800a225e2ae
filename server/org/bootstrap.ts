import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { parseYuan } from '../common/money';
import { parseDate } from '../common/scalars';
import { ORG_CODE } from './org.inputs';

export interface BootstrapInput {
  code: string;
  name: string;
  adminUsername: string;
  adminPassword: string;
  hardshipLine: string;
  extremeLine: string;
  effectiveFrom: string;
}

/**
 * Creates a municipal federation (the root of a new tree), its hardship lines and its first ADMIN.
 * The API has no superuser, so this is how a real deployment starts; everything else follows
 * through the API as that ADMIN.
 */
export async function bootstrapMunicipality(db: DataSource, input: BootstrapInput): Promise<{ orgId: number; userId: number }> {
  const problems: string[] = [];
  if (!ORG_CODE.test(input.code) || input.code.length > 32) problems.push('--code is 1 to 32 capital letters, digits and single hyphens');
  if (!input.name.trim()) problems.push('--name is required');
  if (!/^[a-z0-9._-]{3,64}$/.test(input.adminUsername)) problems.push('--admin is 3 to 64 lower-case letters, digits, ".", "-" or "_"');
  if (input.adminPassword.length < 10) problems.push('the password (BOOTSTRAP_PASSWORD) must be at least 10 characters');
  const hardship = parseYuan(input.hardshipLine);
  const extreme = parseYuan(input.extremeLine);
  if (hardship === null || extreme === null || extreme <= 0n || extreme > hardship)
    problems.push('--hardship-line and --extreme-line are yuan amounts with 0 < extreme <= hardship');
  if (parseDate(input.effectiveFrom) === null) problems.push('--from is a date, YYYY-MM-DD');
  if (problems.length) throw new Error(problems.join('; '));
  const passwordHash = await hashPassword(input.adminPassword);
  return db.transaction(async (tx) => {
    const [{ id: orgId }] = (await tx.query(`SELECT nextval(pg_get_serial_sequence('orgs', 'id'))::int AS id`)) as [{ id: number }];
    await tx.query(`INSERT INTO orgs (id, parent_id, code, name, level, path) VALUES ($1, NULL, $2, $3, 'MUNICIPAL', $4::ltree)`, [
      orgId,
      input.code,
      input.name.trim(),
      String(orgId),
    ]);
    await tx.query(
      'INSERT INTO hardship_lines (root_org_id, effective_from, hardship_line_fen, extreme_line_fen) VALUES ($1, $2, $3, $4)',
      [orgId, input.effectiveFrom, hardship!.toString(), extreme!.toString()],
    );
    const [{ id: userId }] = (await tx.query('INSERT INTO users (username, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id', [
      input.adminUsername,
      `${input.name.trim()} ADMIN`,
      passwordHash,
    ])) as [{ id: number }];
    await tx.query(`INSERT INTO role_assignments (user_id, org_id, role) VALUES ($1, $2, 'ADMIN')`, [userId, orgId]);
    return { orgId, userId };
  });
}
