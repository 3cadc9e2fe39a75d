# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The ways administrators and integrators install the suite.

- each addon alone into a brand-new database with demo data, the README's own
  instruction (``odoo -d newdb -i <addon>``) and what OCA's CI does: no template,
  Odoo's apps come with the addon and the chart of accounts is not there yet when
  the suite's demo data loads;
- the whole suite without demo data (``--without-demo=all``);
- the suite's pip wheels (scripts/wheels.py) in a clean virtual environment;
- the suite's tests under Odoo's own runner (``-i <addons> --test-enable``).

These installs are long and independent: the ones of the selected tests are all
submitted to the session's pool (``jobs``) when the session starts and run side by
side with the other tests; each test awaits its own.
"""
import ast
import glob
import os
import re
import subprocess
import sys

import pytest

from crmsuite_testing import (
    ROOT, assert_clean_log, copy_template, db_name, free_port, module_states,
    run_odoo, suite,
)

ADDONS = suite.suite_addons()
TEST_RAN_RE = re.compile(
    r" odoo\.modules\.module: odoo\.addons\.(\w+)\.tests\.(\w+) running tests\.")


def _fresh_install(db, args):
    suite.dropdb(db)
    suite.createdb(db)
    return run_odoo(db, args, db + ".log")


def _template_install(db, template, args):
    copy_template(db, template)
    return run_odoo(db, args, db + ".log")


def _wheels_install(db, template):
    """Build the wheels, make a clean environment with them, install from there."""
    venv = os.path.join(ROOT, "var", db + "-venv")
    dist = venv + "-dist"
    script = [sys.executable, os.path.join(ROOT, "scripts", "wheels.py")]
    subprocess.run(script + ["build", dist], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(script + ["venv", venv, dist], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    copy_template(db, template)
    # only the environment's own addons folder: the suite must come from the wheels
    addons_path = glob.glob(os.path.join(
        venv, "lib", "python3*", "site-packages", "odoo", "addons"))[0]
    return run_odoo(db, ["-i", ",".join(ADDONS), "--addons-path=" + addons_path],
                    db + ".log", python=os.path.join(venv, "bin", "python"))


# The job each test awaits (``{addon}``: the test's parameter). tests/conftest.py
# submits the jobs of the selected tests when the session starts.
JOBS = {
    "test_suite_tests_pass_under_odoo_runner": "odoo_runner",
    "test_suite_installs_without_demo": "nodemo",
    "test_suite_installs_from_wheels": "wheels",
    "test_addon_installs_alone_in_fresh_database": "fresh_{addon}",
}


def submit_jobs(request, jobs, wanted):
    """Submit the ``wanted`` jobs, longest first; ``{purpose: (db, future)}``."""
    template_db = request.getfixturevalue("template_db")
    plans = [
        # with --test-enable Odoo starts its HTTP server even with --no-http
        ("odoo_runner", _template_install, template_db, [
            "-i", ",".join(ADDONS), "--test-enable", "--http-port=%d" % free_port()]),
        ("wheels", _wheels_install, template_db),
        ("nodemo", _fresh_install, ["-i", ",".join(ADDONS), "--without-demo=all"]),
    ] + [("fresh_" + addon, _fresh_install, ["-i", addon]) for addon in ADDONS]
    submitted = {}
    for purpose, function, *args in plans:
        if purpose in wanted:
            db = db_name(request.config, purpose)
            request.addfinalizer(lambda db=db: suite.dropdb(db))
            submitted[purpose] = (db, jobs.submit(function, db, *args))
    return submitted


@pytest.fixture
def installs(long_jobs):
    return long_jobs


def _result(installs, purpose):
    db, future = installs[purpose]
    log_path = future.result()  # re-raises the job's AssertionError
    return db, log_path


def _unmet(log_path):
    with open(log_path, encoding="utf-8", errors="replace") as handle:
        return {m.group(1) for m in map(suite.UNMET_RE.search, handle) if m}


def _assert_nothing_left_to_install(db, log_path):
    """Only the wheels' glue addons Odoo cannot load stay "to install", and the
    suite's scripts reset them (else the cron worker skips the database)."""
    left = set(suite.psql(
        "SELECT name FROM ir_module_module WHERE state = 'to install'", db=db).split())
    assert not left & set(ADDONS), "suite addons left to install: %s" % left
    assert left <= _unmet(log_path), "left to install with no reason: %s" % (
        left - _unmet(log_path))
    suite.reset_uninstallable(db)
    assert suite.psql(
        "SELECT count(*) FROM ir_module_module"
        " WHERE state NOT IN ('installed', 'uninstalled', 'uninstallable')",
        db=db) == "0"


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_installs_alone_in_fresh_database(installs, addon):
    """``odoo -d newdb -i <addon>`` with demo data: the addon and what it depends on
    install in one step, the demo data finds a chart of accounts and journals."""
    db, log_path = _result(installs, "fresh_" + addon)
    assert_clean_log(log_path)
    assert module_states(db, [addon]) == {addon: "installed"}
    assert suite.psql("SELECT demo FROM ir_module_module WHERE name = :'p0'",
                      addon, db=db) == "t"
    journals = suite.psql(
        "SELECT string_agg(DISTINCT type, ',' ORDER BY type) FROM account_journal"
        " WHERE company_id = (SELECT min(id) FROM res_company)", db=db)
    assert {"bank", "purchase", "sale"} <= set(journals.split(",")), journals
    _assert_nothing_left_to_install(db, log_path)


