#!/usr/bin/env bash
# flake8 and pylint-odoo (the OCA's mandatory checks for 11.0) over addons/.
set -uo pipefail
cd "$(dirname "$0")/.."
[ -n "${VIRTUAL_ENV:-}" ] || . scripts/env.sh
rc=0
addons=$(find addons -mindepth 1 -maxdepth 1 -type d -exec test -f {}/__manifest__.py \; -print)
python -W ignore::FutureWarning -m flake8 addons tests bench scripts || rc=1
if [ -n "$addons" ]; then
    pylint --rcfile=.pylintrc $addons || rc=1
fi
[ $rc -eq 0 ] && echo "[crmsuite] lint: no findings"
exit $rc
