#!/usr/bin/env bash
# Library search benchmark (issue 3, acceptance item 6). See bench/README.md.
#
# For each database (SQLite, then PostgreSQL): a fresh database, a synthetic corpus of ITEMS items made by
# `Nexus.Web library generate` (load time and index build time as printed by it), then Nexus serving with the
# output cache and rate limits off, and wrk with ONE connection (so latency is the service time of one search,
# not queueing) for DURATION seconds per query class:
#   1, 2 and 3 words; 2 words narrowed by a theme. Every answer includes the facet counts.
# A baseline in the same run: GET /health/live on the same server, same single connection.
# Prints a Markdown section and appends it to bench/RESULTS.md.
#
# Environment (all optional):
#   ITEMS=100000   corpus size          DURATION=20   seconds per query class     WARMUP=5
#   PROVIDERS="sqlite postgres"         SKIP_BUILD=1  reuse bench/out/app
#   RESULTS=bench/RESULTS.md ("-" = do not append)
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
APP_DIR="$BENCH_DIR/out/app"
ITEMS="${ITEMS:-100000}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-5}"
PROVIDERS="${PROVIDERS:-sqlite postgres}"
RESULTS="${RESULTS:-$BENCH_DIR/RESULTS.md}"

BENCH_NAME=library-bench
# shellcheck source=bench/common.sh
. "$BENCH_DIR/common.sh"

ensure_wrk

publish_app

tmp="$(mktemp -d "${TMPDIR:-/tmp}/nexus-library-bench.XXXXXX")"
SERVER_PID=""
STARTED_PG=0
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ "$STARTED_PG" = "1" ]; then bash "$ROOT/scripts/pg-cluster.sh" stop >/dev/null 2>&1 || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT


app() { (cd "$APP_DIR" && env "${DB_ENV[@]}" "Nexus__DataDirectory=$tmp/data-$provider" dotnet Nexus.Web.dll "$@"); }

# One line of the results table: class, p50, p95, p99 (ms), requests/s, errors.
measure() {
  local label="$1" file="$2" out
  QUERIES="$file" wrk -t1 -c1 -d"${WARMUP}s" -s "$BENCH_DIR/library-search.lua" "$BASE" >/dev/null 2>&1 || true
  out="$(QUERIES="$file" wrk -t1 -c1 -d"${DURATION}s" -s "$BENCH_DIR/library-search.lua" "$BASE")"
  read -r _ p50 p95 p99 requests errors <<<"$(grep LIBRARY_LATENCY <<<"$out")"
  # The first class measured on each server is the baseline; the others are quoted against it.
  if [ -z "${BASE_P95:-}" ]; then BASE_P95="$p95"; BASE_RPS="$requests"; fi
  awk -v p="$provider" -v l="$label" -v a="$p50" -v b="$p95" -v c="$p99" -v n="$requests" -v d="$DURATION" -v e="$errors" \
      -v bp="$BASE_P95" -v bn="$BASE_RPS" \
    'BEGIN { printf "| %s | %s | %.2f | %.2f | %.2f | %.0f | %.0fx | %.2f %% | %s |\n", p, l, a / 1000, b / 1000, c / 1000, n / d, b / (bp > 0 ? bp : 1), 100 * n / (bn > 0 ? bn : 1), e }'
}

notes=""
for provider in $PROVIDERS; do
  case "$provider" in
    sqlite) DB_ENV=("Database__Provider=Sqlite" "ConnectionStrings__Nexus=Data Source=$tmp/nexus.db") ;;
    postgres)
      if [ -f /tmp/nexus-pg-cluster.env ]; then
        # shellcheck disable=SC1091
        . /tmp/nexus-pg-cluster.env
      else
        NEXUS_TEST_POSTGRES="$(bash "$ROOT/scripts/pg-cluster.sh" start | tail -n 1)"; STARTED_PG=1
      fi
      db="nexus_bench_$$"
      psql_conn="${NEXUS_TEST_POSTGRES}"
      python3 - "$psql_conn" "$db" <<'PY' || die "could not create database $db"
