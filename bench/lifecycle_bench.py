# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of crm_lifecycle at scale: the nightly recompute and the customer analysis.

Run from the repository root::

    . scripts/env.sh && python bench/lifecycle_bench.py            # 100,000 / 1,000,000
    . scripts/env.sh && python bench/lifecycle_bench.py --small    # 5,000 / 50,000

It (re)creates the database crmsuite_bench with ``scripts/suite.py testdb`` (the suite
with demo data), generates customers and confirmed orders with bulk SQL, commits them,
then measures everything in one run and prints each figure as ``name: value`` on
stdout (progress goes to stderr). The database is dropped at the end unless --keep;
--reuse runs again on a kept database without generating. See bench/README.md.
"""
import argparse
import datetime
import gc
import os
import resource
import subprocess
import sys
import time
import tracemalloc

from harness import ROOT, create_suite_db, drop_db, log, odoo_env
BENCH_REF = "BENCH-"  # res_partner.ref prefix of the generated customers

COMPANY_WORDS = [
    "Alpha", "Blue", "North", "Green", "Silver", "Bright", "Delta", "Prime", "Nova",
    "Summit", "River", "Oak", "Stone", "Sun", "Iron", "Red", "Eagle", "Pacific",
    "Union", "Metro", "Harbor", "Cedar", "Falcon", "Golden",
]
COMPANY_KINDS = [
    "Trading", "Systems", "Foods", "Logistics", "Partners", "Industries", "Retail",
    "Labs", "Works", "Supplies", "Motors", "Textiles", "Consulting", "Electric",
    "Media", "Builders",
]
FIRST_NAMES = [
    "Anna", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Hugo", "Iris", "Jack",
    "Lena", "Marco", "Nina", "Oscar", "Paula", "Quentin", "Rosa", "Sam", "Tara",
    "Victor", "Wei", "Yuki", "Zoe", "Li",
]
LAST_NAMES = [
    "Smith", "Martin", "Garcia", "Muller", "Rossi", "Dubois", "Wang", "Zhang",
    "Silva", "Kowalski", "Jansen", "Novak", "Peeters", "Lopez", "Brown", "Chen",
]
CITIES = [
    ("US", "New York"), ("US", "Chicago"), ("US", "Houston"), ("US", "Seattle"),
    ("US", "Boston"), ("FR", "Paris"), ("FR", "Lyon"), ("BE", "Brussels"),
    ("BE", "Antwerp"), ("DE", "Berlin"), ("DE", "Munich"), ("GB", "London"),
    ("GB", "Manchester"), ("ES", "Madrid"), ("IT", "Milan"), ("CN", "Shanghai"),
    ("CN", "Beijing"), ("CN", "Shenzhen"), ("IN", "Mumbai"), ("BR", "Sao Paulo"),
]


class Figures:
    """The figures of the run, printed as ``name: value`` lines at the end."""

    def __init__(self):
        self.items = []

    def add(self, name, value):
        self.items.append((name, value))
        log("%s: %s" % (name, self.text(value)))

    def get(self, name):
        return dict(self.items)[name]

    @staticmethod
    def text(value):
        return "%.3f" % value if isinstance(value, float) else str(value)

    def ratio(self, name, num, den):
        self.add(name, num / den if den else float("nan"))

    def dump(self):
        for name, value in self.items:
            print("%s: %s" % (name, self.text(value)))
        sys.stdout.flush()


# ---------------------------------------------------------------------------------
# Generator: customers, confirmed orders, posted invoices and a few leads, in bulk
# ---------------------------------------------------------------------------------

_PARTNERS_SQL = """
INSERT INTO res_partner (
    id, name, display_name, commercial_partner_id, commercial_company_name, ref,
    customer, supplier, employee, is_company, active, company_id, type, lang,
    country_id, commercial_partner_country_id, city, zip, street, email, phone,
    user_id, team_id, partner_share, color, invoice_warn, sale_warn, opt_out,
    message_bounce, free_member, membership_state, create_uid, write_uid,
    create_date, write_date)
SELECT id, name, name, id, CASE WHEN is_company THEN name END, ref,
       true, false, false, is_company, true,
       CASE WHEN g %% 2 = 0 THEN %(company)s END, 'contact', 'en_US',
       country_id, country_id, city, lpad((g %% 90000 + 10000)::text, 5, '0'),
       (g %% 400 + 1) || ' Market Street', 'customer' || g || '@example.com',
       '+1 555 ' || lpad((g %% 10000)::text, 4, '0'),
       (%(users)s::int[])[1 + g %% array_length(%(users)s::int[], 1)],
       (%(teams)s::int[])[1 + g %% array_length(%(teams)s::int[], 1)],
       true, 0, 'no-message', 'no-message', false, 0, false, 'none',
       %(uid)s, %(uid)s, created, created
  FROM (SELECT nextval('res_partner_id_seq') AS id, g, g %% 10 < 7 AS is_company,
               %(ref_prefix)s || lpad(g::text, 7, '0') AS ref,
               CASE WHEN g %% 10 < 7
                    THEN (%(words)s::text[])[1 + g %% %(nwords)s] || ' '
                         || (%(kinds)s::text[])[1 + (g / %(nwords)s) %% %(nkinds)s]
                         || ' ' || g
                    ELSE (%(firsts)s::text[])[1 + g %% %(nfirsts)s] || ' '
                         || (%(lasts)s::text[])[1 + (g / %(nfirsts)s) %% %(nlasts)s]
                         || ' ' || g END AS name,
               (%(countries)s::int[])[1 + (g * 7) %% %(ncities)s] AS country_id,
               (%(cities)s::text[])[1 + (g * 7) %% %(ncities)s] AS city,
               %(start)s::timestamp + (g %% 100000) * interval '1 minute' AS created
          FROM generate_series(1, %(n)s) g) s
 ORDER BY id
"""

# One contact person for every fourth company: orders are sometimes placed by them,
# and the recompute copies the stage onto them.
_CONTACTS_SQL = """
INSERT INTO res_partner (
    name, display_name, parent_id, commercial_partner_id, commercial_company_name,
    customer, supplier, employee, is_company, active, company_id, type, lang,
    country_id, commercial_partner_country_id, city, email, user_id, team_id,
    partner_share, color, invoice_warn, sale_warn, opt_out, message_bounce,
    free_member, membership_state, create_uid, write_uid, create_date, write_date)
SELECT c.name, p.name || ', ' || c.name, p.id, p.id, p.name,
       true, false, false, false, true, p.company_id, 'contact', 'en_US',
       p.country_id, p.country_id, p.city, 'contact.' || p.email, p.user_id,
       p.team_id, true, 0, 'no-message', 'no-message', false, 0, false, 'none',
       %(uid)s, %(uid)s, p.create_date, p.create_date
  FROM res_partner p
 CROSS JOIN LATERAL (SELECT (%(firsts)s::text[])[1 + p.id %% %(nfirsts)s] || ' '
                            || (%(lasts)s::text[])[1 + p.id %% %(nlasts)s] AS name) c
 WHERE p.ref LIKE %(ref_like)s AND p.is_company AND p.id %% 4 = 0
 ORDER BY p.id
"""

# Per customer: a rank k (customers with k < buyers order; a small k orders more),
# the day it started buying and, for some, the day it stopped (days before ref).
_CUSTOMERS_SQL = """
CREATE TEMP TABLE bench_cust ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY r_order) - 1 AS k, pid, contact_id, user_id,
       first_ago,
       CASE WHEN r_stop < 0.55 THEN 0 ELSE floor(r_last * first_ago)::int END
           AS last_ago,
       r_late < 0.05 AS late_payer
  FROM (SELECT p.id AS pid, c.id AS contact_id, p.user_id, random() AS r_order,
               30 + floor(random() * (%(days)s - 29))::int AS first_ago,
               random() AS r_stop, random() AS r_last, random() AS r_late
          FROM res_partner p
          LEFT JOIN res_partner c ON c.parent_id = p.id
         WHERE p.ref LIKE %(ref_like)s) t
"""

_ORDERS_TMP_SQL = """
CREATE TEMP TABLE bench_ord ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY date_order, g) - 1 AS seq, t.*
  FROM (SELECT pick.g, c.pid AS commercial_id, c.user_id, c.late_payer,
               CASE WHEN c.contact_id IS NOT NULL AND pick.r_contact < 0.3
                    THEN c.contact_id ELSE c.pid END AS partner_id,
               (%(ref)s::date - (c.last_ago
                   + floor(pick.r_day * (c.first_ago - c.last_ago + 1)))::int)
                   + interval '8 hours' + pick.r_time * interval '10 hours'
                   AS date_order,
               (%(teams)s::int[])[1 + floor(pick.r_team
                   * array_length(%(teams)s::int[], 1))::int] AS team_id,
               CASE WHEN pick.r_promo < 0.1
                    THEN (%(campaigns)s::int[])[1 + floor(pick.r_promo * 10
                        * array_length(%(campaigns)s::int[], 1))::int] END
                   AS campaign_id,
               CASE WHEN pick.r_promo < 0.1
                    THEN (%(mediums)s::int[])[1 + floor(pick.r_team
                        * array_length(%(mediums)s::int[], 1))::int] END AS medium_id,
               CASE WHEN pick.r_promo < 0.1
                    THEN (%(sources)s::int[])[1 + floor(pick.r_contact
                        * array_length(%(sources)s::int[], 1))::int] END AS source_id
          FROM (SELECT g, floor(%(buyers)s * power(random(), %(skew)s))::int AS k,
                       random() AS r_day, random() AS r_time, random() AS r_team,
                       random() AS r_promo, random() AS r_contact
                  FROM generate_series(1, %(orders)s) g) pick
          JOIN bench_cust c ON c.k = pick.k) t
"""

# 1 to 4 lines per order (2.5 on average), products drawn among Odoo's demo ones.
_LINES_TMP_SQL = """
CREATE TEMP TABLE bench_line ON COMMIT DROP AS
SELECT t.seq, t.line_no, t.i, t.qty,
       (%(prices)s::numeric[])[t.i] AS price, (%(costs)s::numeric[])[t.i] AS cost,
       round((%(prices)s::numeric[])[t.i] * t.qty, 2) AS subtotal,
       round(((%(prices)s::numeric[])[t.i] - (%(costs)s::numeric[])[t.i]) * t.qty, 2)
           AS margin
  FROM (SELECT o.seq, s.n AS line_no,
               1 + floor(random() * %(nproducts)s)::int AS i,
               1 + floor(power(random(), 3) * 5)::int AS qty
          FROM bench_ord o
         CROSS JOIN LATERAL generate_series(1, 1 + (o.seq %% 4)::int) s(n)) t
