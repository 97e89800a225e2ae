-- The benchmark peer's own schema: what a team using PostGraphile 5 with @graphile/pg-aggregates
-- would add to the database to answer the rollup figures. It reads the application's tables and
-- changes nothing outside bench_peer. Idempotent: it drops and recreates its own schema, in one
-- transaction (bench/peer.ts applies it before every start).
--
-- pg-aggregates puts `aggregates` and `groupedAggregates` on connections of table-like row types
-- only, and it aggregates columns, not conditions. So each family of figures gets a view whose
-- rows carry the figures as 0/1 (or amount) columns to `sum`, and a STABLE SQL function per view
-- that returns the view's rows of one subtree with `child` set to the direct child of the subtree's
-- root the row belongs to (the root's own rows keep the root's path). PostGraphile exposes each
-- function as a connection: `aggregates` gives the org's figures and
-- `groupedAggregates(groupBy: [CHILD])` those of every direct child, in one request. The functions
-- are plain SQL, so PostgreSQL inlines them into PostGraphile's queries.

BEGIN;

DROP SCHEMA IF EXISTS bench_peer CASCADE;
CREATE SCHEMA bench_peer;

-- The hardship and extreme lines in force today, per municipal root.
CREATE VIEW bench_peer.lines_today AS
SELECT DISTINCT ON (l.root_org_id) l.root_org_id, l.hardship_line_fen, l.extreme_line_fen
FROM public.hardship_lines l
WHERE l.effective_from <= current_date
ORDER BY l.root_org_id, l.effective_from DESC;

-- Union organisations, with their fund's balance and whether they ever took part in the
-- harmonious campaign.
CREATE VIEW bench_peer.org_facts AS
SELECT o.id,
  o.path,
  o.path::text AS child,
  1 AS orgs,
  coalesce(f.balance_fen, 0) AS balance_fen,
  (EXISTS (SELECT 1 FROM public.harmonious_participations p WHERE p.org_id = o.id))::int AS harmonious
FROM public.orgs o
LEFT JOIN public.fund_accounts f ON f.org_id = o.id;

-- Workers, each with the figures it counts in: hardship and extreme against today's line of its
-- municipality (income below line x household size, open archive), cohorts by birth date today.
CREATE VIEW bench_peer.worker_facts AS
WITH w AS (
  SELECT w.id, w.org_id, o.path, w.gender, w.birth_date, w.education, w.is_member, w.is_migrant_worker,
    coalesce(a.household_monthly_income_fen < l.hardship_line_fen * a.household_size, false) AS hardship,
    coalesce(a.household_monthly_income_fen < l.extreme_line_fen * a.household_size, false) AS extreme,
    w.gender = 'MALE' AND w.birth_date > (current_date - interval '50 years')::date AS man_under_50,
    w.gender = 'MALE' AND w.birth_date <= (current_date - interval '50 years')::date AS man_50_plus,
    w.gender = 'FEMALE' AND w.birth_date > (current_date - interval '40 years')::date AS woman_under_40,
    w.gender = 'FEMALE' AND w.birth_date <= (current_date - interval '40 years')::date AS woman_40_plus
  FROM public.workers w
  JOIN public.orgs o ON o.id = w.org_id
  LEFT JOIN public.hardship_archives a ON a.worker_id = w.id AND a.lifted_on IS NULL
  LEFT JOIN bench_peer.lines_today l ON l.root_org_id = ltree2text(subpath(o.path, 0, 1))::int
)
SELECT id, org_id, path, path::text AS child,
  1 AS total,
  is_member::int AS members,
  is_migrant_worker::int AS migrant,
  hardship::int AS hardship,
  (hardship AND man_under_50)::int AS h_men_under_50,
  (hardship AND man_50_plus)::int AS h_men_50_plus,
  (hardship AND woman_under_40)::int AS h_women_under_40,
  (hardship AND woman_40_plus)::int AS h_women_40_plus,
  (hardship AND education = 'JUNIOR_HIGH_OR_BELOW')::int AS h_junior_high_or_below,
  (hardship AND education = 'HIGH_SCHOOL')::int AS h_high_school,
  (hardship AND education = 'COLLEGE_OR_ABOVE')::int AS h_college_or_above,
  extreme::int AS extreme,
  (extreme AND man_under_50)::int AS x_men_under_50,
  (extreme AND man_50_plus)::int AS x_men_50_plus,
  (extreme AND woman_under_40)::int AS x_women_under_40,
  (extreme AND woman_40_plus)::int AS x_women_40_plus,
  (extreme AND education = 'JUNIOR_HIGH_OR_BELOW')::int AS x_junior_high_or_below,
  (extreme AND education = 'HIGH_SCHOOL')::int AS x_high_school,
  (extreme AND education = 'COLLEGE_OR_ABOVE')::int AS x_college_or_above
