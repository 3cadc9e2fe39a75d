#!/usr/bin/env bash
# README command 1: build the environment and crm_demo, then serve Odoo on :8069.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
set -euo pipefail
python scripts/suite.py demo "$@" >/dev/null
echo "[crmsuite] Odoo with the CRM suite: http://localhost:8069  (login admin / admin)"
exec python scripts/odoo -c odoo.conf -d crm_demo
