# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Helpers of the suite-level tests: the suite's models, databases, Odoo processes.

The tests run Odoo as separate processes on databases of their own (copies of the
cached template database made with ``createdb -T``); they never use the database
pytest-odoo opened in the pytest process.
"""
import ast
import json
import os
import re
import socket
import subprocess
import sys
import time
import xmlrpc.client

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if os.path.join(ROOT, "scripts") not in sys.path:
    sys.path.insert(0, os.path.join(ROOT, "scripts"))

import suite  # noqa: E402  (scripts/suite.py, found through the line above)

ODOO_TIMEOUT = 1200  # seconds; one Odoo run here takes seconds to a minute
RESULT_MARK = "CRMSUITE_RESULT "
WARNING_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ WARNING \S+ (\S+?): (.*)$")
# Odoo's apps the issue names: the suite must install next to them.
CORE_APPS = [
    "crm", "sale_management", "account_invoicing", "hr", "hr_contract",
    "mass_mailing", "membership", "survey",
]


# ---------------------------------------------------------------- the suite's code

def _const(node):
    if isinstance(node, ast.Str):
        return node.s
    if isinstance(node, ast.NameConstant):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple)):
        return [_const(elt) for elt in node.elts]
    return None


def addon_models(addon):
    """Models an addon defines (``_name`` not merely extended), from its source.

    Returns a list of dicts: model, table, auto (a real table), transient.
    """
    found = []
    base = os.path.join(suite.ADDONS, addon)
    for folder, dirs, files in os.walk(base):
        dirs[:] = [d for d in dirs if d not in ("tests", "__pycache__", "static")]
        for filename in sorted(files):
            if not filename.endswith(".py"):
                continue
            with open(os.path.join(folder, filename), encoding="utf-8") as handle:
                tree = ast.parse(handle.read())
            for cls in ast.walk(tree):
                if isinstance(cls, ast.ClassDef):
                    found += _class_model(cls)
    return found


def _class_model(cls):
    attrs = {}
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 \
                and isinstance(stmt.targets[0], ast.Name):
            attrs[stmt.targets[0].id] = _const(stmt.value)
    name = attrs.get("_name")
    if not isinstance(name, str):
        return []
    inherit = attrs.get("_inherit") or []
    if isinstance(inherit, str):
        inherit = [inherit]
    if name in inherit:
        return []
    bases = [getattr(b, "attr", getattr(b, "id", "")) for b in cls.bases]
    abstract = "AbstractModel" in bases
    return [{
        "model": name,
        "table": attrs.get("_table") or name.replace(".", "_"),
        "auto": attrs.get("_auto", True) is not False and not abstract,
        "transient": "TransientModel" in bases,
        "abstract": abstract,
    }]


def suite_manifest(addon):
    with open(os.path.join(suite.ADDONS, addon, "__manifest__.py"),
              encoding="utf-8") as handle:
        return ast.literal_eval(handle.read())


def addon_depends(addon):
    return suite_manifest(addon).get("depends", [])


def suite_dependents(addon):
    """The suite's addons that depend on ``addon``, directly or not."""
    addons = suite.suite_addons()
    depends = {name: set(addon_depends(name)) for name in addons}
    found = set()
    changed = True
    while changed:
        changed = False
        for name in addons:
            if name not in found and depends[name] & (found | {addon}):
                found.add(name)
                changed = True
    return sorted(found)


def suite_words():
    """Addon names, model names and table names that identify the suite in a log."""
    words = set(suite.suite_addons())
    for addon in suite.suite_addons():
        for model in addon_models(addon):
            words.add(model["model"])
            words.add(model["table"])
    return sorted(words, key=len, reverse=True)


