import type { MigrationInterface, QueryRunner } from 'typeorm';

// The rollup's counters (docs/decisions/0005-rollup-counters.md). Every write that changes a
// figure appends signed cells to rollup_deltas from a trigger, in the writer's transaction; the
// folder moves them into rollup_totals, the figures of each org's whole subtree. A read sums an
// org's totals and the deltas not yet folded, in one statement. Cells are (family, bucket):
// dated families carry buckets '' (all time), 'yYYYY', 'mYYYY-MM' and 'dYYYY-MM-DD', so that
// any period and any birth-date boundary is a few prefix sums.
//
// Lock keys (pg_advisory_xact_lock(class, id)): 7001 the org tree (org.service TREE_LOCK), 7002
// the hardship lines of a tree, 7003 a worker's firsts (beneficiaries, re-employment), 7004 an
// enterprise's campaign cells, 7005 the totals (folding and rebuilding).
const UP = `
CREATE TABLE rollup_totals (
  org_id integer NOT NULL,
  family text COLLATE "C" NOT NULL,
  bucket text COLLATE "C" NOT NULL,
  n bigint NOT NULL,
  v bigint NOT NULL,
  CONSTRAINT "PK_rollup_totals" PRIMARY KEY (org_id, family, bucket)
);
CREATE TABLE rollup_deltas (
  id bigserial NOT NULL,
  org_id integer NOT NULL,
  self boolean NOT NULL,
  family text COLLATE "C" NOT NULL,
  bucket text COLLATE "C" NOT NULL,
  n bigint NOT NULL,
  v bigint NOT NULL,
  CONSTRAINT "PK_rollup_deltas" PRIMARY KEY (id)
);
CREATE TABLE rollup_enterprise_cells (
  org_id integer NOT NULL,
  family text COLLATE "C" NOT NULL,
  bucket text COLLATE "C" NOT NULL,
  n bigint NOT NULL,
  v bigint NOT NULL,
  CONSTRAINT "PK_rollup_enterprise_cells" PRIMARY KEY (org_id, family, bucket)
);

-- The buckets of a day: all time, its year, its month, the day itself.
CREATE FUNCTION rollup_buckets(p_day date) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY['', 'y' || left(s, 4), 'm' || left(s, 7), 'd' || s] FROM to_char(p_day, 'YYYY-MM-DD') AS s
$$;

-- The org's id and those of its ancestors, root first (every path label is an org id).
CREATE FUNCTION rollup_chain(p_path ltree) RETURNS integer[] LANGUAGE sql IMMUTABLE AS $$
  SELECT string_to_array(ltree2text(p_path), '.')::integer[]
$$;

CREATE FUNCTION rollup_add(p_org integer, p_self boolean, p_family text, p_bucket text, p_n bigint, p_v bigint)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_deltas (org_id, self, family, bucket, n, v)
  SELECT p_org, p_self, p_family, p_bucket, p_n, p_v WHERE p_n <> 0 OR p_v <> 0
$$;

-- A dated cell in all four buckets, or (p_all false) in the year, month and day only.
CREATE FUNCTION rollup_add_dated(p_org integer, p_self boolean, p_family text, p_day date, p_n bigint, p_v bigint, p_all boolean)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_deltas (org_id, self, family, bucket, n, v)
  SELECT p_org, p_self, p_family, b.bucket, p_n, p_v FROM unnest(rollup_buckets(p_day)) WITH ORDINALITY AS b(bucket, i)
  WHERE (p_n <> 0 OR p_v <> 0) AND (p_all OR b.i > 1)
$$;

-- The lines the hardship cells are kept for: the one in force today and any that start later.
CREATE FUNCTION rollup_lines(p_root integer) RETURNS TABLE (id integer, hardship_fen bigint, extreme_fen bigint)
LANGUAGE sql STABLE AS $$
  SELECT l.id, l.hardship_line_fen, l.extreme_line_fen FROM hardship_lines l
  WHERE l.root_org_id = p_root AND l.effective_from >= coalesce(
    (SELECT max(c.effective_from) FROM hardship_lines c WHERE c.root_org_id = p_root AND c.effective_from <= current_date), '-infinity'::date)
$$;

-- Worker counts: registered, members, migrant and model workers, where the worker is.
CREATE FUNCTION rollup_worker_cells(p_sign integer, w workers) RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_deltas (org_id, self, family, bucket, n, v)
  SELECT w.org_id, false, f.family, '', p_sign, 0
  FROM (VALUES ('workers', true), ('members', w.is_member), ('migrant', w.is_migrant_worker), ('model', w.is_model_worker)) AS f(family, counted)
  WHERE f.counted
$$;

-- The cells of a hardship worker (an open archive): for each line kept and each band the worker
-- is in (H hardship, X extreme), the total, education, causes and birth date by gender.
CREATE FUNCTION rollup_hardship_cells(p_sign integer, w workers, a hardship_archives) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_root integer;
  l record;
  v_band text;
  v_prefix text;
BEGIN
  IF w.id IS NULL OR a.id IS NULL OR a.lifted_on IS NOT NULL THEN RETURN; END IF;
  SELECT ltree2text(subpath(o.path, 0, 1))::integer INTO v_root FROM orgs o WHERE o.id = w.org_id;
  -- A change of the lines rebuilds their cells under the exclusive lock; writers share it.
  PERFORM pg_advisory_xact_lock_shared(7002, v_root);
  FOR l IN SELECT * FROM rollup_lines(v_root) LOOP
    FOREACH v_band IN ARRAY ARRAY['H', 'X'] LOOP
      CONTINUE WHEN a.household_monthly_income_fen >= (CASE v_band WHEN 'H' THEN l.hardship_fen ELSE l.extreme_fen END) * a.household_size;
      v_prefix := 'h' || l.id || v_band;
      INSERT INTO rollup_deltas (org_id, self, family, bucket, n, v)
      SELECT w.org_id, false, f, '', p_sign, 0
      FROM unnest(ARRAY[v_prefix, v_prefix || ':edu:' || w.education::text]
                  || ARRAY(SELECT v_prefix || ':cause:' || c::text FROM unnest(a.causes) AS c)) AS f;
      PERFORM rollup_add_dated(w.org_id, false, v_prefix || ':' || w.gender::text, w.birth_date, p_sign, 0, false);
    END LOOP;
  END LOOP;
END $$;

CREATE FUNCTION rollup_on_org() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN PERFORM rollup_add(NEW.id, false, 'orgs', '', 1, 0);
  ELSIF TG_OP = 'DELETE' THEN PERFORM rollup_add(OLD.id, false, 'orgs', '', -1, 0);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION rollup_on_worker() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  a hardship_archives;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.org_id <> OLD.org_id THEN
    -- Pairings, cases and outcomes count where the worker is: a transfer must move them too.
    RAISE EXCEPTION 'a worker''s org cannot be changed in place' USING ERRCODE = 'restrict_violation';
  END IF;
  SELECT * INTO a FROM hardship_archives h WHERE h.worker_id = coalesce(NEW.id, OLD.id) AND h.lifted_on IS NULL;
  IF TG_OP <> 'INSERT' THEN
    PERFORM rollup_worker_cells(-1, OLD);
    PERFORM rollup_hardship_cells(-1, OLD, a);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM rollup_worker_cells(1, NEW);
    PERFORM rollup_hardship_cells(1, NEW, a);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION rollup_on_archive() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  w workers;
BEGIN
  SELECT * INTO w FROM workers x WHERE x.id = coalesce(NEW.worker_id, OLD.worker_id);
  IF TG_OP <> 'INSERT' THEN
    IF OLD.worker_id <> w.id THEN RAISE EXCEPTION 'an archive cannot change worker' USING ERRCODE = 'restrict_violation'; END IF;
    PERFORM rollup_hardship_cells(-1, w, OLD);
  END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_hardship_cells(1, w, NEW); END IF;
  RETURN NULL;
END $$;

-- The lines changed: rebuild the hardship cells of the tree for the lines kept, as the records
-- say less what is still waiting in the deltas, so that totals and deltas add up to the records.
CREATE FUNCTION rollup_on_line() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_root integer := coalesce(NEW.root_org_id, OLD.root_org_id);
BEGIN
  PERFORM pg_advisory_xact_lock(7002, v_root);
  PERFORM pg_advisory_xact_lock(7005, 0);
  DELETE FROM rollup_totals t USING orgs o
  WHERE o.id = t.org_id AND o.path <@ v_root::text::ltree AND t.family LIKE 'h%';
  INSERT INTO rollup_totals (org_id, family, bucket, n, v)
  SELECT org_id, family, bucket, sum(n), 0 FROM (
    SELECT anc AS org_id, x.family, x.bucket, x.n
    FROM orgs o
    JOIN workers w ON w.org_id = o.id
    JOIN hardship_archives a ON a.worker_id = w.id AND a.lifted_on IS NULL
    CROSS JOIN rollup_lines(v_root) l
    CROSS JOIN LATERAL (VALUES ('H', l.hardship_fen), ('X', l.extreme_fen)) AS b(band, line)
    CROSS JOIN LATERAL (
      SELECT 'h' || l.id || b.band AS family, '' AS bucket, 1::bigint AS n
      UNION ALL SELECT 'h' || l.id || b.band || ':edu:' || w.education::text, '', 1
      UNION ALL SELECT 'h' || l.id || b.band || ':cause:' || c::text, '', 1 FROM unnest(a.causes) AS c
      UNION ALL SELECT 'h' || l.id || b.band || ':' || w.gender::text, bb, 1 FROM unnest((rollup_buckets(w.birth_date))[2:4]) AS bb
    ) x
    CROSS JOIN LATERAL unnest(rollup_chain(o.path)) AS anc
    WHERE o.path <@ v_root::text::ltree AND a.household_monthly_income_fen < b.line * a.household_size
    UNION ALL
    -- a delta still to fold counts for its org and every ancestor
    SELECT anc, d.family, d.bucket, -d.n FROM rollup_deltas d JOIN orgs o ON o.id = d.org_id
    CROSS JOIN LATERAL unnest(rollup_chain(o.path)) AS anc
    WHERE NOT d.self AND o.path <@ v_root::text::ltree AND d.family LIKE 'h%'
  ) cells
  GROUP BY org_id, family, bucket HAVING sum(n) <> 0;
  RETURN NULL;
END $$;

CREATE FUNCTION rollup_pairing_cells(p_sign integer, p pairings) RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_deltas (org_id, self, family, bucket, n, v)
  SELECT w.org_id, false, f.family, '', p_sign, 0 FROM workers w
  CROSS JOIN (VALUES ('pairings', true), ('pairings:lifted', p.end_reason = 'LIFTED'), ('pairings:active', p.ended_on IS NULL)) AS f(family, counted)
  WHERE w.id = p.worker_id AND f.counted
$$;

CREATE FUNCTION rollup_on_pairing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_pairing_cells(-1, OLD); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_pairing_cells(1, NEW); END IF;
  RETURN NULL;
END $$;

-- Income: money that crosses into a subtree from outside it. An income counts for every subtree
-- holding the fund; an allocation only for the child's own subtree (the parent is outside it).
CREATE FUNCTION rollup_on_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  CASE NEW.kind
    WHEN 'INCOME' THEN PERFORM rollup_add_dated(NEW.to_org_id, false, 'income', NEW.entry_date, 0, NEW.amount_fen, true);
    WHEN 'INCOME_REVERSAL' THEN PERFORM rollup_add_dated(NEW.from_org_id, false, 'income', NEW.entry_date, 0, -NEW.amount_fen, true);
    WHEN 'ALLOCATION' THEN PERFORM rollup_add_dated(NEW.to_org_id, true, 'income', NEW.entry_date, 0, NEW.amount_fen, true);
    WHEN 'ALLOCATION_REVERSAL' THEN PERFORM rollup_add_dated(NEW.from_org_id, true, 'income', NEW.entry_date, 0, -NEW.amount_fen, true);
    ELSE NULL; -- payments count through their cases
  END CASE;
  RETURN NULL;
END $$;

-- Payments by programme where the paying fund is; the first payment of each worker and
-- programme in each subtree (distinct beneficiaries); the first re-employment of each worker.
CREATE FUNCTION rollup_on_case() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_old_paid boolean := TG_OP <> 'INSERT' AND OLD.status = 'DISBURSED';
  v_new_paid boolean := TG_OP <> 'DELETE' AND NEW.status = 'DISBURSED';
  v_old_re boolean := TG_OP <> 'INSERT' AND OLD.status = 'DISBURSED' AND OLD.programme IN ('SKILLS', 'EMPLOYMENT') AND coalesce(OLD.reemployed, false) AND OLD.outcome_on IS NOT NULL;
  v_new_re boolean := TG_OP <> 'DELETE' AND NEW.status = 'DISBURSED' AND NEW.programme IN ('SKILLS', 'EMPLOYMENT') AND coalesce(NEW.reemployed, false) AND NEW.outcome_on IS NOT NULL;
  c assistance_cases;
  v_root integer;
  v_old_path ltree;
  v_new_path ltree;
  v_old_day date;
  v_new_day date;
  v_others date;
  v_was date;
  v_now date;
  v_org integer;
BEGIN
  IF TG_OP = 'DELETE' THEN c := OLD; ELSE c := NEW; END IF;
  IF TG_OP = 'UPDATE' AND (OLD.worker_id <> NEW.worker_id OR OLD.programme <> NEW.programme) THEN
    RAISE EXCEPTION 'a case cannot change worker or programme' USING ERRCODE = 'restrict_violation';
  END IF;
  IF v_old_paid THEN PERFORM rollup_add_dated(OLD.paying_org_id, false, 'paid:' || OLD.programme::text, OLD.disbursed_on, -1, -OLD.amount_fen, true); END IF;
  IF v_new_paid THEN PERFORM rollup_add_dated(NEW.paying_org_id, false, 'paid:' || NEW.programme::text, NEW.disbursed_on, 1, NEW.amount_fen, true); END IF;

  IF (v_old_paid, CASE WHEN v_old_paid THEN OLD.paying_org_id END, CASE WHEN v_old_paid THEN OLD.disbursed_on END)
     IS DISTINCT FROM (v_new_paid, CASE WHEN v_new_paid THEN NEW.paying_org_id END, CASE WHEN v_new_paid THEN NEW.disbursed_on END) THEN
    v_old_path := CASE WHEN v_old_paid THEN (SELECT o.path FROM orgs o WHERE o.id = OLD.paying_org_id) END;
    v_new_path := CASE WHEN v_new_paid THEN (SELECT o.path FROM orgs o WHERE o.id = NEW.paying_org_id) END;
    v_old_day := CASE WHEN v_old_paid THEN OLD.disbursed_on END;
    v_new_day := CASE WHEN v_new_paid THEN NEW.disbursed_on END;
    v_root := ltree2text(subpath(coalesce(v_new_path, v_old_path), 0, 1))::integer;
    -- Which subtree holds which fund must not change under us (a move takes this exclusively),
    -- and two payments to one worker take turns, each seeing the other once committed.
    PERFORM pg_advisory_xact_lock_shared(7001, v_root);
    PERFORM pg_advisory_xact_lock(7003, (c.worker_id % 2147483647)::integer);
    -- For each subtree holding the old or the new paying fund: the day the worker was first paid
    -- under the programme from it, before and after; where it moved, -1 on the old day, +1 on the new.
    INSERT INTO rollup_deltas (org_id, self, family, bucket, n, v)
    SELECT a.id, true, 'ben:' || c.programme::text, b.bucket, ch.n, 0
    FROM orgs a
    CROSS JOIN LATERAL (
      SELECT min(x.disbursed_on) AS others FROM assistance_cases x JOIN orgs po ON po.id = x.paying_org_id
      WHERE x.worker_id = c.worker_id AND x.programme = c.programme AND x.status = 'DISBURSED' AND x.id <> c.id AND po.path <@ a.path
    ) o
    CROSS JOIN LATERAL (
      SELECT CASE WHEN v_old_path <@ a.path THEN least(o.others, v_old_day) ELSE o.others END AS was,
             CASE WHEN v_new_path <@ a.path THEN least(o.others, v_new_day) ELSE o.others END AS now
    ) f
    CROSS JOIN LATERAL (VALUES (f.was, -1::bigint), (f.now, 1::bigint)) AS ch(day, n)
    CROSS JOIN LATERAL unnest(rollup_buckets(ch.day)) AS b(bucket)
    WHERE a.id = ANY(coalesce(rollup_chain(v_old_path), '{}') || coalesce(rollup_chain(v_new_path), '{}'))
      AND f.was IS DISTINCT FROM f.now AND ch.day IS NOT NULL;
  END IF;

  IF (v_old_re, CASE WHEN v_old_re THEN OLD.outcome_on END) IS DISTINCT FROM (v_new_re, CASE WHEN v_new_re THEN NEW.outcome_on END) THEN
    PERFORM pg_advisory_xact_lock(7003, (c.worker_id % 2147483647)::integer);
    SELECT min(x.outcome_on) INTO v_others FROM assistance_cases x
    WHERE x.worker_id = c.worker_id AND x.id <> c.id AND x.status = 'DISBURSED' AND x.programme IN ('SKILLS', 'EMPLOYMENT')
      AND x.reemployed AND x.outcome_on IS NOT NULL;
    v_was := CASE WHEN v_old_re THEN least(v_others, OLD.outcome_on) ELSE v_others END;
    v_now := CASE WHEN v_new_re THEN least(v_others, NEW.outcome_on) ELSE v_others END;
    IF v_was IS DISTINCT FROM v_now THEN
      SELECT w.org_id INTO v_org FROM workers w WHERE w.id = c.worker_id;
      IF v_was IS NOT NULL THEN PERFORM rollup_add_dated(v_org, false, 'reemployed', v_was, -1, 0, true); END IF;
      IF v_now IS NOT NULL THEN PERFORM rollup_add_dated(v_org, false, 'reemployed', v_now, 1, 0, true); END IF;
    END IF;
  END IF;
  RETURN NULL;
END $$;

-- What one enterprise adds to the campaign figures, for all years ('all') and for each year:
-- 'cp:<scope>:<ownership>' participation (n enterprises, v their workers, the latest year for
-- 'all'), and 'cn:<scope>:<ownership>:<level>' its highest current naming over time: +1 from
-- bucket 'd' (now) and, where a revocation dated later changes the highest level, -1 and +1 on
-- that day; a read sums the buckets up to today.
CREATE FUNCTION rollup_enterprise_cells_of(p_org integer) RETURNS TABLE (family text, bucket text, n bigint, v bigint)
LANGUAGE sql STABLE AS $$
  WITH own AS (
    SELECT coalesce((SELECT ep.ownership::text FROM enterprise_profiles ep WHERE ep.org_id = p_org), '-') AS own
  ), scopes AS (
    SELECT 'all' AS scope, NULL::integer AS year
    UNION ALL
    SELECT DISTINCT y::text, y FROM (
      SELECT p.year AS y FROM harmonious_participations p WHERE p.org_id = p_org
      UNION SELECT nm.year FROM harmonious_namings nm WHERE nm.org_id = p_org
    ) ys
  ), participation AS (
    SELECT s.scope, p.participating_workers FROM scopes s
    CROSS JOIN LATERAL (
      SELECT p.participating_workers FROM harmonious_participations p
      WHERE p.org_id = p_org AND (s.year IS NULL OR p.year = s.year) ORDER BY p.year DESC LIMIT 1
    ) p
  ), live AS (
    SELECT s.scope, CASE nm.level WHEN 'NATIONAL' THEN 1 WHEN 'PROVINCIAL' THEN 2 WHEN 'MUNICIPAL' THEN 3 ELSE 4 END AS rank, nm.revoked_on
    FROM scopes s JOIN harmonious_namings nm ON nm.org_id = p_org AND (s.year IS NULL OR nm.year = s.year)
    WHERE nm.revoked_on IS NULL OR nm.revoked_on > current_date
  ), points AS (
    SELECT DISTINCT scope, NULL::date AS t FROM live
    UNION SELECT DISTINCT scope, revoked_on FROM live WHERE revoked_on IS NOT NULL
  ), timeline AS (
    SELECT pt.scope, pt.t,
      (SELECT min(c.rank) FROM live c WHERE c.scope = pt.scope AND (pt.t IS NULL OR c.revoked_on IS NULL OR c.revoked_on > pt.t)) AS rank
    FROM points pt
  ), steps AS (
    SELECT scope, t, rank, lag(rank) OVER (PARTITION BY scope ORDER BY t NULLS FIRST) AS before FROM timeline
  )
  SELECT 'cp:' || scope || ':' || own.own, '', 1::bigint, participating_workers::bigint FROM participation CROSS JOIN own
  UNION ALL
  SELECT 'cn:' || scope || ':' || own.own || ':' || x.rank, CASE WHEN t IS NULL THEN 'd' ELSE 'd' || to_char(t, 'YYYY-MM-DD') END, x.n, 0
  FROM steps CROSS JOIN own
  CROSS JOIN LATERAL (VALUES (before, -1::bigint), (rank, 1::bigint)) AS x(rank, n)
  WHERE steps.rank IS DISTINCT FROM steps.before AND x.rank IS NOT NULL
$$;

-- Recompute one enterprise's cells and send the difference from what it added before.
CREATE FUNCTION rollup_refresh_enterprise(p_org integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_org IS NULL THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(7004, p_org);
  INSERT INTO rollup_deltas (org_id, self, family, bucket, n, v)
  SELECT p_org, false, family, bucket, sum(n), sum(v) FROM (
    SELECT f.family, f.bucket, f.n, f.v FROM rollup_enterprise_cells_of(p_org) f
    UNION ALL
    SELECT s.family, s.bucket, -s.n, -s.v FROM rollup_enterprise_cells s WHERE s.org_id = p_org
  ) diff GROUP BY family, bucket HAVING sum(n) <> 0 OR sum(v) <> 0;
  DELETE FROM rollup_enterprise_cells WHERE org_id = p_org;
  INSERT INTO rollup_enterprise_cells (org_id, family, bucket, n, v) SELECT p_org, f.* FROM rollup_enterprise_cells_of(p_org) f;
END $$;

CREATE FUNCTION rollup_on_campaign() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_refresh_enterprise(OLD.org_id); END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.org_id <> OLD.org_id) THEN PERFORM rollup_refresh_enterprise(NEW.org_id); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER rollup_orgs AFTER INSERT OR DELETE ON orgs FOR EACH ROW EXECUTE FUNCTION rollup_on_org();
CREATE TRIGGER rollup_workers AFTER INSERT OR DELETE OR UPDATE OF org_id, gender, birth_date, education, is_member, is_migrant_worker, is_model_worker
  ON workers FOR EACH ROW EXECUTE FUNCTION rollup_on_worker();
CREATE TRIGGER rollup_hardship_archives AFTER INSERT OR DELETE OR UPDATE OF worker_id, household_size, household_monthly_income_fen, causes, lifted_on
  ON hardship_archives FOR EACH ROW EXECUTE FUNCTION rollup_on_archive();
CREATE TRIGGER rollup_hardship_lines AFTER INSERT OR DELETE OR UPDATE ON hardship_lines FOR EACH ROW EXECUTE FUNCTION rollup_on_line();
CREATE TRIGGER rollup_pairings AFTER INSERT OR DELETE OR UPDATE OF worker_id, ended_on, end_reason ON pairings FOR EACH ROW EXECUTE FUNCTION rollup_on_pairing();
CREATE TRIGGER rollup_ledger_entries AFTER INSERT ON ledger_entries FOR EACH ROW EXECUTE FUNCTION rollup_on_entry();
CREATE TRIGGER rollup_assistance_cases AFTER INSERT OR DELETE OR UPDATE OF worker_id, programme, status, paying_org_id, amount_fen, disbursed_on, reemployed, outcome_on
  ON assistance_cases FOR EACH ROW EXECUTE FUNCTION rollup_on_case();
CREATE TRIGGER rollup_harmonious_participations AFTER INSERT OR DELETE OR UPDATE OF org_id, year, participating_workers
  ON harmonious_participations FOR EACH ROW EXECUTE FUNCTION rollup_on_campaign();
CREATE TRIGGER rollup_harmonious_namings AFTER INSERT OR DELETE OR UPDATE OF org_id, year, level, revoked_on
  ON harmonious_namings FOR EACH ROW EXECUTE FUNCTION rollup_on_campaign();
CREATE TRIGGER rollup_enterprise_profiles AFTER INSERT OR DELETE OR UPDATE OF org_id, ownership
  ON enterprise_profiles FOR EACH ROW EXECUTE FUNCTION rollup_on_campaign();
`;

