# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The suite under production settings: ``--workers=2 --max-cron-threads=1``.

One Odoo server in multi-process mode (two HTTP workers, one cron worker, the
gevent longpolling process) on a copy of the database the scripts build for
``make run`` (scripts/suite.py install_suite), driven over XML-RPC by several client
processes at once, each logged in as a user of a real role, while the suite's
scheduled jobs run in the cron worker:

- salesmen confirm orders for the same customers while the lifecycle job runs;
- membership officers redeem points of the same member beyond the balance;
- service agents create requests while the SLA job escalates overdue ones.

Nothing may be lost or counted twice, and no call may fail with a server error: a
refused call is a clean, readable Fault.
"""
import multiprocessing
import time
import urllib.error
import urllib.request
import xmlrpc.client

import pytest

from crmsuite_testing import (
    RESULT_MARK, Server, assert_clean_log, copy_template, db_name, free_port,
    run_script, suite,
)

CLIENTS = 2          # client processes per role
ROUNDS = 3           # calls of each client per role
POINTS = 1000        # the member's balance before the redemptions
REDEEM = 150         # points per redemption: 3 roles x 2 clients x 3 rounds > balance
CRON_WAIT = 180      # seconds: the cron worker's first pass comes after ~60-70 s

SEED = '''
import json
Users = env["res.users"].with_context(no_reset_password=True)
base_user = env.ref("base.group_user").id

def user(login, groups):
    return Users.create({
        "name": login, "login": login, "password": login + "-pw",
        "email": login + "@example.com",
        "groups_id": [(6, 0, [base_user] + [env.ref(g).id for g in groups])],
    }).id

logins = {}
for index in range(%(clients)d):
    logins["sales_%%d" %% index] = user("prod_sales_%%d" %% index,
                                       ["sales_team.group_sale_manager"])
    logins["member_%%d" %% index] = user("prod_member_%%d" %% index,
                                        ["crm_membership.group_membership_officer",
                                         "sales_team.group_sale_salesman_all_leads"])
    logins["agent_%%d" %% index] = user("prod_agent_%%d" %% index,
                                       ["crm_service.group_service_agent"])
team = env.ref("crm_service.team_service")
team.write({"member_ids": [(4, uid) for key, uid in logins.items()
                           if key.startswith("agent_")]})

Partner = env["res.partner"]
customers = [Partner.create({"name": "Production customer %%d" %% i, "customer": True,
                             "is_company": True}).id for i in range(3)]
product = env["product.product"].create({
    "name": "Production test product", "type": "service", "list_price": 100.0,
    "invoice_policy": "order"})

membership = env.ref("crm_membership.membership_loyalty_active_demo")
membership._adjust_points(%(points)d - membership.points_balance,
                          "Production test: known balance")
quotations = [env["sale.order"].create({
    "partner_id": membership.partner_id.id,
    "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1,
                           "price_unit": 2000.0})],
}).id for i in range(%(clients)d * %(rounds)d)]

# every open demo request overdue: the SLA job escalates them while agents work
requests = env["crm.service.request"].search([("team_id", "=", team.id)])
env.cr.execute("UPDATE crm_service_request"
               " SET sla_resolve_deadline"
               " = now() at time zone 'UTC' - interval '3 days'"
               " WHERE id = ANY(%%s)", (requests.ids,))
# every job of the suite due now: the cron worker must take them
env.cr.execute("""
    UPDATE ir_cron SET nextcall = now() at time zone 'UTC' - interval '1 hour',
           active = true
     WHERE id IN (SELECT res_id FROM ir_model_data
                   WHERE model = 'ir.cron' AND module = ANY(%%s))
    RETURNING id""", (%(addons)r,))
crons = [row[0] for row in env.cr.fetchall()]
env.cr.commit()
print(%(mark)r + json.dumps({
    "logins": logins, "customers": customers, "product": product.id,
    "membership": membership.id, "quotations": quotations, "crons": crons,
    "team": team.id}))
'''


@pytest.fixture(scope="module")
def production(request, installed_suite):
    """A seeded copy of the suite's database served with workers and a cron worker."""
    db = db_name(request.config, "production")
    copy_template(db, installed_suite[0])
    request.addfinalizer(lambda: suite.dropdb(db))
    seed, _log = run_script(db, SEED % {
        "clients": CLIENTS, "rounds": ROUNDS, "points": POINTS,
        "addons": suite.suite_addons(), "mark": RESULT_MARK}, db + "-seed.log")
    lp_port = free_port()
    # started from the launcher file, as `make run` starts Odoo: the workers' master
    # relaunches its own command line for the longpolling process
    with Server(db, ["--workers=2", "--max-cron-threads=1",
                     "--longpolling-port=%d" % lp_port]) as server:
        yield dict(seed, url=server.url, db=db, log=server.log,
                   lp_url="http://127.0.0.1:%d" % lp_port, started=server.started,
                   process=server.process)


