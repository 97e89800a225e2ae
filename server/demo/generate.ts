// The demo data, generated: the union tree, the workers and their hardship archives, as rows of
// PostgreSQL's COPY text format. Pure: no database here; a fixed seed, so the same rows every time
// (birth dates are counted back from `today`, so ages, and with them the cohort figures, hold).
// Ledger 2 (funds, assistance cases, pairings) is planned in assistance.ts from what this records.
import { HardshipCause } from '../hardship/hardship-enums';
import { OrgLevel } from '../org/org-level';
import { checkCharacter } from '../worker/id-number';
import { CITY_FIGURES, SF01_FIGURES } from './figures';
import {
  COMPANY_SUFFIXES,
  COUNTIES,
  ENTERPRISE_CORES,
  FEMALE_GIVEN,
  ILLNESSES,
  INCOME_SOURCES,
  INDUSTRIES,
  JOB_WISHES,
  LIFT_REASONS,
  MALE_GIVEN,
  MIGRANT_REGIONS,
  PHONE_PREFIXES,
  PLANS,
  SKILLS,
  STREET_STEMS,
  SURNAMES,
  TOWN_STEMS,
} from './names';
import { apportion, Random, Weighted } from './random';

export const SEED = 'gonghui-demo-2024';
/** Rows are handed to COPY in chunks of about this many characters. */
export const CHUNK = 64 * 1024;

export const ROOT_CODE = 'SF';
export const ROOT_NAME = '示范市总工会';
/** The hardship line of the municipality, in force since 2010. */
export const HARDSHIP_LINE = {
  effectiveFrom: '2010-01-01',
  hardshipLineFen: CITY_FIGURES.hardshipLineFen,
  extremeLineFen: CITY_FIGURES.extremeLineFen,
};

export const ORG_COLUMNS = 'id, parent_id, code, name, level, path';
export const WORKER_COLUMNS =
  'id, org_id, name, id_number, gender, birth_date, education, employment_status, is_member, is_migrant_worker, is_model_worker, phone';
export const ARCHIVE_COLUMNS =
  'worker_id, household_size, household_monthly_income_fen, causes, illness, income_sources, skills, job_wishes, plan, opened_on, lifted_on, lift_reason';

// ---------------------------------------------------------------------------------------------
// COPY text format and dates

/** Escapes a value for COPY's text format (backslash, tab, newline, carriage return). */
export function copyText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
    : value;
}

const DAY_MS = 86_400_000;
export const YEAR_DAYS = 365.2425;

/** Day number (days since 1970-01-01) of an ISO date. */
export function dayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

// Day numbers (days since 1970-01-01) to text, cached: a million birth dates fall on some 16,000 days.
const isoCache = new Map<number, string>();
export function isoDate(day: number): string {
  let text = isoCache.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, text);
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// The tree

export interface DemoOrg {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  level: OrgLevel;
  path: string;
  /** Index into COUNTIES; -1 for the root. */
  county: number;
  workers: number;
  members: number;
  /** Share of the org's workers in hardship (counties other than SF01). */
  hardshipRate: number;
  migrantRate: number;
}

const MANUFACTURING = new Set([
  '机械',
  '电器',
  '食品',
  '纺织',
  '化工',
  '制药',
  '印刷',
  '包装',
  '汽车配件',
  '木业',
  '钢结构',
  '家具',
  '服装',
  '粮油',
  '乳业',
  '电子',
  '塑料制品',
  '农机',
  '锅炉',
  '精密铸造',
  '电力设备',
  '米业',
  '医疗器械',
  '建材',
]);
const INDUSTRY_LIST = [...new Set(INDUSTRIES)];
const companySuffix = new Weighted(COMPANY_SUFFIXES);
/** Migrant workers concentrate in building, logistics and services. */
const MIGRANT_HEAVY = new Set(['建筑工程', '物流', '钢结构', '装饰工程', '运输', '餐饮管理', '保安服务', '家政服务', '建材', '物业管理']);

