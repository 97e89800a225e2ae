// The operations the benchmark sends: every contract figure of a rollup, for an org and each child.
const HARDSHIP = 'total menUnder50 men50AndOver womenUnder40 women40AndOver juniorHighOrBelow highSchool collegeOrAbove';
const FIGURES = `orgCount
  workers { total members migrantWorkers hardship { ${HARDSHIP} } extremeHardship { ${HARDSHIP} } }
  funds { income disbursed balance byProgramme { programme amount personTimes beneficiaries } }
  pairings { total lifted }
  reemployed
  harmonious { participatingEnterprises participatingWorkers named national provincial municipal county }`;

export const FULL_ROLLUP = `query BenchRollup($code: String!) {
  org(code: $code) { code rollup { ${FIGURES} byChild { org { code } ${FIGURES} } } }
}`;

export const TYPENAME = '{ __typename }';

/**
 * The same figures by plain GROUP BYs over the records, for the org (P) and each child: what a
 * rollup costs without anything kept for it. $1 is the org's path.
 */
export const GROUP_BY_SQL = [
  // Workers, hardship and extreme by cohort and education, against the lines in force today.
  `WITH l AS (
     SELECT hardship_line_fen AS h, extreme_line_fen AS x FROM hardship_lines
     WHERE root_org_id = ltree2text(subpath($1::ltree, 0, 1))::int AND effective_from <= current_date ORDER BY effective_from DESC LIMIT 1
   ), w AS (
     SELECT subpath(o.path, 0, least(nlevel(o.path), nlevel($1::ltree) + 1)) AS g, w.*, a.household_monthly_income_fen AS income, a.household_size AS size
     FROM workers w JOIN orgs o ON o.id = w.org_id LEFT JOIN hardship_archives a ON a.worker_id = w.id AND a.lifted_on IS NULL
     WHERE o.path <@ $1::ltree
   )
   SELECT g::text, count(*) AS total, count(*) FILTER (WHERE is_member) AS members, count(*) FILTER (WHERE is_migrant_worker) AS migrant,
     count(*) FILTER (WHERE income < l.h * size) AS hardship,
     count(*) FILTER (WHERE income < l.h * size AND gender = 'MALE' AND birth_date > current_date - interval '50 years') AS h_men_under_50,
     count(*) FILTER (WHERE income < l.h * size AND gender = 'FEMALE' AND birth_date <= current_date - interval '40 years') AS h_women_40,
     count(*) FILTER (WHERE income < l.h * size AND education = 'JUNIOR_HIGH_OR_BELOW') AS h_junior,
     count(*) FILTER (WHERE income < l.x * size) AS extreme,
     count(*) FILTER (WHERE income < l.x * size AND gender = 'MALE' AND birth_date > current_date - interval '50 years') AS x_men_under_50,
     count(*) FILTER (WHERE income < l.x * size AND gender = 'FEMALE' AND birth_date <= current_date - interval '40 years') AS x_women_40,
     count(*) FILTER (WHERE income < l.x * size AND education = 'JUNIOR_HIGH_OR_BELOW') AS x_junior
   FROM w CROSS JOIN l GROUP BY g`,
  `SELECT subpath(o.path, 0, least(nlevel(o.path), nlevel($1::ltree) + 1))::text AS g, count(*) AS orgs FROM orgs o WHERE o.path <@ $1::ltree GROUP BY 1`,
  // Money paid by programme from the funds of each part of the subtree.
  `SELECT subpath(o.path, 0, least(nlevel(o.path), nlevel($1::ltree) + 1))::text AS g, c.programme, sum(c.amount_fen) AS amount, count(*) AS person_times,
     count(DISTINCT c.worker_id) AS beneficiaries
   FROM assistance_cases c JOIN orgs o ON o.id = c.paying_org_id WHERE o.path <@ $1::ltree AND c.status = 'DISBURSED' GROUP BY 1, 2`,
  `SELECT subpath(o.path, 0, least(nlevel(o.path), nlevel($1::ltree) + 1))::text AS g, sum(f.balance_fen) AS balance
   FROM fund_accounts f JOIN orgs o ON o.id = f.org_id WHERE o.path <@ $1::ltree GROUP BY 1`,
  `SELECT subpath(o.path, 0, least(nlevel(o.path), nlevel($1::ltree) + 1))::text AS g, count(*) AS pairings, count(*) FILTER (WHERE p.end_reason = 'LIFTED') AS lifted
   FROM pairings p JOIN workers w ON w.id = p.worker_id JOIN orgs o ON o.id = w.org_id WHERE o.path <@ $1::ltree GROUP BY 1`,
  `SELECT subpath(o.path, 0, least(nlevel(o.path), nlevel($1::ltree) + 1))::text AS g, count(DISTINCT p.org_id) AS enterprises
   FROM harmonious_participations p JOIN orgs o ON o.id = p.org_id WHERE o.path <@ $1::ltree GROUP BY 1`,
];