# ---------------------------------------------------------------- client processes

def _call(server, login, model, method, *args, **kwargs):
    common = xmlrpc.client.ServerProxy(server["url"] + "/xmlrpc/2/common")
    password = login + "-pw"
    uid = common.authenticate(server["db"], login, password, {})
    assert uid, "login %s refused" % login
    models = xmlrpc.client.ServerProxy(server["url"] + "/xmlrpc/2/object",
                                       allow_none=True)
    return models.execute_kw(server["db"], uid, password, model, method,
                             list(args), kwargs)


def _client(role, index, server, results):
    """One client process: ROUNDS calls of its role; puts its outcomes in results."""
    login = "prod_%s_%d" % (role, index)
    outcome = {"ok": 0, "refused": [], "errors": []}
    for round_ in range(ROUNDS):
        try:
            if role == "sales":
                customer = server["customers"][(index + round_) % 3]
                order = _call(server, login, "sale.order", "create", {
                    "partner_id": customer,
                    "order_line": [(0, 0, {"product_id": server["product"],
                                           "product_uom_qty": 1, "price_unit": 100})]})
                _call(server, login, "sale.order", "action_confirm", [order])
            elif role == "member":
                quotation = server["quotations"][index * ROUNDS + round_]
                wizard = _call(server, login, "crm.membership.redeem", "create", {
                    "membership_id": server["membership"], "mode": "discount",
                    "points": REDEEM, "order_id": quotation})
                _call(server, login, "crm.membership.redeem", "action_redeem", [wizard])
            else:
                _call(server, login, "crm.service.request", "create", {
                    "name": "Production request %d-%d" % (index, round_),
                    "partner_id": server["customers"][round_ % 3],
                    "team_id": server["team"]})
            outcome["ok"] += 1
        except xmlrpc.client.Fault as fault:
            text = fault.faultString.strip()
            last = text.splitlines()[-1] if text else ""
            # Odoo 11 sends UserError as its message, ValidationError as a traceback
            # ending in it: both are refusals a user reads; anything else is a bug
            if "Traceback" in text and not last.startswith("odoo.exceptions."):
                outcome["errors"].append(text[-2000:])
            else:
                outcome["refused"].append(last[:300])
        except Exception as error:  # noqa: B902 - reported by the test
            outcome["errors"].append(repr(error))
    results.put((role, index, outcome))


def _sql(db, sql, *params):
    return suite.psql(sql, *params, db=db)


def _crons_pending(server):
    return int(_sql(server["db"], "SELECT count(*) FROM ir_cron WHERE id = ANY("
                    "string_to_array(:'p0', ',')::int[]) AND nextcall <= now() at time"
                    " zone 'UTC'", ",".join(map(str, server["crons"]))))


