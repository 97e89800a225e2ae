// The rollup cells as the records say they should be: the reference that rebuilding and
// reconciling use, and the definition the triggers of migration RollupCells keep incrementally.
// Each part gives (org_id, family, bucket, n, v); "up" parts count for the org and every
// ancestor, "self" parts for the org alone.

/** Cells that count for their org and every ancestor, per org. */
const UP_PARTS = [
  // Union organisations.
  `SELECT o.id AS org_id, 'orgs' AS family, '' AS bucket, 1::bigint AS n, 0::bigint AS v FROM orgs o`,
  // Workers: registered, members, migrant and model workers.
  `SELECT w.org_id, f.family, '', count(*), 0 FROM workers w
   CROSS JOIN LATERAL (VALUES ('workers', true), ('members', w.is_member), ('migrant', w.is_migrant_worker), ('model', w.is_model_worker)) AS f(family, counted)
   WHERE f.counted GROUP BY w.org_id, f.family`,
  // Hardship workers for each line kept and each band they are in; birth dates counted by day
  // first, then into their year, month and day buckets.
  `SELECT x.org_id, x.family, b.bucket, sum(x.n), 0
   FROM (
     SELECT w.org_id, y.family, y.day, count(*) AS n
     FROM hardship_archives a
     JOIN workers w ON w.id = a.worker_id
     JOIN orgs o ON o.id = w.org_id
     JOIN (SELECT r.id AS root, l.* FROM orgs r CROSS JOIN LATERAL rollup_lines(r.id) AS l WHERE r.parent_id IS NULL) AS l
       ON l.root = ltree2text(subpath(o.path, 0, 1))::integer
     CROSS JOIN LATERAL (VALUES ('H', l.hardship_fen), ('X', l.extreme_fen)) AS bd(band, line)
     CROSS JOIN LATERAL (
       SELECT 'h' || l.id || bd.band AS family, NULL::date AS day
       UNION ALL SELECT 'h' || l.id || bd.band || ':edu:' || w.education::text, NULL
       UNION ALL SELECT 'h' || l.id || bd.band || ':cause:' || c::text, NULL FROM unnest(a.causes) AS c
       UNION ALL SELECT 'h' || l.id || bd.band || ':' || w.gender::text, w.birth_date
     ) AS y
     WHERE a.lifted_on IS NULL AND a.household_monthly_income_fen < bd.line * a.household_size
     GROUP BY w.org_id, y.family, y.day
   ) x
   CROSS JOIN LATERAL unnest(CASE WHEN x.day IS NULL THEN ARRAY[''] ELSE (rollup_buckets(x.day))[2:4] END) AS b(bucket)
   GROUP BY x.org_id, x.family, b.bucket`,
  // Pairings, where the worker is.
  `SELECT w.org_id, f.family, '', count(*), 0 FROM pairings p JOIN workers w ON w.id = p.worker_id
   CROSS JOIN LATERAL (VALUES ('pairings', true), ('pairings:lifted', p.end_reason = 'LIFTED'), ('pairings:active', p.ended_on IS NULL)) AS f(family, counted)
   WHERE f.counted GROUP BY w.org_id, f.family`,
  // Income from outside the tree, into (or reversed out of) a fund.
  `SELECT CASE e.kind WHEN 'INCOME' THEN e.to_org_id ELSE e.from_org_id END, 'income', b, 0,
     sum(CASE e.kind WHEN 'INCOME' THEN e.amount_fen ELSE -e.amount_fen END)
   FROM ledger_entries e CROSS JOIN LATERAL unnest(rollup_buckets(e.entry_date)) AS b
   WHERE e.kind IN ('INCOME', 'INCOME_REVERSAL') GROUP BY 1, 3`,
  // Payments and services by programme, where the paying fund is.
  `SELECT p.paying_org_id, 'paid:' || p.programme::text, b, sum(p.n), sum(p.v)
   FROM (SELECT c.paying_org_id, c.programme, c.disbursed_on AS day, count(*) AS n, sum(c.amount_fen) AS v FROM assistance_cases c
         WHERE c.status = 'DISBURSED' GROUP BY 1, 2, 3) p
   CROSS JOIN LATERAL unnest(rollup_buckets(p.day)) AS b
   GROUP BY 1, 2, 3`,
  // Each worker re-employed, on the day of the first such outcome, where the worker is.
  `SELECT g.org_id, 'reemployed', b, sum(g.n), 0
   FROM (SELECT w.org_id, f.day, count(*) AS n
         FROM (SELECT c.worker_id, min(c.outcome_on) AS day FROM assistance_cases c
               WHERE c.status = 'DISBURSED' AND c.programme IN ('SKILLS', 'EMPLOYMENT') AND c.reemployed AND c.outcome_on IS NOT NULL
               GROUP BY c.worker_id) f
         JOIN workers w ON w.id = f.worker_id GROUP BY 1, 2) g
   CROSS JOIN LATERAL unnest(rollup_buckets(g.day)) AS b
   GROUP BY 1, 3`,
];

