# Sourced by scripts/test.sh: start a private, throw-away PostgreSQL server for the storage tests
# (listening only on a Unix socket in a temporary folder), export TPX_TEST_POSTGRES_URL, and stop
# it and delete its files when the shell exits.  Uses Debian's packages (postgresql-NN) or any
# pg_ctl on PATH; as root on a machine without them it installs Debian's `postgresql`.
# A server given in TPX_TEST_POSTGRES_URL is used as it is.

_tpx_pg_bindir() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$found" ] && [ -x "$found/pg_ctl" ]; then echo "$found"; return 0; fi
    if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return 0; fi
    return 1
}

start_throwaway_postgres() {
    if [ -n "${TPX_TEST_POSTGRES_URL:-}" ]; then return 0; fi
    local bindir
    if ! bindir=$(_tpx_pg_bindir); then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "test.sh: installing PostgreSQL (Debian package) for the storage tests" >&2
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
            bindir=$(_tpx_pg_bindir)
        else
            echo "test.sh: no PostgreSQL server found (install postgresql); its tests will not run" >&2
            return 0
        fi
    fi
    TPX_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tpx-pg.XXXXXX")
    local run=()
    if [ "$(id -u)" = 0 ]; then  # PostgreSQL refuses to run as root: use its own system user
        local user=postgres
        id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home "$user"
        chown "$user" "$TPX_PG_DIR"
        run=(runuser -u "$user" --)
    fi
    chmod 700 "$TPX_PG_DIR"
    "${run[@]}" "$bindir/initdb" -D "$TPX_PG_DIR/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
    "${run[@]}" "$bindir/pg_ctl" -D "$TPX_PG_DIR/data" -l "$TPX_PG_DIR/server.log" -w -t 60 start \
        -o "-k $TPX_PG_DIR -c listen_addresses='' -c fsync=off -c max_connections=60" >/dev/null
    TPX_PG_CTL=("${run[@]}" "$bindir/pg_ctl")
    trap stop_throwaway_postgres EXIT
    "${run[@]}" "$bindir/createdb" -h "$TPX_PG_DIR" -U postgres tpx_test
    export TPX_TEST_POSTGRES_URL="postgresql+psycopg://postgres@/tpx_test?host=$TPX_PG_DIR"
    echo "test.sh: throw-away PostgreSQL $("$bindir/pg_ctl" --version | awk '{print $3}') at $TPX_PG_DIR" >&2
}

stop_throwaway_postgres() {
    if [ -n "${TPX_PG_DIR:-}" ] && [ -d "$TPX_PG_DIR/data" ]; then
        "${TPX_PG_CTL[@]}" -D "$TPX_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$TPX_PG_DIR"
    fi
}