def test_concurrent_clients_under_workers(production):
    """Clients of three roles at once while the cron worker runs the suite's jobs."""
    server = production
    db = server["db"]
    left = _sql(db, "SELECT count(*) FROM ir_module_module WHERE state = 'to install'")
    assert left == "0", "modules left to install: the cron worker skips this database"
    results = multiprocessing.Queue()
    # waves of clients until the cron worker has taken the jobs (it first wakes
    # 60-70 s after the start), so that the jobs run while clients call; members
    # redeem in the first wave only (one quotation per redemption)
    roles = ("member", "sales", "agent")
    outcomes = []
    while True:
        clients = [multiprocessing.Process(target=_client,
                                           args=(role, index, server, results))
                   for role in roles for index in range(CLIENTS)]
        for process in clients:
            process.start()
        for _process in clients:
            outcomes.append(results.get(timeout=600))
        for process in clients:
            process.join(timeout=60)
        if not _crons_pending(server) or time.time() - server["started"] > CRON_WAIT:
            break
        roles = ("sales", "agent")
    errors = [e for _r, _i, o in outcomes for e in o["errors"]]
    assert not errors, "server errors:\n" + "\n\n".join(errors[:5])

    # the jobs ran on this database (no module "to install" keeps them off)
    deadline = server["started"] + CRON_WAIT
    while _crons_pending(server) and time.time() < deadline:
        time.sleep(3)
    assert not _crons_pending(server), "scheduled jobs not run: %s" % _sql(
        db, "SELECT string_agg(cron_name, ', ') FROM ir_cron WHERE id = ANY("
            "string_to_array(:'p0', ',')::int[]) AND nextcall <= now() at time zone"
            " 'UTC'", ",".join(map(str, server["crons"])))

    by_role = {}
    for role, _index, outcome in outcomes:
        total = by_role.setdefault(role, {"ok": 0, "refused": []})
        total["ok"] += outcome["ok"]
        total["refused"] += outcome["refused"]

    # sales: every order confirmed once, each customer's stage history consistent
    assert not by_role["sales"]["refused"], by_role["sales"]["refused"]
    confirmed = _sql(db, "SELECT count(*) FROM sale_order WHERE state = 'sale'"
                         " AND partner_id = ANY(string_to_array(:'p0', ',')::int[])",
                     ",".join(map(str, server["customers"])))
    assert int(confirmed) == by_role["sales"]["ok"]
    doubled = _sql(db, """
        SELECT count(*) FROM (
            SELECT to_stage_id, lag(to_stage_id) OVER (
                       PARTITION BY partner_id ORDER BY date, id) AS previous
              FROM crm_lifecycle_history
             WHERE partner_id = ANY(string_to_array(:'p0', ',')::int[])) t
         WHERE to_stage_id = previous""", ",".join(map(str, server["customers"])))
    assert doubled == "0", "a stage change was recorded twice"
    stages = _sql(db, "SELECT count(*) FROM res_partner WHERE lifecycle_stage_id IS"
                      " NULL AND id = ANY(string_to_array(:'p0', ',')::int[])",
                  ",".join(map(str, server["customers"])))
    assert stages == "0", "customers with confirmed orders and no stage"

    # membership: never beyond the balance, every redemption once in the ledger
    member = by_role["member"]
    spent = member["ok"] * REDEEM
    assert member["ok"] <= POINTS // REDEEM
    assert member["ok"] + len(member["refused"]) == CLIENTS * ROUNDS
    assert member["refused"], "more was asked than the balance: some must be refused"
    for text in member["refused"]:
        assert "points" in text.lower(), text
    balance = int(_sql(db, "SELECT points_balance FROM crm_membership WHERE id = %d"
                       % server["membership"]))
    ledger = int(_sql(db, "SELECT coalesce(sum(points), 0) FROM crm_membership_points"
                          " WHERE membership_id = %d" % server["membership"]))
    assert balance == ledger, "balance %d, ledger %d" % (balance, ledger)
    assert balance >= 0
    redeemed = _sql(db, "SELECT count(*) FROM sale_order_line l JOIN sale_order o"
                        " ON o.id = l.order_id WHERE l.crm_points_line_id IS NOT NULL"
                        " AND o.id = ANY(string_to_array(:'p0', ',')::int[])",
                    ",".join(map(str, server["quotations"])))
    assert int(redeemed) == member["ok"], "discount lines %s, redemptions %d" % (
        redeemed, member["ok"])
    assert spent <= POINTS

    # service: every request created once; no request escalated twice to a level
    assert not by_role["agent"]["refused"], by_role["agent"]["refused"]
    created = _sql(db, "SELECT count(*) FROM crm_service_request"
                       " WHERE name LIKE 'Production request %%'")
    assert int(created) == by_role["agent"]["ok"]
    escalated = int(_sql(db, "SELECT count(*) FROM crm_service_request"
                             " WHERE team_id = %d AND escalation_level > 0"
                         % server["team"]))
    assert escalated, "the SLA job escalated no overdue request"
    twice = _sql(db, """
        SELECT count(*) FROM (
            SELECT res_id, summary FROM mail_activity
             WHERE res_model = 'crm.service.request' AND summary LIKE 'Overdue:%%'
             GROUP BY res_id, summary HAVING count(*) > 1) t""")
    assert twice == "0", "a request escalated twice to the same level"


def test_longpolling_and_clean_server_log(production):
    """The longpolling process started from the launcher answers; the server log
    has no ERROR line and no WARNING about the suite."""
    server = production
    try:
        with urllib.request.urlopen(server["lp_url"] + "/web/webclient/version_info",
                                    data=b'{"jsonrpc":"2.0","params":{}}',
                                    timeout=30) as answer:
            assert answer.status == 200
    except urllib.error.HTTPError as error:  # any HTTP answer: the process is up
        assert error.code < 500, error
    with open(server["log"], encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    assert text.count("Evented Service (longpolling) running") == 1, \
        "the longpolling process restarted"
    assert server["process"].poll() is None, "the server exited"
    assert_clean_log(server["log"])
