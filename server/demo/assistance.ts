// Ledger 2 of the demo data (DOMAIN.md): assistance cases under the seven programmes, the fund
// ledger that pays them (income from outside, allocations down the tree, payments to workers),
// the funds' balances, and cadre pairings. Pure like generate.ts: COPY text from fixed seeds and
// fixed dates (the five years 2021-2025), so the same rows every time and the municipal figures
// of FUND_FIGURES come out exact.
import { OrgLevel } from '../org/org-level';
import { FUND_FIGURES } from './figures';
import { CAUSE_BIT, CHUNK, copyText, dayOf, type DemoGenerator, type DemoOrg, isoDate, KIND, SEED, YEAR_DAYS } from './generate';
import {
  COLLEGES,
  COUNTIES,
  FEMALE_GIVEN,
  ILLNESSES,
  JOB_FAIRS,
  MALE_GIVEN,
  PAIRING_END_NOTES,
  PLACEMENTS,
  REJECT_REASONS,
  SURNAMES,
  TRAINING_COURSES,
  WARMTH_GOODS,
} from './names';
import { apportion, Random, Weighted } from './random';

export const CASE_COLUMNS =
  'id, worker_id, programme, status, amount_fen, festival, year, cash_fen, in_kind_fen, goods, student_name, school, illness, course, reemployed, outcome_on, applied_by, applied_at, paying_org_id, approved_by, approved_at, rejected_by, rejected_at, reject_reason, disbursed_by, disbursed_at, disbursed_on';
export const LEDGER_COLUMNS =
  'id, kind, from_org_id, to_org_id, source, case_id, worker_id, amount_fen, entry_date, note, recorded_by, recorded_at';
export const FUND_ACCOUNT_COLUMNS = 'org_id, balance_fen, updated_at';
export const PAIRING_COLUMNS =
  'worker_id, cadre_name, cadre_post, cadre_org_id, started_on, ended_on, end_reason, end_note, created_by, created_at';

/** The five years of money and cases. */
const FROM = dayOf('2021-01-01');
const TO = dayOf('2025-12-31');
/** Nothing is paid before this day: the first applications come in the first week of 2021. */
const FIRST_PAID = FROM + 20;
const MINUTES = 1440;

type Programme = 'WARMTH' | 'LIVING' | 'EDUCATION' | 'MEDICAL' | 'SKILLS' | 'EMPLOYMENT' | 'LEGAL';
type Status = 'APPLIED' | 'APPROVED' | 'REJECTED' | 'DISBURSED';
type Festival = 'SPRING_FESTIVAL' | 'NEW_YEAR' | 'MAY_DAY' | 'NATIONAL_DAY' | 'MID_AUTUMN';
type Source = 'UNION_DUES' | 'GOVERNMENT' | 'ENTERPRISE_DONATION' | 'SOCIAL_DONATION' | 'OTHER';

interface Case {
  id: number;
  workerId: number;
  /** The worker's county (index into COUNTIES): its assistance centre applies. */
  county: number;
  programme: Programme;
  status: Status;
  amount: number;
  festival: Festival | null;
  year: number | null;
  cash: number | null;
  inKind: number | null;
  goods: string | null;
  studentName: string | null;
  school: string | null;
  illness: string | null;
  course: string | null;
  reemployed: boolean | null;
  /** Day number, -1 for none; the same for the other days below. */
  outcomeOn: number;
  /** Minutes since 1970-01-01, Beijing time (+08); -1 for none. */
  appliedAt: number;
  approvedAt: number;
  rejectedAt: number;
  rejectReason: string | null;
  /** Index into `DemoGenerator.orgs` of the paying org, -1 for none. */
  payer: number;
  disbursedAt: number;
  disbursedOn: number;
}

interface Entry {
  id: number;
  kind: 'INCOME' | 'ALLOCATION' | 'PAYMENT';
  /** Indices into `DemoGenerator.orgs`, -1 for the outside world. */
  from: number;
  to: number;
  source: Source | null;
  caseId: number;
  workerId: number;
  amount: number;
  date: number;
  note: string | null;
  recordedBy: number;
  /** Minutes since 1970-01-01, Beijing time. */
  recordedAt: number;
}

interface Pairing {
  workerId: number;
  cadreName: string;
  cadrePost: string;
  cadreOrg: number;
  startedOn: number;
  endedOn: number;
  endReason: 'LIFTED' | 'OTHER' | null;
  endNote: string | null;
  createdBy: number;
}

export interface AssistanceTotals {
  cases: number;
  disbursed: number;
  entries: number;
  incomeFen: number;
  paidFen: number;
  pairings: number;
}

/** Day numbers to calendar parts, cached (some 1,900 days). */
const calendarCache = new Map<number, { year: number; month: number; day: number }>();
function calendar(day: number): { year: number; month: number; day: number } {
  let parts = calendarCache.get(day);
  if (!parts) {
    const date = new Date(day * 86_400_000);
    parts = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
    calendarCache.set(day, parts);
  }
  return parts;
}

function stampText(minutes: number): string {
  const day = Math.floor(minutes / MINUTES);
  const minute = minutes - day * MINUTES;
  const hh = String(Math.floor(minute / 60)).padStart(2, '0');
  const mm = String(minute % 60).padStart(2, '0');
  return `${isoDate(day)} ${hh}:${mm}:00+08`;
}

/** Lunar festivals of the five years. */
const SPRING_FESTIVAL: Record<number, string> = {
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
};
const MID_AUTUMN: Record<number, string> = {
  2021: '2021-09-21',
  2022: '2022-09-10',
  2023: '2023-09-29',
  2024: '2024-09-17',
  2025: '2025-10-06',
};

interface Occasion {
  festival: Festival;
  year: number;
  /** The days visits are made: the weeks before the festival. */
  from: number;
  to: number;
  weight: number;
  goods: Weighted<readonly [string, number, number]>;
}