"""

_ORDERS_SQL = """
INSERT INTO sale_order (
    id, name, state, date_order, confirmation_date, validity_date, user_id,
    partner_id, partner_invoice_id, partner_shipping_id, pricelist_id, company_id,
    team_id, invoice_status, amount_untaxed, amount_tax, amount_total, margin,
    campaign_id, medium_id, source_id, create_uid, write_uid, create_date,
    write_date)
SELECT %(base)s + o.seq + 1, 'SO' || lpad((%(base)s + o.seq + 1)::text, 7, '0'),
       'sale', o.date_order, o.date_order, o.date_order::date + 30, o.user_id,
       o.partner_id, o.partner_id, o.partner_id, %(pricelist)s, %(company)s,
       o.team_id,
       CASE WHEN o.date_order::date <= %(ref)s::date - 3 THEN 'invoiced'
            ELSE 'to invoice' END,
       a.untaxed, 0, a.untaxed, a.margin, o.campaign_id, o.medium_id, o.source_id,
       %(uid)s, %(uid)s, o.date_order, o.date_order
  FROM bench_ord o
  JOIN (SELECT seq, sum(subtotal) AS untaxed, sum(margin) AS margin
          FROM bench_line GROUP BY seq) a ON a.seq = o.seq
 ORDER BY o.seq
"""

_LINES_SQL = """
INSERT INTO sale_order_line (
    order_id, name, sequence, invoice_status, price_unit, price_subtotal, price_tax,
    price_total, price_reduce, price_reduce_taxinc, price_reduce_taxexcl, discount,
    product_id, product_uom_qty, product_uom, qty_delivered, qty_to_invoice,
    qty_invoiced, salesman_id, currency_id, company_id, order_partner_id,
    is_downpayment, state, customer_lead, amt_to_invoice, amt_invoiced, margin,
    purchase_price, create_uid, write_uid, create_date, write_date)
SELECT %(base)s + o.seq + 1, (%(names)s::text[])[l.i], 10 * l.line_no,
       CASE WHEN inv THEN 'invoiced' ELSE 'to invoice' END, l.price, l.subtotal, 0,
       l.subtotal, l.price, l.price, l.price, 0, (%(products)s::int[])[l.i], l.qty,
       (%(uoms)s::int[])[l.i], CASE WHEN inv THEN l.qty ELSE 0 END,
       CASE WHEN inv THEN 0 ELSE l.qty END, CASE WHEN inv THEN l.qty ELSE 0 END,
       o.user_id, %(currency)s, %(company)s, o.partner_id, false, 'sale', 0,
       CASE WHEN inv THEN 0 ELSE l.subtotal END,
       CASE WHEN inv THEN l.subtotal ELSE 0 END,
       l.margin, l.cost, %(uid)s, %(uid)s, o.date_order, o.date_order
  FROM bench_line l
  JOIN (SELECT *, date_order::date <= %(ref)s::date - 3 AS inv FROM bench_ord) o
    ON o.seq = l.seq
 ORDER BY l.seq, l.line_no
"""

# One posted invoice per order older than 3 days (paid when due, except for the late
# payers' last four months, left open and overdue) and a paid refund of 20% for 1.5%
# of them. Headers only: the recompute reads account_invoice, not the moves.
_INVOICES_SQL = """
INSERT INTO account_invoice (
    id, number, move_name, origin, type, state, sent, reference_type, date_invoice,
    date_due, date, partner_id, commercial_partner_id, account_id, journal_id,
    company_id, currency_id, user_id, team_id, campaign_id, medium_id, source_id,
    amount_untaxed, amount_untaxed_signed, amount_tax, amount_total,
    amount_total_signed, amount_total_company_signed, residual, residual_signed,
    residual_company_signed, reconciled, create_uid, write_uid, create_date,
    write_date)
SELECT %(base)s + row_number() OVER (ORDER BY day, seq, kind),
       CASE kind WHEN 'out_invoice' THEN 'INV/' ELSE 'RINV/' END
           || extract(year FROM day) || '/'
           || lpad((%(base)s + row_number() OVER (ORDER BY day, seq, kind))::text,
                   7, '0'),
       NULL, name, kind, state, false, 'none', day, day + 30, day, partner_id,
       commercial_id, %(account)s, %(journal)s, %(company)s, %(currency)s, user_id,
       team_id, campaign_id, medium_id, source_id,
       amount, sign * amount, 0, amount, sign * amount, sign * amount,
       residual, sign * residual, sign * residual, state = 'paid',
       %(uid)s, %(uid)s, day, day
  FROM (SELECT o.seq, so.name, o.partner_id, o.commercial_id, o.user_id, o.team_id,
               o.campaign_id, o.medium_id, o.source_id, k.kind, k.sign, k.day,
               k.amount,
               CASE WHEN k.kind = 'out_invoice' AND o.late_payer
                         AND k.day > %(ref)s::date - 120 THEN 'open'
                    WHEN k.kind = 'out_invoice' AND k.day + 30 >= %(ref)s::date
                         THEN 'open'
                    ELSE 'paid' END AS state,
               CASE WHEN k.kind = 'out_invoice' AND (
                         (o.late_payer AND k.day > %(ref)s::date - 120)
                         OR k.day + 30 >= %(ref)s::date)
                    THEN k.amount ELSE 0 END AS residual
          FROM bench_ord o
          JOIN sale_order so ON so.id = %(order_base)s + o.seq + 1
         CROSS JOIN LATERAL (
               SELECT 'out_invoice' AS kind, 1 AS sign,
                      o.date_order::date + (o.seq %% 3)::int AS day,
                      so.amount_untaxed AS amount
               UNION ALL
               SELECT 'out_refund', -1, o.date_order::date + 10,
                      round(so.amount_untaxed * 0.2, 2)
                WHERE o.seq %% 67 = 0
                  AND o.date_order::date + 10 <= %(ref)s::date) k
         WHERE o.date_order::date <= %(ref)s::date - 3) inv
"""

# The lines of the generated invoices (issue 11: margins come from them): an
# invoice carries its order's lines, each linked to the order line it invoices
# (the cost is the order line's); a refund one line of the order's first product,
# quantity 1 (its cost, the product's, comes back).
_INVOICE_LINES_SQL = """
INSERT INTO account_invoice_line (
    invoice_id, name, sequence, origin, uom_id, product_id, account_id, price_unit,
    price_subtotal, price_total, price_subtotal_signed, quantity, discount,
    company_id, partner_id, currency_id, create_uid, write_uid, create_date,
    write_date)
SELECT ai.id, l.name, l.sequence, so.name, l.product_uom, l.product_id,
       %(income)s, l.price_unit, l.price_subtotal, l.price_subtotal,
       l.price_subtotal, l.product_uom_qty, 0, %(company)s, ai.partner_id,
       %(currency)s, %(uid)s, %(uid)s, ai.create_date, ai.create_date
  FROM account_invoice ai
  JOIN sale_order so ON so.name = ai.origin
  JOIN sale_order_line l ON l.order_id = so.id
 WHERE ai.id > %(invoice_base)s AND ai.type = 'out_invoice'
UNION ALL
SELECT ai.id, l.name, 10, so.name, l.product_uom, l.product_id, %(income)s,
       ai.amount_untaxed, ai.amount_untaxed, ai.amount_untaxed,
       -ai.amount_untaxed, 1, 0, %(company)s, ai.partner_id, %(currency)s,
       %(uid)s, %(uid)s, ai.create_date, ai.create_date
  FROM account_invoice ai
  JOIN sale_order so ON so.name = ai.origin
  JOIN LATERAL (SELECT * FROM sale_order_line x WHERE x.order_id = so.id
                 ORDER BY x.sequence, x.id LIMIT 1) l ON true
 WHERE ai.id > %(invoice_base)s AND ai.type = 'out_refund'
"""

_INVOICE_LINKS_SQL = """
INSERT INTO sale_order_line_invoice_rel (invoice_line_id, order_line_id)
SELECT il.id, l.id
  FROM account_invoice_line il
  JOIN account_invoice ai ON ai.id = il.invoice_id
  JOIN sale_order so ON so.name = il.origin
  JOIN sale_order_line l ON l.order_id = so.id AND l.sequence = il.sequence
                        AND l.product_id = il.product_id
 WHERE ai.id > %(invoice_base)s AND ai.type = 'out_invoice'
"""

# Customers invoiced without an order (issue 11: they are sales too): one paid
# invoice of one line for one in seven of those who never order.
_DIRECT_INVOICES_SQL = """
WITH direct AS (
    SELECT c.k, c.pid, c.user_id, %(ref)s::date - 5 - (c.k %% 400)::int AS day,
           1 + (c.k %% %(nproducts)s)::int AS i
      FROM bench_cust c
     WHERE c.k >= %(buyers)s AND c.k %% 7 = 1
), inv AS (
    INSERT INTO account_invoice (
        id, number, origin, type, state, sent, reference_type, date_invoice, date_due,
        date, partner_id, commercial_partner_id, account_id, journal_id,
        company_id, currency_id, user_id, amount_untaxed, amount_untaxed_signed,
        amount_tax, amount_total, amount_total_signed, amount_total_company_signed,
        residual, residual_signed, residual_company_signed, reconciled, create_uid,
        write_uid, create_date, write_date)
    SELECT %(direct_base)s + row_number() OVER (ORDER BY d.k), 'DINV/' || d.k,
           'DIRECT-' || d.k, 'out_invoice', 'paid', false, 'none',
           d.day, d.day + 30, d.day, d.pid, d.pid, %(account)s, %(journal)s,
           %(company)s, %(currency)s, d.user_id, p.price, p.price, 0, p.price,
           p.price, p.price, 0, 0, 0, true, %(uid)s, %(uid)s, d.day, d.day
      FROM direct d
     CROSS JOIN LATERAL (SELECT (%(prices)s::numeric[])[d.i] AS price) p
    RETURNING id, origin, partner_id, amount_untaxed, create_date
)
INSERT INTO account_invoice_line (
    invoice_id, name, sequence, origin, uom_id, product_id, account_id, price_unit,
    price_subtotal, price_total, price_subtotal_signed, quantity, discount,
    company_id, partner_id, currency_id, create_uid, write_uid, create_date,
    write_date)
