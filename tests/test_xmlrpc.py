# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What users reach over XML-RPC: a real Odoo server on a copy of the template.

Customer confidentiality (read, search, name_search, export) and clear errors for
malformed values, seen as a remote client sees them.
"""
import os
import socket
import subprocess
import sys
import time
import xmlrpc.client

import pytest

from crmsuite_testing import (
    RESULT_MARK, ROOT, copy_template, db_name, run_script, suite,
)

SEED = '''
import json
Users = env["res.users"].with_context(no_reset_password=True)
salesman = env.ref("sales_team.group_sale_salesman")
users = {}
for login in ("rpc_sam", "rpc_sue"):
    users[login] = Users.create({
        "name": login, "login": login, "password": login + "-pw",
        "groups_id": [(6, 0, [salesman.id, env.ref("base.group_user").id])],
    })
Partner = env["res.partner"]
mine = Partner.create({"name": "RPC client of Sam", "customer": True,
                       "user_id": users["rpc_sam"].id})
theirs = Partner.create({"name": "RPC client of Sue", "customer": True,
                         "user_id": users["rpc_sue"].id})
env.user.company_id.crm_customer_visibility = "own"
env.cr.commit()
print(%(mark)r + json.dumps({"mine": mine.id, "theirs": theirs.id,
                              "admin_pw": "admin"}))
'''


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(request, installed_suite):
    """A copy of the installed suite, seeded, served over HTTP."""
    db = db_name(request.config, "xmlrpc")
    copy_template(db, installed_suite[0])
    ids, _log = run_script(db, SEED % {"mark": RESULT_MARK}, db + "-seed.log")
    port = _free_port()
    log_path = os.path.join(suite.LOG_DIR, db + "-server.log")
    process = subprocess.Popen(
        [sys.executable, os.path.join(ROOT, "scripts", "odoo"), "-c",
         os.path.join(ROOT, "odoo.conf"), "-d", db, "--db-filter=^%s$" % db,
         "--http-port=%d" % port, "--max-cron-threads=0",
         "--logfile=%s" % log_path], cwd=ROOT)
    url = "http://127.0.0.1:%d" % port
    try:
        deadline = time.time() + 120
        while True:
            try:
                xmlrpc.client.ServerProxy(url + "/xmlrpc/2/common").version()
                break
            except (OSError, xmlrpc.client.Error):
                if time.time() > deadline or process.poll() is not None:
                    raise AssertionError("the Odoo server did not start, see %s"
                                         % log_path)
                time.sleep(1)
        yield dict(ids, url=url, db=db)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        suite.dropdb(db)


class Client:
    """A user's XML-RPC session."""

    def __init__(self, server, login, password):
        self.db = server["db"]
        self.password = password
        common = xmlrpc.client.ServerProxy(server["url"] + "/xmlrpc/2/common")
        self.uid = common.authenticate(self.db, login, password, {})
        assert self.uid, "login %s refused" % login
        self.models = xmlrpc.client.ServerProxy(
            server["url"] + "/xmlrpc/2/object", allow_none=True)

    def __call__(self, model, method, *args, **kwargs):
        return self.models.execute_kw(
            self.db, self.uid, self.password, model, method, list(args), kwargs)


def _fault(call, *args, **kwargs):
    with pytest.raises(xmlrpc.client.Fault) as info:
        call(*args, **kwargs)
    text = info.value.faultString
    assert "psycopg2" not in text and "invalid input syntax" not in text, text
    return text


def test_salesman_sees_own_customers_only(server):
    """Over XML-RPC, a salesman in "own" mode reads, searches and name-searches his
    own customers only."""
    sam = Client(server, "rpc_sam", "rpc_sam-pw")
    found = sam("res.partner", "search_read", [("name", "like", "RPC client")],
                fields=["name"])
    assert [row["id"] for row in found] == [server["mine"]]
    names = sam("res.partner", "name_search", "RPC client")
    assert [row[0] for row in names] == [server["mine"]]
    text = _fault(sam, "res.partner", "read", [server["theirs"]], ["name", "email"])
    assert "security restrictions" in text and "res.partner" in text, text


def test_export_refused_without_group(server):
    """export_data over XML-RPC is refused with a clear message."""
    sam = Client(server, "rpc_sam", "rpc_sam-pw")
    text = _fault(sam, "res.partner", "export_data", [server["mine"]], ["name"])
    assert "Export customer data" in text, text


def test_malformed_values_get_clear_errors(server):
    """Wrong types, impossible dates and unknown ids come back as a
    ValidationError naming the field, never as a database error."""
    admin = Client(server, "admin", server["admin_pw"])
    company = admin("res.users", "read", [admin.uid], ["company_id"])[0]["company_id"]
    text = _fault(admin, "res.company", "write", [company[0]],
                  {"lifecycle_dormant_days": "a year"})
    assert "must be a whole number" in text, text
    stage = admin("crm.lifecycle.stage", "search", [("code", "=", "loyal")])[0]
    values = {"partner_id": server["mine"], "to_stage_id": stage,
              "date": "2026-02-30", "origin": "manual"}
    text = _fault(admin, "crm.lifecycle.history", "create", values)
    assert "not a valid date" in text, text
    values.update(date="2026-02-28", to_stage_id=99999999)
    text = _fault(admin, "crm.lifecycle.history", "create", values)
    assert "does not exist" in text, text
    text = _fault(admin, "res.partner", "write", [server["mine"]],
                  {"lifecycle_locked_until": "tomorrow"})
    assert "not a valid date" in text, text
