// Ledger 3 of the demo data (DOMAIN.md): a profile of every enterprise (credit code, ownership,
// industry, employees), the harmonious labour-relations campaign of 2023-2025 (participations
// with their scorecards) and the namings it led to. Pure like generate.ts: COPY text from fixed
// seeds and fixed dates, so the same rows every time and HARMONIOUS_FIGURES come out exact.
//
// The story: enterprises join the campaign in 2023, 2024 or 2025, most stay every year, a few drop
// out or skip a year. The counties assess them each autumn against the six criteria (the default
// weights and pass mark: 90 out of 100, so only 厂务公开 may be missed). Every participation that
// passes is named that December: at county level by the county, or by the municipality at
// municipal level (or, recorded by it, provincial and national). Enterprises climb: county first,
// municipal later. A few namings were revoked the next year (wage arrears, an accident, …) and
// those enterprises failed that criterion the next time they were assessed.
import { isDeepStrictEqual } from 'node:util';
import { creditCodeCheck } from '../harmonious/credit-code';
import { Criterion, NamingLevel, Ownership } from '../harmonious/harmonious-enums';
import { DEFAULT_PASS_MARK, DEFAULT_WEIGHTS, scoreOf } from '../harmonious/scoring';
import { OrgLevel } from '../org/org-level';
import { HARMONIOUS_FIGURES, type HarmoniousFigures, type HarmoniousYearFigures } from './figures';
import { CHUNK, copyText, dayOf, type DemoOrg, isoDate, SEED } from './generate';
import { COUNTIES, CRITERION_MET_NOTES, CRITERION_UNMET_NOTES, INDUSTRIES, REVOKE_REASONS } from './names';
import { apportion, Random, Weighted } from './random';

export const PROFILE_COLUMNS = 'org_id, credit_code, ownership, industry, employees';
export const PARTICIPATION_COLUMNS = 'id, org_id, year, participating_workers, score, passed, assessed_by, assessed_at, created_at';
export const CRITERION_COLUMNS = 'participation_id, criterion, met, note';
export const NAMING_COLUMNS =
  'participation_id, org_id, year, level, named_by_org_id, named_by, named_on, revoked_on, revoke_reason, revoked_by, created_at';

export const CAMPAIGN_YEARS = [2023, 2024, 2025] as const;

/**
 * Which years an enterprise takes part in (bit 0: 2023, bit 1: 2024, bit 2: 2025) and how many
 * enterprises do so: 7,992 in all, 5,100 of them from 2023, 1,750 from 2024, 1,142 from 2025.
 */
const PATTERNS = {
  first2023: [
    [0b111, 4_300], // every year
    [0b011, 350], // dropped out in 2025
    [0b001, 250], // 2023 only
    [0b101, 200], // skipped 2024
  ],
  first2024: [
    [0b110, 1_550],
    [0b010, 200],
  ],
  first2025: [[0b100, 1_142]],
} as const satisfies Record<string, readonly (readonly [number, number])[]>;

/** Enterprises by the highest naming they held (the generator's categories; see HARMONIOUS_FIGURES). */
type Category =
  | 'NONE'
  | 'COUNTY'
  | 'MUNICIPAL'
  | 'PROVINCIAL'
  | 'NATIONAL'
  /** Named once at county level, revoked the next year: counts nowhere now. */
  | 'REVOKED'
  /** County 2023 revoked in 2024, then named at county level again in 2025: counts under county. */
  | 'RENAMED'
  /** County 2023, municipal 2024 revoked in 2025: counts under county (its 2023 naming stands). */
  | 'DEMOTED';

const CRITERIA: readonly Criterion[] = Object.values(Criterion);
const bit = (criterion: Criterion) => 1 << CRITERIA.indexOf(criterion);
const ALL_MET = (1 << CRITERIA.length) - 1;
/** Which criterion a failing enterprise missed, besides (maybe) 厂务公开. */
const MISSED = new Weighted<Criterion>([
  [Criterion.WAGE_BARGAINING, 34],
  [Criterion.WORKERS_CONGRESS, 24],
  [Criterion.COLLECTIVE_CONTRACT, 20],
  [Criterion.SAFE_PRODUCTION, 12],
  [Criterion.NO_WAGE_ARREARS, 10],
]);

