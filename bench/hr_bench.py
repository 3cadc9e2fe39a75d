# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of crm_hr: the staff list with portfolio counts, and a handover.

Run from the repository root::

    . scripts/env.sh && python bench/hr_bench.py          # 1,000 staff, 100,000
    . scripts/env.sh && python bench/hr_bench.py --small  # 100 staff, 10,000

It (re)creates the database crmsuite_bench_hr with ``scripts/suite.py testdb`` (the
suite with demo data), generates the customers with the lifecycle bench's generator,
creates the staff (users and employees, through the ORM), gives one of them a
portfolio of --portfolio customers and spreads the others over the rest, commits,
then measures as an HR officer:

1. the staff list (80 rows, and all employees) with its five portfolio counts:
   queries and time, against the naive way (one search_count per employee and kind);
2. the handover of the big portfolio to one receiver through the wizard's model
   methods (plan + move, notes, handover record, access log), in a savepoint rolled
   back afterwards, against the naive ORM way (per-record ``write`` of the
   salesperson and ``message_post`` of the note), timed on --naive-sample customers
   and extrapolated linearly to the portfolio (printed as such).

Figures are printed as ``name: value`` on stdout, progress on stderr; the database
is dropped at the end unless --keep.
"""
import argparse
import datetime
import subprocess
import time

from harness import create_suite_db, drop_db, log, odoo_env
from lifecycle_bench import BENCH_REF, generate, vacuum

KINDS = ("crm_customer_count", "crm_lead_count", "crm_request_count",
         "crm_campaign_count", "crm_membership_count")

_ASSIGN_SQL = """
UPDATE res_partner p
   SET user_id = CASE WHEN s.rank <= %(portfolio)s THEN %(leaver)s
                      ELSE (%(others)s::int[])[1 + s.rank %% %(nothers)s] END
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS rank
          FROM res_partner WHERE ref LIKE %(like)s AND parent_id IS NULL) s
 WHERE p.id = s.id
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100000)
    parser.add_argument("--employees", type=int, default=1000)
    parser.add_argument("--portfolio", type=int, default=10000,
                        help="customers of the employee who hands over")
    parser.add_argument("--naive-sample", type=int, default=500,
                        help="customers moved the naive way (extrapolated)")
    parser.add_argument("--small", action="store_true",
                        help="100 employees, 10,000 customers, 2,000 to hand over")
    parser.add_argument("--db", default="crmsuite_bench_hr")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--reuse", action="store_true",
                        help="run on the kept database (generating only if it was "
                             "not generated yet)")
    args = parser.parse_args()
    if args.small:
        args.customers, args.employees, args.portfolio = 10000, 100, 2000
        args.naive_sample = min(args.naive_sample, 200)
    if not args.db.startswith("crmsuite_"):
        parser.error("the database name must start with crmsuite_")
    # what the lifecycle generator reads: few orders, no invoices
    args.lines, args.days, args.buyer_share = args.customers, 760, 0.83
    args.seed, args.invoices = 0.42, False
    return args


def out(name, value):
    print("%s: %s" % (name, value), flush=True)


def make_staff(env, count):
    """``count`` salespeople with their employees, and one HR officer."""
    start = time.time()
    Users = env["res.users"].with_context(no_reset_password=True,
                                          tracking_disable=True)
    Employee = env["hr.employee"].with_context(tracking_disable=True)
    salesman = env.ref("sales_team.group_sale_salesman").id
    employees = Employee.browse()
    for index in range(count):
        user = Users.create({
            "name": "Bench Staff %04d" % index, "login": "bench.staff.%04d" % index,
            "groups_id": [(6, 0, [salesman])]})
        employees |= Employee.create({"name": user.name, "user_id": user.id,
                                      "crm_role": "salesperson"})
        if index and index % 200 == 0:
            log("staff: %d in %.0f s" % (index, time.time() - start))
    officer = Users.create({
        "name": "Bench HR Officer", "login": "bench.hr.officer",
        "groups_id": [(6, 0, [env.ref("crm_hr.group_hr_officer").id])]})
    log("staff: %d users and employees in %.0f s" % (count, time.time() - start))
    return employees, officer


def prepare(env, registry, args):
    log("generating %d customers" % args.customers)
    generate(env, args, datetime.date.today())
    employees, officer = make_staff(env, args.employees)
    users = employees.mapped("user_id").ids
    env.cr.execute(_ASSIGN_SQL, {
        "portfolio": args.portfolio, "leaver": users[0], "others": users[1:],
        "nothers": len(users) - 1, "like": BENCH_REF + "%"})
    log("customers given a salesperson: %d" % env.cr.rowcount)
    env["res.partner"]._crm_update_customer_flag()
    env.cr.commit()
    vacuum(registry, ["res_partner", "hr_employee", "res_users"])


