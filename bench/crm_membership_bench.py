# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of crm_membership at scale: balances and the nightly points jobs.

Run from the repository root::

    . scripts/env.sh && python bench/crm_membership_bench.py   # 100,000 / 2,000,000
    . scripts/env.sh && python bench/crm_membership_bench.py --small   # 5,000 / 100,000

It (re)creates the database (``--db``, default crmsuite_bench_membership) with
``scripts/suite.py testdb``, generates one club with three tiers by points, members
and points ledger lines with bulk SQL (``--lines-per-member`` grants per member, one
every ``730 / lines-per-member`` days over two years; grants older than the points'
validity are generated already consumed), commits them, then prints each figure as
``name: value`` on stdout:

- ``balance_read_1000_ms``: reading the points balance of 1,000 members through the
  ORM (cold cache, best of 5);
- ``points_cron_s`` / ``sql_cron_s`` / ``points_cron_vs_sql_ratio``: the nightly
  points expiry plus the tier review through the addon's crons against hand-written
  SQL doing the same work on the same rows (expiry lines inserted, grants zeroed,
  balances lowered; tiers recomputed, changed rows updated and history inserted),
  each run from the same committed state and rolled back (best of ``--repeat``);
- ``expired_grants`` and ``tier_changes``: the work of that night, equal both ways.

The query count of earning and redeeming is asserted by the addon's tests
(test_points.py, test_query_count_bounded). The database is dropped at the end
unless --keep.
"""
import argparse
import datetime
import os
import time

from harness import ROOT, create_suite_db, drop_db, log, odoo_env
THRESHOLDS = (0, 600, 900)  # points earned over 12 months for the three tiers


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100000)
    parser.add_argument("--lines-per-member", type=int, default=20)
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--db", default="crmsuite_bench_membership")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    if args.small:
        args.members = 5000
    if not args.db.startswith("crmsuite_"):
        parser.error("the database name must start with crmsuite_")
    return args


def generate(env, args, ref):
    """One club, its tiers, members and ledger lines; returns the club."""
    cr = env.cr
    club = env["crm.membership.club"].create({
        "name": "Bench club", "code": "BEN", "fee_type": "free",
        "points_validity_months": 12, "point_value": 0.01,
        "tier_ids": [(0, 0, {"name": name, "sequence": seq, "min_points": points})
                     for seq, (name, points) in enumerate(
                         zip(("Blue", "Silver", "Gold"), THRESHOLDS))],
    })
    company = club.company_id.id
    log("generating %d partners and members" % args.members)
    cr.execute("""
        INSERT INTO res_partner (name, display_name, active, customer, is_company,
                                 type, company_id, invoice_warn, sale_warn,
                                 create_date, write_date)
        SELECT 'Bench member ' || g, 'Bench member ' || g, true, true, true,
               'contact', %s, 'no-message', 'no-message', now(), now()
          FROM generate_series(1, %s) g
        RETURNING id
    """, (company, args.members))
    partner_ids = [row[0] for row in cr.fetchall()]
    cr.execute("UPDATE res_partner SET commercial_partner_id = id "
               "WHERE id = ANY(%s)", (partner_ids,))
    cr.execute("""
        INSERT INTO crm_membership (name, club_id, company_id, partner_id, state,
                                    join_date, points_balance, create_uid,
                                    write_uid, create_date, write_date)
        SELECT 'BEN-' || lpad(n::text, 7, '0'), %(club)s, %(company)s, p, 'active',
               %(join)s, 0, 1, 1, now(), now()
          FROM unnest(%(partners)s::int[]) WITH ORDINALITY AS t(p, n)
    """, {"club": club.id, "company": company, "partners": partner_ids,
          "join": ref - datetime.timedelta(days=800)})
    step = max(1, 730 // args.lines_per_member)
    log("generating %d ledger lines" % (args.members * args.lines_per_member))
    cr.execute("""
        INSERT INTO crm_membership_points
               (membership_id, club_id, company_id, partner_id, date, points,
                points_remaining, origin, name, expiry_date, user_id,
                create_uid, write_uid, create_date, write_date)
        SELECT m.id, m.club_id, m.company_id, m.partner_id, d.day,
               10 + (m.id * 7 + k * 13) %% 90,
               CASE WHEN (d.day + interval '12 months')::date < %(ref)s THEN 0
                    ELSE 10 + (m.id * 7 + k * 13) %% 90 END,
               'invoice', 'Generated', (d.day + interval '12 months')::date, 1,
               1, 1, now(), now()
          FROM crm_membership m
         CROSS JOIN generate_series(0, %(lines)s - 1) k
         CROSS JOIN LATERAL (SELECT (%(ref)s::date - (k * %(step)s
                                     + m.id %% %(step)s))::date AS day) d
         WHERE m.club_id = %(club)s
    """, {"ref": ref, "lines": args.lines_per_member, "step": step,
          "club": club.id})
    cr.execute("""
        UPDATE crm_membership m SET points_balance = s.total
          FROM (SELECT membership_id, sum(points_remaining) AS total
                  FROM crm_membership_points WHERE club_id = %s
                 GROUP BY membership_id) s
         WHERE m.id = s.membership_id
    """, (club.id,))
    cr.commit()
    for table in ("res_partner", "crm_membership", "crm_membership_points"):
        cr.execute("ANALYZE %s" % table)  # table names from the code
    # tiers as the review of the day before left them
    log("setting the tiers of the day before")
    env["crm.membership"]._cron_review_tiers(str(ref - datetime.timedelta(days=1)))
    cr.execute("DELETE FROM crm_membership_tier_history WHERE club_id = %s",
               (club.id,))
    cr.commit()
    cr.execute("ANALYZE crm_membership")
    cr.commit()
    return club


SQL_NIGHT = """
WITH due AS (
    SELECT id, membership_id, club_id, company_id, partner_id, points_remaining,
           expiry_date
      FROM crm_membership_points
     WHERE points_remaining > 0 AND expiry_date <= %(ref)s
), ins AS (
    INSERT INTO crm_membership_points
           (membership_id, club_id, company_id, partner_id, date, points,
            points_remaining, origin, name, expired_grant_id, create_uid,
            create_date, write_uid, write_date)
    SELECT membership_id, club_id, company_id, partner_id, expiry_date,
           -points_remaining, 0, 'expiry', 'Points expired', id, 1, now(), 1, now()
      FROM due
), zero AS (
    UPDATE crm_membership_points p SET points_remaining = 0
      FROM due WHERE p.id = due.id
)
UPDATE crm_membership m SET points_balance = m.points_balance - s.total
  FROM (SELECT membership_id, sum(points_remaining) AS total
          FROM due GROUP BY membership_id) s
 WHERE m.id = s.membership_id;