SELECT inv.id, (%(names)s::text[])[d.i], 10, inv.origin, (%(uoms)s::int[])[d.i],
       (%(products)s::int[])[d.i], %(income)s, inv.amount_untaxed,
       inv.amount_untaxed, inv.amount_untaxed, inv.amount_untaxed, 1, 0,
       %(company)s, inv.partner_id, %(currency)s, %(uid)s, %(uid)s,
       inv.create_date, inv.create_date
  FROM inv
  JOIN direct d ON 'DIRECT-' || d.k = inv.origin
"""

# A lead for one customer in three among those who never ordered (prospects).
_LEADS_SQL = """
INSERT INTO crm_lead (
    name, type, partner_id, active, company_id, user_id, team_id, stage_id,
    probability, planned_revenue, priority, color, create_uid, write_uid,
    create_date, write_date, date_open, date_last_stage_update)
SELECT 'Opportunity ' || c.k, 'opportunity', c.pid, true, %(company)s, c.user_id,
       %(team)s, %(stage)s, 10, 1000 + c.k %% 9000, '1', 0, %(uid)s, %(uid)s,
       c.day, c.day, c.day, c.day
  FROM (SELECT *, %(ref)s::date - (k %% 300)::int AS day FROM bench_cust) c
 WHERE c.k >= %(buyers)s AND c.k %% 3 = 0
"""


def generation_params(env, args, ref_date):
    """Ids the generator needs, read through the ORM (demo products, users, ...)."""
    company = env.ref("base.main_company")
    Product = env["product.product"].with_context(force_company=company.id)
    domain = [
        ("sale_ok", "=", True), ("list_price", ">", 0), ("list_price", "<=", 5000),
        ("company_id", "in", [False, company.id]),
    ]
    if "membership" in Product._fields:
        domain.append(("membership", "=", False))
    deposit = env["ir.config_parameter"].sudo().get_param(
        "sale.default_deposit_product_id")
    if deposit:
        domain.append(("id", "!=", int(deposit)))
    products = Product.search(domain, order="id")
    if not products:
        raise SystemExit("no demo products to sell: was the database built with demo?")
    countries = {
        country.code: country.id
        for country in env["res.country"].search([
            ("code", "in", sorted({code for code, _city in CITIES}))])
    }
    cities = [(countries[code], city) for code, city in CITIES if code in countries]
    journal = env["account.journal"].search([
        ("type", "=", "sale"), ("company_id", "=", company.id)], limit=1)
    account = env["ir.property"].with_context(force_company=company.id).get(
        "property_account_receivable_id", "res.partner")
    income = env["ir.property"].with_context(force_company=company.id).get(
        "property_account_income_categ_id", "product.category")
    users = [env.ref("base.user_root").id]
    demo_user = env.ref("base.user_demo", raise_if_not_found=False)
    if demo_user:
        users.append(demo_user.id)
    return {
        "company": company.id, "currency": company.currency_id.id,
        "uid": env.uid, "ref": ref_date, "days": args.days,
        "start": ref_date - datetime.timedelta(days=args.days + 30),
        "ref_prefix": BENCH_REF, "ref_like": BENCH_REF + "%",
        "users": users, "teams": env["crm.team"].search([]).ids or [None],
        "campaigns": env["utm.campaign"].search([]).ids or [None],
        "mediums": env["utm.medium"].search([]).ids or [None],
        "sources": env["utm.source"].search([]).ids or [None],
        "words": COMPANY_WORDS, "nwords": len(COMPANY_WORDS),
        "kinds": COMPANY_KINDS, "nkinds": len(COMPANY_KINDS),
        "firsts": FIRST_NAMES, "nfirsts": len(FIRST_NAMES),
        "lasts": LAST_NAMES, "nlasts": len(LAST_NAMES),
        "countries": [c for c, _n in cities], "cities": [n for _c, n in cities],
        "ncities": len(cities),
        "products": products.ids, "nproducts": len(products),
        "names": [p.display_name for p in products],
        "prices": [p.list_price for p in products],
        "costs": [p.standard_price or round(p.list_price * 0.6, 2) for p in products],
        "uoms": [p.uom_id.id for p in products],
        "pricelist": env["product.pricelist"].search([
            ("company_id", "in", [False, company.id])], limit=1).id,
        "journal": journal.id, "account": account.id if account else None,
        "income": income.id if income else None,
        "lead_stage": env["crm.stage"].search([], limit=1).id or None,
    }


def generate(env, args, ref_date):
    """Build the customers, orders, lines, invoices and leads; return the counts."""
    cr = env.cr
    params = generation_params(env, args, ref_date)
    n_orders = int(round(args.lines / 2.5))
    buyers = int(args.customers * args.buyer_share)
    params.update(n=args.customers, orders=n_orders, buyers=buyers, skew=1.7)
    cr.execute("SELECT setseed(%s)", (args.seed,))
    steps = [
        ("customers", _PARTNERS_SQL), ("contacts", _CONTACTS_SQL),
        ("customer profiles", _CUSTOMERS_SQL), ("orders (temp)", _ORDERS_TMP_SQL),
        ("lines (temp)", _LINES_TMP_SQL),
    ]
    for label, sql in steps:
        start = time.time()
        cr.execute(sql, params)
        log("generated %s: %d rows in %.1f s"
            % (label, cr.rowcount, time.time() - start))
    for table in ("sale_order", "account_invoice"):
        cr.execute("SELECT coalesce(max(id), 0) FROM %s" % table)
        params["base" if table == "sale_order" else "invoice_base"] = cr.fetchone()[0]
    params["order_base"] = params["base"]
    start = time.time()
    cr.execute(_ORDERS_SQL, params)
    log("generated orders: %d in %.1f s" % (cr.rowcount, time.time() - start))
    start = time.time()
    cr.execute(_LINES_SQL, params)
    log("generated order lines: %d in %.1f s" % (cr.rowcount, time.time() - start))
    invoices = 0
    if args.invoices and params["journal"] and params["account"]:
        start = time.time()
        cr.execute(_INVOICES_SQL, dict(params, base=params["invoice_base"]))
        invoices = cr.rowcount
        log("generated invoices: %d in %.1f s" % (invoices, time.time() - start))
        start = time.time()
        cr.execute(_INVOICE_LINES_SQL, params)
        log("generated invoice lines: %d in %.1f s"
            % (cr.rowcount, time.time() - start))
        # statistics first: without them the planner joins the lines to their
        # orders by name in a nested loop
        cr.execute("ANALYZE account_invoice_line; ANALYZE sale_order; "
                   "ANALYZE sale_order_line")
        cr.execute(_INVOICE_LINKS_SQL, params)
        cr.execute("SELECT max(id) FROM account_invoice")
        cr.execute(_DIRECT_INVOICES_SQL, dict(params, direct_base=cr.fetchone()[0]))
        log("generated invoices without an order: %d" % cr.rowcount)
    cr.execute(_LEADS_SQL, dict(params, team=params["teams"][0],
                                stage=params["lead_stage"]))
    leads = cr.rowcount
    for seq in ("sale_order_id_seq", "sale_order_line_id_seq",
                "account_invoice_id_seq", "account_invoice_line_id_seq"):
        table = seq[:-len("_id_seq")]
        cr.execute("SELECT setval(%s, (SELECT coalesce(max(id), 1) FROM " + table
                   + "))", (seq,))
    cr.execute("DROP TABLE bench_line; DROP TABLE bench_ord; DROP TABLE bench_cust")
    return {"invoices_generated": invoices, "leads_generated": leads}


def vacuum(registry, tables=None):
    """VACUUM ANALYZE (outside a transaction), whole database or some tables."""
    start = time.time()
    with registry.cursor() as cr:
        cr.autocommit(True)
        if tables:
            for table in tables:
                cr.execute("VACUUM ANALYZE %s" % table)
        else:
            cr.execute("VACUUM ANALYZE")
    log("vacuum analyze %s: %.1f s"
        % (",".join(tables or ["all"]), time.time() - start))


def bench_counts(cr):
    cr.execute("""
        SELECT (SELECT count(*) FROM res_partner WHERE ref LIKE %(like)s),
               (SELECT count(*) FROM res_partner c JOIN res_partner p
                    ON p.id = c.parent_id WHERE p.ref LIKE %(like)s),
               (SELECT count(*) FROM sale_order WHERE state IN ('sale', 'done')),
               (SELECT count(*) FROM sale_order_line l JOIN sale_order o
                    ON o.id = l.order_id WHERE o.state IN ('sale', 'done')),
               (SELECT count(*) FROM account_invoice
                 WHERE state IN ('open', 'paid') AND type LIKE 'out_%%')
    """, {"like": BENCH_REF + "%"})
    return dict(zip(["customers", "contacts", "orders", "lines", "invoices"],
                    cr.fetchone()))


def check_through_orm(env, figures):
    """Read a few generated orders, their lines, customers and invoices via the ORM."""
    cr = env.cr
    cr.execute("""
        SELECT o.id FROM sale_order o
          JOIN res_partner p ON p.id = o.partner_id
          JOIN res_partner cp ON cp.id = p.commercial_partner_id
         WHERE cp.ref LIKE %s
         ORDER BY md5(o.id::text) LIMIT 5
    """, (BENCH_REF + "%",))
    orders = env["sale.order"].browse([row[0] for row in cr.fetchall()])
    problems = []
    for order in orders:
        data = order.read([
            "name", "partner_id", "partner_invoice_id", "partner_shipping_id",
            "pricelist_id", "company_id", "date_order", "state", "amount_untaxed",
            "amount_total", "margin", "team_id", "user_id", "order_line",
            "invoice_status", "currency_id", "confirmation_date",
        ])[0]
        lines = order.order_line.read([
            "order_id", "product_id", "name", "product_uom_qty", "product_uom",
            "price_unit", "price_subtotal", "price_total", "margin", "purchase_price",
            "state", "company_id", "customer_lead", "sequence", "currency_id",
            "qty_invoiced", "salesman_id", "order_partner_id",
        ])
        if data["state"] != "sale" or not data["partner_id"] or not lines:
            problems.append("%s: state/partner/lines" % data["name"])
        if abs(sum(line["price_subtotal"] for line in lines)
               - data["amount_untaxed"]) > 0.005:
            problems.append("%s: amount_untaxed != sum of lines" % data["name"])
        if abs(sum(line["margin"] for line in lines) - data["margin"]) > 0.005:
            problems.append("%s: margin != sum of lines" % data["name"])
        for line in lines:
            expected = round(line["price_unit"] * line["product_uom_qty"], 2)
            if abs(line["price_subtotal"] - expected) > 0.005 or \
                    abs(line["price_total"] - expected) > 0.005:
                problems.append("%s: line amounts" % data["name"])
        partner = order.partner_id.commercial_partner_id
        pdata = partner.read([
            "name", "display_name", "commercial_partner_id", "customer", "is_company",
            "country_id", "lang", "user_id", "sale_order_count", "type", "active",
        ])[0]
        if pdata["commercial_partner_id"][0] != partner.id or not pdata["customer"]:
            problems.append("%s: commercial partner" % pdata["name"])
        if order.partner_id.name_get()[0][1] != order.partner_id.display_name:
            problems.append("%s: display_name != name_get()" % pdata["name"])
        invoices = env["account.invoice"].search([("origin", "=", order.name)])
        invoices.read(["number", "state", "amount_total", "residual",
                       "amount_untaxed_signed", "commercial_partner_id", "date_due"])
        if data["invoice_status"] == "invoiced" and not invoices:
            problems.append("%s: invoiced without invoice" % data["name"])
    env.clear()
    figures.add("orm_checked_orders", len(orders))
    figures.add("orm_check", "ok" if not problems else "FAILED " + "; ".join(problems))
    if problems:
        raise SystemExit("generated data not valid for the ORM: %s" % problems)


# ---------------------------------------------------------------------------------
# The steady-state night: some dormant/churned/at-risk customers order again
# ---------------------------------------------------------------------------------

_STEADY_ORDERS_SQL = """
INSERT INTO sale_order (
    id, name, state, date_order, confirmation_date, user_id, partner_id,
    partner_invoice_id, partner_shipping_id, pricelist_id, company_id, team_id,
    invoice_status, amount_untaxed, amount_tax, amount_total, margin, create_uid,
    write_uid, create_date, write_date)