const LEVEL_RANK: Record<NamingLevel, number> = { NATIONAL: 0, PROVINCIAL: 1, MUNICIPAL: 2, COUNTY: 3 };
const LEVELS: readonly NamingLevel[] = [NamingLevel.NATIONAL, NamingLevel.PROVINCIAL, NamingLevel.MUNICIPAL, NamingLevel.COUNTY];

// Ownership by kind of enterprise.
const OWNERSHIP_DEFAULT: readonly (readonly [Ownership, number])[] = [
  [Ownership.PRIVATE, 76],
  [Ownership.STATE_OWNED, 5],
  [Ownership.COLLECTIVE, 5],
  [Ownership.FOREIGN_INVESTED, 3],
  [Ownership.HK_MACAO_TAIWAN_INVESTED, 2],
  [Ownership.OTHER, 9],
];
const OWNERSHIP = {
  default: new Weighted(OWNERSHIP_DEFAULT),
  /** Heating and power: mostly the state's. */
  utility: new Weighted([
    [Ownership.STATE_OWNED, 55],
    [Ownership.COLLECTIVE, 10],
    [Ownership.PRIVATE, 25],
    [Ownership.OTHER, 10],
  ]),
  /** Grain, rice, dairy, farm machinery: old state and collective enterprises among the private ones. */
  rural: new Weighted([
    [Ownership.PRIVATE, 60],
    [Ownership.STATE_OWNED, 12],
    [Ownership.COLLECTIVE, 18],
    [Ownership.OTHER, 10],
  ]),
  /** Where foreign and Hong Kong, Macao or Taiwan capital goes. */
  invested: new Weighted([
    [Ownership.PRIVATE, 62],
    [Ownership.STATE_OWNED, 6],
    [Ownership.FOREIGN_INVESTED, 14],
    [Ownership.HK_MACAO_TAIWAN_INVESTED, 9],
    [Ownership.OTHER, 9],
  ]),
  /** The large enterprises registered directly with a county federation. */
  large: new Weighted([
    [Ownership.STATE_OWNED, 45],
    [Ownership.PRIVATE, 30],
    [Ownership.FOREIGN_INVESTED, 10],
    [Ownership.HK_MACAO_TAIWAN_INVESTED, 5],
    [Ownership.OTHER, 10],
  ]),
};
const UTILITY = new Set(['热力', '供热', '电力设备']);
const RURAL = new Set(['粮油', '米业', '乳业', '农机', '锅炉']);
const INVESTED = new Set(['电子', '汽车配件', '医疗器械', '制药', '化工', '酒店管理', '软件', '精密铸造', '超市']);
const INDUSTRY_LIST = [...new Set(INDUSTRIES)];

/** The 31 characters of credit codes (GB 32100). */
const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CODE_SPACE = 31 ** 9;
/**
 * The bodies (characters 9 to 17) of the codes, in base 31: an offset plus the index times this
 * stride, modulo 31⁹. The stride is prime to 31⁹, so no two enterprises share a body.
 */
const CODE_STRIDE = 16_340_986_219_343;
const CODE_OFFSET = 9_876_543_210_123;
/** Credit codes registered with the municipal market regulator rather than the county's. */
const CITY_DIVISION = '230100';

const MINUTES = 1440;

/**
 * The campaign's calendar, as day numbers: sign-up from 1 March (four months), assessment from
 * 8 October (seven weeks), then the namings in December: each county on its own day (3 December
 * onwards), the municipality on the 20th, the provincial ones on the 27th and the national on the 30th.
 */
