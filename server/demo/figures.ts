// The figures the demo data reproduces exactly (DOMAIN.md, "The figures the demo data must
// reproduce"), plus the generator's own fixed choices. Tests assert against this one source.

/** The whole municipality, root `SF` (report 4, plus the generator's totals). */
export const CITY_FIGURES = {
  /** 工会组织: union organisations in the tree, the root included. */
  orgCount: 10_688,
  byLevel: { MUNICIPAL: 1, COUNTY: 12, TOWNSHIP: 150, ENTERPRISE: 10_525 },
  /** 会员: workers who have joined the union. */
  members: 1_040_832,
  /** All workers, members or not (the generator's choice; the report names only members). */
  workers: 1_213_560,
  /** Per person per month, in fen: 280 and 245 yuan. */
  hardshipLineFen: 28_000,
  extremeLineFen: 24_500,
} as const;

/** District `SF01` (reports 1 to 3). */
export const SF01_FIGURES = {
  workers: 33_724,
  /** The generator's choice: the report does not give SF01's members. */
  members: 28_911,
  /** Hardship workers, extreme ones included. */
  hardship: 3_456,
  extreme: 1_058,
  extremeByCohort: { menUnder50: 612, men50AndOver: 140, women40AndOver: 196, womenUnder40: 110 },
  extremeByEducation: { JUNIOR_HIGH_OR_BELOW: 692, HIGH_SCHOOL: 345, COLLEGE_OR_ABOVE: 21 },
} as const;

/**
 * Ledger 2 over the whole municipality (root `SF`), over the five years 2021-2025: the report's
 * figures (exact), then the generator's own choices (exact too), in fen. Counts are DISBURSED
 * cases unless named otherwise.
 */
export const FUND_FIGURES = {
  // Report 4.
  /** 送温暖: 11,545,000.00 yuan in 198,321 person-times. */
  warmth: { amountFen: 1_154_500_000, personTimes: 198_321 },
  /** 金秋助学 over five years: 5,399,100.00 yuan to 2,303 students (one per worker, paid 1 to 4 school years). */
  education: { amountFen: 539_910_000, students: 2_303 },
  /** 助技 person-times; some trainees get a subsidy (the generator's choice: how many, how much). */
  skills: { personTimes: 210_000, subsidised: 21_000, amountFen: 630_000_000 },
  /** Distinct workers re-employed after a 助技 or 助岗 case. */
  reemployed: 37_790,
  /** 结对帮扶 under SF; SF01's 930 all ended with the family lifted. */
  pairings: { total: 3_979, open: 1_709, lifted: 2_030, endedOther: 240 },
  sf01Pairings: { total: 930, lifted: 930 },

  // The generator's choices.
  living: { cases: 12_000, amountFen: 972_000_000 },
  medical: { cases: 3_200, amountFen: 864_000_000 },
  /** 助岗: placements and job fairs; a few with a job-seeking subsidy. */
  employment: { cases: 30_000, subsidised: 2_000, amountFen: 40_000_000 },
  /** 助法: mostly a service; some with a litigation subsidy. */
  legal: { cases: 1_500, subsidised: 300, amountFen: 45_000_000 },
  /** Cases not (yet) paid, all programmes. */
  pending: { APPLIED: 180, APPROVED: 120, REJECTED: 240 },
  /**
   * Income from outside: into the municipal fund (38,000,000.00 yuan) and into the twelve county
   * funds together (12,500,000.00 yuan); the last of it arrives in December 2025 for the 2026
   * Spring Festival. The generator refuses figures below what its payments need.
   */
  income: { rootFen: 3_800_000_000, countiesFen: 1_250_000_000 },
} as const;

/** Everything paid out: the seven programmes. */
export const DISBURSED_FEN =
  FUND_FIGURES.warmth.amountFen +
  FUND_FIGURES.education.amountFen +
  FUND_FIGURES.skills.amountFen +
  FUND_FIGURES.living.amountFen +
  FUND_FIGURES.medical.amountFen +
  FUND_FIGURES.employment.amountFen +
  FUND_FIGURES.legal.amountFen;
/** What the municipality's funds hold at the end: all income less all payments. */
export const BALANCE_FEN = FUND_FIGURES.income.rootFen + FUND_FIGURES.income.countiesFen - DISBURSED_FEN;

export interface HarmoniousNamed {
  /** Enterprises with a current naming; each counts once, under its highest current level. */
  total: number;
  national: number;
  provincial: number;
  municipal: number;
  county: number;
}

export interface HarmoniousYearFigures {
  /** Enterprises taking part that year, and their participating workers. */
  enterprises: number;
  workers: number;
  /** The current namings of that year's campaign. */
  named: HarmoniousNamed;
  /** That year's participations by outcome (passed: 90 or more by the default weights; all named that December). */
  passed: number;
  failed: number;
  notAssessed: number;
}

export interface HarmoniousFigures {
  /** Distinct enterprises that ever took part, and their workers in each one's latest campaign year. */
  enterprises: number;
  workers: number;
  named: HarmoniousNamed;
  /**
   * Namings revoked (all in the past); enterprises whose only naming was revoked (they count as
   * named nowhere), renamed at county level after a revoked county naming, and demoted to county
   * level by a revoked municipal naming.
   */
  revoked: { namings: number; revokedOnly: number; renamed: number; demoted: number };
  byYear: Record<number, HarmoniousYearFigures>;
  /** Every enterprise org has a profile. */
  profiles: { total: number; byOwnership: Record<string, number> };
}

/**
 * Ledger 3 over the whole municipality (root `SF`): the harmonious labour-relations campaign of
 * 2023-2025, as the rollup `harmonious` answers it. The report's figures are the all-years ones at
 * the top (enterprises, workers, named); the rest are the generator's choices.
 */
export const HARMONIOUS_FIGURES: HarmoniousFigures = {
  // Report 4.
  enterprises: 7_992,
  workers: 970_000,
  named: { total: 2_363, national: 1, provincial: 18, municipal: 127, county: 2_217 },

  // The generator's choices.
  revoked: { namings: 17, revokedOnly: 12, renamed: 3, demoted: 2 },
  /** Each year: the campaign's enterprises and workers, and that year's namings still standing. */
  byYear: {
    2023: {
      enterprises: 5_100,
      workers: 699_963,
      named: { total: 668, national: 0, provincial: 0, municipal: 30, county: 638 },
      passed: 675,
      failed: 4_358,
      notAssessed: 67,
    },
    2024: {
      enterprises: 6_400,
      workers: 795_116,
      named: { total: 1_208, national: 0, provincial: 5, municipal: 44, county: 1_159 },
      passed: 1_218,
      failed: 5_106,
      notAssessed: 76,
    },
    2025: {
      enterprises: 7_192,
      workers: 859_708,
      named: { total: 1_948, national: 1, provincial: 17, municipal: 104, county: 1_826 },
      passed: 1_948,
      failed: 4_963,
      notAssessed: 281,
    },
  },
  profiles: {
    total: 10_525,
    byOwnership: {
      STATE_OWNED: 1_094,
      COLLECTIVE: 592,
      PRIVATE: 6_950,
      FOREIGN_INVESTED: 509,
      HK_MACAO_TAIWAN_INVESTED: 347,
      OTHER: 1_033,
    },
  },
};
