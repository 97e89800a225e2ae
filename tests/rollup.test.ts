import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  LiftHardshipArchiveDocument,
  OrgRollupDocument,
  SetHardshipLinesDocument,
  WorkerDocument,
  type GonghuiClient,
  type HardshipCause,
  type HardshipFiguresFragment,
  type RollupFiguresFragment,
} from '../client/sdk';
import { checkCharacter } from '../server/worker/id-number';
import { insertArchive, insertOrg, insertUser, type FixtureOrg } from './support/fixture';
import { usePermissionTree } from './support/env';
import { sealedIdNumber } from './support/personal-data';

const env = usePermissionTree();

// ---------------------------------------------------------------------------------------------
// The model: what a run generates, and the figures counted from it in TypeScript.

const LEVELS = ['MUNICIPAL', 'COUNTY', 'TOWNSHIP', 'ENTERPRISE'] as const;
const CAUSES: HardshipCause[] = [
  'ENTERPRISE_SHUTDOWN',
  'LAID_OFF',
  'CHILDREN_SCHOOLING',
  'SINGLE_PARENT',
  'SERIOUS_ILLNESS',
  'DISABILITY',
  'DISASTER',
];
const EDUCATIONS = ['JUNIOR_HIGH_OR_BELOW', 'HIGH_SCHOOL', 'COLLEGE_OR_ABOVE'] as const;
const EMPLOYMENT = ['EMPLOYED', 'LAID_OFF', 'UNEMPLOYED', 'RETIRED'] as const;
const INCOME_KINDS = ['zero', 'belowExtreme', 'atExtreme', 'between', 'belowHardship', 'atHardship', 'aboveHardship'] as const;
type IncomeKind = (typeof INCOME_KINDS)[number];

const DAY = 86_400_000;

/** Today's date as UTC midnight of the local calendar date. */
function todayUtc(): number {
  const now = new Date();
  return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The date `years` years before today, as PostgreSQL computes current_date - interval 'n years' (29 Feb → 28 Feb). */
function yearsAgo(years: number): number {
  const t = new Date(todayUtc());
  const y = t.getUTCFullYear() - years;
  const m = t.getUTCMonth();
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(t.getUTCDate(), lastDay));
}

interface ArchiveSpec {
  size: number;
  kind: IncomeKind;
  extra: number;
  causes: HardshipCause[];
}

interface WorkerSpec {
  orgPick: number;
  gender: 'MALE' | 'FEMALE';
  birth: { anchor: 40 | 50; days: number } | { years: number; days: number };
  education: (typeof EDUCATIONS)[number];
  employment: (typeof EMPLOYMENT)[number];
  isMember: boolean;
  isMigrantWorker: boolean;
  isModelWorker: boolean;
  lifted: ArchiveSpec[];
  open: ArchiveSpec | null;
}

interface RunSpec {
  orgs: { parent: number; rank: number }[];
  lines: { hardship: number; gap: number; inForce: boolean };
  workers: WorkerSpec[];
  picks: number[];
}

const archiveArb: fc.Arbitrary<ArchiveSpec> = fc.record({
  size: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 30 })),
  kind: fc.constantFrom(...INCOME_KINDS),
  extra: fc.nat({ max: 1_000_000 }),
  causes: fc.uniqueArray(fc.constantFrom(...CAUSES), { minLength: 1, maxLength: 4 }),
});

const workerArb: fc.Arbitrary<WorkerSpec> = fc.record({
  orgPick: fc.nat(),
  gender: fc.constantFrom('MALE' as const, 'FEMALE' as const),
  birth: fc.oneof(
    // near a boundary, but never within 5 days of it
    fc.record({
      anchor: fc.constantFrom(40 as const, 50 as const),
      days: fc.oneof(
        fc.integer({ min: 6, max: 45 }),
        fc.integer({ min: -45, max: -6 }),
        fc.integer({ min: 46, max: 400 }),
        fc.integer({ min: -400, max: -46 }),
      ),
    }),
    fc.record({ years: fc.integer({ min: 18, max: 75 }), days: fc.integer({ min: 0, max: 364 }) }),
  ),
  education: fc.constantFrom(...EDUCATIONS),
  employment: fc.constantFrom(...EMPLOYMENT),
  isMember: fc.boolean(),
  isMigrantWorker: fc.boolean(),
  isModelWorker: fc.boolean(),
  lifted: fc.array(archiveArb, { maxLength: 2 }),
  open: fc.option(archiveArb, { freq: 3 }),
});