SELECT %(base)s + n, 'SO' || lpad((%(base)s + n)::text, 7, '0'), 'sale',
       %(day)s::timestamp + interval '9 hours', %(day)s::timestamp + interval '9 hours',
       user_id, id, id, id, %(pricelist)s, %(company)s, team_id, 'to invoice',
       0, 0, 0, 0, %(uid)s, %(uid)s, %(day)s::timestamp, %(day)s::timestamp
  FROM (SELECT p.id, p.user_id, p.team_id,
               row_number() OVER (ORDER BY md5(p.id::text)) AS n
          FROM res_partner p
          JOIN crm_lifecycle_stage s ON s.id = p.lifecycle_stage_id
         WHERE p.ref LIKE %(ref_like)s
           AND s.code IN ('at_risk', 'dormant', 'churned')) t
 WHERE n <= %(count)s
"""

_STEADY_LINES_SQL = """
INSERT INTO sale_order_line (
    order_id, name, sequence, invoice_status, price_unit, price_subtotal, price_tax,
    price_total, price_reduce, price_reduce_taxinc, price_reduce_taxexcl, discount,
    product_id, product_uom_qty, product_uom, qty_delivered, qty_to_invoice,
    qty_invoiced, salesman_id, currency_id, company_id, order_partner_id,
    is_downpayment, state, customer_lead, amt_to_invoice, amt_invoiced, margin,
    purchase_price, create_uid, write_uid, create_date, write_date)
SELECT o.id, (%(names)s::text[])[i], 10 * k, 'to invoice', (%(prices)s::numeric[])[i],
       (%(prices)s::numeric[])[i], 0, (%(prices)s::numeric[])[i],
       (%(prices)s::numeric[])[i], (%(prices)s::numeric[])[i],
       (%(prices)s::numeric[])[i], 0, (%(products)s::int[])[i], 1,
       (%(uoms)s::int[])[i], 0, 1, 0, o.user_id, %(currency)s, %(company)s,
       o.partner_id, false, 'sale', 0, (%(prices)s::numeric[])[i], 0,
       (%(prices)s::numeric[])[i] - (%(costs)s::numeric[])[i],
       (%(costs)s::numeric[])[i], %(uid)s, %(uid)s, o.create_date, o.create_date
  FROM sale_order o
 CROSS JOIN LATERAL (SELECT k, 1 + (o.id * k * 7) %% %(nproducts)s AS i
                       FROM generate_series(1, 2) k) l
 WHERE o.id > %(base)s
"""

_STEADY_AMOUNTS_SQL = """
UPDATE sale_order o
   SET amount_untaxed = t.untaxed, amount_total = t.untaxed, margin = t.margin
  FROM (SELECT order_id, sum(price_subtotal) AS untaxed, sum(margin) AS margin
          FROM sale_order_line WHERE order_id > %(base)s GROUP BY order_id) t
 WHERE o.id = t.order_id
"""


def prepare_night(env, gen_params, day, count):
    """Add the night's orders (not timed; the caller rolls back); return how many."""
    cr = env.cr
    cr.execute("SELECT coalesce(max(id), 0) FROM sale_order")
    params = dict(gen_params, base=cr.fetchone()[0], day=day, count=count)
    cr.execute(_STEADY_ORDERS_SQL, params)
    added = cr.rowcount
    cr.execute(_STEADY_LINES_SQL, params)
    cr.execute(_STEADY_AMOUNTS_SQL, params)
    env.clear()
    return added


# ---------------------------------------------------------------------------------
# The same night as a DBA would write it in SQL
# ---------------------------------------------------------------------------------

# Profile columns in the order the night's SQL computes them.
PROFILE_COLUMNS = [
    "stage_id", "stage_date", "rule", "order_count", "first_order_date",
    "last_order_date", "window_orders", "usual_interval", "order_amount",
    "avg_order_value", "margin", "window_margin", "revenue", "window_revenue",
    "revenue_this_year", "revenue_last_year", "invoiced", "refunded", "paid",
    "overdue", "recency_score", "frequency_score", "monetary_score", "rfm_segment",
    "value_tier", "risk_score", "clv", "weekday", "team_id", "category_id",
    "promo_order_count",
]

RULES = [
    ("suspect", "no_sale"), ("prospect", "lead"), ("churned", "gap_churn"),
    ("dormant", "gap_dormant"), ("at_risk", "gap_interval"),
    ("won_back", "order_after_gap"), ("loyal", "loyal_window"),
    ("new", "first_order"), ("active", "repeat_orders"),
]

