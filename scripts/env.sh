#!/usr/bin/env bash
# Builds the environment the suite runs in, and exports what the other scripts need:
#   - a Python 3.7 virtual environment in .venv with Odoo 11.0 and the pinned libraries;
#   - the Debian packages the server needs (lessc, wkhtmltopdf) and the browser
#     tests need (chromium, chromium-driver, a CJK font);
#   - a PostgreSQL server (PGHOST/PGPORT/PGUSER if set, else the local one, else a
#     private cluster under var/pg).
# Source it (". scripts/env.sh"); it is quick when everything is already there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
export CRMSUITE_ROOT="$ROOT"

say() { printf '[crmsuite] %s\n' "$*" >&2; }
die() { printf '[crmsuite] ERROR: %s\n' "$*" >&2; exit 1; }

find_python37() {
    local candidates=("${CRMSUITE_PYTHON:-}" python3.7)
    if command -v pyenv >/dev/null 2>&1; then
        candidates+=("$(pyenv root)"/versions/3.7*/bin/python)
    fi
    candidates+=("$HOME"/.pyenv/versions/3.7*/bin/python /usr/local/bin/python3.7
                 /usr/bin/python3.7)
    local c
    for c in "${candidates[@]}"; do
        [ -n "$c" ] || continue
        if "$c" -c 'import sys, venv; assert sys.version_info[:2] == (3, 7)' \
                >/dev/null 2>&1; then
            "$c" -c 'import sys; print(sys.executable)'
            return 0
        fi
    done
    return 1
}

ensure_debs() {
    local missing=()
    command -v lessc >/dev/null 2>&1 || missing+=(node-less)
    command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
    command -v pg_isready >/dev/null 2>&1 || missing+=(postgresql-client)
    command -v git >/dev/null 2>&1 || missing+=(git)
    # the browser tests: Chromium, its WebDriver, and a font with Chinese glyphs
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
    dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 || missing+=(fonts-wqy-zenhei)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        die "missing Debian packages: ${missing[*]} (run: sudo apt-get install ${missing[*]})"
    fi
    say "installing Debian packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_venv() {
    local stamp="$VENV/.crmsuite-requirements"
    local want
    want="$(cat "$ROOT/requirements.txt" "$ROOT/requirements-dev.txt" "$ROOT/constraints.txt" \
        | sha1sum | cut -c1-40)"
    if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return 0
    fi
    local py
    py="$(find_python37)" || die "Python 3.7 not found: Odoo 11 needs it (tried python3.7, \
pyenv's 3.7.x, /usr/bin/python3.7). Install it (e.g. 'pyenv install 3.7.16') \
or set CRMSUITE_PYTHON to its path."
    say "building the virtual environment with $py"
    [ -x "$VENV/bin/python" ] || "$py" -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check "pip<24" "setuptools<58" wheel
    "$VENV/bin/pip" install -q --disable-pip-version-check -c "$ROOT/constraints.txt" \
        -r "$ROOT/requirements.txt" -r "$ROOT/requirements-dev.txt"
    echo "$want" > "$stamp"
}

ensure_postgres() {
    if [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}" ]; then
        pg_isready -q || die "PostgreSQL named by PGHOST/PGPORT/PGUSER does not answer"
        return 0
    fi
    if pg_isready -q 2>/dev/null && psql -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
        return 0
    fi
    local bindir pgdata="$ROOT/var/pg"
    bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
    [ -n "$bindir" ] || die "no PostgreSQL answers and no server binaries to start one \
(install the Debian package postgresql)"
    local runas=()
    if [ "$(id -u)" -eq 0 ]; then
        id crmsuite >/dev/null 2>&1 || useradd --system --no-create-home crmsuite
        runas=(runuser -u crmsuite --)
    fi
    mkdir -p "$pgdata"
    [ ${#runas[@]} -eq 0 ] || chown crmsuite "$pgdata"
    if [ ! -f "$pgdata/data/PG_VERSION" ]; then
        say "creating a private PostgreSQL cluster in $pgdata"
        "${runas[@]}" "$bindir/initdb" -D "$pgdata/data" -U "$(id -un)" -A trust >/dev/null
    fi
    export PGHOST="$pgdata" PGPORT=5439 PGUSER="$(id -un)"
    if ! pg_isready -q; then
        "${runas[@]}" "$bindir/pg_ctl" -D "$pgdata/data" -l "$pgdata/server.log" -w \
            -o "-k $pgdata -p $PGPORT -c listen_addresses=''" start >/dev/null
    fi
}

ensure_debs
ensure_venv
ensure_postgres
mkdir -p "$ROOT/var/log"
export PATH="$VENV/bin:$PATH"
# Debian's lessc needs Node to find its modules (tslib) under /usr/share/nodejs.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
# Odoo would otherwise preload every addon found on the path at the first request.
export ODOO_PRELOAD_ADDONS=no
set +euo pipefail