/** The 10,688 orgs in id order (root, counties, townships, enterprises), ids from `baseId + 1`. */
export function planOrgs(baseId = 0): DemoOrg[] {
  const random = new Random(`${SEED}/orgs`);
  const orgs: DemoOrg[] = [];
  let nextId = baseId;
  const add = (
    org: Omit<DemoOrg, 'id' | 'path' | 'workers' | 'members' | 'hardshipRate' | 'migrantRate'>,
    parentPath: string | null,
  ): DemoOrg => {
    const id = ++nextId;
    const created: DemoOrg = {
      ...org,
      id,
      path: parentPath ? `${parentPath}.${id}` : String(id),
      workers: 0,
      members: 0,
      hardshipRate: 0,
      migrantRate: 0,
    };
    orgs.push(created);
    return created;
  };

  const root = add({ parentId: null, code: ROOT_CODE, name: ROOT_NAME, level: OrgLevel.MUNICIPAL, county: -1 }, null);
  const counties = COUNTIES.map((spec, c) =>
    add(
      { parentId: root.id, code: `SF${String(c + 1).padStart(2, '0')}`, name: `${spec.name}总工会`, level: OrgLevel.COUNTY, county: c },
      root.path,
    ),
  );

  // Townships, county by county; SF01-01 is the 新阳路 street of the examples.
  const townships: DemoOrg[][] = COUNTIES.map((spec, c) => {
    const stems = spec.kind === 'DISTRICT' ? random.shuffle([...STREET_STEMS]) : random.shuffle([...TOWN_STEMS]);
    if (c === 0) stems.unshift(...stems.splice(stems.indexOf('新阳路'), 1));
    return stems.slice(0, spec.townships).map((stem, t) => {
      const suffix = spec.kind === 'DISTRICT' ? '街道' : random.chance(0.65) ? '镇' : '乡';
      const county = counties[c]!;
      return add(
        {
          parentId: county.id,
          code: `${county.code}-${String(t + 1).padStart(2, '0')}`,
          name: `${spec.name}${stem}${suffix}工会`,
          level: OrgLevel.TOWNSHIP,
          county: c,
        },
        county.path,
      );
    });
  });

  // Enterprises: under townships, then a few directly under their county.
  const directTotal = COUNTIES.reduce((sum, spec) => sum + spec.directEnterprises, 0);
  const underTownships = apportion(
    CITY_FIGURES.byLevel.ENTERPRISE - directTotal,
    COUNTIES.map((spec) => spec.enterpriseWeight),
  );
  const usedNames = new Set<string>(['示范市宏达机械有限公司工会']);
  const enterpriseName = (c: number, large: boolean): string => {
    const short = COUNTIES[c]!.name.slice(0, -1);
    for (let attempt = 0; ; attempt++) {
      const core = random.pick(ENTERPRISE_CORES);
      const industry = random.pick(INDUSTRY_LIST);
      let suffix = large ? random.pick(['集团有限公司', '股份有限公司', '有限责任公司']) : companySuffix.draw(random);
      if (suffix === '厂' && !MANUFACTURING.has(industry)) suffix = '有限公司';
      const prefix = large ? '示范市' : random.pick(['示范市', '示范市', short, short, '']);
      const name = `${prefix}${core}${industry}${suffix}${attempt > 20 ? `第${attempt - 19}分公司` : ''}工会`;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const industryOf = (name: string) => INDUSTRY_LIST.find((industry) => name.includes(industry)) ?? '';
  COUNTIES.forEach((spec, c) => {
    const perTownship = apportion(
      underTownships[c]!,
      townships[c]!.map(() => random.real(0.5, 1.5)),
    );
    townships[c]!.forEach((township, t) => {
      for (let e = 0; e < perTownship[t]!; e++) {
        const name = c === 0 && t === 0 && e === 0 ? '示范市宏达机械有限公司工会' : enterpriseName(c, false);
        add(
          {
            parentId: township.id,
            code: `${township.code}-${String(e + 1).padStart(3, '0')}`,
            name,
            level: OrgLevel.ENTERPRISE,
            county: c,
          },
          township.path,
        );
      }
    });
    const county = counties[c]!;
    for (let e = 0; e < spec.directEnterprises; e++) {
      add(
        {
          parentId: county.id,
          code: `${county.code}-E${String(e + 1).padStart(2, '0')}`,
          name: enterpriseName(c, true),
          level: OrgLevel.ENTERPRISE,
          county: c,
        },
        county.path,
      );
    }
  });
  if (orgs.length !== CITY_FIGURES.orgCount) throw new Error(`demo tree has ${orgs.length} orgs, expected ${CITY_FIGURES.orgCount}`);

  // Workers and members: exact per county, spread over its orgs (a few at townships, the union's own staff).
  const countyWorkers = COUNTIES.map(() => 0);
  const others = apportion(
    CITY_FIGURES.workers - SF01_FIGURES.workers,
    COUNTIES.slice(1).map((spec) => spec.workerWeight),
  );
  countyWorkers[0] = SF01_FIGURES.workers;
  others.forEach((n, i) => (countyWorkers[i + 1] = n));
  const countyMemberRates = COUNTIES.map(() => random.real(0.82, 0.9));
  const otherMembers = apportion(
    CITY_FIGURES.members - SF01_FIGURES.members,
    others.map((n, i) => n * countyMemberRates[i + 1]!),
    others,
  );
  const countyMembers = [SF01_FIGURES.members, ...otherMembers];

  COUNTIES.forEach((_, c) => {
    const inCounty = orgs.filter((org) => org.county === c && org.level !== OrgLevel.COUNTY);
    const hardshipBase = random.real(0.08, 0.12);
    const weights = inCounty.map((org) => {
      if (org.level === OrgLevel.TOWNSHIP) return 0;
      const size = Math.exp(1.1 * random.normal());
      return org.parentId === counties[c]!.id ? size * 15 + 10 : size;
    });
    let staff = 0;
    for (const org of inCounty) {
      if (org.level === OrgLevel.TOWNSHIP) {
        org.workers = random.between(2, 9);
        staff += org.workers;
      }
    }
    const enterprises = inCounty.filter((org) => org.level === OrgLevel.ENTERPRISE);
    const minimum = 3;
    const sizes = apportion(
      countyWorkers[c]! - staff - minimum * enterprises.length,
      weights.filter((_, i) => inCounty[i]!.level === OrgLevel.ENTERPRISE),
    );
    enterprises.forEach((org, i) => (org.workers = sizes[i]! + minimum));

    for (const org of inCounty) {
      const industry = industryOf(org.name);
      org.migrantRate =
        org.level === OrgLevel.TOWNSHIP ? 0.02 : MIGRANT_HEAVY.has(industry) ? random.real(0.3, 0.55) : random.real(0.05, 0.25);
      org.hardshipRate = org.level === OrgLevel.TOWNSHIP ? 0.02 : Math.min(0.3, hardshipBase * Math.exp(0.45 * random.normal()));
    }
    const memberWeights = inCounty.map((org) => org.workers * (org.level === OrgLevel.TOWNSHIP ? 1 : random.real(0.55, 1)));
    const members = apportion(
      countyMembers[c]!,
      memberWeights,
      inCounty.map((org) => org.workers),
    );
    inCounty.forEach((org, i) => (org.members = members[i]!));
  });
  return orgs;
}

export function* orgRows(orgs: readonly DemoOrg[]): Generator<string> {
  let chunk = '';
  for (const org of orgs) {
    chunk += `${org.id}\t${org.parentId ?? '\\N'}\t${copyText(org.code)}\t${copyText(org.name)}\t${org.level}\t${org.path}\n`;
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

// ---------------------------------------------------------------------------------------------
// Workers and archives

type Category = 'NONE' | 'HARDSHIP' | 'EXTREME';
type Education = 'JUNIOR_HIGH_OR_BELOW' | 'HIGH_SCHOOL' | 'COLLEGE_OR_ABOVE';
type Employment = 'EMPLOYED' | 'LAID_OFF' | 'UNEMPLOYED' | 'RETIRED';
type Cause = `${HardshipCause}`;
const CAUSE_CODES = Object.values(HardshipCause) as readonly Cause[];
/** Bit of a cause in `ArchiveData.causes`. */
export const CAUSE_BIT = Object.fromEntries(CAUSE_CODES.map((cause, i) => [cause, 1 << i])) as Record<Cause, number>;

interface Profile {
  male: boolean;
  /** Age in years, fractional, on `today`. */
  age: number;
  education: Education;
}

/** Extreme-hardship cohorts of SF01; ages keep 2.5 years from the 40 and 50 boundaries. */
const EXTREME_COHORTS = [
  { count: SF01_FIGURES.extremeByCohort.menUnder50, male: true, ages: [22, 47.5] },
  { count: SF01_FIGURES.extremeByCohort.men50AndOver, male: true, ages: [52.5, 60.9] },
  { count: SF01_FIGURES.extremeByCohort.women40AndOver, male: false, ages: [42.5, 59.9] },
  { count: SF01_FIGURES.extremeByCohort.womenUnder40, male: false, ages: [22, 37.5] },
] as const;
/** No hardship worker is this close to their cohort boundary (men 50, women 40), so the figures hold for years. */
function nearBoundary(age: number, male: boolean): boolean {
  const boundary = male ? 50 : 40;
  return age >= boundary - 2.5 && age < boundary + 2.5;
}

const HOUSEHOLD_SIZE = new Weighted([
  [1, 8],
  [2, 22],
  [3, 35],
  [4, 20],
  [5, 10],
  [6, 5],
] as const);
const CAUSES = new Weighted<Cause>([
  ['ENTERPRISE_SHUTDOWN', 22],
  ['LAID_OFF', 30],
  ['CHILDREN_SCHOOLING', 22],
  ['SINGLE_PARENT', 10],
  ['SERIOUS_ILLNESS', 24],
  ['DISABILITY', 9],
  ['DISASTER', 2],
]);
const HARDSHIP_EMPLOYMENT = new Weighted<Employment>([
  ['EMPLOYED', 42],
  ['LAID_OFF', 35],
  ['UNEMPLOYED', 16],
  ['RETIRED', 7],
]);
const HARDSHIP_EDUCATION = new Weighted<Education>([
  ['JUNIOR_HIGH_OR_BELOW', 55],
  ['HIGH_SCHOOL', 35],
  ['COLLEGE_OR_ABOVE', 10],
]);
export const EMPLOYMENT_CODES: readonly Employment[] = ['EMPLOYED', 'LAID_OFF', 'UNEMPLOYED', 'RETIRED'];
const surname = new Weighted(SURNAMES);

const ARCHIVE_WINDOW = { from: dayOf('2015-01-01'), to: dayOf('2024-12-31') };
export const KIND = { EXTREME: 0, HARDSHIP: 1, OPEN_ABOVE_LINE: 2, LIFTED: 3 } as const;
/**
 * District SF01 keeps at least this many lifted archives: its 930 cadre pairings (all lifted)
 * each end on the day an archive was closed.
 */
export const SF01_LIFTED_ARCHIVES = 1_250;

/** Archives, one entry per archive, in the order they are written (the ids the database gives them). */
export interface ArchiveData {
  workerId: number[];
  kind: number[];
  size: number[];
  income: number[];
  /** Day numbers; `lifted` is -1 while the archive is open. */
  opened: number[];
  lifted: number[];
  /** Index into EMPLOYMENT_CODES: the worker's employment status. */
  employment: number[];
  /** The worker: index of their org in `DemoGenerator.orgs`, birth day, sex and surname. */
  orgIndex: number[];
  birthDay: number[];
  male: boolean[];
  surname: string[];
  /** Filled by `archiveRows()`: CAUSE_BIT flags, and the illness (index into ILLNESSES, -1 for none). */
  causes: number[];
  illness: number[];
}

/** Workers without an archive who are laid off or unemployed (some train too), in worker order. */
export interface JobSeekers {
  workerId: number[];
  orgIndex: number[];
  birthDay: number[];
}

export interface DemoTotals {
  workers: number;
  members: number;
  migrantWorkers: number;
  archives: number;
  openArchives: number;
}

/**
 * Generates workers, then archives, as COPY text. `workerRows()` must run to the end before
 * `archiveRows()`: archives are kept as a few numbers each while the workers stream by.
 */
export class DemoGenerator {
  readonly orgs: DemoOrg[];
  readonly totals: DemoTotals = { workers: 0, members: 0, migrantWorkers: 0, archives: 0, openArchives: 0 };
  /** The day of loading (day number): ages are counted to it. */
  readonly today: number;
  private readonly workerBaseId: number;
  private readonly regions: string[];
  private readonly regionIndex = new Map<string, number>();
  private readonly minBirthDay: number;
  private readonly sequenceUse: Uint16Array;
  private workersDone = false;
  private archivesDone = false;
  /** Archives in worker order (SF01's extra lifted ones at the end). */
  readonly archive: ArchiveData = {
    workerId: [],
    kind: [],
    size: [],
    income: [],
    opened: [],
    lifted: [],
    employment: [],
    orgIndex: [],
    birthDay: [],
    male: [],
    surname: [],
    causes: [],
    illness: [],
  };
  readonly jobSeekers: JobSeekers = { workerId: [], orgIndex: [], birthDay: [] };
  /** The worker being generated, as its archives record it (one object, reused). */
  private readonly current = { orgIndex: 0, birthDay: 0, male: false, surname: '' };
  /** SF01 workers of 28 or more without any archive: where SF01's extra lifted archives go. */
  private readonly sf01Unarchived: {
    workerId: number;
    orgIndex: number;
    birthDay: number;
    employment: number;
    male: boolean;
    surname: string;
  }[] = [];

  constructor(options: { today: string; orgBaseId?: number; workerBaseId?: number }) {
    this.orgs = planOrgs(options.orgBaseId ?? 0);
    this.today = dayOf(options.today);
    this.workerBaseId = options.workerBaseId ?? 0;
    this.regions = [...new Set([...COUNTIES.map((spec) => spec.region), ...MIGRANT_REGIONS])];
    this.regions.forEach((region, i) => this.regionIndex.set(region, i));
    this.minBirthDay = this.today - Math.ceil(62 * YEAR_DAYS);
    this.sequenceUse = new Uint16Array(this.regions.length * (this.today - this.minBirthDay + 1) * 2);
  }

  orgRows(): Generator<string> {
    return orgRows(this.orgs);
  }

  /** A unique ID number: sequences per region, birth day and sex are handed out in a scrambled order. */
  private idNumber(region: string, birthDay: number, male: boolean): string {
    const r = this.regionIndex.get(region)!;
    const slot = ((r * (this.today - this.minBirthDay + 1) + (birthDay - this.minBirthDay)) << 1) | (male ? 1 : 0);
    const n = this.sequenceUse[slot]!;
    if (n >= 499) throw new Error(`demo: ID sequences exhausted for ${region} ${isoDate(birthDay)}`);
    this.sequenceUse[slot] = n + 1;
    const index = ((slot % 499) + n * 263) % 499;
    const sequence = male ? 1 + 2 * index : 2 + 2 * index;
    const first17 = `${region}${isoDate(birthDay).replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
    return first17 + checkCharacter(first17);
  }

  *workerRows(): Generator<string> {
    const random = new Random(`${SEED}/workers`);
    // SF01: exact hardship and extreme counts by sequential selection (each worker drawn with
    // probability still-needed / still-to-come), the extreme ones from a shuffled list of profiles.
    const extremeProfiles: Profile[] = [];
    const educations: Education[] = [];
    for (const [education, count] of Object.entries(SF01_FIGURES.extremeByEducation))
      for (let i = 0; i < count; i++) educations.push(education as Education);
    random.shuffle(educations);
    for (const cohort of EXTREME_COHORTS) {
      for (let i = 0; i < cohort.count; i++)
        extremeProfiles.push({ male: cohort.male, age: random.real(cohort.ages[0], cohort.ages[1]), education: 'JUNIOR_HIGH_OR_BELOW' });
    }
    random.shuffle(extremeProfiles);
    extremeProfiles.forEach((profile, i) => (profile.education = educations[i]!));
    const sf01: { remaining: number; extreme: number; hardship: number } = {
      remaining: SF01_FIGURES.workers,
      extreme: SF01_FIGURES.extreme,
      hardship: SF01_FIGURES.hardship - SF01_FIGURES.extreme,
    };
    const extremeShare = COUNTIES.map(() => random.real(0.26, 0.34));

    let workerId = this.workerBaseId;
    let chunk = '';
    for (let orgIndex = 0; orgIndex < this.orgs.length; orgIndex++) {
      const org = this.orgs[orgIndex]!;
      if (org.workers === 0) continue;
      const county = COUNTIES[org.county]!;
      let membersLeft = org.members;
      for (let i = 0; i < org.workers; i++) {
        const id = ++workerId;
        const isMember = random.next() * (org.workers - i) < membersLeft;
        if (isMember) membersLeft--;

        let category: Category = 'NONE';
        if (org.county === 0) {
          const u = random.next() * sf01.remaining--;
          if (u < sf01.extreme) {
            category = 'EXTREME';
            sf01.extreme--;
          } else if (u < sf01.extreme + sf01.hardship) {
            category = 'HARDSHIP';
            sf01.hardship--;
          }
        } else if (random.chance(org.hardshipRate)) {
          category = random.chance(extremeShare[org.county]!) ? 'EXTREME' : 'HARDSHIP';
        }

        let profile: Profile;
        let migrant: boolean;
        let employment: Employment;
        if (category === 'NONE') {
          migrant = random.chance(org.migrantRate);
          const male = random.chance(migrant ? 0.66 : 0.54);
          const age = migrant
            ? 18.05 + 40 * Math.pow((random.next() + random.next()) / 2, 1.25)
            : 18.05 + 42.9 * ((random.next() + random.next()) / 2);
          const t = (age - 18) / 43;
          const junior = Math.min(0.8, 0.12 + 0.28 * t + (migrant ? 0.3 : 0));
          const college = Math.max(0.03, 0.42 - 0.3 * t - (migrant ? 0.25 : 0));
          const e = random.next();
          const education: Education = e < junior ? 'JUNIOR_HIGH_OR_BELOW' : e < 1 - college ? 'HIGH_SCHOOL' : 'COLLEGE_OR_ABOVE';
          profile = { male, age, education };
          const retirable = male ? age >= 58 : age >= 50;
          const s = random.next();
          employment =
            retirable && s < 0.4 ? 'RETIRED' : s < 0.93 || (retirable && s < 0.95) ? 'EMPLOYED' : s < 0.97 ? 'LAID_OFF' : 'UNEMPLOYED';
        } else {
          migrant = random.chance(0.12);
          if (org.county === 0 && category === 'EXTREME') {
            profile = extremeProfiles.pop()!;
          } else {
            const male = random.chance(0.58);
            let age: number;
            do {
              // Older than most: triangular between 22 and 61, peak at 48.
              const u = random.next();
              const c = 26 / 39;
              age = 22 + 39 * (u < c ? Math.sqrt(u * c) : 1 - Math.sqrt((1 - u) * (1 - c)));
            } while (nearBoundary(age, male) || age >= 60.95);
            profile = { male, age, education: HARDSHIP_EDUCATION.draw(random) };
          }
          employment = HARDSHIP_EMPLOYMENT.draw(random);
          if (employment === 'RETIRED' && profile.age < (profile.male ? 55 : 45)) employment = 'LAID_OFF';
        }
        const isModel = !migrant && profile.age >= 30 && random.chance(category === 'NONE' ? 0.003 : 0.01);

        const birthDay = this.today - Math.floor(profile.age * YEAR_DAYS);
        const region = migrant ? random.pick(MIGRANT_REGIONS) : random.chance(0.88) ? county.region : random.pick(COUNTIES).region;
        const idNumber = this.idNumber(region, birthDay, profile.male);
        const given = profile.male ? MALE_GIVEN : FEMALE_GIVEN;
        const family = surname.draw(random);
        const name = family + random.pick(given) + (random.chance(0.72) ? random.pick(given) : '');
        const phone = random.chance(0.95) ? `${random.pick(PHONE_PREFIXES)}${String(random.int(100_000_000)).padStart(8, '0')}` : null;

        chunk += `${id}\t${org.id}\t${copyText(name)}\t${idNumber}\t${profile.male ? 'MALE' : 'FEMALE'}\t${isoDate(birthDay)}\t${profile.education}\t${employment}\t${isMember ? 't' : 'f'}\t${migrant ? 't' : 'f'}\t${isModel ? 't' : 'f'}\t${copyText(phone)}\n`;
        this.totals.workers++;
        if (isMember) this.totals.members++;
        if (migrant) this.totals.migrantWorkers++;

        const employmentCode = EMPLOYMENT_CODES.indexOf(employment);
        const archivesBefore = this.totals.archives;
        const current = this.current;
        current.orgIndex = orgIndex;
        current.birthDay = birthDay;
        current.male = profile.male;
        current.surname = family;
        this.planArchives(random, id, category, profile.age, birthDay, employmentCode);
        if (category === 'NONE' && this.totals.archives === archivesBefore) {
          // Recorded for the assistance data, which draws from its own streams: nothing drawn here.
          if ((employment === 'LAID_OFF' || employment === 'UNEMPLOYED') && profile.age < 57) {
            this.jobSeekers.workerId.push(id);
            this.jobSeekers.orgIndex.push(orgIndex);
            this.jobSeekers.birthDay.push(birthDay);
          }
          if (org.county === 0 && profile.age >= 28)
            this.sf01Unarchived.push({ workerId: id, orgIndex, birthDay, employment: employmentCode, male: profile.male, surname: family });
        }
        if (chunk.length >= CHUNK) {
          yield chunk;
          chunk = '';
        }
      }
    }
    if (chunk) yield chunk;
    if (sf01.remaining !== 0 || sf01.extreme !== 0 || sf01.hardship !== 0 || extremeProfiles.length !== 0)
      throw new Error('demo: SF01 hardship selection did not come out exact');
    if (this.totals.workers !== CITY_FIGURES.workers || this.totals.members !== CITY_FIGURES.members) {
      throw new Error(`demo: generated ${this.totals.workers} workers and ${this.totals.members} members`);
    }
    this.addSf01LiftedArchives();
    this.workersDone = true;
  }

  /**
   * Tops SF01 up to SF01_LIFTED_ARCHIVES lifted archives, for workers who have none: closed
   * archives count in no hardship figure, so the district table stays exact.
   */
  private addSf01LiftedArchives(): void {
    const random = new Random(`${SEED}/sf01-lifted`);
    const a = this.archive;
    let lifted = 0;
    for (let i = 0; i < a.workerId.length; i++) if (a.lifted[i]! >= 0 && this.orgs[a.orgIndex[i]!]!.county === 0) lifted++;
    const needed = SF01_LIFTED_ARCHIVES - lifted;
    let remaining = this.sf01Unarchived.length;
    let wanted = needed;
    for (const worker of this.sf01Unarchived) {
      if (wanted <= 0) break;
      if (random.next() * remaining-- >= wanted) continue;
      wanted--;
      const adultFrom = Math.max(ARCHIVE_WINDOW.from, worker.birthDay + Math.ceil(18 * YEAR_DAYS));
      const size = HOUSEHOLD_SIZE.draw(random);
      const opened = random.between(adultFrom, dayOf('2023-06-30'));
      const liftedOn = random.between(opened + 180, Math.min(opened + 2_000, ARCHIVE_WINDOW.to));
      const income = random.between(10_000, 27_800) * size + random.int(size);
      this.pushArchive(worker.workerId, KIND.LIFTED, size, income, opened, liftedOn, worker.employment, worker);
    }
    if (wanted > 0) throw new Error('demo: not enough SF01 workers for the lifted archives');
    this.sf01Unarchived.length = 0;
  }

  private pushArchive(
    workerId: number,
    kind: number,
    size: number,
    income: number,
    opened: number,
    lifted: number,
    employment: number,
    worker: { orgIndex: number; birthDay: number; male: boolean; surname: string },
  ): void {
    const a = this.archive;
    a.workerId.push(workerId);
    a.kind.push(kind);
    a.size.push(size);
    a.income.push(income);
    a.opened.push(opened);
    a.lifted.push(lifted);
    a.employment.push(employment);
    a.orgIndex.push(worker.orgIndex);
    a.birthDay.push(worker.birthDay);
    a.male.push(worker.male);
    a.surname.push(worker.surname);
    this.totals.archives++;
    if (lifted < 0) this.totals.openArchives++;
  }

  /** Incomes are whole fen: per-person band × household size plus less than one fen per person. */
  private planArchives(random: Random, workerId: number, category: Category, age: number, birthDay: number, employment: number): void {
    const worker = this.current;
    const adultFrom = Math.max(ARCHIVE_WINDOW.from, birthDay + Math.ceil(18 * YEAR_DAYS));
    const income = (size: number, minFen: number, maxFen: number) => random.between(minFen, maxFen) * size + random.int(size);
    if (category !== 'NONE') {
      const size = HOUSEHOLD_SIZE.draw(random);
      const perPerson = category === 'EXTREME' ? [10_000, 24_000] : [25_000, 27_800];
      const opened = random.between(Math.min(adultFrom, ARCHIVE_WINDOW.to), ARCHIVE_WINDOW.to);
      // A few fell back into hardship (返贫) after an earlier archive was closed. The same draws
      // whatever the dates, so the rest of the stream does not depend on the day of loading.
      const fellBack = random.chance(0.04);
      const [u1, u2, earlierSize] = [random.next(), random.next(), HOUSEHOLD_SIZE.draw(random)];
      const earlierIncome = income(earlierSize, 9_000, 22_000);
      if (fellBack && opened - 900 > adultFrom) {
        const earlier = adultFrom + Math.floor(u1 * (opened - 900 - adultFrom));
        const lifted = earlier + 180 + Math.floor(u2 * (opened - 60 - earlier - 180));
        this.pushArchive(workerId, KIND.LIFTED, earlierSize, earlierIncome, earlier, lifted, employment, worker);
      }
      this.pushArchive(
        workerId,
        category === 'EXTREME' ? KIND.EXTREME : KIND.HARDSHIP,
        size,
        income(size, perPerson[0]!, perPerson[1]!),
        opened,
        -1,
        employment,
        worker,
      );
      return;
    }
    if (age < 28) return;
    const r = random.next();
    if (r < 0.02) {
      // Lifted (脱困): closed archives are history and count nowhere; their incomes were below the line.
      const size = HOUSEHOLD_SIZE.draw(random);
      const opened = random.between(adultFrom, dayOf('2023-06-30'));
      const lifted = random.between(opened + 180, Math.min(opened + 2_000, ARCHIVE_WINDOW.to));
      this.pushArchive(workerId, KIND.LIFTED, size, income(size, 10_000, 27_800), opened, lifted, employment, worker);
    } else if (r < 0.026) {
      // Still open, but the household now earns at or above the line: level NONE.
      const size = HOUSEHOLD_SIZE.draw(random);
      const fen = random.chance(0.25) ? CITY_FIGURES.hardshipLineFen * size : income(size, CITY_FIGURES.hardshipLineFen, 45_000);
      this.pushArchive(workerId, KIND.OPEN_ABOVE_LINE, size, fen, random.between(adultFrom, ARCHIVE_WINDOW.to), -1, employment, worker);
    }
  }

  *archiveRows(): Generator<string> {
    if (!this.workersDone) throw new Error('demo: generate the workers before their archives');
    const random = new Random(`${SEED}/archives`);
    const a = this.archive;
    let chunk = '';
    for (let i = 0; i < a.workerId.length; i++) {
      const size = a.size[i]!;
      const employment = EMPLOYMENT_CODES[a.employment[i]!]!;
      const lifted = a.lifted[i]!;
      const causes = new Set<Cause>();
      if (employment === 'LAID_OFF' && random.chance(0.8)) causes.add('LAID_OFF');
      if (employment === 'UNEMPLOYED' && random.chance(0.7)) causes.add(random.chance(0.5) ? 'ENTERPRISE_SHUTDOWN' : 'LAID_OFF');
      const wanted = Math.max(causes.size, random.chance(0.55) ? 1 : random.chance(0.78) ? 2 : 3);
      for (let tries = 0; causes.size < wanted && tries < 12; tries++) {
        const cause = CAUSES.draw(random);
        if ((cause === 'SINGLE_PARENT' || cause === 'CHILDREN_SCHOOLING') && size < 2) continue;
        if (cause === 'SINGLE_PARENT' && size > 4) continue;
        causes.add(cause);
      }
      if (causes.size === 0) causes.add('SERIOUS_ILLNESS');
      const illnessIndex = causes.has('SERIOUS_ILLNESS') ? random.int(ILLNESSES.length) : -1;
      const illness = illnessIndex >= 0 ? ILLNESSES[illnessIndex]! : null;
      let causeBits = 0;
      for (const cause of causes) causeBits |= CAUSE_BIT[cause];
      a.causes[i] = causeBits;
      a.illness[i] = illnessIndex;
      const sources = random
        .shuffle([...INCOME_SOURCES])
        .slice(0, random.between(1, 3))
        .join('、');
      const skills = random.chance(0.8) ? random.pick(SKILLS) : null;
      const wishes = random.chance(0.85)
        ? random
            .shuffle([...JOB_WISHES])
            .slice(0, random.between(1, 2))
            .join('、')
        : null;
      const plan = random
        .shuffle([...PLANS])
        .slice(0, random.between(1, 3))
        .join('；');
      const reason = lifted >= 0 ? random.pick(LIFT_REASONS) : null;
      chunk += `${a.workerId[i]}\t${size}\t${a.income[i]}\t{${[...causes].join(',')}}\t${copyText(illness)}\t${copyText(sources)}\t${copyText(skills)}\t${copyText(wishes)}\t${copyText(plan)}\t${isoDate(a.opened[i]!)}\t${lifted >= 0 ? isoDate(lifted) : '\\N'}\t${copyText(reason)}\n`;
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
    this.archivesDone = true;
  }

  /** True once `archiveRows()` has run to the end: the archives' causes and illnesses are known. */
  get archivesGenerated(): boolean {
    return this.archivesDone;
  }
}