# 1. Every figure of every customer of the company at the reference date.
# Floats computed as the ORM computes them (float8, written back through text) so
# that an unchanged customer compares equal to what the ORM wrote the night before.
_SQL_FIGURES = """
CREATE TEMP TABLE bench_night ON COMMIT DROP AS
WITH orders AS (
    SELECT p.commercial_partner_id AS partner_id, so.id, 'order' AS kind,
           so.date_order::date AS day, so.team_id, so.campaign_id, so.amount_untaxed
      FROM sale_order so
      JOIN res_partner p ON p.id = so.partner_id
     WHERE so.company_id = %(company)s AND so.state IN ('sale', 'done')
       AND so.date_order < %(ref)s::date + 1
    UNION ALL
    SELECT ai.commercial_partner_id, ai.id, 'invoice', ai.date_invoice, ai.team_id,
           NULL::integer, ai.amount_untaxed_signed
      FROM account_invoice ai
     WHERE ai.company_id = %(company)s AND ai.type = 'out_invoice'
       AND ai.state IN ('open', 'paid') AND ai.date_invoice <= %(ref)s
       AND NOT EXISTS (SELECT 1 FROM account_invoice_line il
                         JOIN sale_order_line_invoice_rel r
                           ON r.invoice_line_id = il.id
                        WHERE il.invoice_id = ai.id)
), facts AS (
    SELECT partner_id, count(*) AS order_count, min(day) AS first_order,
           max(day) AS last_order,
           count(*) FILTER (WHERE day > %(window_start)s) AS window_orders,
           sum(amount_untaxed) AS order_amount,
           count(*) FILTER (WHERE campaign_id IS NOT NULL) AS promo_order_count,
           (mode() WITHIN GROUP (ORDER BY extract(isodow FROM day)))::int::text
               AS weekday,
           mode() WITHIN GROUP (ORDER BY team_id) AS team_id
      FROM orders GROUP BY partner_id
), margins AS (
    SELECT ai.commercial_partner_id AS partner_id,
           sum(m.margin) AS margin,
           coalesce(sum(m.margin) FILTER (WHERE ai.date_invoice > %(year_start)s), 0)
               AS window_margin
      FROM account_invoice ai
      JOIN account_invoice_line il ON il.invoice_id = ai.id
      LEFT JOIN LATERAL (
          SELECT avg(sol.purchase_price) AS cost
            FROM sale_order_line_invoice_rel r
            JOIN sale_order_line sol ON sol.id = r.order_line_id
           WHERE r.invoice_line_id = il.id) sl ON true
      LEFT JOIN ir_property cost
             ON cost.name = 'standard_price' AND cost.fields_id = %(cost_field)s
            AND cost.company_id = %(company)s
            AND cost.res_id = 'product.product,' || il.product_id
     CROSS JOIN LATERAL (
          SELECT il.price_subtotal_signed - il.quantity
                 * coalesce(sl.cost, cost.value_float, 0)
                 * CASE WHEN ai.type = 'out_refund' THEN -1 ELSE 1 END AS margin) m
     WHERE ai.company_id = %(company)s AND ai.state IN ('open', 'paid')
       AND ai.type IN ('out_invoice', 'out_refund') AND ai.date_invoice <= %(ref)s
     GROUP BY ai.commercial_partner_id
), retention AS (
    SELECT coalesce(floor(100.0 * count(*) FILTER (WHERE before AND after)::float8
                    / nullif(count(*) FILTER (WHERE before), 0) + 0.5) / 100.0,
                    0) AS rate
      FROM (SELECT bool_or(day > %(year_start)s) AS after,
                   bool_or(day <= %(year_start)s
                           AND day > %(year_start)s::date - 365) AS before
              FROM orders GROUP BY partner_id) t
), category AS (
    SELECT DISTINCT ON (x.partner_id) x.partner_id, pt.categ_id AS category_id
      FROM (SELECT o.partner_id, l.product_id, l.price_subtotal AS amount
              FROM orders o JOIN sale_order_line l ON l.order_id = o.id
             WHERE o.kind = 'order'
            UNION ALL
            SELECT o.partner_id, l.product_id, l.price_subtotal_signed
              FROM orders o JOIN account_invoice_line l ON l.invoice_id = o.id
             WHERE o.kind = 'invoice') x
      JOIN product_product pp ON pp.id = x.product_id
      JOIN product_template pt ON pt.id = pp.product_tmpl_id
     GROUP BY x.partner_id, pt.categ_id
     ORDER BY x.partner_id, sum(x.amount) DESC, pt.categ_id
), invoices AS (
    SELECT commercial_partner_id AS partner_id,
           sum(amount_untaxed_signed) AS revenue,
           coalesce(sum(amount_untaxed_signed)
               FILTER (WHERE date_invoice > %(window_start)s), 0) AS window_revenue,
           coalesce(sum(amount_untaxed_signed)
               FILTER (WHERE date_invoice >= %(this_year)s), 0) AS revenue_this_year,
           coalesce(sum(amount_untaxed_signed)
               FILTER (WHERE date_invoice >= %(last_year)s
                         AND date_invoice < %(this_year)s), 0) AS revenue_last_year,
           coalesce(sum(amount_total_company_signed)
               FILTER (WHERE type = 'out_invoice'), 0) AS invoiced,
           coalesce(-sum(amount_total_company_signed)
               FILTER (WHERE type = 'out_refund'), 0) AS refunded,
           coalesce(sum(amount_total_company_signed - residual_company_signed), 0)
               AS paid,
           coalesce(sum(residual_company_signed)
               FILTER (WHERE state = 'open' AND type = 'out_invoice'
                         AND date_due < %(ref)s), 0) AS overdue,
           coalesce(sum(residual_company_signed) FILTER (WHERE state = 'open'), 0)
               AS receivable
      FROM account_invoice
     WHERE company_id = %(company)s AND state IN ('open', 'paid')
       AND type IN ('out_invoice', 'out_refund') AND date_invoice <= %(ref)s
     GROUP BY commercial_partner_id
), leads AS (
    SELECT DISTINCT p.commercial_partner_id AS partner_id
      FROM crm_lead l
      JOIN res_partner p ON p.id = l.partner_id
     WHERE l.active AND (l.company_id = %(company)s OR l.company_id IS NULL)
       AND l.create_date < %(ref)s::date + 1
){service_cte}, customers AS (
    SELECT partner_id FROM facts UNION SELECT partner_id FROM invoices
    UNION SELECT partner_id FROM leads
), scores AS (
    SELECT partner_id,
           (1 + floor(5.0 * (rank() OVER (ORDER BY last_order) - 1)
                      / count(*) OVER ()))::int AS r,
           (1 + floor(5.0 * (rank() OVER (ORDER BY order_count) - 1)
                      / count(*) OVER ()))::int AS f,
           (1 + floor(5.0 * (rank() OVER (ORDER BY order_amount) - 1)
                      / count(*) OVER ()))::int AS m
      FROM facts
), tiers AS (
    SELECT partner_id,
           CASE WHEN total <= 0 OR revenue <= 0 THEN 'c'
                WHEN before < 0.8 * total THEN 'a'
                WHEN before < 0.95 * total THEN 'b'
                ELSE 'c' END AS value_tier
      FROM (SELECT partner_id, revenue,
                   coalesce(sum(revenue) OVER (ORDER BY revenue DESC, partner_id
                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before,
                   sum(greatest(revenue, 0)) OVER () AS total
              FROM invoices) t
), base AS (
    SELECT c.partner_id, l.partner_id IS NOT NULL AS has_lead,
           coalesce(f.order_count, 0) AS n, f.first_order, f.last_order,
           coalesce(f.window_orders, 0) AS window_orders,
           coalesce(f.order_amount, 0) AS order_amount,
           coalesce(mg.margin, 0) AS margin,
           coalesce(mg.window_margin, 0) AS window_margin,
           coalesce(f.promo_order_count, 0) AS promo_order_count,
           f.weekday, f.team_id, cat.category_id,
           coalesce(i.revenue, 0) AS revenue,
           coalesce(i.window_revenue, 0) AS window_revenue,
           coalesce(i.revenue_this_year, 0) AS revenue_this_year,
           coalesce(i.revenue_last_year, 0) AS revenue_last_year,
           coalesce(i.invoiced, 0) AS invoiced, coalesce(i.refunded, 0) AS refunded,
           coalesce(i.paid, 0) AS paid, coalesce(i.overdue, 0) AS overdue,
           coalesce(i.receivable, 0) AS receivable,
           CASE WHEN coalesce(f.order_count, 0) < 2
                THEN %(default_interval_days)s::float8
                ELSE greatest((f.last_order - f.first_order)::float8
                              / (f.order_count - 1), 1.0) END AS usual,
           %(ref)s::date - f.last_order AS gap,
           %(ref)s::date - f.first_order AS tenure,
           s.r, s.f, s.m, coalesce(t.value_tier, 'c') AS value_tier,
           pr.stage_id AS prev_stage, pr.stage_date AS prev_date, ps.code AS prev_code,
           {service_columns}
      FROM customers c
      LEFT JOIN facts f ON f.partner_id = c.partner_id
      LEFT JOIN category cat ON cat.partner_id = c.partner_id
      LEFT JOIN invoices i ON i.partner_id = c.partner_id
      LEFT JOIN margins mg ON mg.partner_id = c.partner_id
      LEFT JOIN leads l ON l.partner_id = c.partner_id
      LEFT JOIN scores s ON s.partner_id = c.partner_id
      LEFT JOIN tiers t ON t.partner_id = c.partner_id
      LEFT JOIN crm_lifecycle_profile pr
             ON pr.partner_id = c.partner_id AND pr.company_id = %(company)s
      LEFT JOIN crm_lifecycle_stage ps ON ps.id = pr.stage_id
      {service_join}
), staged AS (
    SELECT b.*,
           CASE WHEN n = 0 AND has_lead THEN 'prospect'
                WHEN n = 0 THEN 'suspect'
                WHEN gap > %(churn_days)s THEN 'churned'
                WHEN gap > %(dormant_days)s THEN 'dormant'
                WHEN gap > usual * %(risk_factor)s THEN 'at_risk'
                WHEN prev_code IN ('dormant', 'churned') AND last_order >= prev_date
                     THEN 'won_back'
                WHEN prev_code = 'won_back'
                     AND %(ref)s::date - prev_date <= %(winback_days)s
                     THEN 'won_back'
                WHEN tenure >= %(loyal_min_tenure_days)s
                     AND (window_orders >= %(loyal_min_orders)s
                          OR (%(loyal_min_revenue)s > 0
                              AND window_revenue >= %(loyal_min_revenue)s))
                     THEN 'loyal'
                WHEN n = 1 THEN 'new'
                ELSE 'active' END AS code
      FROM base b
)
SELECT s.partner_id, st.id AS stage_id,
       CASE WHEN st.id = s.prev_stage THEN s.prev_date ELSE %(ref)s::date END
           AS stage_date,
       rules.rule, s.n AS order_count, s.first_order AS first_order_date,
       s.last_order AS last_order_date, s.window_orders,
       CASE WHEN s.n > 0 THEN s.usual ELSE 0 END AS usual_interval,
       s.order_amount,
       CASE WHEN s.n > 0 THEN (s.order_amount::float8 / s.n)::text::numeric
            ELSE 0 END AS avg_order_value,
       s.margin, s.window_margin, s.revenue, s.window_revenue, s.revenue_this_year,
       s.revenue_last_year, s.invoiced, s.refunded, s.paid, s.overdue,
       s.r AS recency_score, s.f AS frequency_score, s.m AS monetary_score,
       seg.segment AS rfm_segment, s.value_tier,
       round(100.0::float8 * (
             %(w_overdue)s * CASE WHEN s.overdue <= 0 THEN 0.0
                                  WHEN s.receivable <= 0 THEN 1.0
                                  ELSE least(s.overdue::float8
                                             / s.receivable::float8, 1.0) END
             + %(w_gap)s * CASE WHEN s.n > 0
                                THEN least(s.gap / (s.usual * %(risk_factor)s), 1.0)
                                ELSE 0.0 END
             {service_risk}) / %(w_total)s)::int AS risk_score,
       CASE WHEN ret.rate < 1 + %(discount)s
            THEN round((s.window_margin::float8 * ret.rate
                        / (1 + %(discount)s - ret.rate))::numeric, 2)
            ELSE 0 END AS clv,
       s.weekday, s.team_id, s.category_id, s.promo_order_count
  FROM staged s
 CROSS JOIN retention ret
  LEFT JOIN crm_lifecycle_stage st ON st.code = s.code AND st.active
  LEFT JOIN unnest(%(rule_codes)s::text[], %(rule_names)s::text[]) rules(code, rule)
         ON rules.code = s.code
  LEFT JOIN unnest(%(seg_r)s::int[], %(seg_f)s::int[], %(seg_names)s::text[])
            seg(r, f, segment) ON seg.r = s.r AND seg.f = s.f
"""

# crm_service's risk components (complaints, SLA breaches, unhappy customers over
# the last year, each saturating at 3 events), when it is installed.
_SQL_SERVICE = {
    "service_cte": """, service AS (
    SELECT r.commercial_partner_id AS partner_id,
           least(count(*) FILTER (WHERE r.is_complaint) / 3.0::float8, 1.0)
               AS complaints,
           least(count(*) FILTER (WHERE r.sla_response_status = 'failed'
                                     OR r.sla_resolve_status = 'failed')
                 / 3.0::float8, 1.0) AS breaches,
           least(count(*) FILTER (WHERE r.csat BETWEEN 1 AND 2
                                     OR r.nps BETWEEN 0 AND 6 AND r.csat IS NULL)
                 / 3.0::float8, 1.0) AS unhappy
      FROM crm_service_request r
     WHERE r.company_id = %(company)s AND r.active
       AND r.date_open >= %(year_start)s AND r.date_open < %(ref)s::date + 1
     GROUP BY r.commercial_partner_id
)""",
    "service_columns": """coalesce(sv.complaints, 0.0) AS complaints,
           coalesce(sv.breaches, 0.0) AS breaches,
           coalesce(sv.unhappy, 0.0) AS unhappy""",
    "service_join": "LEFT JOIN service sv ON sv.partner_id = c.partner_id",
    "service_risk": """+ %(w_complaints)s * s.complaints
             + %(w_breaches)s * s.breaches + %(w_unhappy)s * s.unhappy""",
}
_SQL_NO_SERVICE = {
    "service_cte": "", "service_columns": "NULL AS no_service", "service_join": "",
    "service_risk": "",
}

# 2. Upsert the figures where they changed, drop the customers that left.
_SQL_UPSERT = """
INSERT INTO crm_lifecycle_profile (partner_id, company_id, {cols}, create_uid,
                                   write_uid, create_date, write_date)
SELECT partner_id, %(company)s, {cols}, %(uid)s, %(uid)s,
       now() at time zone 'UTC', now() at time zone 'UTC'
  FROM bench_night
    ON CONFLICT (partner_id, company_id) DO UPDATE
   SET {sets}, write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
 WHERE ({old}) IS DISTINCT FROM ({new})
"""