const runArb: fc.Arbitrary<RunSpec> = fc.record({
  orgs: fc.array(fc.record({ parent: fc.nat(), rank: fc.nat() }), { maxLength: 14, size: 'medium' }),
  lines: fc.record({
    hardship: fc.integer({ min: 10_000, max: 60_000 }),
    gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9_999 })),
    inForce: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  }),
  workers: fc.array(workerArb, { minLength: 3, maxLength: 40, size: 'medium' }),
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
});

/** A birth date from the spec, at least 6 days away from the 40- and 50-year boundaries. */
function birthDateOf(birth: WorkerSpec['birth']): string {
  let ms = 'anchor' in birth ? yearsAgo(birth.anchor) + birth.days * DAY : yearsAgo(birth.years) - birth.days * DAY;
  for (const boundary of [yearsAgo(40), yearsAgo(50)]) {
    if (Math.abs(ms - boundary) <= 5 * DAY) ms = boundary - 11 * DAY;
  }
  return iso(ms);
}

function incomeOf(spec: ArchiveSpec, hardship: number, extreme: number): number {
  const e = extreme * spec.size;
  const h = hardship * spec.size;
  switch (spec.kind) {
    case 'zero':
      return 0;
    case 'belowExtreme':
      return e - 1 - (spec.extra % e);
    case 'atExtreme':
      return e;
    case 'between':
      return h > e ? e + (spec.extra % (h - e)) : e;
    case 'belowHardship':
      return h - 1;
    case 'atHardship':
      return h;
    case 'aboveHardship':
      return h + 1 + (spec.extra % 100_000);
  }
}

const fen = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;

interface ModelOrg extends FixtureOrg {
  rank: number;
  parentIndex: number | null;
}

interface ModelWorker {
  orgId: number;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  education: string;
  isMember: boolean;
  isMigrantWorker: boolean;
  isModelWorker: boolean;
  /** The open archive, if any. */
  open: { size: number; income: number; causes: HardshipCause[] } | null;
}

type Figures = {
  orgCount: number;
  workers: { total: number; members: number; migrantWorkers: number; modelWorkers: number; hardship: Stats; extremeHardship: Stats };
};
type Stats = Omit<HardshipFiguresFragment, 'byCause'> & { byCause: Record<string, number> };

const isUnder = (path: string, ancestor: string) => path === ancestor || path.startsWith(`${ancestor}.`);

function countStats(workers: ModelWorker[]): Stats {
  const born50 = iso(yearsAgo(50));
  const born40 = iso(yearsAgo(40));
  const count = (test: (w: ModelWorker) => boolean) => workers.filter(test).length;
  return {
    total: workers.length,
    menUnder50: count((w) => w.gender === 'MALE' && w.birthDate > born50),
    men50AndOver: count((w) => w.gender === 'MALE' && w.birthDate <= born50),
    womenUnder40: count((w) => w.gender === 'FEMALE' && w.birthDate > born40),
    women40AndOver: count((w) => w.gender === 'FEMALE' && w.birthDate <= born40),
    juniorHighOrBelow: count((w) => w.education === 'JUNIOR_HIGH_OR_BELOW'),
    highSchool: count((w) => w.education === 'HIGH_SCHOOL'),
    collegeOrAbove: count((w) => w.education === 'COLLEGE_OR_ABOVE'),
    byCause: Object.fromEntries(CAUSES.map((cause) => [cause, count((w) => w.open!.causes.includes(cause))])),
  };
}