function occasions(): Occasion[] {
  const goods = (list: readonly (readonly [string, number, number])[]) => new Weighted(list.map((item) => [item, item[2]] as const));
  const winter = goods(WARMTH_GOODS.winter);
  const summer = goods(WARMTH_GOODS.summer);
  const autumn = goods(WARMTH_GOODS.autumn);
  const list: Occasion[] = [];
  for (let year = 2021; year <= 2025; year++) {
    const growth = 1 + 0.06 * (year - 2021);
    const spring = dayOf(SPRING_FESTIVAL[year]!);
    const midAutumn = dayOf(MID_AUTUMN[year]!);
    // 元旦 visits come in the last fortnight of the year before: 2022's New Year is the first in the five years.
    if (year > 2021)
      list.push({
        festival: 'NEW_YEAR',
        year,
        from: dayOf(`${year - 1}-12-18`),
        to: dayOf(`${year - 1}-12-31`),
        weight: 3 * growth,
        goods: winter,
      });
    list.push({ festival: 'SPRING_FESTIVAL', year, from: spring - 21, to: spring - 1, weight: 10 * growth, goods: winter });
    list.push({ festival: 'MAY_DAY', year, from: dayOf(`${year}-04-18`), to: dayOf(`${year}-04-30`), weight: 2.5 * growth, goods: summer });
    list.push({ festival: 'MID_AUTUMN', year, from: midAutumn - 12, to: midAutumn - 1, weight: 4 * growth, goods: autumn });
    list.push({
      festival: 'NATIONAL_DAY',
      year,
      from: dayOf(`${year}-09-18`),
      to: dayOf(`${year}-09-30`),
      weight: 2.5 * growth,
      goods: summer,
    });
  }
  return list;
}

/**
 * Moves the parts `indices` of `amounts` by `step` until they sum to `target`, keeping each within
 * [min, max]: the generator draws plausible amounts, then makes the total exact.
 */
function makeExact(
  random: Random,
  amounts: number[],
  indices: readonly number[],
  target: number,
  step: number,
  min: number,
  max: number,
): void {
  let sum = 0;
  for (const i of indices) sum += amounts[i]!;
  if ((target - sum) % step !== 0) throw new Error(`demo: ${target} cannot be reached in steps of ${step}`);
  let moves = (target - sum) / step;
  let stuck = 0;
  while (moves !== 0) {
    const i = indices[random.int(indices.length)]!;
    const next = amounts[i]! + (moves > 0 ? step : -step);
    if (next < min || next > max) {
      if (++stuck > 10_000_000) throw new Error(`demo: cannot make ${target} exact within [${min}, ${max}]`);
      continue;
    }
    amounts[i] = next;
    moves += moves > 0 ? -1 : 1;
  }
}

/** Picks `count` of `items` (sequential selection: each kept with probability still-needed / still-to-come), in order. */
function select<T>(random: Random, items: readonly T[], count: number): T[] {
  if (count > items.length) throw new Error(`demo: cannot pick ${count} of ${items.length}`);
  const picked: T[] = [];
  let needed = count;
  for (let i = 0; i < items.length && needed > 0; i++) {
    if (random.next() * (items.length - i) < needed) {
      picked.push(items[i]!);
      needed--;
    }
  }
  return picked;
}

/** `items` sorted by a non-negative integer key below 2^32, ties in their order: a typed-array sort, fast for half a million. */
function sortBy<T>(items: readonly T[], key: (item: T) => number): T[] {
  const SHIFT = 2 ** 20;
  if (items.length >= SHIFT) throw new Error('demo: too many items to sort');
  const keys = new Float64Array(items.length);
  items.forEach((item, i) => (keys[i] = key(item) * SHIFT + i));
  keys.sort();
  return Array.from(keys, (k) => items[k % SHIFT]!);
}

const surnames = new Weighted(SURNAMES);
function personName(random: Random, family?: string): string {
  const given = random.chance(0.5) ? MALE_GIVEN : FEMALE_GIVEN;
  return (family ?? surnames.draw(random)) + random.pick(given) + (random.chance(0.7) ? random.pick(given) : '');
}

/**
 * Plans the cases, ledger entries, fund balances and pairings; `archiveRows()` must have run (the
 * archives' causes and illnesses are drawn there). `userIds` maps the demo usernames to user ids.
 */
export class AssistancePlan {
  readonly totals: AssistanceTotals = { cases: 0, disbursed: 0, entries: 0, incomeFen: 0, paidFen: 0, pairings: 0 };
  /** What the income would have to be at least (the funding the payments need): for FUND_FIGURES.income. */
  readonly requiredIncome = { rootFen: 0, countiesFen: 0 };
  private readonly orgs: readonly DemoOrg[];
  private readonly generator: DemoGenerator;
  private readonly cases: Case[] = [];
  private readonly entries: Entry[] = [];
  private readonly pairings: Pairing[] = [];
  private readonly balances = new Map<number, number>();
  private readonly staffIds: number[];
  private readonly financeIds: number[];
  private readonly rootFinance: number;
  /** Index of the county org of each county, in `orgs`. */
  private readonly countyOrg: number[];

  constructor(generator: DemoGenerator, userIds: ReadonlyMap<string, number>, options: { caseBaseId?: number; entryBaseId?: number } = {}) {
    if (!generator.archivesGenerated) throw new Error('demo: generate the archives before the assistance data');
    this.generator = generator;
    this.orgs = generator.orgs;
    const user = (username: string) => {
      const id = userIds.get(username);
      if (id === undefined) throw new Error(`demo: user ${username} is missing`);
      return id;
    };
    const code = (c: number) => `sf${String(c + 1).padStart(2, '0')}`;
    this.staffIds = COUNTIES.map((_, c) => user(`${code(c)}.staff`));
    this.financeIds = COUNTIES.map((_, c) => user(`${code(c)}.finance`));
    this.rootFinance = user('sf.finance');
    this.countyOrg = COUNTIES.map((_, c) => this.orgs.findIndex((org) => org.level === OrgLevel.COUNTY && org.county === c));

    this.planCases();
    // Ids in the order of application.
    const sorted = sortBy(this.cases, (c) => c.appliedAt);
    this.cases.length = 0;
    let caseId = options.caseBaseId ?? 0;
    for (const c of sorted) {
      c.id = ++caseId;
      this.cases.push(c);
    }
    this.planLedger(options.entryBaseId ?? 0);
    this.planPairings();
  }

  private finance(payer: number): number {
    return payer === 0 ? this.rootFinance : this.financeIds[this.orgs[payer]!.county]!;
  }

  // -------------------------------------------------------------------------------------------
  // Cases