const DOWN = `
DROP TRIGGER rollup_enterprise_profiles ON enterprise_profiles;
DROP TRIGGER rollup_harmonious_namings ON harmonious_namings;
DROP TRIGGER rollup_harmonious_participations ON harmonious_participations;
DROP TRIGGER rollup_assistance_cases ON assistance_cases;
DROP TRIGGER rollup_ledger_entries ON ledger_entries;
DROP TRIGGER rollup_pairings ON pairings;
DROP TRIGGER rollup_hardship_lines ON hardship_lines;
DROP TRIGGER rollup_hardship_archives ON hardship_archives;
DROP TRIGGER rollup_workers ON workers;
DROP TRIGGER rollup_orgs ON orgs;
DROP FUNCTION rollup_on_campaign();
DROP FUNCTION rollup_refresh_enterprise(integer);
DROP FUNCTION rollup_enterprise_cells_of(integer);
DROP FUNCTION rollup_on_case();
DROP FUNCTION rollup_on_entry();
DROP FUNCTION rollup_on_pairing();
DROP FUNCTION rollup_pairing_cells(integer, pairings);
DROP FUNCTION rollup_on_line();
DROP FUNCTION rollup_on_archive();
DROP FUNCTION rollup_on_worker();
DROP FUNCTION rollup_on_org();
DROP FUNCTION rollup_hardship_cells(integer, workers, hardship_archives);
DROP FUNCTION rollup_worker_cells(integer, workers);
DROP FUNCTION rollup_lines(integer);
DROP FUNCTION rollup_add_dated(integer, boolean, text, date, bigint, bigint, boolean);
DROP FUNCTION rollup_add(integer, boolean, text, text, bigint, bigint);
DROP FUNCTION rollup_chain(ltree);
DROP FUNCTION rollup_buckets(date);
DROP TABLE rollup_enterprise_cells;
DROP TABLE rollup_deltas;
DROP TABLE rollup_totals;
`;

export class RollupCells1795540000000 implements MigrationInterface {
  name = 'RollupCells1795540000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(UP);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(DOWN);
  }
}