_SQL_DELETE = """
DELETE FROM crm_lifecycle_profile pr
 WHERE pr.company_id = %(company)s
   AND NOT EXISTS (SELECT 1 FROM bench_night n WHERE n.partner_id = pr.partner_id)
"""

# 3. The stage, tier and segment each customer should show, where it differs.
_SQL_CHANGES = """
CREATE TEMP TABLE bench_changes ON COMMIT DROP AS
WITH speaking AS (
    SELECT DISTINCT ON (pr.partner_id) pr.partner_id, pr.company_id, pr.stage_id,
           pr.value_tier, pr.rfm_segment, pr.rule
      FROM crm_lifecycle_profile pr
      JOIN res_partner cp ON cp.id = pr.partner_id
     ORDER BY pr.partner_id, (pr.company_id = cp.company_id) IS TRUE DESC,
              pr.last_order_date DESC NULLS LAST, pr.company_id
), target AS (
    -- a stage locked by a manager stays; tier and segment keep updating
    SELECT sp.partner_id, sp.company_id,
           CASE WHEN p.lifecycle_locked_until >= %(ref)s
                THEN p.lifecycle_stage_id ELSE sp.stage_id END AS stage_id,
           sp.value_tier, sp.rfm_segment, sp.rule
      FROM speaking sp
      JOIN res_partner p ON p.id = sp.partner_id
    UNION ALL
    -- no lifecycle for internal users' and companies' partners
    SELECT p.id, p.company_id,
           CASE WHEN staff.staff THEN NULL ELSE %(suspect)s END, NULL, NULL,
           'no_sale'
      FROM res_partner p
     CROSS JOIN LATERAL (
           SELECT EXISTS (SELECT 1 FROM res_users u
                           WHERE u.partner_id = p.id AND NOT u.share)
                  OR EXISTS (SELECT 1 FROM res_company co
                              WHERE co.partner_id = p.id) AS staff) staff
     WHERE p.active AND p.id = p.commercial_partner_id
       AND (p.lifecycle_locked_until IS NULL OR p.lifecycle_locked_until < %(ref)s)
       AND (staff.staff OR p.customer OR p.lifecycle_stage_id IS NOT NULL)
       AND NOT EXISTS (SELECT 1 FROM crm_lifecycle_profile pr
                        WHERE pr.partner_id = p.id)
)
SELECT t.*, p.lifecycle_stage_id AS old_stage_id
  FROM target t
  JOIN res_partner p ON p.id = t.partner_id
 WHERE (p.lifecycle_stage_id, p.value_tier, p.rfm_segment)
       IS DISTINCT FROM (t.stage_id, t.value_tier, t.rfm_segment)
"""

_SQL_HISTORY = """
INSERT INTO crm_lifecycle_history (partner_id, company_id, from_stage_id, to_stage_id,
                                   date, origin, rule, create_uid, write_uid,
                                   create_date, write_date)
SELECT partner_id, company_id, old_stage_id, stage_id, %(ref)s, 'rule', rule,
       %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
  FROM bench_changes
 WHERE stage_id IS DISTINCT FROM old_stage_id AND stage_id IS NOT NULL
"""


def _html(column):
    """``column`` escaped for HTML in SQL, as odoo.tools.html_escape does."""
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"),
                         ('"', "&quot;")):
        column = "replace(%s, '%s', '%s')" % (column, char, entity)
    return column


_SQL_MESSAGES = """
INSERT INTO mail_message (model, res_id, message_type, subtype_id, author_id, body,
                          date, record_name, create_uid, write_uid, create_date,
                          write_date)
SELECT 'res.partner', c.partner_id, 'notification', %(subtype)s, %(author)s,
       '<p>' || %(label)s || ' ' || coalesce(""" + _html("f.name") + """
             || ' &#8594; ', '') || """ + _html("t.name") + """ || '</p>',
       now() at time zone 'UTC', p.display_name, %(uid)s, %(uid)s,
       now() at time zone 'UTC', now() at time zone 'UTC'
  FROM bench_changes c
  JOIN res_partner p ON p.id = c.partner_id
  JOIN crm_lifecycle_stage t ON t.id = c.stage_id
  LEFT JOIN crm_lifecycle_stage f ON f.id = c.old_stage_id
 WHERE c.stage_id IS DISTINCT FROM c.old_stage_id
"""

_SQL_PARTNERS = """
UPDATE res_partner p
   SET lifecycle_stage_id = c.stage_id, value_tier = c.value_tier,
       rfm_segment = c.rfm_segment,
       lifecycle_date = CASE WHEN c.stage_id IS DISTINCT FROM c.old_stage_id
                             THEN %(ref)s ELSE p.lifecycle_date END
  FROM bench_changes c
 WHERE p.commercial_partner_id = c.partner_id
"""


# The confidentiality flag of the customers whose stage changed (crm_lifecycle's
# visibility rules read it), when the column exists.
_SQL_FLAG = """
UPDATE res_partner p SET crm_is_customer = f.flag
  FROM (SELECT c.id,
               (cp.user_id IS NOT NULL OR st.code = ANY(%(sales_stages)s))
               AND NOT EXISTS (SELECT 1 FROM res_users u
                                WHERE u.partner_id IN (c.id, cp.id))
               AND NOT EXISTS (SELECT 1 FROM res_company co
                                WHERE co.partner_id = cp.id) AS flag
          FROM res_partner c
          JOIN res_partner cp ON cp.id = c.commercial_partner_id
          LEFT JOIN crm_lifecycle_stage st ON st.id = cp.lifecycle_stage_id
         WHERE c.commercial_partner_id IN (SELECT partner_id FROM bench_changes)) f
 WHERE p.id = f.id AND p.crm_is_customer IS DISTINCT FROM f.flag
"""

# The month's customer counts per stage and segment, when the table exists (the
# cron also fits a three-month forecast on them in Python: not repeated here).
_SQL_SNAPSHOT = """
DELETE FROM crm_lifecycle_snapshot WHERE month = %(month)s OR is_forecast;
INSERT INTO crm_lifecycle_snapshot (month, company_id, stage_id, rfm_segment,
                                    customer_count, is_forecast, create_uid,
                                    write_uid, create_date, write_date)
SELECT %(month)s, pr.company_id,
       CASE WHEN p.lifecycle_locked_until >= %(ref)s
                 AND p.lifecycle_stage_id IS NOT NULL
            THEN p.lifecycle_stage_id ELSE pr.stage_id END,
       pr.rfm_segment, count(*), false, %(uid)s, %(uid)s,
       now() at time zone 'UTC', now() at time zone 'UTC'
  FROM crm_lifecycle_profile pr
  JOIN res_partner p ON p.id = pr.partner_id
 WHERE p.active AND pr.stage_id IS NOT NULL
 GROUP BY 2, 3, 4
"""

SALES_STAGES = ["new", "active", "loyal", "at_risk", "dormant", "churned", "won_back"]


def _has_column(cr, table, column):
    cr.execute("""SELECT count(*) FROM information_schema.columns
                   WHERE table_name = %s AND column_name = %s""", (table, column))
    return cr.fetchone()[0] > 0


def sql_night_params(env, ref_date):
    """Parameters of the hand-written night (thresholds read like the ORM does)."""
    from odoo.addons.crm_lifecycle.logic import rfm

    company = env.ref("base.main_company")
    params = company._lifecycle_params()
    grid = [(r, f, rfm.segment(r, f)) for r in range(1, 6) for f in range(1, 6)]
    values = dict(params._asdict())
    values.update({
        "company": company.id, "uid": env.uid, "ref": ref_date,
        "window_start": ref_date - datetime.timedelta(days=params.loyal_window_days),
        "year_start": ref_date - datetime.timedelta(days=365),
        "this_year": ref_date.replace(month=1, day=1),
        "last_year": ref_date.replace(year=ref_date.year - 1, month=1, day=1),
        "risk_factor": float(params.risk_factor),
        "loyal_min_revenue": float(params.loyal_min_revenue),
        "discount": float(company.lifecycle_clv_discount_rate),
        "rule_codes": [c for c, _r in RULES], "rule_names": [r for _c, r in RULES],
        "seg_r": [g[0] for g in grid], "seg_f": [g[1] for g in grid],
        "seg_names": [g[2] for g in grid],
        "suspect": env["crm.lifecycle.stage"].search(
            [("code", "=", "suspect")], limit=1).id or None,
        "subtype": env.ref("mail.mt_note").id,
        "author": env.ref("base.partner_root").id,
        "label": "Lifecycle stage:",
        "cost_field": env["ir.model.fields"]._get(
            "product.product", "standard_price").id,
        "month": ref_date.replace(day=1), "sales_stages": SALES_STAGES,
    })
    # the weights of the risk components the ORM uses (crm_service adds three)
    weights = [weight for weight, _values in env["crm.lifecycle.profile"]
               ._risk_components(company, ref_date, {})]
    values.update(w_overdue=float(weights[0]), w_gap=float(weights[1]),
                  w_total=sum(weights), service=len(weights) == 5)
    if values["service"]:
        values.update(w_complaints=float(weights[2]), w_breaches=float(weights[3]),
                      w_unhappy=float(weights[4]))
    elif len(weights) != 2:
        log("WARNING: unknown risk components %s: the SQL night ignores them"
            % weights)
    values["flag"] = _has_column(env.cr, "res_partner", "crm_is_customer")
    values["snapshot"] = _has_column(env.cr, "crm_lifecycle_snapshot", "month")
    return values


def run_sql_night(cr, params):
    """The whole night in SQL; returns {statement: seconds}."""
    cols = ", ".join(PROFILE_COLUMNS)
    upsert = _SQL_UPSERT.format(
        cols=cols,
        sets=", ".join("%s = EXCLUDED.%s" % (c, c) for c in PROFILE_COLUMNS),
        old=", ".join("crm_lifecycle_profile.%s" % c for c in PROFILE_COLUMNS),
        new=", ".join("EXCLUDED.%s" % c for c in PROFILE_COLUMNS))
    parts = {}
    # The estimates of the CTEs are far off (200 rows each), so the planner's cost
    # passes jit_above_cost and PostgreSQL spends seconds compiling: a DBA turns JIT
    # off for this transaction.
    cr.execute("SET LOCAL jit = off")
    figures = _SQL_FIGURES.format(
        **(_SQL_SERVICE if params["service"] else _SQL_NO_SERVICE))
    statements = [
        ("figures", figures), ("upsert", upsert), ("delete", _SQL_DELETE),
        ("changes", _SQL_CHANGES), ("history", _SQL_HISTORY),
        ("messages", _SQL_MESSAGES), ("partners", _SQL_PARTNERS),
    ]
    if params["flag"]:
        statements.append(("customer_flag", _SQL_FLAG))
    if params["snapshot"]:
        statements.append(("snapshot", _SQL_SNAPSHOT))
    for label, sql in statements:
        start = time.perf_counter()
        cr.execute(sql, params)
        parts[label] = time.perf_counter() - start
    cr.execute("DROP TABLE bench_changes; DROP TABLE bench_night")
    return parts