const CALENDAR: Record<number, { signUp: number; assessment: number; named: Record<NamingLevel, number> }> = Object.fromEntries(
  CAMPAIGN_YEARS.map((year) => [
    year,
    {
      signUp: dayOf(`${year}-03-01`),
      assessment: dayOf(`${year}-10-08`),
      named: {
        COUNTY: dayOf(`${year}-12-03`),
        MUNICIPAL: dayOf(`${year}-12-20`),
        PROVINCIAL: dayOf(`${year}-12-27`),
        NATIONAL: dayOf(`${year}-12-30`),
      },
    },
  ]),
);

interface Profile {
  org: number;
  creditCode: string;
  ownership: Ownership;
  industry: string;
  employees: number;
}

interface Naming {
  level: NamingLevel;
  /** Day numbers; `revokedOn` -1 while the naming stands. */
  namedOn: number;
  revokedOn: number;
  revokeReason: string | null;
}

interface Participation {
  id: number;
  /** Index into the generator's orgs. */
  org: number;
  year: number;
  workers: number;
  assessed: boolean;
  /** Bit per criterion (CRITERIA order) met; 0 when not assessed. */
  met: number;
  score: number | null;
  /** Minutes since 1970-01-01, Beijing time (+08); -1 when not assessed. */
  assessedAt: number;
  createdAt: number;
  naming: Naming | null;
  /** A criterion this participation must fail (the one its revoked naming was revoked for). */
  mustMiss: Criterion | null;
}

interface Enterprise {
  org: number;
  /** Years taken part in (PATTERNS bits). */
  years: number;
  category: Category;
  participations: Participation[];
}

export interface HarmoniousTotals {
  profiles: number;
  participations: number;
  criteria: number;
  namings: number;
  revoked: number;
}

function stampText(minutes: number): string {
  const day = Math.floor(minutes / MINUTES);
  const minute = minutes - day * MINUTES;
  return `${isoDate(day)} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+08`;
}

/** All indices, in the order of a weighted draw without replacement (Efraimidis-Spirakis: exponential keys). */
function weightedOrder(random: Random, candidates: readonly number[], weight: (candidate: number) => number): number[] {
  const keyed = candidates.map((candidate) => ({ candidate, key: -Math.log(1 - random.next()) / weight(candidate) }));
  keyed.sort((x, y) => x.key - y.key || x.candidate - y.candidate);
  return keyed.map((entry) => entry.candidate);
}

const yearsOf = (bits: number) => CAMPAIGN_YEARS.filter((_, i) => bits & (1 << i));

/**
 * Plans the profiles, participations, scorecards and namings of the demo's enterprises from the
 * planned tree (`DemoGenerator.orgs`: worker counts per org). `userIds` maps demo usernames to ids.
 */
export class HarmoniousPlan {
  readonly totals: HarmoniousTotals = { profiles: 0, participations: 0, criteria: 0, namings: 0, revoked: 0 };
  private readonly orgs: readonly DemoOrg[];
  private readonly profiles: Profile[] = [];
  private readonly enterprises: Enterprise[] = [];
  /** All participations, in id order. */
  private readonly participations: Participation[] = [];
  /** User id of the admin of each county (index into COUNTIES), and of the municipality. */
  private readonly countyAdmins: number[];
  private readonly rootAdmin: number;
  /** Index in `orgs` of each county's org. */
  private readonly countyOrg: number[];

  constructor(orgs: readonly DemoOrg[], userIds: ReadonlyMap<string, number>, options: { participationBaseId?: number } = {}) {
    this.orgs = orgs;
    const user = (username: string) => {
      const id = userIds.get(username);
      if (id === undefined) throw new Error(`demo: user ${username} is missing`);
      return id;
    };
    this.countyAdmins = COUNTIES.map((_, c) => user(`sf${String(c + 1).padStart(2, '0')}.admin`));
    this.rootAdmin = user('sf.admin');
    this.countyOrg = COUNTIES.map((_, c) => orgs.findIndex((org) => org.level === OrgLevel.COUNTY && org.county === c));

    this.planProfiles();
    this.planCampaign();
    this.planOutcomes();
    this.planWorkers();
    this.planScorecards();
    this.assignIds(options.participationBaseId ?? 0);
    const figures = this.figures();
    if (!isDeepStrictEqual(figures, HARMONIOUS_FIGURES))
      throw new Error(`demo: the harmonious campaign came out as ${JSON.stringify(figures)}, not as HARMONIOUS_FIGURES`);
  }

