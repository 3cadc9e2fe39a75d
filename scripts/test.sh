#!/usr/bin/env bash
# README command 2: build the environment, install the suite into a fresh test
# database (a copy of a cached template with Odoo's apps), run pytest-odoo over every
# addon's tests and tests/, then flake8 and pylint-odoo. Non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
set -uo pipefail
export VIRTUAL_ENV="$PWD/.venv"
db="${CRMSUITE_TEST_DB:-crmsuite_test}"
export CRMSUITE_TEMPLATE_DB
CRMSUITE_TEMPLATE_DB="$(python scripts/suite.py template)" || exit 1
python scripts/suite.py testdb "$db" >/dev/null || exit 1
echo "[crmsuite] suite installed in $db without ERROR lines"
pytest --odoo-config=odoo.conf --odoo-database="$db" "$@"
rc=$?
if [ $rc -eq 5 ]; then
    echo "[crmsuite] no tests collected" >&2
fi
bash scripts/lint.sh || rc=${rc/#0/1}
exit $rc