FROM w;

-- Disbursed assistance, where the paying fund is.
CREATE VIEW bench_peer.payment_facts AS
SELECT c.id, c.worker_id, c.paying_org_id, o.path, o.path::text AS child, c.programme, c.amount_fen, 1 AS person_times
FROM public.assistance_cases c
JOIN public.orgs o ON o.id = c.paying_org_id
WHERE c.status = 'DISBURSED';

-- Pairings (一帮一), where the worker is.
CREATE VIEW bench_peer.pairing_facts AS
SELECT p.id, w.org_id, o.path, o.path::text AS child, 1 AS total, (p.end_reason IS NOT DISTINCT FROM 'LIFTED')::int AS lifted
FROM public.pairings p
JOIN public.workers w ON w.id = p.worker_id
JOIN public.orgs o ON o.id = w.org_id;

-- The subtree functions: `root` is the subtree's root path (e.g. '1.2'), as text (PostGraphile
-- has no codec for ltree: it leaves the `path` columns out of the GraphQL schema, with a warning).
CREATE FUNCTION bench_peer.subtree_orgs(root text) RETURNS SETOF bench_peer.org_facts
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT f.id, f.path, subpath(f.path, 0, least(nlevel(f.path), nlevel(root::ltree) + 1))::text, f.orgs, f.balance_fen, f.harmonious
  FROM bench_peer.org_facts f
  WHERE f.path <@ root::ltree
$$;

CREATE FUNCTION bench_peer.subtree_workers(root text) RETURNS SETOF bench_peer.worker_facts
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT f.id, f.org_id, f.path, subpath(f.path, 0, least(nlevel(f.path), nlevel(root::ltree) + 1))::text,
    f.total, f.members, f.migrant,
    f.hardship, f.h_men_under_50, f.h_men_50_plus, f.h_women_under_40, f.h_women_40_plus,
    f.h_junior_high_or_below, f.h_high_school, f.h_college_or_above,
    f.extreme, f.x_men_under_50, f.x_men_50_plus, f.x_women_under_40, f.x_women_40_plus,
    f.x_junior_high_or_below, f.x_high_school, f.x_college_or_above
  FROM bench_peer.worker_facts f
  WHERE f.path <@ root::ltree
$$;

CREATE FUNCTION bench_peer.subtree_payments(root text) RETURNS SETOF bench_peer.payment_facts
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT f.id, f.worker_id, f.paying_org_id, f.path, subpath(f.path, 0, least(nlevel(f.path), nlevel(root::ltree) + 1))::text,
    f.programme, f.amount_fen, f.person_times
  FROM bench_peer.payment_facts f
  WHERE f.path <@ root::ltree
$$;

CREATE FUNCTION bench_peer.subtree_pairings(root text) RETURNS SETOF bench_peer.pairing_facts
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT f.id, f.org_id, f.path, subpath(f.path, 0, least(nlevel(f.path), nlevel(root::ltree) + 1))::text, f.total, f.lifted
  FROM bench_peer.pairing_facts f
  WHERE f.path <@ root::ltree
$$;

COMMIT;