def count_queries(env, func):
    env.cache.invalidate()
    cr = env.cr
    before, start = cr.sql_log_count, time.time()
    func()
    return cr.sql_log_count - before, time.time() - start


def measure_list(env, officer):
    Employee = env["hr.employee"].sudo(officer)
    fields_ = ["name", "crm_employee_number", "crm_role"] + list(KINDS)
    domain = [("crm_role", "!=", False)]

    def page(limit):
        return lambda: Employee.search_read(domain, fields_, limit=limit)

    def naive(limit):
        def run():
            specs = Employee._crm_hr_portfolio_kinds()
            for employee in Employee.search(domain, limit=limit):
                for spec in specs:
                    env[spec["model"]].search_count(spec["domain"] + [
                        (spec["field"], "=", employee.user_id.id)])
        return run

    total = Employee.search_count(domain)
    for label, limit in (("80", 80), ("all", None)):
        queries, seconds = count_queries(env, page(limit))
        nqueries, nseconds = count_queries(env, naive(limit))
        out("list_%s_rows" % label, min(limit or total, total))
        out("list_%s_queries" % label, queries)
        out("list_%s_ms" % label, round(seconds * 1000))
        out("list_%s_naive_queries" % label, nqueries)
        out("list_%s_naive_ms" % label, round(nseconds * 1000))
        out("list_%s_naive_vs_ours_ratio" % label, round(nseconds / seconds, 1))


def measure_handover(env, officer, args):
    Employee = env["hr.employee"]
    employees = Employee.search([("user_id.login", "like", "bench.staff.%")],
                                order="id", limit=2)
    leaver, receiver = employees[0], employees[1]
    Handover = env["crm.hr.handover"].sudo(officer)
    cr = env.cr
    cr.execute("SAVEPOINT hr_bench")

    def run():
        plan = Handover._crm_hr_plan(leaver, receiver)
        Handover._crm_hr_execute(leaver, plan, "departure", "bench")

    queries, seconds = count_queries(env, run)
    moved = env["res.partner"].search_count([("user_id", "=", receiver.user_id.id),
                                             ("ref", "like", BENCH_REF + "%")])
    cr.execute("ROLLBACK TO SAVEPOINT hr_bench")
    env.cache.invalidate()
    out("handover_customers", args.portfolio)
    out("handover_customers_at_receiver_after", moved)
    out("handover_s", round(seconds, 2))
    out("handover_queries", queries)
    # the naive way: one write and one note per customer, on a sample
    partners = env["res.partner"].search([("user_id", "=", leaver.user_id.id)],
                                         limit=args.naive_sample, order="id")

    def naive_write():
        for partner in partners:
            partner.write({"user_id": receiver.user_id.id})

    def naive_write_note():
        for partner in partners:
            partner.write({"user_id": receiver.user_id.id})
            partner.message_post(body="Portfolio handover", subtype="mail.mt_note")

    for label, func in (("write", naive_write), ("write_note", naive_write_note)):
        cr.execute("SAVEPOINT hr_bench_naive")
        _queries, sample_seconds = count_queries(env, func)
        cr.execute("ROLLBACK TO SAVEPOINT hr_bench_naive")
        env.cache.invalidate()
        estimate = sample_seconds / len(partners) * args.portfolio
        out("handover_naive_%s_sample" % label, len(partners))
        out("handover_naive_%s_sample_s" % label, round(sample_seconds, 2))
        out("handover_naive_%s_extrapolated_s" % label, round(estimate, 1))
        out("handover_naive_%s_vs_ours_ratio" % label, round(estimate / seconds, 1))


def db_exists(name):
    result = subprocess.run(
        ["psql", "-X", "-d", "postgres", "-Atc",
         "SELECT count(*) FROM pg_database WHERE datname = '%s'" % name],
        stdout=subprocess.PIPE, check=True, universal_newlines=True)
    return result.stdout.strip() == "1"


def main():
    args = parse_args()
    if not (args.reuse and db_exists(args.db)):
        create_suite_db(args.db)
    try:
        # one environment per process: Odoo parses its configuration once
        with odoo_env(args.db) as (env, registry):
            # a kept database whose generation did not finish is prepared again
            if not env["res.users"].search_count([
                    ("login", "=", "bench.hr.officer")]):
                prepare(env, registry, args)
            env = env(context={"tracking_disable": True})
            officer = env["res.users"].search([("login", "=", "bench.hr.officer")])
            out("employees", env["hr.employee"].search_count([]))
            out("customers", env["res.partner"].search_count([
                ("ref", "like", BENCH_REF + "%")]))
            measure_list(env, officer)
            measure_handover(env, officer, args)
    finally:
        if not args.keep:
            drop_db(args.db)


if __name__ == "__main__":
    main()
