#!/usr/bin/env bash
# README command 2: build the environment, install the suite into a fresh test
# database (a copy of a cached template with Odoo's apps), then run side by side
#   - pytest-odoo over every addon's tests (in the pytest process, on that database);
#   - the suite-level tests of tests/ (Odoo processes of their own on copies of it:
#     fresh installs, upgrade, uninstall, Odoo's own test runner, workers mode);
# then flake8 and pylint-odoo. Non-zero on any failure. Extra arguments go to both
# pytest runs (e.g. -k rfm); CRMSUITE_JOBS sets how many Odoo processes tests/ runs
# at once (default 2).
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
set -uo pipefail
export VIRTUAL_ENV="$PWD/.venv"
db="${CRMSUITE_TEST_DB:-crmsuite_test}"
start=$(date +%s)
export CRMSUITE_TEMPLATE_DB
CRMSUITE_TEMPLATE_DB="$(python scripts/suite.py template)" || exit 1
python scripts/suite.py testdb "$db" >/dev/null || exit 1
echo "[crmsuite] suite installed in $db without ERROR lines"
# tests/ works on copies of this one (the addons' run keeps $db busy)
export CRMSUITE_INSTALLED_DB="${db}_installed" CRMSUITE_INSTALLED_LOG="$PWD/var/log/$db-install.log"
python scripts/suite.py copy "$db" "$CRMSUITE_INSTALLED_DB" >/dev/null || exit 1

suite_log="var/log/pytest-suite.log"
pytest --odoo-config=odoo.conf --odoo-database="$db" tests "$@" >"$suite_log" 2>&1 &
suite_pid=$!
pytest --odoo-config=odoo.conf --odoo-database="$db" addons "$@"
rc=$?
echo "[crmsuite] waiting for the suite-level tests (tests/, log: $suite_log)"
wait $suite_pid
suite_rc=$?
cat "$suite_log"
python scripts/suite.py drop "$CRMSUITE_INSTALLED_DB" >/dev/null
for code in $rc $suite_rc; do
    if [ "$code" -eq 5 ]; then
        echo "[crmsuite] no tests collected" >&2
    fi
done
[ $rc -eq 0 ] && rc=$suite_rc
bash scripts/lint.sh || rc=${rc/#0/1}
echo "[crmsuite] test command: $(( ($(date +%s) - start) / 60 )) min $(( ($(date +%s) - start) % 60 )) s, exit $rc"
exit $rc