  // -------------------------------------------------------------------------------------------
  // Profiles

  private planProfiles(): void {
    const random = new Random(`${SEED}/harmonious/profiles`);
    let body = CODE_OFFSET;
    this.orgs.forEach((org, i) => {
      if (org.level !== OrgLevel.ENTERPRISE) return;
      // The industry is the one in the name (the last one named, just before the company suffix).
      let industry = '';
      let at = -1;
      for (const candidate of INDUSTRY_LIST) {
        const where = org.name.lastIndexOf(candidate);
        if (where > at) [industry, at] = [candidate, where];
      }
      if (!industry) throw new Error(`demo: no industry in the name ${org.name}`);
      const direct = this.orgs[this.countyOrg[org.county]!]!.id === org.parentId;
      const ownership = (
        direct
          ? OWNERSHIP.large
          : UTILITY.has(industry)
            ? OWNERSHIP.utility
            : RURAL.has(industry)
              ? OWNERSHIP.rural
              : INVESTED.has(industry)
                ? OWNERSHIP.invested
                : OWNERSHIP.default
      ).draw(random);
      // Employees include those not registered with the union: at least its workers.
      const employees = org.workers + Math.round(org.workers * random.real(0, 0.25));
      const division = random.chance(0.15) ? CITY_DIVISION : COUNTIES[org.county]!.region;
      let chars = '';
      for (let k = 0, rest = body; k < 9; k++, rest = Math.floor(rest / 31)) chars = CODE_ALPHABET[rest % 31]! + chars;
      body = (body + CODE_STRIDE) % CODE_SPACE;
      const first17 = `91${division}${chars}`;
      this.profiles.push({ org: i, creditCode: first17 + creditCodeCheck(first17), ownership, industry, employees });
    });
    this.totals.profiles = this.profiles.length;
  }

  // -------------------------------------------------------------------------------------------
  // Who takes part when, and who is named at what level