# ---------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------

STATEMENT_LABELS = [
    ("SET LOCAL jit = off;", "facts"),
    ("SELECT count(*) FILTER", "retention"),
    ("UPDATE res_company", "retention"),
    ("INSERT INTO crm_lifecycle_profile", "profile_upsert"),
    ("DELETE FROM crm_lifecycle_profile", "profile_delete"),
    ("CREATE TEMP TABLE crm_lifecycle_sync", "sync_select"),
    ("INSERT INTO crm_lifecycle_history", "history_insert"),
    ("INSERT INTO mail_message", "message_insert"),
    ("UPDATE res_partner p SET crm_is_customer", "customer_flag"),
    ("UPDATE res_partner", "partner_update"),
    ("SELECT r.commercial_partner_id", "service_risk"),
    ("DELETE FROM crm_lifecycle_snapshot", "snapshot"),
    ("INSERT INTO crm_lifecycle_snapshot", "snapshot"),
    ("SELECT company_id, stage_id, month", "snapshot"),
]


class StatementTimer:
    """Time every statement a cursor executes, grouped by a label of its text."""

    def __init__(self, cr):
        self.cr = cr
        self.times = {}
        self.counts = {}

    def label(self, query):
        if isinstance(query, bytes):
            query = query[:300].decode("utf-8", "replace")
        text = " ".join(str(query)[:300].split())
        for prefix, label in STATEMENT_LABELS:
            if text.startswith(prefix):
                return label
        return "other"

    def __enter__(self):
        for method in ("execute", "copy_from"):
            setattr(self.cr, method, self._timed(getattr(self.cr, method), method))
        return self

    def _timed(self, original, method):
        def timed(query, *args, **kwargs):
            start = time.perf_counter()
            try:
                return original(query, *args, **kwargs)
            finally:
                label = self.label(query) if method == "execute" else "rules_copy"
                self.times[label] = self.times.get(label, 0.0) + (
                    time.perf_counter() - start)
                self.counts[label] = self.counts.get(label, 0) + 1
        return timed

    def __exit__(self, *exc):
        del self.cr.execute
        del self.cr.copy_from


def capture(cr, company_id):
    """What a night leaves behind, to compare the ORM's and the SQL's nights."""
    cr.execute("SELECT partner_id, %s FROM crm_lifecycle_profile WHERE company_id = %%s"
               % ", ".join(PROFILE_COLUMNS), (company_id,))
    profiles = {row[0]: row[1:] for row in cr.fetchall()}
    flag = "crm_is_customer" if _has_column(cr, "res_partner", "crm_is_customer") \
        else "NULL"
    cr.execute("""SELECT id, lifecycle_stage_id, value_tier, rfm_segment,
                         lifecycle_date, %s
                    FROM res_partner""" % flag)
    partners = {row[0]: row[1:] for row in cr.fetchall()}
    cr.execute("""SELECT partner_id, from_stage_id, to_stage_id, rule
                    FROM crm_lifecycle_history
                   WHERE create_date = now() at time zone 'UTC'
                   ORDER BY 1, 2, 3, 4""")
    history = cr.fetchall()
    cr.execute("""SELECT count(*) FROM mail_message
                   WHERE model = 'res.partner'
                     AND create_date = now() at time zone 'UTC'""")
    messages = cr.fetchone()[0]
    cr.execute("""SELECT count(*) FROM crm_lifecycle_profile
                   WHERE write_date = now() at time zone 'UTC'""")
    rewritten = cr.fetchone()[0]
    return {"profiles": profiles, "partners": partners, "history": history,
            "messages": messages, "profiles_written": rewritten}


def _same(left, right):
    if left is None or right is None:
        return left is None and right is None
    for col, a, b in zip(PROFILE_COLUMNS, left, right):
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            tolerance = 0.0101 if col == "clv" else max(1e-6, abs(a) * 1e-9)
            if abs(a - b) > tolerance:
                return False
        elif a != b:
            return False
    return True


def compare(orm, sql):
    """Rows on which the hand-written night disagrees with the ORM's night."""
    keys = set(orm["profiles"]) | set(sql["profiles"])
    bad_profiles = sorted(k for k in keys
                          if not _same(orm["profiles"].get(k), sql["profiles"].get(k)))
    bad_partners = sorted(k for k in set(orm["partners"]) | set(sql["partners"])
                          if orm["partners"].get(k) != sql["partners"].get(k))
    if bad_profiles:
        k = bad_profiles[0]
        log("first profile mismatch, partner %s:" % k)
        for col, a, b in zip(PROFILE_COLUMNS, orm["profiles"].get(k) or [None] * 40,
                             sql["profiles"].get(k) or [None] * 40):
            if a != b:
                log("   %s: orm=%r sql=%r" % (col, a, b))
    if bad_partners:
        k = bad_partners[0]
        log("first partner mismatch %s: orm=%r sql=%r"
            % (k, orm["partners"].get(k), sql["partners"].get(k)))
    return (len(bad_profiles) + len(bad_partners)
            + len(set(orm["history"]) ^ set(sql["history"]))
            + abs(orm["messages"] - sql["messages"]))


def changed_columns(before, after):
    """How many profiles each column changed in, most changed first."""
    counts = {}
    for pid, row in after["profiles"].items():
        old = before["profiles"].get(pid)
        if old is None:
            continue
        for column, a, b in zip(PROFILE_COLUMNS, old, row):
            if a != b:
                counts[column] = counts.get(column, 0) + 1
    return sorted(counts.items(), key=lambda item: -item[1])


def maxrss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


_AGGREGATE_SQL = """
SELECT p.commercial_partner_id, count(*), max(o.date_order), sum(l.price_subtotal),
       sum(l.margin)
  FROM sale_order_line l
  JOIN sale_order o ON o.id = l.order_id
  JOIN res_partner p ON p.id = o.partner_id
 WHERE o.company_id = %s AND o.state IN ('sale', 'done')
 GROUP BY p.commercial_partner_id
"""

_ANALYSIS_SQL = """
SELECT pr.partner_id, p.display_name, count(*), sum(pr.revenue),
       sum(pr.order_count), sum(pr.margin)
  FROM crm_lifecycle_profile pr
  JOIN res_partner p ON p.id = pr.partner_id
 GROUP BY pr.partner_id, p.display_name
 ORDER BY p.display_name, pr.partner_id
"""


def best_of(runs, func):
    """Best time of ``runs`` calls and the last result (freed outside the timing)."""
    best = value = None
    for _i in range(runs):
        value = None
        gc.collect()
        start = time.perf_counter()
        value = func()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, value


ANALYSIS_FIELDS = ["partner_id", "revenue", "order_count", "margin"]


def measure_analysis(env, figures, runs, salesman=False):
    """The pivot's read_group by customer against the SQL it stands for."""
    Profile = env["crm.lifecycle.profile"]

    def orm():
        env.clear()
        return Profile.read_group([], ANALYSIS_FIELDS, ["partner_id"], lazy=False)

    def sql():
        env.cr.execute(_ANALYSIS_SQL)
        return env.cr.fetchall()

    rss = maxrss_mb()
    analysis, groups = best_of(runs, orm)
    figures.add("analysis_rss_growth_mb", maxrss_mb() - rss)
    analysis_sql, rows = best_of(max(runs, 3), sql)
    figures.add("analysis_groups", len(groups))
    figures.add("analysis_s", analysis)
    figures.add("analysis_sql_s", analysis_sql)
    figures.ratio("analysis_vs_sql_ratio", analysis, analysis_sql)
    if len(groups) != len(rows):
        figures.add("analysis_check", "FAILED: %d groups, %d SQL rows"
                    % (len(groups), len(rows)))
    del groups, rows

    if salesman:
        measure_salesman_analysis(env, figures)


class patched:
    """Replace methods of a registry class for the duration of a block."""

    def __init__(self, cls, methods):
        self.cls = cls
        self.methods = methods
        self.saved = {}

    def __enter__(self):
        for name, method in self.methods.items():
            self.saved[name] = self.cls.__dict__.get(name)
            setattr(self.cls, name, method)

    def __exit__(self, *exc):
        for name, method in self.saved.items():
            if method is None:
                delattr(self.cls, name)
            else:
                setattr(self.cls, name, method)


def measure_salesman_analysis(env, figures):
    """The same pivot for the demo salesman (record rules apply), per setting."""
    user = env.ref("base.user_demo", raise_if_not_found=False)
    company = env.ref("base.main_company")
    if not user or "crm_customer_visibility" not in company._fields:
        return
    modes = [value for value, _label in
             company._fields["crm_customer_visibility"].selection]
    for mode in modes:
        company.write({"crm_customer_visibility": mode})
        env["ir.rule"].clear_caches()
        Profile = env(user=user.id)["crm.lifecycle.profile"]
        env.clear()
        start = time.perf_counter()
        groups = Profile.read_group([], ANALYSIS_FIELDS, ["partner_id"], lazy=False)
        figures.add("analysis_salesman_%s_s" % mode, time.perf_counter() - start)
        figures.add("analysis_salesman_%s_groups" % mode, len(groups))
    env.cr.rollback()
    env["ir.rule"].clear_caches()
    env.clear()


# ---------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------