def suite_warnings(log_path):
    """WARNING lines of an Odoo log that come from or name the suite's code."""
    addons = suite.suite_addons()
    loggers = tuple("odoo.addons.%s" % name for name in addons)
    words = suite_words()
    mention = re.compile(r"(?<![\w.])(?:%s)" % "|".join(re.escape(w) for w in words))
    found = []
    with open(log_path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            match = WARNING_RE.match(line.rstrip("\n"))
            if not match:
                continue
            logger, message = match.groups()
            own = any(logger == name or logger.startswith(name + ".")
                      for name in loggers)
            if own or mention.search(message):
                found.append(line.rstrip())
    return found


# ---------------------------------------------------------------- databases

def db_name(config, purpose):
    """``crmsuite_t_<purpose>``, suffixed unless pytest runs on crmsuite_test.

    The suffix keeps two runs on different test databases (e.g. a helper's and
    ``make test``) from dropping each other's copies.
    """
    test_db = config.getoption("--odoo-database", default=None) or suite.TEST_DB
    tag = test_db[len(suite.PREFIX):] if test_db.startswith(suite.PREFIX) else "x"
    name = suite.PREFIX + "t_" + purpose
    if test_db != suite.TEST_DB:
        name += "_" + re.sub(r"\W", "_", tag)
    return name[:63]


def copy_template(name, template):
    """Drop ``name`` and create it again as a copy of ``template``.

    ``createdb -T`` refuses while another session uses the template (another run
    copying it at the same moment): retry for a while.
    """
    suite.dropdb(name)
    for attempt in range(20):
        try:
            suite.createdb(name, template)
            return name
        except subprocess.CalledProcessError:
            if attempt == 19:
                raise
            time.sleep(3)
    return name


# ---------------------------------------------------------------- Odoo processes

def _odoo_cmd(db, log_path, args, python=None):
    return [python or sys.executable, os.path.join(ROOT, "scripts", "odoo")] + args + [
        "-c", os.path.join(ROOT, "odoo.conf"), "-d", db, "--db-filter=.*",
        "--no-http", "--logfile=%s" % log_path]


def _log_path(log_name):
    os.makedirs(suite.LOG_DIR, exist_ok=True)
    path = os.path.join(suite.LOG_DIR, log_name)
    if os.path.exists(path):
        os.remove(path)
    return path


def _tail(path, lines=40):
    if not os.path.exists(path):
        return "(no log)"
    with open(path, encoding="utf-8", errors="replace") as handle:
        return "".join(handle.readlines()[-lines:])


def run_odoo(db, args, log_name, python=None):
    """Run Odoo once with ``--stop-after-init``; fail with the log's tail on error.

    ``python``: the interpreter of another virtual environment (default: this one).
    """
    log_path = _log_path(log_name)
    cmd = _odoo_cmd(db, log_path, args + ["--stop-after-init"], python)
    result = subprocess.run(cmd, cwd=ROOT, timeout=ODOO_TIMEOUT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            universal_newlines=True)
    assert result.returncode == 0, "Odoo %s exited with %s:\n%s\n%s" % (
        " ".join(args), result.returncode, result.stdout[-3000:], _tail(log_path))
    return log_path


def run_script(db, code, log_name):
    """Run Python code in ``odoo shell`` (``env`` is the superuser's environment).

    The code must commit what it wants to keep. Whatever it prints on a line
    starting with ``CRMSUITE_RESULT `` as JSON is returned (the last such line).
    """
    log_path = _log_path(log_name)
    result = subprocess.run(
        _odoo_cmd(db, log_path, ["shell"]), cwd=ROOT, input=code,
        timeout=ODOO_TIMEOUT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        universal_newlines=True)
    assert result.returncode == 0, "odoo shell exited with %s:\n%s\n%s" % (
        result.returncode, result.stdout[-5000:], _tail(log_path))
    payload = None
    for line in result.stdout.splitlines():
        if line.startswith(RESULT_MARK):
            payload = json.loads(line[len(RESULT_MARK):])
    return payload, log_path


def assert_clean_log(log_path, warnings=True):
    """No ERROR/CRITICAL line (but the tolerated ones), no WARNING about the suite."""
    problems = suite.log_problems(log_path, suite.suite_addons())
    assert not problems, "ERROR/CRITICAL lines in %s:\n%s" % (
        log_path, "\n".join(problems))
    if warnings:
        found = suite_warnings(log_path)
        assert not found, "WARNING lines from the suite in %s:\n%s" % (
            log_path, "\n".join(found))


def module_states(db, names):
    out = suite.psql(
        "SELECT name || '=' || state FROM ir_module_module"
        " WHERE name = ANY(string_to_array(:'p0', ','))", ",".join(names), db=db)
    return dict(line.split("=", 1) for line in out.splitlines())


# ---------------------------------------------------------------- Odoo servers

def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """An Odoo server on ``db`` started from the launcher file, as ``make run`` does.

    ``with Server(db, ["--workers=2"]) as server:`` waits until it answers XML-RPC;
    ``server.url``, ``server.log`` (its log file), ``server.started`` (time).
    """

    def __init__(self, db, args=(), timeout=180):
        self.db = db
        self.args = list(args)
        self.timeout = timeout
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.log = _log_path(db + "-server.log")
        self.process = None
        self.started = None

    def __enter__(self):
        env = dict(os.environ, ODOO_PRELOAD_ADDONS="no")
        self.process = subprocess.Popen(
            [sys.executable, os.path.join("scripts", "odoo"), "-c", "odoo.conf",
             "-d", self.db, "--db-filter=^%s$" % self.db,
             "--http-port=%d" % self.port, "--logfile=%s" % self.log] + self.args,
            cwd=ROOT, env=env)
        self.started = time.time()
        deadline = self.started + self.timeout
        while True:
            try:
                xmlrpc.client.ServerProxy(self.url + "/xmlrpc/2/common").version()
                return self
            except (OSError, xmlrpc.client.Error):
                if time.time() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise AssertionError("the Odoo server did not start:\n%s"
                                         % _tail(self.log))
                time.sleep(1)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def __exit__(self, *exc):
        self.stop()