WITH earned AS (
    SELECT m.id, m.tier_id, m.partner_id, coalesce(e.total, 0) AS value
      FROM crm_membership m
      LEFT JOIN (SELECT membership_id, sum(points) AS total
                   FROM crm_membership_points
                  WHERE club_id = %(club)s
                    AND origin IN ('order', 'invoice', 'refund', 'referral',
                                   'adjustment')
                    AND date > %(since)s AND date <= %(ref)s
                  GROUP BY membership_id) e ON e.membership_id = m.id
     WHERE m.club_id = %(club)s AND m.state = 'active'
), target AS (
    SELECT e.*, (SELECT t.id FROM crm_membership_tier t
                  WHERE t.club_id = %(club)s AND t.min_points <= e.value
                  ORDER BY t.min_points DESC, t.sequence DESC LIMIT 1) AS new_id
      FROM earned e
), change AS (
    SELECT * FROM target WHERE new_id IS DISTINCT FROM tier_id
), hist AS (
    INSERT INTO crm_membership_tier_history
           (membership_id, club_id, company_id, partner_id, date, old_tier_id,
            new_tier_id, value, basis, create_uid, create_date, write_uid, write_date)
    SELECT id, %(club)s, %(company)s, partner_id, %(ref)s, tier_id, new_id, value,
           'points', 1, now(), 1, now()
      FROM change
)
UPDATE crm_membership m SET tier_id = change.new_id, write_date = now()
  FROM change WHERE m.id = change.id;
"""


def night_state(cr, club_id, ref):
    cr.execute("SELECT count(*) FROM crm_membership_points WHERE club_id = %s "
               "AND origin = 'expiry' AND date <= %s", (club_id, ref))
    expired = cr.fetchone()[0]
    cr.execute("SELECT count(*) FROM crm_membership_tier_history WHERE club_id = %s",
               (club_id,))
    changes = cr.fetchone()[0]
    cr.execute("SELECT sum(points_balance), sum(tier_id) FROM crm_membership "
               "WHERE club_id = %s", (club_id,))
    return expired, changes, cr.fetchone()


def run(env, args, figures):
    cr = env.cr
    ref = datetime.date.today()
    club = generate(env, args, ref)
    Membership = env["crm.membership"]
    cr.execute("SELECT id FROM crm_membership WHERE club_id = %s ORDER BY random() "
               "LIMIT 1000", (club.id,))
    sample = [row[0] for row in cr.fetchall()]
    best = None
    for _run in range(5):
        env.clear()
        start = time.perf_counter()
        Membership.browse(sample).read(["points_balance"])
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    figures.append(("balance_read_1000_ms", best * 1000.0))

    ref_text = str(ref)
    since = ref - datetime.timedelta(days=365)
    orm_best = sql_best = None
    for _run in range(args.repeat):
        env.clear()
        start = time.perf_counter()
        env["crm.membership.points"]._cron_expire_points(ref_text)
        Membership._cron_review_tiers(ref_text)
        elapsed = time.perf_counter() - start
        orm_best = elapsed if orm_best is None else min(orm_best, elapsed)
        orm_state = night_state(cr, club.id, ref)
        cr.rollback()
        env.clear()
        start = time.perf_counter()
        cr.execute(SQL_NIGHT, {"ref": ref, "since": since, "club": club.id,
                               "company": club.company_id.id})
        elapsed = time.perf_counter() - start
        sql_best = elapsed if sql_best is None else min(sql_best, elapsed)
        sql_state = night_state(cr, club.id, ref)
        cr.rollback()
    figures.append(("expired_grants", orm_state[0]))
    figures.append(("tier_changes", orm_state[1]))
    figures.append(("orm_and_sql_agree", int(orm_state == sql_state)))
    figures.append(("points_cron_s", orm_best))
    figures.append(("sql_cron_s", sql_best))
    figures.append(("points_cron_vs_sql_ratio", orm_best / sql_best))


def main():
    args = parse_args()
    os.chdir(ROOT)
    create_suite_db(args.db)
    figures = [("members", args.members),
               ("ledger_lines", args.members * args.lines_per_member)]
    try:
        with odoo_env(args.db) as (env, _registry):
            run(env, args, figures)
    finally:
        if not args.keep:
            drop_db(args.db)
    for name, value in figures:
        print("%s: %s" % (name, "%.3f" % value if isinstance(value, float) else value))


if __name__ == "__main__":
    main()