function expectedFigures(
  org: FixtureOrg,
  orgs: ModelOrg[],
  workers: ModelWorker[],
  line: { hardship: number; extreme: number } | null,
): Figures {
  const ids = new Set(orgs.filter((o) => isUnder(o.path, org.path)).map((o) => o.id));
  const inTree = workers.filter((w) => ids.has(w.orgId));
  const below = (limit: (l: { hardship: number; extreme: number }) => number) =>
    inTree.filter((w) => line !== null && w.open !== null && w.open.income < limit(line) * w.open.size);
  return {
    orgCount: ids.size,
    workers: {
      total: inTree.length,
      members: inTree.filter((w) => w.isMember).length,
      migrantWorkers: inTree.filter((w) => w.isMigrantWorker).length,
      modelWorkers: inTree.filter((w) => w.isModelWorker).length,
      hardship: countStats(below((l) => l.hardship)),
      extremeHardship: countStats(below((l) => l.extreme)),
    },
  };
}

function normaliseStats(stats: HardshipFiguresFragment): Stats {
  const { byCause, ...rest } = stats;
  expect(byCause.map((c) => c.cause).sort()).toEqual([...CAUSES].sort());
  return { ...rest, byCause: Object.fromEntries(byCause.map((c) => [c.cause, c.workers])) };
}

function normalise(figures: RollupFiguresFragment): Figures {
  const { hardship, extremeHardship, ...counts } = figures.workers;
  return {
    orgCount: figures.orgCount,
    workers: { ...counts, hardship: normaliseStats(hardship), extremeHardship: normaliseStats(extremeHardship) },
  };
}

let idSerial = 0;

async function insertModelWorker(org: FixtureOrg, w: Omit<ModelWorker, 'orgId' | 'open'> & { employment: string }): Promise<string> {
  // a region of its own for every worker keeps the ID numbers unique across runs
  const region = 110000 + ++idSerial;
  const first17 = `${region}${w.birthDate.replaceAll('-', '')}${w.gender === 'MALE' ? '001' : '002'}`;
  const [{ id }] = (await env.server.db.query(
    `INSERT INTO workers (org_id, name, id_number_cipher, id_number_hash, gender, birth_date, education, employment_status, is_member,
       is_migrant_worker, is_model_worker, phone_cipher)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL) RETURNING id::text AS id`,
    [
      org.id,
      `职工${idSerial}`,
      ...sealedIdNumber(first17 + checkCharacter(first17)),
      w.gender,
      w.birthDate,
      w.education,
      w.employment,
      w.isMember,
      w.isMigrantWorker,
      w.isModelWorker,
    ],
  )) as [{ id: string }];
  return id;
}

let runNo = 0;