def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100000)
    parser.add_argument("--lines", type=int, default=1000000,
                        help="confirmed order lines (2.5 per order on average)")
    parser.add_argument("--small", action="store_true",
                        help="5,000 customers and 50,000 lines, for a quick check")
    parser.add_argument("--db", default="crmsuite_bench")
    parser.add_argument("--keep", action="store_true",
                        help="keep the database at the end (for --reuse)")
    parser.add_argument("--reuse", action="store_true",
                        help="run on the kept database without generating again")
    parser.add_argument("--days", type=int, default=760,
                        help="history length in days (a bit over two years, so "
                             "that some customers have churned)")
    parser.add_argument("--buyer-share", type=float, default=0.83,
                        help="share of the customers who ever order")
    parser.add_argument("--shift", type=float, default=0.015,
                        help="share of the customers given an order on the "
                             "steady-state night (at-risk, dormant, churned ones)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="steady-state nights per method (best is reported)")
    parser.add_argument("--no-invoices", dest="invoices", action="store_false")
    parser.add_argument("--no-memory", dest="memory", action="store_false",
                        help="skip the traced (slower) run that measures memory")
    parser.add_argument("--no-analysis", dest="analysis", action="store_false",
                        help="skip the customer analysis (read_group) figures")
    parser.add_argument("--salesman", action="store_true",
                        help="also time the analysis as the demo salesman under "
                             "each customer visibility setting")
    parser.add_argument("--seed", type=float, default=0.42)
    args = parser.parse_args()
    if args.small:
        args.customers, args.lines = 5000, 50000
    if not args.db.startswith("crmsuite_"):
        parser.error("the database name must start with crmsuite_")
    return args


def db_exists(name):
    out = subprocess.run(
        ["psql", "-X", "-d", "postgres", "-Atc",
         "SELECT count(*) FROM pg_database WHERE datname = '%s'" % name],
        stdout=subprocess.PIPE, check=True, universal_newlines=True)
    return out.stdout.strip() == "1"


def reset_lifecycle(cr):
    """Forget what earlier runs computed for the generated customers (--reuse)."""
    like = BENCH_REF + "%"
    cr.execute("""
        CREATE TEMP TABLE bench_family ON COMMIT DROP AS
        SELECT p.id FROM res_partner p
          JOIN res_partner cp ON cp.id = p.commercial_partner_id
         WHERE cp.ref LIKE %s
    """, (like,))
    cr.execute("DELETE FROM crm_lifecycle_profile WHERE partner_id IN "
               "(SELECT id FROM bench_family)")
    cr.execute("DELETE FROM crm_lifecycle_history WHERE partner_id IN "
               "(SELECT id FROM bench_family)")
    cr.execute("DELETE FROM mail_message WHERE model = 'res.partner' AND res_id IN "
               "(SELECT id FROM bench_family)")
    cr.execute("""UPDATE res_partner SET lifecycle_stage_id = NULL, value_tier = NULL,
                         rfm_segment = NULL, lifecycle_date = NULL
                   WHERE id IN (SELECT id FROM bench_family)""")
    cr.execute("DROP TABLE bench_family")


def stage_counts(cr):
    cr.execute("""
        SELECT s.code, count(*) FROM res_partner p
          JOIN crm_lifecycle_stage s ON s.id = p.lifecycle_stage_id
         WHERE p.ref LIKE %s GROUP BY s.code ORDER BY s.code
    """, (BENCH_REF + "%",))
    return cr.fetchall()


def steady_nights(env, registry, args, figures, gen_params, ref1, before):
    """The ORM's nightly recompute and the hand-written SQL on the same night."""
    cr = env.cr
    count = int(round(args.customers * args.shift))
    sql_params = sql_night_params(env, ref1)
    orm_best = sql_best = None
    orm_parts = sql_parts = orm_state = sql_state = None
    for _i in range(args.repeat):
        added = prepare_night(env, gen_params, ref1, count)
        elapsed, parts = orm_night(env, ref1)
        if orm_best is None or elapsed < orm_best:
            orm_best, orm_parts = elapsed, parts
        orm_state = capture(cr, sql_params["company"])
        cr.rollback()
        env.clear()
        vacuum(registry, VACUUMED)

        prepare_night(env, gen_params, ref1, count)
        gc.collect()
        start = time.perf_counter()
        parts = run_sql_night(cr, sql_params)
        elapsed = time.perf_counter() - start
        if sql_best is None or elapsed < sql_best:
            sql_best, sql_parts = elapsed, parts
        sql_state = capture(cr, sql_params["company"])
        cr.rollback()
        env.clear()
        vacuum(registry, VACUUMED)

    changed = len({row[0] for row in orm_state["history"]})
    rewritten = sum(1 for pid, row in orm_state["partners"].items()
                    if before["partners"].get(pid) != row)
    figures.add("steady_new_orders", added)
    figures.add("steady_stage_changes", changed)
    figures.add("steady_stage_changes_pct", 100.0 * changed / args.customers)
    figures.add("steady_partner_rows_changed", rewritten)
    figures.add("steady_profiles_rewritten", orm_state["profiles_written"])
    for column, number in changed_columns(before, orm_state):
        figures.add("steady_profiles_changed_%s" % column, number)
    figures.add("recompute_steady_s", orm_best)
    figures.add("sql_steady_s", sql_best)
    figures.ratio("recompute_vs_sql_ratio", orm_best, sql_best)
    for label, seconds in sorted(orm_parts.items(), key=lambda item: -item[1]):
        figures.add("recompute_part_%s_s" % label, seconds)
    for label, seconds in sorted(sql_parts.items(), key=lambda item: -item[1]):
        figures.add("sql_part_%s_s" % label, seconds)
    figures.add("sql_profiles_rewritten", sql_state["profiles_written"])
    figures.add("sql_vs_recompute_mismatches", compare(orm_state, sql_state))
    return count


def orm_night(env, ref1):
    """One nightly recompute through the ORM; (seconds, {statement: seconds})."""
    env.clear()
    spent = {}
    patch = {}
    if "crm.lifecycle.snapshot" in env.registry:
        original = type(env["crm.lifecycle.snapshot"])._take_snapshot

        def take_snapshot(self, *args, **kwargs):
            start = time.perf_counter()
            try:
                return original(self, *args, **kwargs)
            finally:
                spent["snapshot_total"] = time.perf_counter() - start

        patch = {"_take_snapshot": take_snapshot}
    gc.collect()
    with StatementTimer(env.cr) as timer, \
            patched(type(env["crm.lifecycle.snapshot"]) if patch else object, patch):
        start = time.perf_counter()
        env["res.partner"]._cron_update_lifecycle(ref_date=str(ref1))
        elapsed = time.perf_counter() - start
    parts = dict(timer.times)
    parts["python_and_client"] = elapsed - sum(timer.times.values())
    if spent:
        # time inside _take_snapshot (its SQL is also in the "snapshot" part)
        parts["snapshot_method_incl"] = spent["snapshot_total"]
    return elapsed, parts


def measure_partial(env, figures, ref1):
    """What an order confirmation adds: the partial recompute of its customer (the
    one with the most orders), best of three, rolled back."""
    cr = env.cr
    cr.execute("""
        SELECT p.commercial_partner_id FROM sale_order o
          JOIN res_partner p ON p.id = o.partner_id
         WHERE o.state = 'sale' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1""")
    partner_id = cr.fetchone()[0]

    def partial():
        env["res.partner"]._lifecycle_recompute(
            ref_date=str(ref1), partner_ids=[partner_id])
        cr.rollback()
        env.clear()

    figures.add("partial_recompute_ms", 1000.0 * best_of(3, partial)[0])


def memory_night(env, registry, figures, gen_params, ref1, count):
    """Peak Python memory of one steady-state recompute (traced, so not timed)."""
    cr = env.cr
    prepare_night(env, gen_params, ref1, count)
    env.clear()
    tracemalloc.start()
    env["res.partner"]._cron_update_lifecycle(ref_date=str(ref1))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    cr.rollback()
    env.clear()
    figures.add("recompute_peak_mb", peak / 1024.0 / 1024.0)
    vacuum(registry, VACUUMED)


VACUUMED = ["res_partner", "crm_lifecycle_profile", "crm_lifecycle_history",
            "mail_message", "sale_order", "sale_order_line"]


def run(env, registry, args, figures):
    cr = env.cr
    ICP = env["ir.config_parameter"]
    ref_text = ICP.get_param("crmsuite.bench_ref_date")
    if args.reuse and ref_text:
        ref0 = datetime.datetime.strptime(ref_text, "%Y-%m-%d").date()
        log("reusing the generated data (reference date %s)" % ref0)
        reset_lifecycle(cr)
        cr.commit()
    else:
        ref0 = datetime.date.today() - datetime.timedelta(days=1)
        start = time.time()
        extra = generate(env, args, ref0)
        ICP.set_param("crmsuite.bench_ref_date", str(ref0))
        cr.commit()
        figures.add("generate_s", time.time() - start)
        for name, value in extra.items():
            figures.add(name, value)
        vacuum(registry)
    ref1 = ref0 + datetime.timedelta(days=1)
    for name, value in sorted(bench_counts(cr).items()):
        figures.add(name, value)
    check_through_orm(env, figures)
    gen_params = generation_params(env, args, ref0)

    # first full run: every customer gets a stage
    env.clear()
    rss = maxrss_mb()
    start = time.perf_counter()
    env["res.partner"]._cron_update_lifecycle(ref_date=str(ref0))
    figures.add("first_full_recompute_s", time.perf_counter() - start)
    figures.add("first_full_rss_growth_mb", maxrss_mb() - rss)
    cr.commit()
    env.clear()
    for code, number in stage_counts(cr):
        figures.add("first_stage_%s" % code, number)
    vacuum(registry, VACUUMED)
    before = capture(cr, env.ref("base.main_company").id)

    count = steady_nights(env, registry, args, figures, gen_params, ref1, before)
    del before
    if args.memory:
        memory_night(env, registry, figures, gen_params, ref1, count)

    # the bare aggregate over the lines, at the committed state
    company = env.ref("base.main_company").id

    def aggregate():
        cr.execute(_AGGREGATE_SQL, (company,))
        return cr.fetchall()

    figures.add("aggregate_s", best_of(3, aggregate)[0])
    measure_partial(env, figures, ref1)
    figures.ratio("recompute_vs_aggregate_ratio", figures.get("recompute_steady_s"),
                  figures.get("aggregate_s"))
    if args.analysis:
        measure_analysis(env, figures, 3, args.salesman)
    figures.add("rss_end_mb", maxrss_mb())
    figures.add("load_average_end", "%.2f %.2f %.2f" % os.getloadavg())


def main():
    args = parse_args()
    os.chdir(ROOT)
    if not (args.reuse and db_exists(args.db)):
        args.reuse = False
        create_suite_db(args.db)
    figures = Figures()
    figures.add("date", datetime.datetime.now().strftime("%Y-%m-%d %H:%M"))
    figures.add("cpus", os.cpu_count())
    figures.add("load_average_start", "%.2f %.2f %.2f" % os.getloadavg())
    try:
        with odoo_env(args.db) as (env, registry):
            run(env, registry, args, figures)
    finally:
        if not args.keep:
            drop_db(args.db)
    figures.dump()


if __name__ == "__main__":
    main()