  private planCampaign(): void {
    const random = new Random(`${SEED}/harmonious/campaign`);
    const orgs = this.orgs;
    const enterpriseOrgs = this.profiles.map((profile) => profile.org);
    const showcase = orgs.findIndex((org) => org.code === 'SF01-01-001');
    const total = Object.values(PATTERNS).reduce((sum, list) => sum + list.reduce((s, [, n]) => s + n, 0), 0);
    if (total !== HARMONIOUS_FIGURES.enterprises) throw new Error('demo: the campaign patterns do not add up');

    // The larger the enterprise, the likelier it takes part, and the earlier it joined.
    const chosen = weightedOrder(random, enterpriseOrgs, (o) => Math.pow(Math.min(orgs[o]!.workers, 300), 0.9));
    const participants = [showcase, ...chosen.filter((o) => o !== showcase)].slice(0, total);
    const byJoining = weightedOrder(random, participants, (o) => Math.pow(orgs[o]!.workers, 0.35));
    byJoining.splice(byJoining.indexOf(showcase), 1);
    byJoining.unshift(showcase);
    let next = 0;
    for (const list of Object.values(PATTERNS)) {
      const cohortSize = list.reduce((sum, [, n]) => sum + n, 0);
      const cohort = byJoining.slice(next, next + cohortSize);
      next += cohortSize;
      // Within a cohort, who stays every year is left to chance (the showcase does).
      const rest = random.shuffle(cohort.filter((o) => o !== showcase));
      if (cohort.includes(showcase)) rest.unshift(showcase);
      let k = 0;
      for (const [years, n] of list) {
        for (let j = 0; j < n; j++) this.enterprises.push({ org: rest[k++]!, years, category: 'NONE', participations: [] });
      }
    }
    this.enterprises.sort((x, y) => x.org - y.org);

    // Categories, the highest first; the larger, the likelier named, and named higher.
    const byOrg = new Map(this.enterprises.map((enterprise) => [enterprise.org, enterprise]));
    const workers = (enterprise: Enterprise) => orgs[enterprise.org]!.workers;
    const free = (test: (years: number) => boolean) =>
      this.enterprises.filter((enterprise) => enterprise.category === 'NONE' && test(enterprise.years)).map((e) => e.org);
    const assign = (category: Category, count: number, candidates: number[], weight: (enterprise: Enterprise) => number) => {
      const order = weightedOrder(random, candidates, (o) => weight(byOrg.get(o)!));
      if (order.length < count) throw new Error(`demo: not enough enterprises for ${category}`);
      for (const o of order.slice(0, count)) byOrg.get(o)!.category = category;
    };
    const counted = HARMONIOUS_FIGURES.named;
    const everyYear = (years: number) => years === 0b111;
    const national = free(everyYear).sort((x, y) => orgs[y]!.workers - orgs[x]!.workers || x - y)[0]!;
    byOrg.get(national)!.category = 'NATIONAL';
    if (national === showcase) throw new Error('demo: the showcase enterprise came out national');
    byOrg.get(showcase)!.category = 'MUNICIPAL';
    assign(
      'PROVINCIAL',
      counted.provincial,
      free((years) => yearsOf(years).length >= 2),
      (e) => Math.pow(workers(e), 1.5),
    );
    assign(
      'MUNICIPAL',
      counted.municipal - 1,
      free(() => true),
      (e) => workers(e),
    );
    const { demoted, renamed, revokedOnly } = HARMONIOUS_FIGURES.revoked;
    assign(
      'DEMOTED',
      demoted,
      free((years) => (years & 0b011) === 0b011),
      (e) => Math.pow(workers(e), 0.7),
    );
    assign(
      'RENAMED',
      renamed,
      free((years) => (years & 0b101) === 0b101),
      (e) => Math.pow(workers(e), 0.5),
    );
    assign(
      'COUNTY',
      counted.county - demoted - renamed,
      free(() => true),
      (e) => Math.pow(workers(e), 0.5),
    );
    assign(
      'REVOKED',
      revokedOnly,
      free((years) => (years & 0b011) !== 0),
      (e) => Math.pow(workers(e), 0.5),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Each year: passed and named (at what level), failed, or not assessed

  private planOutcomes(): void {
    const random = new Random(`${SEED}/harmonious/outcomes`);
    const reasons = new Weighted(REVOKE_REASONS.map((_, i) => [i, i < 2 ? 3 : 1] as const));
    for (const enterprise of this.enterprises) {
      const years = yearsOf(enterprise.years);
      const county = this.orgs[enterprise.org]!.county;
      const plan = new Map<number, { level: NamingLevel | null; mustMiss: Criterion | null; revoke: number }>();
      const pass = (year: number, level: NamingLevel, revoke = -1) => plan.set(year, { level, mustMiss: null, revoke });
      const fail = (year: number, mustMiss: Criterion | null = null) => plan.set(year, { level: null, mustMiss, revoke: -1 });
      // Passes from a first year on, then mostly again each year.
      const passYears = () => {
        const first = random.int(years.length);
        return years.filter((_, i) => i === first || (i > first && random.chance(0.85)));
      };
      const reason = reasons.draw(random);
      const reasonCriterion = Criterion[REVOKE_REASONS[reason]![1]];

      switch (enterprise.category) {
        case 'NONE':
          break;
        case 'COUNTY':
          for (const year of passYears()) pass(year, NamingLevel.COUNTY);
          break;
        case 'MUNICIPAL': {
          const passed = this.orgs[enterprise.org]!.code === 'SF01-01-001' ? years : passYears();
          // Named at county level first, then at municipal level from some year on.
          const from =
            this.orgs[enterprise.org]!.code === 'SF01-01-001'
              ? passed.length - 1
              : passed.length === 1 || random.chance(0.3)
                ? 0
                : 1 + random.int(passed.length - 1);
          passed.forEach((year, i) => pass(year, i < from ? NamingLevel.COUNTY : NamingLevel.MUNICIPAL));
          break;
        }
        case 'PROVINCIAL': {
          const ladder =
            years.length === 2
              ? [NamingLevel.MUNICIPAL, NamingLevel.PROVINCIAL]
              : random.chance(0.3)
                ? [NamingLevel.MUNICIPAL, NamingLevel.PROVINCIAL, NamingLevel.PROVINCIAL]
                : [random.chance(0.5) ? NamingLevel.COUNTY : NamingLevel.MUNICIPAL, NamingLevel.MUNICIPAL, NamingLevel.PROVINCIAL];
          years.forEach((year, i) => pass(year, ladder[i]!));
          break;
        }
        case 'NATIONAL':
          pass(2023, NamingLevel.MUNICIPAL);
          pass(2024, NamingLevel.PROVINCIAL);
          pass(2025, NamingLevel.NATIONAL);
          break;
        case 'REVOKED': {
          const early = years.filter((year) => year <= 2024);
          const named = early[random.int(early.length)]!;
          pass(named, NamingLevel.COUNTY, reason);
          for (const year of years) if (year > named) fail(year, reasonCriterion);
          break;
        }
        case 'RENAMED':
          pass(2023, NamingLevel.COUNTY, reason);
          if (years.includes(2024)) fail(2024, reasonCriterion);
          pass(2025, NamingLevel.COUNTY);
          break;
        case 'DEMOTED':
          pass(2023, NamingLevel.COUNTY);
          pass(2024, NamingLevel.MUNICIPAL, reason);
          if (years.includes(2025)) fail(2025, reasonCriterion);
          break;
      }

      for (const year of years) {
        const outcome = plan.get(year) ?? { level: null, mustMiss: null, revoke: -1 };
        const days = CALENDAR[year]!;
        const signUp = days.signUp + random.int(122);
        const assessedOn = days.assessment + random.int(52);
        // A few were never assessed: materials incomplete, or withdrawn.
        const assessed = outcome.level !== null || outcome.mustMiss !== null || !random.chance(year === 2025 ? 0.05 : 0.015);
        let naming: Naming | null = null;
        if (outcome.level !== null) {
          const revoked = outcome.revoke >= 0;
          naming = {
            level: outcome.level,
            namedOn: days.named[outcome.level] + (outcome.level === NamingLevel.COUNTY ? county : 0),
            // Revoked the next year, between March and September.
            revokedOn: revoked ? CALENDAR[year + 1]!.signUp + random.int(214) : -1,
            revokeReason: revoked ? REVOKE_REASONS[outcome.revoke]![0] : null,
          };
        }
        enterprise.participations.push({
          id: 0,
          org: enterprise.org,
          year,
          workers: 0,
          assessed,
          met: 0,
          score: null,
          assessedAt: assessed ? assessedOn * MINUTES + 8 * 60 + 30 + random.int(9 * 60) : -1,
          createdAt: signUp * MINUTES + 8 * 60 + random.int(9 * 60 + 30),
          naming,
          mustMiss: outcome.mustMiss,
        });
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Participating workers: the latest participations add up to the report's 970,000

  private planWorkers(): void {
    const random = new Random(`${SEED}/harmonious/workers`);
    const orgs = this.orgs;
    const latest = this.enterprises.map((enterprise) => enterprise.participations[enterprise.participations.length - 1]!);
    // Nearly all the workers of a small enterprise, fewer of a large one (not every branch takes part).
    const weights = latest.map((p) => {
      const workers = orgs[p.org]!.workers;
      return workers * (workers > 1_000 ? random.real(0.62, 0.9) : random.real(0.8, 1));
    });
    const parts = apportion(
      HARMONIOUS_FIGURES.workers,
      weights,
      latest.map((p) => orgs[p.org]!.workers),
    );
    latest.forEach((p, i) => (p.workers = Math.max(1, parts[i]!)));
    for (const enterprise of this.enterprises) {
      const ps = enterprise.participations;
      const last = ps[ps.length - 1]!;
      // Earlier years: about as many, the enterprise having grown or shrunk a little since.
      for (const p of ps.slice(0, -1))
        p.workers = Math.max(1, Math.min(orgs[p.org]!.workers, Math.round(last.workers * random.real(0.86, 1.04))));
    }
  }

  // -------------------------------------------------------------------------------------------
  // Scorecards: passed ones miss at most 厂务公开; failed ones miss at least one of the others

  private planScorecards(): void {
    const random = new Random(`${SEED}/harmonious/scorecards`);
    const openness = bit(Criterion.FACTORY_AFFAIRS_OPENNESS);
    for (const enterprise of this.enterprises) {
      for (const p of enterprise.participations) {
        if (!p.assessed) continue;
        let met = ALL_MET;
        if (p.naming) {
          if (random.chance(0.25)) met &= ~openness;
        } else {
          if (p.mustMiss) met &= ~bit(p.mustMiss);
          const missed = random.chance(0.6) ? 1 : random.chance(0.75) ? 2 : 3;
          for (let tries = 0; tries < 20 && countBits(~met & ALL_MET & ~openness) < missed; tries++) met &= ~bit(MISSED.draw(random));
          if (random.chance(0.4)) met &= ~openness;
        }
        p.met = met;
        p.score = scoreOf(new Set(CRITERIA.filter((criterion) => met & bit(criterion))), DEFAULT_WEIGHTS);
        if (p.score >= DEFAULT_PASS_MARK !== (p.naming !== null)) throw new Error('demo: a scorecard does not match its outcome');
      }
    }
  }

  private assignIds(baseId: number): void {
    const all = this.enterprises.flatMap((enterprise) => enterprise.participations);
    all.sort((x, y) => x.year - y.year || x.createdAt - y.createdAt || x.org - y.org);
    let id = baseId;
    for (const p of all) {
      p.id = ++id;
      this.participations.push(p);
    }
  }

  // -------------------------------------------------------------------------------------------
  // The figures the API's rollup computes, over all years and for each year

  /** What the rollup `harmonious` of the root answers, from the plan: compared with HARMONIOUS_FIGURES. */
  figures(): HarmoniousFigures {
    const tally = (pick: (enterprise: Enterprise) => Participation[]) => {
      const named = { total: 0, national: 0, provincial: 0, municipal: 0, county: 0 };
      let enterprises = 0;
      let workers = 0;
      for (const enterprise of this.enterprises) {
        const ps = pick(enterprise);
        if (ps.length === 0) continue;
        enterprises++;
        workers += ps[ps.length - 1]!.workers;
        const levels = ps.flatMap((p) => (p.naming && p.naming.revokedOn < 0 ? [p.naming.level] : []));
        if (levels.length === 0) continue;
        named.total++;
        named[minLevel(levels).toLowerCase() as keyof typeof named]++;
      }
      return { enterprises, workers, named };
    };
    const revoked = this.participations.filter((p) => p.naming && p.naming.revokedOn >= 0);
    const byCategory = (category: Category) => this.enterprises.filter((e) => e.category === category).length;
    const byYear = Object.fromEntries(
      CAMPAIGN_YEARS.map((year) => {
        const ps = this.participations.filter((p) => p.year === year);
        const result: HarmoniousYearFigures = {
          ...tally((enterprise) => enterprise.participations.filter((p) => p.year === year)),
          passed: ps.filter((p) => p.naming).length,
          failed: ps.filter((p) => p.assessed && !p.naming).length,
          notAssessed: ps.filter((p) => !p.assessed).length,
        };
        return [year, result];
      }),
    );
    const ownership = Object.fromEntries(
      Object.values(Ownership).map((o) => [o, this.profiles.filter((profile) => profile.ownership === o).length]),
    );
    return {
      ...tally((enterprise) => enterprise.participations),
      revoked: {
        namings: revoked.length,
        revokedOnly: byCategory('REVOKED'),
        renamed: byCategory('RENAMED'),
        demoted: byCategory('DEMOTED'),
      },
      byYear,
      profiles: { total: this.profiles.length, byOwnership: ownership },
    };
  }

  // -------------------------------------------------------------------------------------------
  // COPY rows

  *profileRows(): Generator<string> {
    let chunk = '';
    for (const profile of this.profiles) {
      chunk += `${this.orgs[profile.org]!.id}\t${profile.creditCode}\t${profile.ownership}\t${copyText(profile.industry)}\t${profile.employees}\n`;
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }

  *participationRows(): Generator<string> {
    let chunk = '';
    for (const p of this.participations) {
      const assessor = p.assessed ? String(this.countyAdmins[this.orgs[p.org]!.county]) : '\\N';
      chunk +=
        `${p.id}\t${this.orgs[p.org]!.id}\t${p.year}\t${p.workers}\t${p.score ?? '\\N'}\t` +
        `${p.score === null ? '\\N' : p.naming ? 't' : 'f'}\t${assessor}\t${p.assessed ? stampText(p.assessedAt) : '\\N'}\t${stampText(p.createdAt)}\n`;
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
    this.totals.participations = this.participations.length;
  }

  *criterionRows(): Generator<string> {
    const random = new Random(`${SEED}/harmonious/notes`);
    let chunk = '';
    let rows = 0;
    for (const p of this.participations) {
      if (!p.assessed) continue;
      for (const criterion of CRITERIA) {
        const met = (p.met & bit(criterion)) !== 0;
        const note = met
          ? random.chance(0.06)
            ? random.pick(CRITERION_MET_NOTES[criterion])
            : null
          : p.mustMiss === criterion || random.chance(0.9)
            ? random.pick(CRITERION_UNMET_NOTES[criterion])
            : null;
        chunk += `${p.id}\t${criterion}\t${met ? 't' : 'f'}\t${copyText(note)}\n`;
        rows++;
      }
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
    this.totals.criteria = rows;
  }

  /** Namings in the order they were made. */
  *namingRows(): Generator<string> {
    const named = this.participations.filter((p) => p.naming !== null);
    named.sort((x, y) => x.naming!.namedOn - y.naming!.namedOn || x.id - y.id);
    let chunk = '';
    for (const p of named) {
      const naming = p.naming!;
      const county = this.orgs[p.org]!.county;
      const byCounty = naming.level === NamingLevel.COUNTY;
      const namer = byCounty ? this.countyAdmins[county]! : this.rootAdmin;
      const namerOrg = byCounty ? this.orgs[this.countyOrg[county]!]!.id : this.orgs[0]!.id;
      const revoked = naming.revokedOn >= 0;
      chunk +=
        `${p.id}\t${this.orgs[p.org]!.id}\t${p.year}\t${naming.level}\t${namerOrg}\t${namer}\t${isoDate(naming.namedOn)}\t` +
        `${revoked ? isoDate(naming.revokedOn) : '\\N'}\t${copyText(naming.revokeReason)}\t${revoked ? namer : '\\N'}\t` +
        `${stampText(naming.namedOn * MINUTES + 10 * 60 + (LEVEL_RANK[naming.level] * 7 + county) * 3)}\n`;
      if (revoked) this.totals.revoked++;
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
    this.totals.namings = named.length;
  }
}

function countBits(n: number): number {
  let count = 0;
  for (let m = n; m; m &= m - 1) count++;
  return count;
}

/** The highest of some naming levels (NATIONAL > PROVINCIAL > MUNICIPAL > COUNTY). */
function minLevel(levels: readonly NamingLevel[]): NamingLevel {
  return LEVELS[Math.min(...levels.map((level) => LEVEL_RANK[level]))]!;
}
