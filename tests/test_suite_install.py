# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The suite as a whole: install next to Odoo's apps, upgrade, uninstall/reinstall.

Installing, upgrading and uninstalling commit and rebuild the registry, so each step
runs as a separate Odoo process, never inside the pytest process's test transaction.
The suite is installed once into a copy of the cached template database
(``installed_suite``); the tests that change data work on ``createdb -T`` copies of
that database (``suite_copy``), each dropped when its test ends.
"""
import json

import pytest

from crmsuite_testing import (
    CORE_APPS, RESULT_MARK, addon_models, assert_clean_log, module_states,
    run_odoo, run_script, suite, suite_dependents,
)

ADDONS = suite.suite_addons()

# Records each addon creates before the upgrade. Each snippet runs in `odoo shell`
# with ``env`` (superuser) and appends ``(sql, expected psql output)`` pairs to
# ``checks``: after the upgrade each query must still return the same text. Add a
# snippet when an addon lands; addons without one are still covered by the
# table-wide comparison of test_upgrade_keeps_records.
SEEDS = {
    "crm_lifecycle": '''
company = env.user.company_id
active = env.ref("crm_lifecycle.stage_active")
active.write({"name": "Regular Buyer", "description": "Renamed before the upgrade."})
loyal = env.ref("crm_lifecycle.stage_loyal")
partner = env["res.partner"].create({
    "name": "Upgrade Test Customer",
    "customer": True,
    "is_company": True,
    "lifecycle_stage_id": loyal.id,
    "lifecycle_date": "2020-01-15",
    "lifecycle_locked_until": "2099-12-31",
})
history = env["crm.lifecycle.history"].create({
    "partner_id": partner.id,
    "company_id": company.id,
    "to_stage_id": loyal.id,
    "date": "2020-01-15",
    "origin": "manual",
    "user_id": env.uid,
    "reason": "Set by hand before the upgrade",
})
company.write({"lifecycle_dormant_days": company.lifecycle_dormant_days + 1})
checks += [
    ("SELECT name || '|' || description FROM crm_lifecycle_stage WHERE id = %d"
     % active.id, "Regular Buyer|Renamed before the upgrade."),
    ("SELECT concat_ws('|', partner_id, to_stage_id, date, origin, reason)"
     " FROM crm_lifecycle_history WHERE id = %d" % history.id,
     "%d|%d|2020-01-15|manual|Set by hand before the upgrade"
     % (partner.id, loyal.id)),
    ("SELECT concat_ws('|', lifecycle_stage_id, lifecycle_date,"
     " lifecycle_locked_until) FROM res_partner WHERE id = %d" % partner.id,
     "%d|2020-01-15|2099-12-31" % loyal.id),
    ("SELECT lifecycle_dormant_days FROM res_company WHERE id = %d" % company.id,
     str(company.lifecycle_dormant_days)),
]
''',
}

SEED_SCRIPT = '''
import json
checks = []
for addon, code in json.loads(%(seeds)r).items():
    exec(code, {"env": env, "checks": checks})
env.cr.commit()
print(%(mark)r + json.dumps(checks))
'''


def _suite_tables(db):
    """Real tables of the suite's non-transient models (present in ``db``)."""
    tables = []
    for addon in ADDONS:
        for model in addon_models(addon):
            if model["auto"] and not model["transient"]:
                tables.append(model["table"])
    out = suite.psql(
        "SELECT relname FROM pg_class WHERE relkind = 'r'"
        " AND relname = ANY(string_to_array(:'p0', ','))", ",".join(tables), db=db)
    return sorted(out.split())


