import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, LoginDocument, OrgRollupDocument } from '../client/sdk';
import { verifyPassword } from '../server/auth/passwords';
import { createApp } from '../server/http/app';
import { createDataSource } from '../server/db/data-source';
import { ensureDatabase } from '../server/db/databases';
import { startScratchPostgres } from '../server/db/scratch';
import type { EmbeddedDatabase } from '../server/db/embedded';
import { DEMO_PASSWORD, DEMO_USERS } from '../server/demo/demo-users';
import { CITY_FIGURES, SF01_FIGURES } from '../server/demo/figures';
import { DemoGenerator, planOrgs } from '../server/demo/generate';
import { isDemoLoaded, loadDemo } from '../server/demo/load-demo';
import { parseIdNumber } from '../server/worker/id-number';

describe('demo generator (no database)', () => {
  it('plans the same tree every time', () => {
    const digest = () => createHash('sha1').update(JSON.stringify(planOrgs())).digest('hex');
    expect(digest()).toBe(digest());
  });

  it('streams the same workers every time', () => {
    const digest = () => {
      const generator = new DemoGenerator({ today: '2026-01-15' });
      const hash = createHash('sha1');
      let chunks = 0;
      for (const chunk of generator.workerRows()) {
        hash.update(chunk);
        if (++chunks === 200) break;
      }
      return hash.digest('hex');
    };
    expect(digest()).toBe(digest());
  });
});

