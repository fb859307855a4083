#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for tests and benchmarks.
#
# Sourced (by test.sh, benchmark scripts):
#   source scripts/pg-cluster.sh
#   trap pg_cluster_stop EXIT
#   pg_cluster_start            # sets PG_DIR, PG_PORT, PG_BIN; exports NEXUS_TEST_POSTGRES
#
# Standalone:
#   scripts/pg-cluster.sh start   # prints the connection string, leaves the cluster running,
#                                 # records it in /tmp/nexus-pg-cluster.env
#   scripts/pg-cluster.sh status
#   scripts/pg-cluster.sh stop    # stops it and deletes its directory
#
# Overridable: PG_BIN (dir with initdb/pg_ctl), NEXUS_PG_FIRST_PORT (default 55432).
#
# Layout: PG_DIR=/tmp/nexus-pg.XXXXXX (owned by the server user) holds data/, the
# unix socket and postgres.log. Nothing outside it is touched.

NEXUS_PG_ENV_FILE=/tmp/nexus-pg-cluster.env

_pg_log() { echo "pg-cluster: $*" >&2; }

# Newest installed server version, e.g. /usr/lib/postgresql/15/bin.
_pg_find_bin() {
    if [[ -n ${PG_BIN:-} ]]; then
        [[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl ]] || { _pg_log "PG_BIN=$PG_BIN has no initdb/pg_ctl"; return 1; }
        return 0
    fi
    local ver
    ver=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' 2>/dev/null \
        | awk -F/ '{print $5}' | sort -V | tail -n 1)
    [[ -n $ver ]] || { _pg_log "no PostgreSQL server found in /usr/lib/postgresql (apt-get install postgresql)"; return 1; }
    PG_BIN=/usr/lib/postgresql/$ver/bin
}

# PostgreSQL refuses to run as root: as root we run the server tools as the
# 'postgres' system user (created by the postgresql package); otherwise as ourselves.
# The cd avoids "could not change directory to /root" when the cwd is unreadable for postgres.
_pg_as_owner() {
    if [[ $EUID -eq 0 ]]; then
        (cd "$PG_DIR" && runuser -u postgres -- "$@")
    else
        (cd "$PG_DIR" && "$@")
    fi
}

_pg_port_in_use() {
    local port=$1
    if command -v ss >/dev/null 2>&1; then
        [[ -n $(ss -Hltn "sport = :$port" 2>/dev/null) ]]
    else
        # bare images may lack iproute2: a successful connect means somebody listens
        timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null
    fi
}