async function checkRun(spec: RunSpec): Promise<void> {
  const prefix = `PR${++runNo}`;
  // the tree: a fresh municipal root, then each org under an earlier one of a higher level
  const root = await insertOrg(env.server.db, null, `${prefix}-M`, 'MUNICIPAL');
  const orgs: ModelOrg[] = [{ ...root, rank: 0, parentIndex: null }];
  for (const [i, o] of spec.orgs.entries()) {
    const parents = orgs.map((org, index) => ({ org, index })).filter(({ org }) => org.rank < 3);
    const { org: parent, index } = parents[o.parent % parents.length]!;
    const rank = parent.rank + 1 + (o.rank % (3 - parent.rank));
    const created = await insertOrg(env.server.db, parent, `${prefix}-${i}`, LEVELS[rank]!);
    orgs.push({ ...created, rank, parentIndex: index });
  }

  await insertUser(env.server.db, `admin.${prefix.toLowerCase()}`, [['ADMIN', root]]);
  const admin = await env.server.as(`admin.${prefix.toLowerCase()}`);

  // the lines: an old pair, the pair in force, and a future pair that must not count yet
  const hardship = spec.lines.hardship;
  const extreme = Math.max(1, hardship - spec.lines.gap);
  const setLines = (h: number, e: number, effectiveFrom: string) =>
    admin.request(SetHardshipLinesDocument, {
      input: { orgId: String(root.id), hardshipLine: fen(h), extremeLine: fen(e), effectiveFrom },
    });
  if (spec.lines.inForce) {
    await setLines(hardship + 5_000, extreme + 5_000, '2010-01-01');
    await setLines(hardship, extreme, '2015-07-01');
  }
  await setLines(hardship * 3, extreme * 3, '2099-01-01');
  const line = spec.lines.inForce ? { hardship, extreme } : null;

  const workers: ModelWorker[] = [];
  for (const w of spec.workers) {
    const org = orgs[w.orgPick % orgs.length]!;
    const fields = {
      gender: w.gender,
      birthDate: birthDateOf(w.birth),
      education: w.education,
      isMember: w.isMember,
      isMigrantWorker: w.isMigrantWorker,
      isModelWorker: w.isModelWorker,
    };
    const workerId = await insertModelWorker(org, { ...fields, employment: w.employment });
    for (const [k, a] of w.lifted.entries()) {
      await insertArchive(env.server.db, workerId, {
        householdSize: a.size,
        incomeFen: incomeOf(a, hardship, extreme),
        causes: a.causes,
        liftedOn: k === 0 ? '2021-05-04' : '2023-10-01',
      });
    }
    let open: ModelWorker['open'] = null;
    if (w.open) {
      open = { size: w.open.size, income: incomeOf(w.open, hardship, extreme), causes: w.open.causes };
      await insertArchive(env.server.db, workerId, { householdSize: open.size, incomeFen: open.income, causes: open.causes });
    }
    workers.push({ orgId: org.id, ...fields, open });
  }

  // the root and a few random orgs, each with its byChild
  const checked = [...new Set([0, ...spec.picks.map((p) => p % orgs.length)])].map((i) => orgs[i]!);
  for (const org of checked) {
    const { org: answer } = await admin.request(OrgRollupDocument, { code: org.code });
    expect(answer, org.code).not.toBeNull();
    const { byChild, ...figures } = answer!.rollup;
    expect(normalise(figures), `rollup of ${org.code}`).toEqual(expectedFigures(org, orgs, workers, line));
    const children = orgs.filter((o) => o.parentIndex !== null && orgs[o.parentIndex]!.id === org.id);
    expect(byChild.map((c) => c.org.code).sort(), `children of ${org.code}`).toEqual(children.map((c) => c.code).sort());
    for (const child of children) {
      const entry = byChild.find((c) => c.org.code === child.code)!;
      expect(normalise(entry), `byChild ${child.code} of ${org.code}`).toEqual(expectedFigures(child, orgs, workers, line));
    }
    // byChild is the child's own rollup
    if (byChild.length > 0) {
      const first = byChild[0]!;
      const { org: own } = await admin.request(OrgRollupDocument, { code: first.org.code });
      const { byChild: _grandchildren, ...ownFigures } = own!.rollup;
      const { org: _org, ...entryFigures } = first;
      expect(ownFigures).toEqual(entryFigures);
    }
  }
}

// ---------------------------------------------------------------------------------------------

describe('the rollup of a subtree', () => {
  it('equals a brute-force count of the generated records, for the org and each child', async () => {
    await fc.assert(fc.asyncProperty(runArb, checkRun), { numRuns: 25 });
  }, 600_000);

  it('counts an income exactly at the line as not below it', async () => {
    // a hand-made case next to the random ones: lines 280.00 / 245.00, household of 4
    await checkRun({
      orgs: [{ parent: 0, rank: 0 }],
      lines: { hardship: 28_000, gap: 3_500, inForce: true },
      workers: (['atExtreme', 'belowExtreme', 'atHardship', 'belowHardship', 'aboveHardship'] as const).map((kind, i) => ({
        orgPick: i,
        gender: i % 2 ? 'FEMALE' : 'MALE',
        birth: { years: 45, days: 30 },
        education: 'HIGH_SCHOOL',
        employment: 'EMPLOYED',
        isMember: true,
        isMigrantWorker: false,
        isModelWorker: i === 0,
        lifted: [],
        open: { size: 4, kind, extra: 0, causes: ['LAID_OFF'] },
      })),
      picks: [1],
    });
    const { org } = await (await env.server.as(`admin.pr${runNo}`)).request(OrgRollupDocument, { code: `PR${runNo}-M` });
    // below 245 × 4: only 97,999 fen; below 280 × 4: 97,999, 98,000 (at the extreme line) and 111,999
    expect(org!.rollup.workers.extremeHardship.total).toBe(1);
    expect(org!.rollup.workers.hardship.total).toBe(3);
  });
});