def test_suite_installs_without_demo(installs):
    """The whole suite into a fresh database with ``--without-demo=all``."""
    db, log_path = _result(installs, "nodemo")
    assert_clean_log(log_path)
    assert module_states(db, ADDONS) == {name: "installed" for name in ADDONS}
    assert suite.psql("SELECT count(*) FROM ir_module_module WHERE demo", db=db) == "0"
    demo = suite.psql("SELECT count(*) FROM ir_model_data WHERE name LIKE '%%demo%%'"
                      " AND module = ANY(string_to_array(:'p0', ','))",
                      ",".join(ADDONS), db=db)
    assert demo == "0", "demo records without demo data"
    _assert_nothing_left_to_install(db, log_path)


def test_suite_installs_from_wheels(installs):
    """The suite's wheels (setuptools-odoo, one per addon) in a clean virtual
    environment with Odoo's wheels: the suite installs from there."""
    db, log_path = _result(installs, "wheels")
    assert_clean_log(log_path)
    assert module_states(db, ADDONS) == {name: "installed" for name in ADDONS}
    for addon in ADDONS:
        assert os.path.isfile(os.path.join(ROOT, "setup", addon, "setup.py")), addon
    with open(log_path, encoding="utf-8", errors="replace") as handle:
        paths = [line for line in handle if "addons paths:" in line]
    assert paths and os.path.join(ROOT, "addons'") not in paths[0], paths
    _assert_nothing_left_to_install(db, log_path)


def _imported_test_modules(addon):
    path = os.path.join(suite.ADDONS, addon, "tests", "__init__.py")
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    return {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
            for alias in node.names}


@pytest.mark.parametrize("addon", ADDONS)
def test_odoo_runner_sees_every_test_file(addon):
    """Odoo's runner only runs the test modules ``tests/__init__.py`` imports."""
    folder = os.path.join(suite.ADDONS, addon, "tests")
    if not os.path.isdir(folder):
        pytest.skip("%s has no tests" % addon)
    files = {name[:-3] for name in os.listdir(folder)
             if name.startswith("test_") and name.endswith(".py")}
    assert files <= _imported_test_modules(addon), (
        "not imported by %s/tests/__init__.py: %s" % (
            addon, sorted(files - _imported_test_modules(addon))))


def test_suite_tests_pass_under_odoo_runner(installs):
    """``odoo -i <suite> --test-enable``: every test module of every addon runs and
    none fails (Odoo's runner logs failures and errors as ERROR lines)."""
    db, log_path = _result(installs, "odoo_runner")
    # a test that proves a constraint refuses a duplicate makes the cursor log the
    # refused query ("bad query"): that is the test passing, not a failure
    problems = [line for line in suite.log_problems(log_path, ADDONS)
                if " odoo.sql_db: bad query: " not in line]
    assert not problems, "Odoo's runner reported:\n%s" % "\n".join(problems[:60])
    ran = {}
    with open(log_path, encoding="utf-8", errors="replace") as handle:
        for match in filter(None, map(TEST_RAN_RE.search, handle)):
            ran.setdefault(match.group(1), set()).add(match.group(2))
    for addon in ADDONS:
        expected = _imported_test_modules(addon)
        assert expected <= ran.get(addon, set()), "%s: modules that did not run: %s" % (
            addon, sorted(expected - ran.get(addon, set())))
    assert module_states(db, ADDONS) == {name: "installed" for name in ADDONS}