  private newCase(workerId: number, county: number, programme: Programme): Case {
    const c: Case = {
      id: this.cases.length,
      workerId,
      county,
      programme,
      status: 'DISBURSED',
      amount: 0,
      festival: null,
      year: null,
      cash: null,
      inKind: null,
      goods: null,
      studentName: null,
      school: null,
      illness: null,
      course: null,
      reemployed: null,
      outcomeOn: -1,
      appliedAt: -1,
      approvedAt: -1,
      rejectedAt: -1,
      rejectReason: null,
      payer: -1,
      disbursedAt: -1,
      disbursedOn: -1,
    };
    this.cases.push(c);
    return c;
  }

  /** Applied, approved a few days later, paid on `day`: the timestamps of a disbursed case. */
  private disburse(random: Random, c: Case, day: number, payer: number): void {
    const approvedDay = day - random.between(1, 5);
    const appliedDay = approvedDay - random.between(1, 10);
    c.status = 'DISBURSED';
    c.payer = payer;
    c.appliedAt = appliedDay * MINUTES + random.between(510, 690);
    c.approvedAt = approvedDay * MINUTES + random.between(840, 990);
    c.disbursedOn = day;
    c.disbursedAt = day * MINUTES + random.between(540, 1020);
  }

  private planCases(): void {
    const a = this.generator.archive;
    const orgs = this.orgs;
    const countyOf = (i: number) => orgs[a.orgIndex[i]!]!.county;
    // When an archive was open within the five years: [start, end], or start > end.
    const start = (i: number) => Math.max(FIRST_PAID, a.opened[i]! + 30);
    const end = (i: number) => (a.lifted[i]! >= 0 ? Math.min(TO, a.lifted[i]!) : TO);
    const hardship = (i: number) => a.kind[i] !== KIND.OPEN_ABOVE_LINE;
    const archives = a.workerId.map((_, i) => i);
    const countyPayer = (i: number) => this.countyOrg[countyOf(i)]!;
    // Ages to the day of loading, as the workers were generated: the same whatever that day is.
    const today = this.generator.today;
    const ageToday = (i: number) => (today - a.birthDay[i]!) / YEAR_DAYS;

    // 送温暖: each occasion visits that many hardship workers whose archive is open then.
    {
      const random = new Random(`${SEED}/warmth`);
      const list = occasions();
      const counts = apportion(
        FUND_FIGURES.warmth.personTimes,
        list.map((o) => o.weight),
      );
      // Drawn to average close to the report's 58.21 yuan a visit, so that making the total exact moves little.
      const cash = new Weighted([
        [3_000, 3],
        [5_000, 4],
        [8_000, 1],
        [10_000, 2],
      ] as const);
      const extraCash = new Weighted([
        [1_000, 2],
        [2_000, 3],
        [3_000, 1],
      ] as const);
      const amounts: number[] = [];
      const visits: Case[] = [];
      list.forEach((occasion, o) => {
        const eligible = archives.filter(
          (i) => hardship(i) && a.opened[i]! + 30 <= occasion.from && (a.lifted[i]! < 0 || a.lifted[i]! >= occasion.to),
        );
        for (const i of select(random, eligible, counts[o]!)) {
          const c = this.newCase(a.workerId[i]!, countyOf(i), 'WARMTH');
          c.festival = occasion.festival;
          c.year = occasion.year;
          const u = random.next();
          if (u < 0.4) {
            c.cash = cash.draw(random);
            c.inKind = 0;
          } else {
            const [goods, value] = occasion.goods.draw(random);
            c.goods = goods;
            c.inKind = value;
            c.cash = u < 0.85 ? 0 : extraCash.draw(random);
          }
          amounts.push(c.cash);
          visits.push(c);
          // Most visits by the county's centre, some by the municipal federation's leaders.
          this.disburse(random, c, random.between(occasion.from, occasion.to), random.chance(0.12) ? 0 : countyPayer(i));
        }
      });
      // Exact total: the cash of visits that had cash moves in steps of 10 yuan.
      const withCash = visits.flatMap((c, k) => (c.cash! > 0 ? [k] : []));
      const inKind = visits.reduce((sum, c) => sum + c.inKind!, 0);
      makeExact(random, amounts, withCash, FUND_FIGURES.warmth.amountFen - inKind, 1_000, 1_000, 30_000);
      visits.forEach((c, k) => {
        c.cash = amounts[k]!;
        c.amount = c.cash + c.inKind!;
      });
    }

    // 金秋助学: 2,303 hardship workers with a child at college, paid each school year in the five
    // years, from admission to graduation, while the archive is open.
    {
      const random = new Random(`${SEED}/education`);
      // Parents of college students: 43 to 63 today, 38 to 58 when the five years began.
      const candidates = random.shuffle(
        archives.filter((i) => {
          const age = ageToday(i);
          return hardship(i) && (a.causes[i]! & CAUSE_BIT.CHILDREN_SCHOOLING) !== 0 && a.size[i]! >= 2 && age >= 43 && age < 63;
        }),
      );
      const admission = new Weighted([
        [2018, 1],
        [2019, 1.2],
        [2020, 1.3],
        [2021, 1.4],
        [2022, 1.5],
        [2023, 1.5],
        [2024, 1.5],
        [2025, 1.5],
      ] as const);
      const used = new Set<number>();
      const payments: { c: Case; first: boolean }[] = [];
      let students = 0;
      for (const i of candidates) {
        if (students === FUND_FIGURES.education.students) break;
        if (used.has(a.workerId[i]!)) continue;
        const admitted = admission.draw(random);
        const years = random.chance(0.25) ? 3 : 4;
        const days: number[] = [];
        for (let year = Math.max(admitted, 2021); year <= Math.min(admitted + years - 1, 2025); year++) {
          const day = random.between(dayOf(`${year}-08-20`), dayOf(`${year}-09-30`));
          if (day >= start(i) && day <= end(i)) days.push(day);
          else if (days.length > 0) break;
          if (days.length > 0 && random.chance(0.04)) break;
        }
        if (days.length === 0) continue;
        used.add(a.workerId[i]!);
        students++;
        const child = personName(random, a.male[i] || random.chance(0.2) ? a.surname[i]! : undefined);
        const school = random.pick(COLLEGES);
        const payer = random.chance(0.6) ? 0 : countyPayer(i);
        for (const day of days) {
          const c = this.newCase(a.workerId[i]!, countyOf(i), 'EDUCATION');
          c.studentName = child;
          c.school = school;
          c.year = calendar(day).year;
          this.disburse(random, c, day, payer);
          payments.push({ c, first: c.year === admitted });
        }
      }
      if (students !== FUND_FIGURES.education.students) throw new Error(`demo: only ${students} students for 金秋助学`);
      // In units of 100 yuan: the admission year twice the later ones, then exact.
      const units = FUND_FIGURES.education.amountFen / 10_000;
      const base = units / payments.reduce((sum, p) => sum + (p.first ? 2 : 1), 0);
      const amounts = payments.map((p) => Math.max(5, Math.round(base * (p.first ? 2 : 1) * random.real(0.7, 1.3))));
      makeExact(
        random,
        amounts,
        amounts.map((_, k) => k),
        units,
        1,
        5,
        60,
      );
      payments.forEach((p, k) => (p.c.amount = amounts[k]! * 10_000));
    }

    // 生活救助 and 医疗救助: one-off payments, extreme hardship first.
    const openWithin = archives.filter((i) => hardship(i) && end(i) - start(i) >= 30);
    {
      const random = new Random(`${SEED}/living`);
      const amounts: number[] = [];
      const chosen: Case[] = [];
      while (chosen.length < FUND_FIGURES.living.cases) {
        const i = openWithin[random.int(openWithin.length)]!;
        if (a.kind[i] !== KIND.EXTREME && !random.chance(0.35)) continue;
        const c = this.newCase(a.workerId[i]!, countyOf(i), 'LIVING');
        this.disburse(random, c, random.between(start(i), end(i)), random.chance(0.1) ? 0 : countyPayer(i));
        amounts.push(random.pick([3, 5, 5, 6, 8, 8, 10, 10, 12, 15]));
        chosen.push(c);
      }
      makeExact(
        random,
        amounts,
        amounts.map((_, k) => k),
        FUND_FIGURES.living.amountFen / 10_000,
        1,
        3,
        30,
      );
      chosen.forEach((c, k) => (c.amount = amounts[k]! * 10_000));
    }
    const ill = openWithin.filter((i) => a.illness[i]! >= 0);
    {
      const random = new Random(`${SEED}/medical`);
      const amounts: number[] = [];
      const chosen: { c: Case; i: number; day: number }[] = [];
      for (let k = 0; k < FUND_FIGURES.medical.cases; k++) {
        const i = ill[random.int(ill.length)]!;
        const c = this.newCase(a.workerId[i]!, countyOf(i), 'MEDICAL');
        c.illness = ILLNESSES[a.illness[i]!]!;
        amounts.push(random.pick([10, 15, 20, 20, 30, 30, 40, 50]));
        chosen.push({ c, i, day: random.between(start(i), end(i)) });
      }
      makeExact(
        random,
        amounts,
        amounts.map((_, k) => k),
        FUND_FIGURES.medical.amountFen / 10_000,
        1,
        10,
        100,
      );
      // The municipal federation pays the large subsidies (5,000 yuan and more).
      chosen.forEach(({ c, i, day }, k) => {
        c.amount = amounts[k]! * 10_000;
        this.disburse(random, c, day, amounts[k]! >= 50 ? 0 : countyPayer(i));
      });
    }

    // 助技 and 助岗: exactly REEMPLOYED workers re-employed (each ends with one case whose outcome
    // is yes); the rest of the 210,000 training person-times go to laid-off and unemployed workers,
    // most with an archive, some without, with no outcome yet or a no.
    {
      const random = new Random(`${SEED}/skills`);
      const seen = new Set<number>();
      const employed = archives.filter((i) => {
        if (a.employment[i] !== 0 || seen.has(a.workerId[i]!)) return false;
        const age = ageToday(i);
        if (age < 25 || age >= 60 || Math.min(end(i), TO - 60) - start(i) < 120) return false;
        seen.add(a.workerId[i]!);
        return true;
      });
      const seeking = archives.filter((i) => {
        const age = ageToday(i);
        return (a.employment[i] === 1 || a.employment[i] === 2) && age >= 23 && age < 62 && end(i) - start(i) >= 30;
      });
      const seekers = this.generator.jobSeekers;
      const course = (programme: Programme, day: number) => {
        const year = calendar(day).year;
        if (programme === 'SKILLS') return `${year}年${random.pick(TRAINING_COURSES)}`;
        return random.chance(0.5) ? `${year}年${random.pick(JOB_FAIRS)}` : random.pick(PLACEMENTS);
      };
      const outcome = (c: Case, reemployed: boolean | null, after: [number, number]) => {
        const on = c.disbursedOn + random.between(after[0], after[1]);
        if (reemployed === null || on > TO) return;
        c.reemployed = reemployed;
        c.outcomeOn = on;
      };
      const add = (programme: Programme, workerId: number, county: number, day: number) => {
        const c = this.newCase(workerId, county, programme);
        c.course = course(programme, day);
        this.disburse(random, c, day, this.countyOrg[county]!);
        return c;
      };
      let skills = 0;
      let employment = 0;
      for (const i of select(random, employed, FUND_FIGURES.reemployed)) {
        const county = countyOf(i);
        const u = random.next();
        const plan: Programme[] = u < 0.45 ? ['SKILLS', 'EMPLOYMENT'] : u < 0.8 ? ['SKILLS'] : ['EMPLOYMENT'];
        if (random.chance(0.2)) plan.unshift('SKILLS');
        // One case per part of the window, in order; the last one re-employed within two months.
        const from = start(i);
        const span = (Math.min(end(i), TO - 60) - from) / plan.length;
        plan.forEach((programme, k) => {
          const day = from + Math.floor(span * k + random.next() * span);
          const c = add(programme, a.workerId[i]!, county, day);
          if (k === plan.length - 1) {
            c.reemployed = true;
            c.outcomeOn = day + random.between(10, 60);
          } else if (programme === 'SKILLS' && plan[k + 1] === 'SKILLS') outcome(c, false, [30, 120]);
          if (programme === 'SKILLS') skills++;
          else employment++;
        });
      }
      const draw = (programme: Programme, archiveShare: number, no: number) => {
        let workerId: number;
        let county: number;
        let day: number;
        if (random.chance(archiveShare)) {
          const i = seeking[random.int(seeking.length)]!;
          workerId = a.workerId[i]!;
          county = countyOf(i);
          day = random.between(start(i), end(i));
        } else {
          const k = random.int(seekers.workerId.length);
          workerId = seekers.workerId[k]!;
          county = orgs[seekers.orgIndex[k]!]!.county;
          day = random.between(FIRST_PAID, TO);
        }
        const c = add(programme, workerId, county, day);
        outcome(c, random.chance(no) ? false : null, [30, 120]);
        return c;
      };
      const trainings: Case[] = this.cases.filter((c) => c.programme === 'SKILLS');
      for (; skills < FUND_FIGURES.skills.personTimes; skills++) trainings.push(draw('SKILLS', 0.8, 0.35));
      const placements: Case[] = this.cases.filter((c) => c.programme === 'EMPLOYMENT');
      for (; employment < FUND_FIGURES.employment.cases; employment++) placements.push(draw('EMPLOYMENT', 0.7, 0.45));

      // Subsidies: a living allowance during training, a job-seeking allowance, in units of 100 yuan.
      const subsidise = (list: Case[], count: number, totalFen: number, choices: number[], max: number) => {
        const paid = select(random, list, count);
        const amounts = paid.map(() => random.pick(choices));
        makeExact(
          random,
          amounts,
          amounts.map((_, k) => k),
          totalFen / 10_000,
          1,
          1,
          max,
        );
        paid.forEach((c, k) => (c.amount = amounts[k]! * 10_000));
      };
      subsidise(trainings, FUND_FIGURES.skills.subsidised, FUND_FIGURES.skills.amountFen, [2, 2, 3, 3, 3, 5], 10);
      subsidise(placements, FUND_FIGURES.employment.subsidised, FUND_FIGURES.employment.amountFen, [1, 2, 2, 2, 3], 6);

      // 助法: a service; some with a litigation subsidy.
      const legal: Case[] = [];
      const anyArchive = archives.filter((i) => end(i) - start(i) >= 30);
      for (let k = 0; k < FUND_FIGURES.legal.cases; k++) {
        if (random.chance(0.85)) {
          const i = anyArchive[random.int(anyArchive.length)]!;
          const c = this.newCase(a.workerId[i]!, countyOf(i), 'LEGAL');
          this.disburse(random, c, random.between(start(i), end(i)), countyPayer(i));
          legal.push(c);
        } else {
          const s = random.int(seekers.workerId.length);
          const county = orgs[seekers.orgIndex[s]!]!.county;
          const c = this.newCase(seekers.workerId[s]!, county, 'LEGAL');
          this.disburse(random, c, random.between(FIRST_PAID, TO), this.countyOrg[county]!);
          legal.push(c);
        }
      }
      subsidise(legal, FUND_FIGURES.legal.subsidised, FUND_FIGURES.legal.amountFen, [5, 10, 10, 15, 20, 30], 50);
    }

    this.planPendingCases(openWithin, ill);
  }