def _suite_columns(db, modules):
    """``{table: [column]}`` of the stored fields ``modules`` add to other models."""
    own = {m["model"] for a in ADDONS for m in addon_models(a)}
    out = suite.psql("""
        SELECT DISTINCT m.model, f.name
          FROM ir_model_fields f
          JOIN ir_model m ON m.id = f.model_id
          JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
         WHERE d.module = ANY(string_to_array(:'p0', ',')) AND f.store
           AND f.ttype NOT IN ('one2many', 'many2many') AND NOT m.transient
    """, ",".join(modules), db=db)
    columns = {}
    for line in out.splitlines():
        model, field = line.split("|")
        if model in own:
            continue
        table = model.replace(".", "_")
        exists = suite.psql(
            "SELECT count(*) FROM information_schema.columns c JOIN pg_class r"
            " ON r.relname = c.table_name AND r.relkind = 'r'"
            " WHERE c.table_schema = 'public' AND c.table_name = :'p0'"
            " AND c.column_name = :'p1'", table, field, db=db)
        if exists == "1":
            columns.setdefault(table, []).append(field)
    return columns


def _suite_relations(db, modules):
    """Relation tables of the many2many fields ``modules`` define."""
    out = suite.psql(
        "SELECT DISTINCT r.name FROM ir_model_relation r"
        " JOIN ir_module_module m ON m.id = r.module"
        " WHERE m.name = ANY(string_to_array(:'p0', ','))", ",".join(modules), db=db)
    return sorted(out.split())


def _snapshot(db):
    """Every row of the suite's tables and the suite's columns on other tables."""
    snap = {}
    for table in _suite_tables(db):
        rows = suite.psql(
            'SELECT coalesce(json_agg(to_jsonb(t) - \'write_date\' - \'write_uid\''
            ' ORDER BY t.id), \'[]\') FROM "%s" t' % table, db=db)
        snap[table] = {row["id"]: row for row in json.loads(rows)}
    for table, columns in sorted(_suite_columns(db, ADDONS).items()):
        rows = suite.psql(
            'SELECT coalesce(json_agg(json_build_array(id, %s) ORDER BY id), \'[]\')'
            ' FROM "%s"' % (", ".join('"%s"' % c for c in sorted(columns)), table),
            db=db)
        snap["%s(%s)" % (table, ", ".join(sorted(columns)))] = {
            row[0]: row[1:] for row in json.loads(rows)}
    snap["ir_model_data"] = {
        xmlid: True for xmlid in suite.psql(
            "SELECT module || '.' || name FROM ir_model_data"
            " WHERE module = ANY(string_to_array(:'p0', ','))",
            ",".join(ADDONS), db=db).split()}
    return snap


def _differences(before, after):
    problems = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key, {}), after.get(key, {})
        if len(old) != len(new):
            problems.append("%s: %d rows before, %d after" % (key, len(old), len(new)))
        lost = sorted(set(old) - set(new), key=str)
        if lost:
            problems.append("%s: lost %s" % (key, lost[:10]))
        changed = [k for k in old if k in new and old[k] != new[k]]
        for k in sorted(changed, key=str)[:5]:
            problems.append("%s id %s: %s -> %s" % (key, k, old[k], new[k]))
    return problems


def test_suite_installs_with_core_apps(installed_suite):
    """All suite addons install next to Odoo's apps, with a clean log."""
    db, log_path = installed_suite
    assert ADDONS, "no addon in addons/"
    states = module_states(db, ADDONS + CORE_APPS)
    assert states == {name: "installed" for name in ADDONS + CORE_APPS}
    assert_clean_log(log_path)
    for addon in ADDONS:
        for table in [m["table"] for m in addon_models(addon) if m["auto"]]:
            assert suite.psql("SELECT to_regclass(:'p0') IS NOT NULL", table,
                              db=db) == "t", "%s has no table %s" % (addon, table)


