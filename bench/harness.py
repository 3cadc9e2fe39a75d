# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the benchmark scripts share: progress lines, their database, an Odoo
environment in the process."""
import contextlib
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def log(message):
    print("[bench] %s" % message, file=sys.stderr, flush=True)


def create_suite_db(name):
    """(Re)create ``name`` with every addon of the suite and demo data."""
    log("creating %s with the suite and demo data" % name)
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "suite.py"),
                    "testdb", name], check=True, stdout=subprocess.DEVNULL, cwd=ROOT)


def drop_db(name):
    subprocess.run(["dropdb", "--if-exists", name], check=True)
    log("dropped %s" % name)


@contextlib.contextmanager
def odoo_env(db, context=None):
    """``(env, registry)`` on a cursor of ``db`` as superuser; what was not committed
    is rolled back at the end."""
    import odoo
    from odoo import SUPERUSER_ID, api

    odoo.tools.config.parse_config(
        ["-c", os.path.join(ROOT, "odoo.conf"), "-d", db, "--log-level=warn"])
    registry = odoo.registry(db)
    try:
        with api.Environment.manage():
            cr = registry.cursor()
            try:
                yield api.Environment(cr, SUPERUSER_ID, context or {}), registry
            finally:
                cr.rollback()
                cr.close()
    finally:
        odoo.sql_db.close_db(db)