  /** Applications not paid: waiting at the end of 2025, approved and not yet paid, or refused. */
  private planPendingCases(openWithin: number[], ill: number[]): void {
    const random = new Random(`${SEED}/pending`);
    const a = this.generator.archive;
    const countyOf = (i: number) => this.orgs[a.orgIndex[i]!]!.county;
    const open = openWithin.filter((i) => a.lifted[i]! < 0);
    const openIll = ill.filter((i) => a.lifted[i]! < 0);
    const pick = (list: number[]) => list[random.int(list.length)]!;
    const stamp = (day: number, from: number, to: number) => day * MINUTES + random.between(from, to);
    const request = (programme: Programme, i: number): Case => {
      const c = this.newCase(a.workerId[i]!, countyOf(i), programme);
      switch (programme) {
        case 'LIVING':
          c.amount = random.between(3, 10) * 10_000;
          break;
        case 'MEDICAL':
          c.amount = random.between(10, 60) * 10_000;
          c.illness = ILLNESSES[a.illness[i]!]!;
          break;
        case 'SKILLS':
          c.course = `2025年${random.pick(TRAINING_COURSES)}`;
          break;
        case 'EMPLOYMENT':
          c.course = random.pick(PLACEMENTS);
          break;
        default:
          break;
      }
      return c;
    };
    const plan: [Programme, number][] = [
      ['LIVING', 0.45],
      ['MEDICAL', 0.2],
      ['SKILLS', 0.17],
      ['EMPLOYMENT', 0.12],
      ['LEGAL', 0.06],
    ];
    const split = (total: number, weights: [Programme, number][]) =>
      apportion(
        total,
        weights.map(([, w]) => w),
      ).map((n, k) => [weights[k]![0], n] as const);
    for (const [programme, n] of split(FUND_FIGURES.pending.APPLIED, plan)) {
      for (let k = 0; k < n; k++) {
        const c = request(programme, pick(programme === 'MEDICAL' ? openIll : open));
        c.status = 'APPLIED';
        c.appliedAt = stamp(random.between(dayOf('2025-12-01'), TO), 510, 1020);
      }
    }
    for (const [programme, n] of split(FUND_FIGURES.pending.APPROVED, plan.slice(0, 4))) {
      for (let k = 0; k < n; k++) {
        const i = pick(programme === 'MEDICAL' ? openIll : open);
        const c = request(programme, i);
        c.status = 'APPROVED';
        const applied = random.between(dayOf('2025-11-20'), dayOf('2025-12-20'));
        c.appliedAt = stamp(applied, 510, 690);
        c.approvedAt = stamp(Math.min(TO, applied + random.between(1, 7)), 840, 990);
        c.payer = programme === 'MEDICAL' && c.amount >= 500_000 ? 0 : this.countyOrg[c.county]!;
      }
    }
    const rejected: [Programme, number][] = [
      ['LIVING', 0.4],
      ['MEDICAL', 0.17],
      ['WARMTH', 0.25],
      ['EDUCATION', 0.09],
      ['SKILLS', 0.09],
    ];
    const warmth = this.cases.filter((c) => c.programme === 'WARMTH' && c.status === 'DISBURSED');
    for (const [programme, n] of split(FUND_FIGURES.pending.REJECTED, rejected)) {
      for (let k = 0; k < n; k++) {
        let c: Case;
        let applied: number;
        if (programme === 'WARMTH') {
          // A second application for a visit already made: refused.
          const visit = warmth[random.int(warmth.length)]!;
          c = this.newCase(visit.workerId, visit.county, 'WARMTH');
          Object.assign(c, {
            festival: visit.festival,
            year: visit.year,
            cash: visit.cash,
            inKind: visit.inKind,
            goods: visit.goods,
            amount: visit.amount,
          });
          applied = Math.floor(visit.approvedAt / MINUTES) + random.between(1, 3);
        } else {
          const i = pick(programme === 'MEDICAL' ? ill : programme === 'EDUCATION' ? open : openWithin);
          const from = Math.max(FIRST_PAID, a.opened[i]! + 30);
          const to = a.lifted[i]! >= 0 ? Math.min(TO, a.lifted[i]!) : TO;
          if (programme === 'EDUCATION') {
            // 金秋助学 applications come at the start of a school year (open archives: opened in 2024 at the latest).
            const first = calendar(from).year + (from > dayOf(`${calendar(from).year}-08-01`) ? 1 : 0);
            const year = random.between(Math.max(2021, first), 2025);
            applied = random.between(dayOf(`${year}-08-01`), dayOf(`${year}-09-15`));
          } else applied = random.between(from, to - 12);
          c = request(programme, i);
          if (programme === 'SKILLS') c.course = `${calendar(applied).year}年${random.pick(TRAINING_COURSES)}`;
          if (programme === 'EDUCATION') {
            c.studentName = personName(random, a.male[i] ? a.surname[i]! : undefined);
            c.school = random.pick(COLLEGES);
            c.year = calendar(applied).year;
            c.amount = random.between(10, 30) * 10_000;
          }
        }
        c.status = 'REJECTED';
        c.appliedAt = stamp(applied, 510, 690);
        c.rejectedAt = stamp(applied + random.between(1, 10), 840, 990);
        c.rejectReason = random.pick(REJECT_REASONS[programme as keyof typeof REJECT_REASONS]);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // The ledger

  /**
   * Payments as the cases say; funding before them, quarter by quarter: the counties' own income
   * and allocations from SF arrive in the last month of the quarter before, enough for the whole
   * next quarter and a margin; SF's income a week before it allocates. Then the year-end income
   * that brings the totals to FUND_FIGURES.income.
   */
  private planLedger(entryBaseId: number): void {
    const random = new Random(`${SEED}/ledger`);
    const orgs = this.orgs;
    const entries = this.entries;
    const UNIT = 1_000_000; // 10,000 yuan
    const QUARTERS = 20;
    const quarterOf = (day: number) => {
      const { year, month } = calendar(day);
      return (year - 2021) * 4 + Math.floor((month - 1) / 3);
    };
    const add = (
      entry: Omit<Entry, 'id' | 'caseId' | 'workerId' | 'recordedAt'> & Partial<Pick<Entry, 'caseId' | 'workerId' | 'recordedAt'>>,
    ) => entries.push({ id: 0, caseId: -1, workerId: -1, recordedAt: entry.date * MINUTES + random.between(540, 1020), ...entry });

    // Payments, and what each paying org pays per quarter.
    const payers = [0, ...this.countyOrg];
    const need = new Map<number, number[]>(payers.map((p) => [p, new Array<number>(QUARTERS).fill(0)]));
    for (const c of this.cases) {
      if (c.status !== 'DISBURSED' || c.amount === 0) continue;
      const perQuarter = need.get(c.payer);
      if (!perQuarter) throw new Error(`demo: org ${orgs[c.payer]!.code} pays a case but has no fund plan`);
      perQuarter[quarterOf(c.disbursedOn)]! += c.amount;
      add({
        kind: 'PAYMENT',
        from: c.payer,
        to: -1,
        source: null,
        caseId: c.id,
        workerId: c.workerId,
        amount: c.amount,
        date: c.disbursedOn,
        note: null,
        recordedBy: this.finance(c.payer),
        recordedAt: c.disbursedAt,
      });
    }

    // The day funding for quarter q arrives: in the last month of the quarter before.
    const fundingDay = (q: number, dayOfMonth: number, first: string) => {
      if (q === 0) return dayOf(first);
      const year = 2021 + Math.floor((q - 1) / 4);
      const month = ((q - 1) % 4) * 3 + 3;
      return dayOf(`${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`);
    };
    const label = (q: number) => `${2021 + Math.floor(q / 4)}年`;
    const donors = (county: number) => orgs.filter((org) => org.level === OrgLevel.ENTERPRISE && (county < 0 || org.county === county));
    const donorName = (list: DemoOrg[]) => random.pick(list).name.replace(/工会$/, '');
    const allDonors = donors(-1);

    const allocated = new Array<number>(QUARTERS).fill(0);
    COUNTIES.forEach((spec, county) => {
      const org = this.countyOrg[county]!;
      const perQuarter = need.get(org)!;
      const countyDonors = donors(county);
      let needed = 0;
      let funded = 0;
      for (let q = 0; q < QUARTERS; q++) {
        needed += perQuarter[q]!;
        const top = Math.ceil((needed * random.real(1.05, 1.1) - funded) / UNIT);
        if (top <= 0) continue;
        funded += top * UNIT;
        const own = Math.min(top - 1, Math.round(top * random.real(0.2, 0.4)));
        const allocation = top - own;
        add({
          kind: 'ALLOCATION',
          from: 0,
          to: org,
          source: null,
          amount: allocation * UNIT,
          date: fundingDay(q, 15, '2021-01-05'),
          note: `${label(q)}第${(q % 4) + 1}季度帮扶资金拨付`,
          recordedBy: this.rootFinance,
        });
        allocated[q]! += allocation * UNIT;
        if (own > 0) {
          const donation = q % 4 === 0 && own >= 2 && random.chance(0.6) ? random.between(1, Math.floor(own / 2)) : 0;
          add({
            kind: 'INCOME',
            from: -1,
            to: org,
            source: 'UNION_DUES',
            amount: (own - donation) * UNIT,
            date: fundingDay(q, 18, '2021-01-06'),
            note: `${label(q)}${spec.name}总工会经费帮扶专项`,
            recordedBy: this.financeIds[county]!,
          });
          this.requiredIncome.countiesFen += (own - donation) * UNIT;
          if (donation > 0) {
            add({
              kind: 'INCOME',
              from: -1,
              to: org,
              source: 'ENTERPRISE_DONATION',
              amount: donation * UNIT,
              date: fundingDay(q, 20, '2021-01-06'),
              note: `${donorName(countyDonors)}捐赠送温暖资金`,
              recordedBy: this.financeIds[county]!,
            });
            this.requiredIncome.countiesFen += donation * UNIT;
          }
        }
      }
      // Interest on the fund's account, each December.
      for (let year = 2021; year <= 2025; year++) {
        const interest = random.between(200, 900) * 100;
        add({
          kind: 'INCOME',
          from: -1,
          to: org,
          source: 'OTHER',
          amount: interest,
          date: dayOf(`${year}-12-21`),
          note: `${year}年帮扶资金专户利息`,
          recordedBy: this.financeIds[county]!,
        });
        this.requiredIncome.countiesFen += interest;
      }
    });

    // SF: income before each round of allocations, enough for them and for its own payments.
    {
      const own = need.get(0)!;
      let needed = 0;
      let funded = 0;
      for (let q = 0; q < QUARTERS; q++) {
        needed += allocated[q]! + own[q]!;
        const top = Math.ceil((needed * random.real(1.02, 1.05) - funded) / UNIT);
        if (top <= 0) continue;
        funded += top * UNIT;
        const winter = q % 4 === 0;
        const parts = apportion(top, [0.45, 0.4, 0.15]);
        const sources: [Source, string][] = [
          ['GOVERNMENT', `${label(q)}市财政困难职工帮扶专项资金`],
          ['UNION_DUES', `${label(q)}市总工会经费帮扶专项`],
          winter ? ['SOCIAL_DONATION', `${label(q)}“送温暖”社会捐助`] : ['ENTERPRISE_DONATION', `${donorName(allDonors)}捐赠帮扶资金`],
        ];
        parts.forEach((units, k) => {
          if (units > 0)
            add({
              kind: 'INCOME',
              from: -1,
              to: 0,
              source: sources[k]![0],
              amount: units * UNIT,
              date: fundingDay(q, 8, '2021-01-04'),
              note: sources[k]![1],
              recordedBy: this.rootFinance,
            });
        });
        this.requiredIncome.rootFen += top * UNIT;
      }
    }

    // Year-end income for next year's Spring Festival, bringing the totals to the chosen figures.
    const rootTop = FUND_FIGURES.income.rootFen - this.requiredIncome.rootFen;
    const countiesTop = FUND_FIGURES.income.countiesFen - this.requiredIncome.countiesFen;
    if (rootTop <= 0 || countiesTop < COUNTIES.length * UNIT)
      throw new Error(
        `demo: FUND_FIGURES.income is below what the payments need (${this.requiredIncome.rootFen} at SF, ${this.requiredIncome.countiesFen} at the counties)`,
      );
    add({
      kind: 'INCOME',
      from: -1,
      to: 0,
      source: 'GOVERNMENT',
      amount: rootTop,
      date: dayOf('2025-12-15'),
      note: '2026年春节送温暖专项资金（市财政预拨）',
      recordedBy: this.rootFinance,
    });
    const shares = apportion(
      countiesTop,
      COUNTIES.map((spec) => spec.workerWeight || 0.4),
    );
    COUNTIES.forEach((spec, county) =>
      add({
        kind: 'INCOME',
        from: -1,
        to: this.countyOrg[county]!,
        source: 'UNION_DUES',
        amount: shares[county]!,
        date: dayOf('2025-12-16'),
        note: `2026年${spec.name}春节送温暖配套资金`,
        recordedBy: this.financeIds[county]!,
      }),
    );

    // Ids in date order: on one day income first, then allocations, then payments as they were made.
    const order = { INCOME: 0, ALLOCATION: 1, PAYMENT: 2 };
    const sorted = sortBy(entries, (e) => (e.date * 3 + order[e.kind]) * MINUTES + (e.recordedAt - e.date * MINUTES));
    entries.length = 0;
    let id = entryBaseId;
    const balances = this.balances;
    for (const entry of sorted) {
      entries.push(entry);
      entry.id = ++id;
      if (entry.kind === 'INCOME') this.totals.incomeFen += entry.amount;
      if (entry.kind === 'PAYMENT') this.totals.paidFen += entry.amount;
      if (entry.to >= 0) balances.set(entry.to, (balances.get(entry.to) ?? 0) + entry.amount);
      if (entry.from >= 0) {
        const left = (balances.get(entry.from) ?? 0) - entry.amount;
        if (left < 0) throw new Error(`demo: the fund of ${orgs[entry.from]!.code} would be overdrawn on ${isoDate(entry.date)}`);
        balances.set(entry.from, left);
      }
    }
    this.totals.entries = entries.length;
    this.totals.cases = this.cases.length;
    this.totals.disbursed = this.cases.filter((c) => c.status === 'DISBURSED').length;
  }

  // -------------------------------------------------------------------------------------------
  // Pairings

  private cadre(random: Random, orgIndex: number): { org: number; post: string } {
    const org = this.orgs[orgIndex]!;
    const county = this.countyOrg[org.county]!;
    const countyName = COUNTIES[org.county]!.name;
    // Org ids are consecutive in `orgs`.
    const parent = org.parentId === null ? -1 : org.parentId - this.orgs[0]!.id;
    const township = org.level === OrgLevel.TOWNSHIP ? orgIndex : this.orgs[parent]?.level === OrgLevel.TOWNSHIP ? parent : -1;
    const u = random.next();
    if (u < 0.05) return { org: 0, post: random.pick(['市总工会副主席', '市总工会帮扶中心主任', '市总工会机关干部']) };
    if (org.level === OrgLevel.ENTERPRISE && u < 0.4)
      return { org: orgIndex, post: random.pick(['企业工会主席', '企业工会主席', '企业工会副主席']) };
    if (township >= 0 && u < 0.75) {
      const kind = /街道工会$/.test(this.orgs[township]!.name) ? '街道' : /镇工会$/.test(this.orgs[township]!.name) ? '镇' : '乡';
      return { org: township, post: random.pick([`${kind}工会主席`, `${kind}工会主席`, `${kind}工会副主席`]) };
    }
    return {
      org: county,
      post: random.pick([`${countyName}总工会副主席`, `${countyName}总工会帮扶中心主任`, `${countyName}总工会机关干部`]),
    };
  }

  private planPairings(): void {
    const random = new Random(`${SEED}/pairings`);
    const a = this.generator.archive;
    const countyOf = (i: number) => this.orgs[a.orgIndex[i]!]!.county;
    const archives = a.workerId.map((_, i) => i);
    const lifted = archives.filter((i) => a.lifted[i]! >= 0);
    const add = (i: number, startedOn: number, endedOn: number, endReason: Pairing['endReason'], endNote: string | null) => {
      const cadre = this.cadre(random, a.orgIndex[i]!);
      this.pairings.push({
        workerId: a.workerId[i]!,
        cadreName: personName(random),
        cadrePost: cadre.post,
        cadreOrg: cadre.org,
        startedOn,
        endedOn,
        endReason,
        endNote,
        createdBy: this.staffIds[countyOf(i)]!,
      });
    };
    // Until the family was lifted: from soon after the archive was opened to the day it was closed.
    const untilLifted = (i: number) => {
      const opened = a.opened[i]!;
      const closed = a.lifted[i]!;
      add(i, opened + random.between(7, Math.min(150, closed - opened - 30)), closed, 'LIFTED', null);
    };
    const F = FUND_FIGURES.pairings;
    const sf01 = FUND_FIGURES.sf01Pairings;
    for (const i of select(
      random,
      lifted.filter((i) => countyOf(i) === 0),
      sf01.lifted,
    ))
      untilLifted(i);
    for (const i of select(
      random,
      lifted.filter((i) => countyOf(i) !== 0),
      F.lifted - sf01.lifted,
    ))
      untilLifted(i);
    // Open hardship archives elsewhere: some pairings ended otherwise (a new cadre for some), the rest open.
    const followed = Math.min(150, F.endedOther);
    const fresh = F.open - followed;
    const open = archives.filter(
      (i) => countyOf(i) !== 0 && a.lifted[i]! < 0 && a.kind[i] !== KIND.OPEN_ABOVE_LINE && a.opened[i]! <= TO - 400,
    );
    const chosen = random.shuffle(select(random, open, F.endedOther + fresh));
    chosen.forEach((i, k) => {
      const started = a.opened[i]! + random.between(7, 180);
      if (k < F.endedOther) {
        const ended = Math.min(TO - 40, started + random.between(180, 900));
        const note = k < followed ? PAIRING_END_NOTES[random.int(2)]! : PAIRING_END_NOTES[2 + random.int(PAIRING_END_NOTES.length - 2)]!;
        add(i, started, Math.max(started, ended), 'OTHER', note);
        if (k < followed) add(i, Math.max(started, ended) + random.between(3, 30), -1, null, null);
      } else add(i, started, -1, null, null);
    });
    if (this.pairings.length !== F.total) throw new Error(`demo: ${this.pairings.length} pairings, expected ${F.total}`);
    this.pairings.sort((x, y) => x.startedOn - y.startedOn || x.workerId - y.workerId);
    this.totals.pairings = this.pairings.length;
  }

  // -------------------------------------------------------------------------------------------
  // Rows

  *caseRows(): Generator<string> {
    const orgs = this.orgs;
    let chunk = '';
    for (const c of this.cases) {
      const disbursed = c.status === 'DISBURSED';
      const approver = c.payer >= 0 ? this.finance(c.payer) : -1;
      chunk +=
        `${c.id}\t${c.workerId}\t${c.programme}\t${c.status}\t${c.amount}\t${c.festival ?? '\\N'}\t${c.year ?? '\\N'}\t` +
        `${c.cash ?? '\\N'}\t${c.inKind ?? '\\N'}\t${copyText(c.goods)}\t${copyText(c.studentName)}\t${copyText(c.school)}\t` +
        `${copyText(c.illness)}\t${copyText(c.course)}\t${c.reemployed === null ? '\\N' : c.reemployed ? 't' : 'f'}\t` +
        `${c.outcomeOn >= 0 ? isoDate(c.outcomeOn) : '\\N'}\t${this.staffIds[c.county]}\t${stampText(c.appliedAt)}\t` +
        `${c.payer >= 0 ? orgs[c.payer]!.id : '\\N'}\t${approver >= 0 ? approver : '\\N'}\t${c.approvedAt >= 0 ? stampText(c.approvedAt) : '\\N'}\t` +
        `${c.rejectedAt >= 0 ? this.financeIds[c.county] : '\\N'}\t${c.rejectedAt >= 0 ? stampText(c.rejectedAt) : '\\N'}\t${copyText(c.rejectReason)}\t` +
        `${disbursed ? approver : '\\N'}\t${disbursed ? stampText(c.disbursedAt) : '\\N'}\t${disbursed ? isoDate(c.disbursedOn) : '\\N'}\n`;
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }

  *ledgerRows(): Generator<string> {
    const orgs = this.orgs;
    let chunk = '';
    for (const e of this.entries) {
      chunk +=
        `${e.id}\t${e.kind}\t${e.from >= 0 ? orgs[e.from]!.id : '\\N'}\t${e.to >= 0 ? orgs[e.to]!.id : '\\N'}\t${e.source ?? '\\N'}\t` +
        `${e.caseId >= 0 ? e.caseId : '\\N'}\t${e.workerId >= 0 ? e.workerId : '\\N'}\t${e.amount}\t${isoDate(e.date)}\t${copyText(e.note)}\t` +
        `${e.recordedBy}\t${stampText(e.recordedAt)}\n`;
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }

  /** One account per org with entries: its balance at the end of 2025. */
  *fundAccountRows(): Generator<string> {
    const lastDay = new Map<number, number>();
    for (const e of this.entries) {
      if (e.from >= 0) lastDay.set(e.from, e.recordedAt);
      if (e.to >= 0) lastDay.set(e.to, e.recordedAt);
    }
    let chunk = '';
    for (const [org, balance] of [...this.balances].sort((x, y) => x[0] - y[0]))
      chunk += `${this.orgs[org]!.id}\t${balance}\t${stampText(lastDay.get(org)!)}\n`;
    if (chunk) yield chunk;
  }

  *pairingRows(): Generator<string> {
    let chunk = '';
    for (const p of this.pairings) {
      chunk +=
        `${p.workerId}\t${copyText(p.cadreName)}\t${copyText(p.cadrePost)}\t${this.orgs[p.cadreOrg]!.id}\t${isoDate(p.startedOn)}\t` +
        `${p.endedOn >= 0 ? isoDate(p.endedOn) : '\\N'}\t${p.endReason ?? '\\N'}\t${copyText(p.endNote)}\t${p.createdBy}\t` +
        `${stampText(p.startedOn * MINUTES + 600)}\n`;
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
}
