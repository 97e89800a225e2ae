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