describe('demo data loaded into PostgreSQL', () => {
  let pg: EmbeddedDatabase;
  let db: DataSource;
  let loaded: { orgs: number; workers: number; seconds: number };
  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => ((await db.query(sql, params)) as T[])[0]!;

  beforeAll(async () => {
    pg = await startScratchPostgres();
    const url = pg.url('demo_generator_test');
    await ensureDatabase(url);
    db = createDataSource(url);
    await db.initialize();
    await db.runMigrations();
    expect(await isDemoLoaded(db)).toBe(false);
    loaded = await loadDemo(db, (message) => console.log(`  demo: ${message}`));
    console.log(`  demo: loaded in ${loaded.seconds.toFixed(1)} s`);
  });

  afterAll(async () => {
    await db?.destroy();
    await pg?.stop();
  });

  it('answers the district table and the city totals through the API, as union staff read them', async () => {
    const app = await createApp({
      db,
      keys: { secret: new TextEncoder().encode('demo-test-secret-demo-test-secret!'), ttlSeconds: 600 },
      production: false,
      logger: false,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const api = createClient({ url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql` });
      const signIn = async (username: string) =>
        api.withToken((await api.request(LoginDocument, { username, password: DEMO_PASSWORD })).login.token);
      const district = (await (await signIn('sf01.admin')).request(OrgRollupDocument, { code: 'SF01' })).org!.rollup;
      expect(district.workers.total).toBe(SF01_FIGURES.workers);
      expect(district.workers.hardship.total).toBe(SF01_FIGURES.hardship);
      expect(district.workers.extremeHardship).toMatchObject({
        total: SF01_FIGURES.extreme,
        ...SF01_FIGURES.extremeByCohort,
        juniorHighOrBelow: SF01_FIGURES.extremeByEducation.JUNIOR_HIGH_OR_BELOW,
        highSchool: SF01_FIGURES.extremeByEducation.HIGH_SCHOOL,
        collegeOrAbove: SF01_FIGURES.extremeByEducation.COLLEGE_OR_ABOVE,
      });
      expect(district.byChild.reduce((sum, child) => sum + child.workers.total, 0)).toBe(SF01_FIGURES.workers);
      const city = (await (await signIn('sf.viewer')).request(OrgRollupDocument, { code: 'SF' })).org!.rollup;
      expect(city.orgCount).toBe(CITY_FIGURES.orgCount);
      expect(city.workers.members).toBe(CITY_FIGURES.members);
      expect(city.byChild).toHaveLength(12);
    } finally {
      await app.close();
    }
  });

  it('reports what it loaded and is then loaded', async () => {
    expect(loaded.orgs).toBe(CITY_FIGURES.orgCount);
    expect(loaded.workers).toBe(CITY_FIGURES.workers);
    expect(await isDemoLoaded(db)).toBe(true);
  });

  it('refuses to load twice', async () => {
    await expect(loadDemo(db)).rejects.toThrow(/already loaded/);
    expect(Number((await one<{ n: string }>('SELECT count(*) AS n FROM orgs')).n)).toBe(CITY_FIGURES.orgCount);
  });

  it('builds the tree of 10,688 orgs', async () => {
    const levels: { level: string; n: string }[] = await db.query('SELECT level, count(*) AS n FROM orgs GROUP BY level');
    expect(Object.fromEntries(levels.map((row) => [row.level, Number(row.n)]))).toEqual(CITY_FIGURES.byLevel);
    const root = await one<{ name: string; level: string; parent_id: number | null; path: string; id: number }>(
      "SELECT * FROM orgs WHERE code = 'SF'",
    );
    expect(root).toMatchObject({ name: '示范市总工会', level: 'MUNICIPAL', parent_id: null, path: String(root.id) });
    expect((await one<{ name: string }>("SELECT name FROM orgs WHERE code = 'SF01'")).name).toBe('道里区总工会');
    const broken = await one<{ paths: string; levels: string; codes: string }>(
      `SELECT count(*) FILTER (WHERE c.path <> p.path || c.id::text) AS paths,
              count(*) FILTER (WHERE NOT (p.level, c.level) IN (('MUNICIPAL', 'COUNTY'), ('COUNTY', 'TOWNSHIP'), ('COUNTY', 'ENTERPRISE'), ('TOWNSHIP', 'ENTERPRISE'))) AS levels,
              count(*) FILTER (WHERE c.code NOT LIKE p.code || '-%' AND p.level <> 'MUNICIPAL') AS codes
         FROM orgs c JOIN orgs p ON p.id = c.parent_id`,
    );
    expect(broken).toEqual({ paths: '0', levels: '0', codes: '0' });
    const direct = await one<{ n: string }>(
      "SELECT count(*) AS n FROM orgs c JOIN orgs p ON p.id = c.parent_id WHERE c.level = 'ENTERPRISE' AND p.level = 'COUNTY'",
    );
    expect(Number(direct.n)).toBeGreaterThanOrEqual(24);
    expect(Number(direct.n)).toBeLessThanOrEqual(48);
    // Explicit ids were inserted: the sequence must have moved past them.
    const next = await one<{ next: string; max: string }>(
      "SELECT nextval(pg_get_serial_sequence('orgs', 'id')) AS next, (SELECT max(id) FROM orgs) AS max",
    );
    expect(Number(next.next)).toBeGreaterThan(Number(next.max));
  });

  it('has 1,040,832 members among the workers', async () => {
    const city = await one<{ workers: string; members: string; migrants: string; models: string }>(
      'SELECT count(*) AS workers, count(*) FILTER (WHERE is_member) AS members, count(*) FILTER (WHERE is_migrant_worker) AS migrants, count(*) FILTER (WHERE is_model_worker) AS models FROM workers',
    );
    expect(Number(city.members)).toBe(CITY_FIGURES.members);
    expect(Number(city.workers)).toBe(CITY_FIGURES.workers);
    expect(Number(city.migrants) / Number(city.workers)).toBeGreaterThan(0.15);
    expect(Number(city.migrants) / Number(city.workers)).toBeLessThan(0.25);
    expect(Number(city.models)).toBeGreaterThan(0);
    expect(Number(city.models) / Number(city.workers)).toBeLessThan(0.01);
    const next = await one<{ next: string; max: string }>(
      "SELECT nextval(pg_get_serial_sequence('workers', 'id')) AS next, (SELECT max(id) FROM workers) AS max",
    );
    expect(Number(next.next)).toBeGreaterThan(Number(next.max));
  });

  it('gives workers plausible attributes', async () => {
    const bad = await one<Record<string, string>>(
      `SELECT count(*) FILTER (WHERE birth_date > current_date - interval '18 years' OR birth_date <= current_date - interval '61 years') AS ages,
              count(*) FILTER (WHERE phone IS NOT NULL AND phone !~ '^1[358][0-9]{9}$') AS phones,
              count(*) FILTER (WHERE to_char(birth_date, 'YYYYMMDD') <> substr(id_number, 7, 8)) AS birth_dates,
              count(*) FILTER (WHERE (substr(id_number, 17, 1)::int % 2 = 1) <> (gender = 'MALE')) AS genders,
              count(*) FILTER (WHERE length(name) NOT BETWEEN 2 AND 4) AS names,
              count(*) - count(DISTINCT id_number) AS duplicate_ids
         FROM workers`,
    );
    expect(bad).toEqual({ ages: '0', phones: '0', birth_dates: '0', genders: '0', names: '0', duplicate_ids: '0' });
    const education: { education: string; n: string }[] = await db.query('SELECT education, count(*) AS n FROM workers GROUP BY education');
    expect(education).toHaveLength(3);
    const statuses: { employment_status: string }[] = await db.query('SELECT DISTINCT employment_status FROM workers');
    expect(statuses.map((row) => row.employment_status).sort()).toEqual(['EMPLOYED', 'LAID_OFF', 'RETIRED', 'UNEMPLOYED']);
  });

  it('gives every worker a valid ID number matching gender and birth date (sample of about 20,000)', async () => {
    const rows: { id_number: string; gender: string; birth_date: string }[] = await db.query(
      "SELECT id_number, gender, to_char(birth_date, 'YYYY-MM-DD') AS birth_date FROM workers WHERE id % 60 = 7",
    );
    expect(rows.length).toBeGreaterThan(19_000);
    const problems = rows.flatMap((row) => {
      const parsed = parseIdNumber(row.id_number);
      if (!parsed.ok) return [`${row.id_number}: ${parsed.problem}`];
      if (parsed.gender !== row.gender || parsed.birthDate !== row.birth_date) return [`${row.id_number}: ${row.gender} ${row.birth_date}`];
      return [];
    });
    expect(problems).toEqual([]);
    const sf01 = await one<{ n: string; local: string }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE id_number LIKE '230102%') AS local
         FROM workers w JOIN orgs o ON o.id = w.org_id WHERE o.path <@ (SELECT path FROM orgs WHERE code = 'SF01')`,
    );
    expect(Number(sf01.local) / Number(sf01.n)).toBeGreaterThan(0.5);
  });

  it('sets the hardship line of the municipality', async () => {
    const lines: unknown[] = await db.query(
      "SELECT to_char(effective_from, 'YYYY-MM-DD') AS effective_from, hardship_line_fen::int, extreme_line_fen::int FROM hardship_lines l JOIN orgs r ON r.id = l.root_org_id WHERE r.code = 'SF'",
    );
    expect(lines).toEqual([{ effective_from: '2010-01-01', hardship_line_fen: 28_000, extreme_line_fen: 24_500 }]);
  });

  // The district report's figures, counted from the individual records: open archives only,
  // per-person income strictly below the line in whole fen, ages against today.
  const sf01Hardship = `
    WITH line AS (
      SELECT hardship_line_fen AS hardship, extreme_line_fen AS extreme FROM hardship_lines l JOIN orgs r ON r.id = l.root_org_id
       WHERE r.code = 'SF' AND l.effective_from <= current_date ORDER BY l.effective_from DESC LIMIT 1
    ), graded AS (
      SELECT w.gender, w.birth_date, w.education,
             a.household_monthly_income_fen < line.hardship * a.household_size AS is_hardship,
             a.household_monthly_income_fen < line.extreme * a.household_size AS is_extreme
        FROM workers w
        JOIN orgs o ON o.id = w.org_id
        JOIN hardship_archives a ON a.worker_id = w.id AND a.lifted_on IS NULL
        CROSS JOIN line
       WHERE o.path <@ (SELECT path FROM orgs WHERE code = 'SF01')
    )
    SELECT count(*) FILTER (WHERE is_hardship) AS hardship,
           count(*) FILTER (WHERE is_extreme) AS extreme,
           count(*) FILTER (WHERE is_extreme AND gender = 'MALE' AND birth_date > current_date - interval '50 years') AS men_under_50,
           count(*) FILTER (WHERE is_extreme AND gender = 'MALE' AND birth_date <= current_date - interval '50 years') AS men_50_and_over,
           count(*) FILTER (WHERE is_extreme AND gender = 'FEMALE' AND birth_date <= current_date - interval '40 years') AS women_40_and_over,
           count(*) FILTER (WHERE is_extreme AND gender = 'FEMALE' AND birth_date > current_date - interval '40 years') AS women_under_40,
           count(*) FILTER (WHERE is_extreme AND education = 'JUNIOR_HIGH_OR_BELOW') AS junior_high_or_below,
           count(*) FILTER (WHERE is_extreme AND education = 'HIGH_SCHOOL') AS high_school,
           count(*) FILTER (WHERE is_extreme AND education = 'COLLEGE_OR_ABOVE') AS college_or_above,
           count(*) AS open_archives
      FROM graded`;

  it('reproduces the district report for SF01', async () => {
    const workers = await one<{ workers: string; members: string }>(
      `SELECT count(*) AS workers, count(*) FILTER (WHERE w.is_member) AS members
         FROM workers w JOIN orgs o ON o.id = w.org_id WHERE o.path <@ (SELECT path FROM orgs WHERE code = 'SF01')`,
    );
    expect(Number(workers.workers)).toBe(SF01_FIGURES.workers);
    expect(Number(workers.members)).toBe(SF01_FIGURES.members);

    const row = await one<Record<string, string>>(sf01Hardship);
    const figures = Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]));
    expect(figures).toMatchObject({
      hardship: SF01_FIGURES.hardship,
      extreme: SF01_FIGURES.extreme,
      men_under_50: SF01_FIGURES.extremeByCohort.menUnder50,
      men_50_and_over: SF01_FIGURES.extremeByCohort.men50AndOver,
      women_40_and_over: SF01_FIGURES.extremeByCohort.women40AndOver,
      women_under_40: SF01_FIGURES.extremeByCohort.womenUnder40,
      junior_high_or_below: SF01_FIGURES.extremeByEducation.JUNIOR_HIGH_OR_BELOW,
      high_school: SF01_FIGURES.extremeByEducation.HIGH_SCHOOL,
      college_or_above: SF01_FIGURES.extremeByEducation.COLLEGE_OR_ABOVE,
    });
    // Open archives at or above the line (level NONE) make counting archives the wrong answer.
    expect(figures.open_archives).toBeGreaterThan(SF01_FIGURES.hardship);
  });

  it('keeps the SF01 figures for years: no hardship worker within two years of their cohort boundary (men 50, women 40)', async () => {
    const near = await one<{ n: string }>(
      `SELECT count(*) AS n
         FROM workers w JOIN orgs o ON o.id = w.org_id
         JOIN hardship_archives a ON a.worker_id = w.id AND a.lifted_on IS NULL
        WHERE o.path <@ (SELECT path FROM orgs WHERE code = 'SF01')
          AND a.household_monthly_income_fen < 28000 * a.household_size
          AND CASE w.gender
                WHEN 'MALE' THEN w.birth_date BETWEEN current_date - interval '52 years' AND current_date - interval '48 years'
                ELSE w.birth_date BETWEEN current_date - interval '42 years' AND current_date - interval '38 years'
              END`,
    );
    expect(Number(near.n)).toBe(0);
  });

  it('keeps history that does not count: lifted archives and a worker fallen back into hardship', async () => {
    const history = await one<Record<string, string>>(
      `SELECT count(*) FILTER (WHERE a.lifted_on IS NOT NULL) AS lifted,
              count(*) FILTER (WHERE a.lifted_on IS NOT NULL AND a.lift_reason IS NULL) AS lifted_without_reason,
              count(*) FILTER (WHERE a.lifted_on IS NOT NULL AND a.household_monthly_income_fen < 28000 * a.household_size) AS lifted_below_line,
              count(*) FILTER (WHERE a.lifted_on IS NULL AND a.household_monthly_income_fen = 28000 * a.household_size) AS open_exactly_at_line,
              count(DISTINCT a.worker_id) FILTER (WHERE a.lifted_on IS NOT NULL AND EXISTS (
                SELECT 1 FROM hardship_archives b WHERE b.worker_id = a.worker_id AND b.lifted_on IS NULL AND b.opened_on > a.lifted_on)) AS fell_back,
              count(*) FILTER (WHERE cardinality(a.causes) = 0) AS without_cause,
              count(*) FILTER (WHERE 'SERIOUS_ILLNESS' = ANY (a.causes) AND a.illness IS NULL) AS illness_missing,
              count(*) FILTER (WHERE a.opened_on < '2015-01-01' OR a.opened_on > '2024-12-31') AS opened_outside
         FROM hardship_archives a JOIN workers w ON w.id = a.worker_id JOIN orgs o ON o.id = w.org_id
        WHERE o.path <@ (SELECT path FROM orgs WHERE code = 'SF01')`,
    );
    expect(Number(history.lifted)).toBeGreaterThan(100);
    expect(Number(history.lifted_below_line)).toBeGreaterThan(100);
    expect(Number(history.open_exactly_at_line)).toBeGreaterThan(0);
    expect(Number(history.fell_back)).toBeGreaterThan(0);
    expect(history).toMatchObject({ lifted_without_reason: '0', without_cause: '0', illness_missing: '0', opened_outside: '0' });
  });

  it('gives the other counties plausible hardship rates', async () => {
    const counties: { code: string; workers: string; hardship: string; extreme: string }[] = await db.query(
      `SELECT c.code, count(DISTINCT w.id) AS workers,
              count(a.id) FILTER (WHERE a.household_monthly_income_fen < 28000 * a.household_size) AS hardship,
              count(a.id) FILTER (WHERE a.household_monthly_income_fen < 24500 * a.household_size) AS extreme
         FROM orgs c
         JOIN orgs o ON o.path <@ c.path
         JOIN workers w ON w.org_id = o.id
         LEFT JOIN hardship_archives a ON a.worker_id = w.id AND a.lifted_on IS NULL
        WHERE c.level = 'COUNTY'
        GROUP BY c.code ORDER BY c.code`,
    );
    expect(counties).toHaveLength(12);
    for (const county of counties) {
      const rate = Number(county.hardship) / Number(county.workers);
      expect(rate, county.code).toBeGreaterThan(0.06);
      expect(rate, county.code).toBeLessThan(0.14);
      const extremeShare = Number(county.extreme) / Number(county.hardship);
      expect(extremeShare, county.code).toBeGreaterThan(0.2);
      expect(extremeShare, county.code).toBeLessThan(0.4);
    }
  });

  it('creates the eight demo users with their roles and the shared password', async () => {
    const users: { username: string; role: string; code: string; password_hash: string }[] = await db.query(
      'SELECT u.username, r.role, o.code, u.password_hash FROM users u JOIN role_assignments r ON r.user_id = u.id JOIN orgs o ON o.id = r.org_id ORDER BY u.id',
    );
    expect(users.map(({ username, role, code }) => ({ username, role, orgCode: code }))).toEqual(
      DEMO_USERS.map(({ username, role, orgCode }) => ({ username, role, orgCode })),
    );
    expect(new Set(users.map((user) => user.password_hash)).size).toBe(1);
    expect(await verifyPassword(users[0]!.password_hash, DEMO_PASSWORD)).toBe(true);
  });
});