import sys, subprocess
conn, db = sys.argv[1], sys.argv[2]
kv = dict(p.split("=", 1) for p in conn.split(";") if "=" in p)
subprocess.run(["psql", "-h", kv["Host"], "-p", kv["Port"], "-U", kv["Username"], "-d", "postgres", "-qc", f'CREATE DATABASE "{db}"'], check=True)
PY
      DB_ENV=("Database__Provider=Postgres" "ConnectionStrings__Nexus=${NEXUS_TEST_POSTGRES/Database=postgres/Database=$db}") ;;
    *) die "unknown provider $provider" ;;
  esac

  log "$provider: generating $ITEMS items"
  app db migrate >&2
  generated="$(app library generate --items "$ITEMS" | tail -n 1)"
  log "$provider: $generated"
  notes+="- $provider: $generated"$'\n'

  for spec in "1:1 word" "2:2 words" "3:3 words"; do
    app library queries --terms "${spec%%:*}" --count 500 --seed 7 > "$tmp/q${spec%%:*}.txt"
  done
  app library queries --terms 2 --theme --count 500 --seed 8 > "$tmp/q2t.txt"

  PORT="$(free_port)"; BASE="http://127.0.0.1:$PORT"
  (cd "$APP_DIR" && exec env "${DB_ENV[@]}" "Nexus__DataDirectory=$tmp/data-$provider" Nexus__DemoData=false \
      Nexus__RateLimits__Disabled=true Nexus__OutputCache__Disabled=true Nexus__BackgroundJobsDisabled=true \
      Nexus__Email__SenderDisabled=true ASPNETCORE_URLS="$BASE" Urls="$BASE" Logging__LogLevel__Default=Warning \
      dotnet Nexus.Web.dll >"$tmp/server-$provider.log" 2>&1) &
  SERVER_PID=$!
  for _ in $(seq 1 120); do curl -fsS -o /dev/null "$BASE/health/ready" 2>/dev/null && break; sleep 0.5; done
  if ! curl -fsS -o /dev/null "$BASE/api/v1/library/search?q=migration"; then
    tail -n 30 "$tmp/server-$provider.log" >&2
    die "$provider: search does not answer"
  fi

  echo "/health/live" > "$tmp/health.txt"
  BASE_P95=""
  {
    measure "baseline: GET /health/live" "$tmp/health.txt"
    measure "1 word + facets" "$tmp/q1.txt"
    measure "2 words + facets" "$tmp/q2.txt"
    measure "3 words + facets" "$tmp/q3.txt"
    measure "2 words + theme filter + facets" "$tmp/q2t.txt"
  } >> "$tmp/rows.md"
  # How many items the queries match, to read the latencies against.
  totals="$(head -n 50 "$tmp/q2.txt" | while read -r path; do curl -fsS "$BASE$path" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; done | sort -n | awk '{a[NR]=$1} END {print a[int(NR/2)+1] " median, " a[NR] " max"}')"
  notes+="- $provider: matches of the first 50 two-word queries: $totals"$'\n'
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
done

rows="$(cat "$tmp/rows.md")"
section="### Library search, $(date -u '+%Y-%m-%d %H:%M') UTC

Command: \`ITEMS=$ITEMS DURATION=$DURATION bash bench/library.sh\` · machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 PRETTY_NAME /etc/os-release | cut -d'"' -f2) · commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo '+uncommitted') · build: $(build_kind)

One connection, $DURATION s per class, 500 different queries per class (latency in ms). Baseline: GET /health/live on the same server in the same run.

| database | query | p50 | p95 | p99 | requests/s | p95 / baseline p95 | requests/s, % of baseline | errors |
|---|---|---|---|---|---|---|---|---|
${rows}
${notes}"
printf '%s\n' "$section"
if [ "$RESULTS" != "-" ]; then printf '\n%s\n' "$section" >> "$RESULTS"; log "appended to $RESULTS"; fi