/** The campaign cells of every enterprise: recomputed, or as the triggers last stored them. */
function campaignPart(source: 'fresh' | 'stored'): string {
  return source === 'fresh'
    ? `SELECT e.id, c.family, c.bucket, c.n, c.v FROM orgs e CROSS JOIN LATERAL rollup_enterprise_cells_of(e.id) AS c WHERE e.level = 'ENTERPRISE'`
    : `SELECT s.org_id, s.family, s.bucket, s.n, s.v FROM rollup_enterprise_cells s`;
}

/** Cells that count for one org only, already per subtree. */
const SELF_PARTS = [
  // An allocation crosses into the child's own subtree only.
  `SELECT CASE e.kind WHEN 'ALLOCATION' THEN e.to_org_id ELSE e.from_org_id END AS org_id, 'income' AS family, b AS bucket, 0::bigint AS n,
     sum(CASE e.kind WHEN 'ALLOCATION' THEN e.amount_fen ELSE -e.amount_fen END)::bigint AS v
   FROM ledger_entries e CROSS JOIN LATERAL unnest(rollup_buckets(e.entry_date)) AS b
   WHERE e.kind IN ('ALLOCATION', 'ALLOCATION_REVERSAL') GROUP BY 1, 3`,
  // Distinct beneficiaries: each worker and programme on the day first paid from the subtree.
  `SELECT g.anc, 'ben:' || g.programme::text, b, sum(g.n), 0
   FROM (SELECT f.anc, f.programme, f.day, count(*) AS n
         FROM (SELECT anc, c.worker_id, c.programme, min(c.disbursed_on) AS day
               FROM assistance_cases c JOIN orgs po ON po.id = c.paying_org_id CROSS JOIN LATERAL unnest(rollup_chain(po.path)) AS anc
               WHERE c.status = 'DISBURSED' GROUP BY 1, 2, 3) f
         GROUP BY 1, 2, 3) g
   CROSS JOIN LATERAL unnest(rollup_buckets(g.day)) AS b
   GROUP BY 1, 2, 3`,
];

/**
 * SQL for the cells of the orgs in `targets` (a parameter holding int[], or NULL for every org),
 * one row per cell: (org_id, family, bucket, n, v).
 */
export function truthSql(targets: string, campaign: 'fresh' | 'stored'): string {
  const up = [...UP_PARTS, campaignPart(campaign)].join('\n  UNION ALL\n  ');
  return `SELECT org_id, family, bucket, sum(n)::bigint AS n, sum(v)::bigint AS v FROM (
    SELECT anc AS org_id, base.family, base.bucket, base.n, base.v
    FROM (${up}) AS base (org_id, family, bucket, n, v)
    JOIN orgs o ON o.id = base.org_id CROSS JOIN LATERAL unnest(rollup_chain(o.path)) AS anc
    WHERE ${targets} IS NULL OR anc = ANY(${targets})
    UNION ALL
    SELECT self.* FROM (${SELF_PARTS.join('\n  UNION ALL\n  ')}) AS self (org_id, family, bucket, n, v)
    WHERE ${targets} IS NULL OR self.org_id = ANY(${targets})
  ) cells GROUP BY org_id, family, bucket HAVING sum(n) <> 0 OR sum(v) <> 0`;
}

/** SQL for the deltas not yet folded, as the cells they add to each org in `targets` (or all). */
export function pendingSql(targets: string): string {
  return `SELECT x.org_id, d.family, d.bucket, sum(d.n)::bigint AS n, sum(d.v)::bigint AS v
    FROM rollup_deltas d JOIN orgs o ON o.id = d.org_id
    CROSS JOIN LATERAL unnest(CASE WHEN d.self THEN ARRAY[d.org_id] ELSE rollup_chain(o.path) END) AS x(org_id)
    WHERE ${targets} IS NULL OR x.org_id = ANY(${targets})
    GROUP BY x.org_id, d.family, d.bucket`;
}