def test_upgrade_keeps_records(suite_copy):
    """`-u` of every suite addon keeps the records and values created before it."""
    db = suite_copy("upgrade")
    seeds = {name: code for name, code in SEEDS.items() if name in ADDONS}
    checks, log_path = run_script(
        db, SEED_SCRIPT % {"seeds": json.dumps(seeds), "mark": RESULT_MARK},
        db + "-seed.log")
    assert_clean_log(log_path)
    assert checks or not seeds
    for sql, expected in checks:  # the seeds really wrote what they claim
        assert suite.psql(sql, db=db) == expected, sql
    before = _snapshot(db)

    log_path = run_odoo(db, ["-u", ",".join(ADDONS)], db + "-upgrade.log")
    assert_clean_log(log_path)
    assert module_states(db, ADDONS) == {name: "installed" for name in ADDONS}
    for sql, expected in checks:
        assert suite.psql(sql, db=db) == expected, "changed by the upgrade: " + sql
    problems = _differences(before, _snapshot(db))
    assert not problems, "the upgrade changed records:\n" + "\n".join(problems)


UNINSTALL_SCRIPT = '''
module = env["ir.module.module"].search([("name", "=", %(addon)r)])
assert module.state == "installed", module.state
module.button_immediate_uninstall()
env.cr.commit()
'''


def _log_findings(log_path, warnings=True):
    try:
        assert_clean_log(log_path, warnings=warnings)
    except AssertionError as error:
        return [str(error)]
    return []


@pytest.mark.parametrize("addon", ADDONS)
def test_uninstall_reinstall(suite_copy, addon):
    """The addon uninstalls (button_immediate_uninstall), leaves nothing, reinstalls.

    The addons that depend on it go with it and come back with it. All findings are
    collected and reported together.
    """
    db = suite_copy("uninstall_" + addon)
    gone = [addon] + suite_dependents(addon)
    models = [m for name in gone for m in addon_models(name)]
    columns = _suite_columns(db, gone)
    relations = _suite_relations(db, gone)
    assert models or columns or relations, \
        "%s defines no model and adds no column?" % addon

    _result, log_path = run_script(
        db, UNINSTALL_SCRIPT % {"addon": addon}, db + "-uninstall.log")
    problems = _log_findings(log_path, warnings=False)
    states = module_states(db, gone)
    if states != {name: "uninstalled" for name in gone}:
        problems.append("states after uninstall: %s" % states)
    for model in models:
        if suite.psql("SELECT to_regclass(:'p0') IS NOT NULL", model["table"],
                      db=db) == "t":
            problems.append("table %s survived the uninstall" % model["table"])
    for table in relations:
        if suite.psql("SELECT to_regclass(:'p0') IS NOT NULL", table, db=db) == "t":
            problems.append("relation table %s survived the uninstall" % table)
    left = suite.psql(
        "SELECT string_agg(model, ',') FROM ir_model"
        " WHERE model = ANY(string_to_array(:'p0', ','))",
        ",".join(m["model"] for m in models), db=db)
    if left:
        problems.append("ir_model rows survived: %s" % left)
    for table, names in sorted(columns.items()):
        left = suite.psql(
            "SELECT string_agg(column_name, ',') FROM information_schema.columns"
            " WHERE table_schema = 'public' AND table_name = :'p0'"
            " AND column_name = ANY(string_to_array(:'p1', ','))",
            table, ",".join(names), db=db)
        if left:
            problems.append("columns survived on %s: %s" % (table, left))
    left = suite.psql(
        "SELECT string_agg(module || ': ' || n, ', ') FROM (SELECT module, count(*) n"
        " FROM ir_model_data WHERE module = ANY(string_to_array(:'p0', ','))"
        " GROUP BY module) t", ",".join(gone), db=db)
    if left:
        problems.append("ir_model_data rows survived: %s" % left)

    log_path = run_odoo(db, ["-i", ",".join(gone)], db + "-reinstall.log")
    problems += _log_findings(log_path)
    states = module_states(db, ADDONS)
    if states != {name: "installed" for name in ADDONS}:
        problems.append("states after reinstall: %s" % states)
    for model in models:
        if model["auto"] and suite.psql(
                "SELECT to_regclass(:'p0') IS NULL", model["table"], db=db) == "t":
            problems.append("table %s not created again" % model["table"])
    assert not problems, "uninstall/reinstall of %s:\n%s" % (
        addon, "\n".join(problems))