pg_cluster_start() {
    _pg_find_bin || return 1
    if [[ $EUID -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        _pg_log "running as root but there is no 'postgres' user to run the server as"
        return 1
    fi

    # /tmp explicitly (not $TMPDIR): postgres must be able to reach it, and the
    # unix socket path must stay short (< 108 bytes).
    PG_DIR=$(mktemp -d /tmp/nexus-pg.XXXXXX) || return 1
    if [[ $EUID -eq 0 ]]; then chown postgres:postgres "$PG_DIR" || return 1; fi
    chmod 700 "$PG_DIR"

    if ! _pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust \
            -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1; then
        _pg_log "initdb failed:"; cat "$PG_DIR/initdb.log" >&2
        return 1
    fi

    # Try ports upward; the bind can still race with another process, so a start
    # failing with "Address already in use" just moves on to the next port.
    local port=${NEXUS_PG_FIRST_PORT:-55432} tries=0
    while :; do
        while _pg_port_in_use "$port"; do port=$((port + 1)); done
        # fsync/full_page_writes/synchronous_commit off: data is thrown away anyway.
        # max_connections 300: a concurrency test opens many connections.
        if _pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 \
                -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=300" \
                start >/dev/null 2>&1; then
            break
        fi
        tries=$((tries + 1))
        if grep -q 'already in use' "$PG_DIR/postgres.log" 2>/dev/null && ((tries < 20)); then
            port=$((port + 1))
            continue
        fi
        _pg_log "server failed to start, log:"; tail -n 30 "$PG_DIR/postgres.log" >&2 2>/dev/null
        return 1
    done

    PG_PORT=$port
    export NEXUS_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=unused;Database=postgres"
    _pg_log "PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}') running on 127.0.0.1:$PG_PORT (dir $PG_DIR)"
}

# Idempotent: safe to call from an EXIT trap whether or not start succeeded.
pg_cluster_stop() {
    local dir=${PG_DIR:-}
    [[ -n $dir ]] || return 0
    # Refuse to rm -rf anything that is not one of our cluster dirs.
    [[ $dir == /tmp/nexus-pg.* && $dir != */../* ]] || { _pg_log "refusing to remove '$dir'"; return 1; }
    if [[ -f $dir/data/postmaster.pid ]]; then
        # immediate = no checkpoint, the data is deleted right after
        if ! _pg_as_owner "${PG_BIN:-/nonexistent}/pg_ctl" -D "$dir/data" stop -m immediate -w -t 30 >/dev/null 2>&1; then
            local pid
            pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
            if [[ $pid =~ ^[0-9]+$ ]]; then kill -KILL "$pid" 2>/dev/null || true; fi
        fi
    fi
    rm -rf -- "$dir"
    unset PG_DIR PG_PORT
    return 0
}

# ---- standalone use --------------------------------------------------------

_pg_env_get() { sed -n "s/^$1=//p" "$NEXUS_PG_ENV_FILE" | head -n 1; }

# Load PG_DIR/PG_PORT/PG_BIN from the env file (parsed, not sourced: it lives in /tmp).
_pg_env_load() {
    [[ -f $NEXUS_PG_ENV_FILE ]] || return 1
    [[ -O $NEXUS_PG_ENV_FILE ]] || { _pg_log "$NEXUS_PG_ENV_FILE is not owned by us, ignoring it"; return 1; }
    PG_DIR=$(_pg_env_get PG_DIR)
    PG_PORT=$(_pg_env_get PG_PORT)
    PG_BIN=$(_pg_env_get PG_BIN)
    [[ -n $PG_DIR && -n $PG_PORT && -n $PG_BIN ]]
}

_pg_running() { [[ -d ${PG_DIR:-} ]] && _pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; }

_pg_main() {
    set -euo pipefail
    case ${1:-} in
        start)
            if _pg_env_load && _pg_running; then
                _pg_log "already running on port $PG_PORT (dir $PG_DIR)"
                echo "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=unused;Database=postgres"
                return 0
            fi
            unset PG_DIR PG_PORT
            pg_cluster_start || { pg_cluster_stop; return 1; }
            # Sourceable by shells too (values contain no quotes).
            {
                echo "PG_DIR=$PG_DIR"
                echo "PG_PORT=$PG_PORT"
                echo "PG_BIN=$PG_BIN"
                echo "NEXUS_TEST_POSTGRES='$NEXUS_TEST_POSTGRES'"
                echo "export NEXUS_TEST_POSTGRES"
            } >"$NEXUS_PG_ENV_FILE"
            echo "$NEXUS_TEST_POSTGRES"
            ;;
        stop)
            if ! _pg_env_load; then _pg_log "no cluster recorded in $NEXUS_PG_ENV_FILE"; return 0; fi
            pg_cluster_stop
            rm -f -- "$NEXUS_PG_ENV_FILE"
            _pg_log "stopped"
            ;;
        status)
            if _pg_env_load && _pg_running; then
                echo "running on 127.0.0.1:$PG_PORT (dir $PG_DIR)"
            else
                echo "not running"; return 1
            fi
            ;;
        *)
            echo "usage: $0 start|stop|status" >&2
            return 2
            ;;
    esac
}

# Only act when executed, not when sourced.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    _pg_main "$@"
fi