describe("the rollup and the caller's scope", () => {
  let viewerC1: GonghuiClient;
  beforeAll(async () => {
    viewerC1 = await env.server.as('viewer.c1');
  });

  it("gives a county user the county's rollup", async () => {
    const { org } = await viewerC1.request(OrgRollupDocument, { code: 'C1' });
    expect(org).not.toBeNull();
    const { rollup } = org!;
    expect(rollup.orgCount).toBe(6);
    expect(rollup.workers).toMatchObject({ total: 6, members: 6, migrantWorkers: 0, modelWorkers: 0 });
    // every fixture archive: 600 yuan for 3 people, 200 a head, below both 280 and 245
    expect(rollup.workers.hardship).toMatchObject({ total: 6, highSchool: 6 });
    expect(rollup.workers.extremeHardship).toMatchObject({ total: 6, highSchool: 6 });
    expect(rollup.workers.hardship.byCause.find((c) => c.cause === 'SERIOUS_ILLNESS')?.workers).toBe(6);
    expect(rollup.byChild.map((c) => [c.org.code, c.orgCount, c.workers.total]).sort()).toEqual([
      ['T1', 3, 3],
      ['T1B', 2, 2],
    ]);
  });

  it('answers null for the municipal root and for a county outside the scope', async () => {
    expect((await viewerC1.request(OrgRollupDocument, { code: 'M' })).org).toBeNull();
    expect((await viewerC1.request(OrgRollupDocument, { code: 'C2' })).org).toBeNull();
    expect((await viewerC1.request(OrgRollupDocument, { code: 'E2' })).org).toBeNull();
  });

  it('gives the municipal root its own env.tree only, not the other municipalities', async () => {
    const admin = await env.server.as('admin.m');
    const { org } = await admin.request(OrgRollupDocument, { code: 'M' });
    expect(org!.rollup.orgCount).toBe(10);
    expect(org!.rollup.workers.total).toBe(10);
    expect(org!.rollup.byChild.map((c) => c.org.code).sort()).toEqual(['C1', 'C2']);
    // a municipal root of the random runs is not visible either
    expect((await admin.request(OrgRollupDocument, { code: 'PR1-M' })).org).toBeNull();
  });
});

describe('lifting a worker out of hardship', () => {
  it('stops counting the archive in every rollup at once', async () => {
    const admin = await env.server.as('admin.m');
    const staff = await env.server.as('staff.e1');
    const figures = async (code: string) => (await admin.request(OrgRollupDocument, { code })).org!.rollup.workers;
    expect((await figures('M')).hardship.total).toBe(10);
    expect((await figures('M')).extremeHardship.total).toBe(10);
    expect((await figures('E1')).hardship.total).toBe(1);

    const { liftHardshipArchive } = await staff.request(LiftHardshipArchiveDocument, {
      input: { id: env.tree.archives.E1!, reason: '再就业' },
    });
    expect(liftHardshipArchive).toMatchObject({ level: 'NONE', liftReason: '再就业' });
    expect(liftHardshipArchive.liftedOn).not.toBeNull();

    const m = await figures('M');
    expect(m.total).toBe(10);
    expect(m.hardship.total).toBe(9);
    expect(m.extremeHardship.total).toBe(9);
    expect(m.hardship.byCause.find((c) => c.cause === 'SERIOUS_ILLNESS')?.workers).toBe(9);
    expect((await figures('C1')).hardship.total).toBe(5);
    expect((await figures('T1')).extremeHardship.total).toBe(2);
    const e1 = await figures('E1');
    expect(e1).toMatchObject({ total: 1, hardship: { total: 0, menUnder50: 0, men50AndOver: 0 }, extremeHardship: { total: 0 } });
    const { org } = await admin.request(OrgRollupDocument, { code: 'T1' });
    expect(org!.rollup.byChild.find((c) => c.org.code === 'E1')!.workers.hardship.total).toBe(0);
    const { worker } = await admin.request(WorkerDocument, { id: env.tree.workers.E1! });
    expect(worker).toMatchObject({ hardshipLevel: 'NONE', hardshipArchive: null });
    expect(worker!.hardshipArchives).toHaveLength(1);
  });
});
