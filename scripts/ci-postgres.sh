#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the store tests, and print the line that
# points them at it:
#
#     eval "$(bash scripts/ci-postgres.sh)"     # sets DYAD_TEST_POSTGRES_URL
#
# Installs Debian's `postgresql` package when no server binaries are found (needs root), makes a
# new cluster in a temporary folder owned by a non-root user (`postgres` when run as root),
# starts it on 127.0.0.1:${DYAD_PG_PORT:-55432} (the next free port if that one is taken) and
# creates the database `dyad_test`. Only the `export ...` line goes to stdout; the rest goes to
# stderr. `bash scripts/ci-postgres.sh stop` stops the server this script started last.
set -euo pipefail

STATE_FILE="${TMPDIR:-/tmp}/dyad-ci-postgres.dir"
log() { echo "ci-postgres: $*" >&2; }

find_bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

as_owner() {  # run a command as the cluster's (non-root) owner
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

if [ "${1:-}" = "stop" ]; then
    if [ -f "$STATE_FILE" ]; then
        dir="$(cat "$STATE_FILE")"
        bindir="$(find_bindir)"
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >&2 || true
        rm -rf "$dir" "$STATE_FILE"
    fi
    exit 0
fi

if ! bindir="$(find_bindir)"; then
    if [ "$(id -u)" -ne 0 ]; then
        log "PostgreSQL is not installed; run as root or: apt-get install -y postgresql"
        exit 1
    fi
    log "installing the Debian postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
    bindir="$(find_bindir)"
fi

port="${DYAD_PG_PORT:-55432}"
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 1 20); do
    port_busy "$port" || break
    port=$((port + 1))
done

dir="$(mktemp -d "${TMPDIR:-/tmp}/dyad-pg.XXXXXX")"
chmod 755 "$dir"
if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$dir"
fi
as_owner "$bindir/initdb" -D "$dir/data" -U dyad -A trust -E UTF8 --locale=C.UTF-8 >/dev/null 2>&1 \
    || as_owner "$bindir/initdb" -D "$dir/data" -U dyad -A trust -E UTF8 --locale=C >&2
as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" \
    start >&2
as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U dyad dyad_test
echo "$dir" >"$STATE_FILE"
log "PostgreSQL $("$bindir/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)"
echo "export DYAD_TEST_POSTGRES_URL=postgresql://dyad@127.0.0.1:$port/dyad_test"
