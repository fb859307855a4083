#!/usr/bin/env bash
# Nexus benchmark (issue 2, acceptance item 7). See bench/README.md.
#
# Builds Release, starts Nexus on a fresh SQLite database with demo data, and with wrk
# measures in one run: a minimal endpoint (the machine's ceiling), the home page, the
# events list, an event page and GET /api/v1/events; then a registration burst against
# a fresh 20-seat event, checked afterwards for oversell. Prints a Markdown section and
# appends it to bench/RESULTS.md.
#
# Environment (all optional):
#   DURATION=15        seconds per page measurement
#   CONNECTIONS=64     wrk connections (the targets are defined at 64)
#   THREADS=2          wrk threads
#   WARMUP=3           seconds of warm-up load per URL before measuring
#   BURST_DURATION=10  seconds of the registration burst
#   BURST_CAPACITY=20  seats of the burst event
#   PORT=<free port>   port to serve on (127.0.0.1)
#   SKIP_BUILD=1       reuse bench/out/app instead of publishing again
#   QUIET_WAIT=120     before each measurement, wait up to this many seconds for other
#   QUIET_BUSY=15      processes to use at most this % of the CPUs (then measure anyway, noted)
#   OTHER_MAX=0.1      measure a page again (up to RETRIES=2 times) when other processes used more
#                      than this many CPUs during its measurement; the least disturbed attempt is kept
#   RESULTS=bench/RESULTS.md   file the section is appended to ("-" = do not append)
#   OUTPUT_CACHE=off   serve public pages without the output cache (measures the database-backed rendering itself)
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
APP_DIR="$BENCH_DIR/out/app"
SERVER_LOG="$BENCH_DIR/out/server.log"

DURATION="${DURATION:-15}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-3}"
BURST_DURATION="${BURST_DURATION:-10}"
BURST_CAPACITY="${BURST_CAPACITY:-20}"
RESULTS="${RESULTS:-$BENCH_DIR/RESULTS.md}"
SKIP_BUILD="${SKIP_BUILD:-0}"
OUTPUT_CACHE="${OUTPUT_CACHE:-on}"
QUIET_WAIT="${QUIET_WAIT:-120}"
QUIET_BUSY="${QUIET_BUSY:-15}"
OTHER_MAX="${OTHER_MAX:-0.1}"
RETRIES="${RETRIES:-2}"

BENCH_NAME=bench
# shellcheck source=bench/common.sh
. "$BENCH_DIR/common.sh"

# --- tools ---------------------------------------------------------------------------
ensure_wrk
for tool in dotnet curl python3; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done

# --- build ---------------------------------------------------------------------------
publish_app

# --- server --------------------------------------------------------------------------
if [ -z "${PORT:-}" ]; then
  PORT="$(free_port)"
fi
BASE="http://127.0.0.1:$PORT"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/nexus-bench.XXXXXX")"
SERVER_PID=""

cleanup() {
  local rc=$?
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The same settings for the server and for the CLI commands (they share the SQLite file).
nexus_env=(
  "Nexus__DataDirectory=$tmp"
  "Nexus__DemoData=true"
  "Nexus__RateLimits__Disabled=true"
  "Nexus__Email__SenderDisabled=true"
  "Nexus__OutputCache__Disabled=$([ "$OUTPUT_CACHE" = off ] && echo true || echo false)"
  "ASPNETCORE_URLS=$BASE"
  "Urls=$BASE"
  "Logging__LogLevel__Default=Warning"
)
# Run from the app folder: it is the content root (appsettings.json, wwwroot).
nexus() { (cd "$APP_DIR" && env "${nexus_env[@]}" dotnet Nexus.Web.dll "$@"); }

log "starting Nexus on $BASE (data in $tmp, log in $SERVER_LOG)"
mkdir -p "$(dirname "$SERVER_LOG")"
(cd "$APP_DIR" && exec env "${nexus_env[@]}" dotnet Nexus.Web.dll) >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

ready=0
for _ in $(seq 1 240); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    tail -n 40 "$SERVER_LOG" >&2 || true
    die "Nexus exited during start-up (log above)"
  fi
  if curl -fsS -o /dev/null "$BASE/health/ready" 2>/dev/null; then ready=1; break; fi
  sleep 0.5
done
[ "$ready" = 1 ] || die "Nexus did not become ready within 120 s (see $SERVER_LOG)"
log "ready"

# --- helpers -------------------------------------------------------------------------
# Converts a wrk duration ("812.00us", "1.23ms", "1.02s", "2m") to milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/)      { sub(/us$/, "", v); printf "%.3f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
    else if (v ~ /m$/)  { sub(/m$/, "", v);  printf "%.3f", v * 60000 }
    else if (v ~ /s$/)  { sub(/s$/, "", v);  printf "%.3f", v * 1000 }
    else                { printf "%.3f", v }
  }'
}

# Parses wrk --latency output from a file; sets W_RPS W_P50 W_P99 W_NON2XX W_SOCKERR W_SECS W_REQS.
parse_wrk() {
  local f="$1"
  W_RPS="$(awk '/^Requests\/sec:/ {print $2}' "$f")"
  W_P50="$(to_ms "$(awk '$1 == "50%" {print $2}' "$f")")"
  W_P99="$(to_ms "$(awk '$1 == "99%" {print $2}' "$f")")"
  W_NON2XX="$(awk -F': *' '/Non-2xx or 3xx responses/ {print $2}' "$f")"
  W_NON2XX="${W_NON2XX:-0}"
  W_SOCKERR="$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$f")"
  W_SOCKERR="${W_SOCKERR:-0}"
  W_REQS="$(awk '/requests in/ {print $1}' "$f")"
  W_SECS="$(awk '/requests in/ {v = $4; sub(/,$/, "", v); print v}' "$f")"
  W_SECS="$(awk -v ms="$(to_ms "$W_SECS")" 'BEGIN {printf "%.3f", ms / 1000}')"
  [ -n "$W_RPS" ] || die "could not parse wrk output in $f"
}


# CPU accounting around a measurement, in clock ticks: the machine (busy and total), Nexus, and wrk (as the
# shell's finished children). Call it with a redirection, never in $(...): `times` must run in this shell.
cpu_snapshot() {
  local children
  times >"$tmp/times"
  children="$(awk 'NR == 2 {split($1, a, /[ms]/); split($2, b, /[ms]/); printf "%d", (a[1] * 60 + a[2] + b[1] * 60 + b[2]) * 100}' "$tmp/times")"
  local server
  server="$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat" 2>/dev/null || echo 0)"
  awk -v ch="$children" -v srv="$server" '/^cpu / {t = 0; for (i = 2; i <= 9; i++) t += $i; printf "%d %d %d %d\n", t, t - $5 - $6, srv, ch}' /proc/stat
}
# Prints "server wrk other" CPU use between two snapshots, in CPUs (1.00 = one CPU busy the whole time).
cpu_use() {
  awk -v a="$1" -v b="$2" -v n="$(nproc)" 'BEGIN {
    split(a, x, " "); split(b, y, " "); t = y[1] - x[1]; if (t <= 0) { print "0 0 0"; exit }
    busy = y[2] - x[2]; srv = y[3] - x[3]; wrk = y[4] - x[4]; oth = busy - srv - wrk; if (oth < 0) oth = 0
    printf "%.2f %.2f %.2f", n * srv / t, n * wrk / t, n * oth / t }'
}

# GET a URL and print its HTTP status (000 when unreachable).
status_of() { curl -s -o /dev/null -w '%{http_code}' "$1" || true; }

# --- targets -------------------------------------------------------------------------
names=("Ceiling: minimal endpoint" "Home page" "Events list" "Event page" "GET /api/v1/events")
paths=("/health/live" "/" "/events" "" "/api/v1/events")
notes=()

curl -fsS "$BASE/api/v1/events?when=upcoming" -o "$tmp/upcoming.json" || die "GET /api/v1/events?when=upcoming failed"
curl -fsS "$BASE/api/v1/events" -o "$tmp/all.json" || die "GET /api/v1/events failed"
event_path="$(python3 - "$tmp/upcoming.json" "$tmp/all.json" <<'PY'
import json, sys
for f in sys.argv[1:]:
    events = json.load(open(f))
    if events:
        e = events[0]
        print(f"/events/{e['id']}/{e['slug']}" if e.get("slug") else f"/events/{e['id']}")
        break
PY
)"
published_count="$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$tmp/all.json")"
upcoming_count="$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$tmp/upcoming.json")"
if [ -z "$event_path" ]; then
  notes+=("Event page skipped: the demo data has no published event (GET /api/v1/events is empty).")
  log "no published event: skipping the event page"
elif [ "$upcoming_count" = 0 ]; then
  notes+=("No upcoming event in the demo data; the event page measured is a past one ($event_path).")
fi
paths[3]="$event_path"

# Check each URL answers 200, then warm up (JIT, EF Core query cache, connection pool).
for i in "${!paths[@]}"; do
  p="${paths[$i]}"; [ -n "$p" ] || continue
  code="$(status_of "$BASE$p")"
  [ "$code" = 200 ] || notes+=("${names[$i]} (\`$p\`) answered HTTP $code before the run, not 200.")
  log "warm-up ${WARMUP}s: $p (HTTP $code)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$BASE$p" >/dev/null
done

declare -a rps p50 p99 errs cpu
for i in "${!paths[@]}"; do
  p="${paths[$i]}"; [ -n "$p" ] || continue
  out="$tmp/wrk-$i.txt"
  best_other=""
  for attempt in $(seq 0 "$RETRIES"); do
    wait_quiet
    log "measuring ${DURATION}s: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency $BASE$p"
    cpu_snapshot >"$tmp/snap0"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$BASE$p" >"$tmp/attempt.txt"
    cpu_snapshot >"$tmp/snap1"
    use="$(cpu_use "$(cat "$tmp/snap0")" "$(cat "$tmp/snap1")")"
    other="${use##* }"
    cat "$tmp/attempt.txt" >&2
    # Keep the attempt least disturbed by other processes.
    if [ -z "$best_other" ] || awk -v a="$other" -v b="$best_other" 'BEGIN {exit !(a < b)}'; then
      best_other="$other"; cpu[$i]="$use"; cp "$tmp/attempt.txt" "$out"
    fi
    awk -v o="$other" -v m="$OTHER_MAX" 'BEGIN {exit !(o <= m)}' && break
    [ "$attempt" -lt "$RETRIES" ] && log "other processes used $other CPUs during this measurement; measuring again"
  done
  parse_wrk "$out"
  rps[$i]="$W_RPS"; p50[$i]="$W_P50"; p99[$i]="$W_P99"; errs[$i]=$((W_NON2XX + W_SOCKERR))
done
ceiling="${rps[0]}"

# --- registration burst ----------------------------------------------------------------
log "creating a staff user and an API token with the CLI"
nexus users add --email bench@example.org --role ProgrammeStaff >"$tmp/user.txt" 2>&1 \
  || { cat "$tmp/user.txt" >&2; die "users add failed"; }
nexus tokens create --email bench@example.org --name bench --scopes "events:write registrations:read" \
  >"$tmp/token.txt" 2>&1 || { cat "$tmp/token.txt" >&2; die "tokens create failed"; }
token="$(tail -n 1 "$tmp/token.txt" | tr -d '[:space:]')"
[ -n "$token" ] || die "no token printed by tokens create"

python3 - "$BURST_CAPACITY" >"$tmp/event.json" <<'PY'
import json, sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo
tz = ZoneInfo("America/New_York")
start = (datetime.now(timezone.utc) + timedelta(days=7)).astimezone(tz).replace(hour=10, minute=0, second=0, microsecond=0)
print(json.dumps({
    "title": "Benchmark registration burst",
    "kind": "seminar",
    "summary": "Created by bench/run.sh.",
    "startsAt": start.isoformat(),
    "endsAt": (start + timedelta(hours=2)).isoformat(),
    "timeZone": "America/New_York",
    "venue": "Conference Room 1",
    "city": "New York",
    "capacity": int(sys.argv[1]),
    "status": "published",
}))
PY
code="$(curl -s -o "$tmp/created.json" -w '%{http_code}' -X POST "$BASE/api/v1/events" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data @"$tmp/event.json")"
[ "$code" = 201 ] || { cat "$tmp/created.json" >&2; die "POST /api/v1/events answered $code, expected 201"; }
burst_id="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$tmp/created.json")"
burst_url="$BASE/api/v1/events/$burst_id/registrations"
log "burst event $burst_id (capacity $BURST_CAPACITY)"

burst_out="$tmp/wrk-burst.txt"
wait_quiet
log "burst ${BURST_DURATION}s: wrk -t$THREADS -c$CONNECTIONS -d${BURST_DURATION}s --latency -s bench/register.lua $burst_url"
cpu_snapshot >"$tmp/snap0"
BENCH_RUN_ID="$(date +%s)" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${BURST_DURATION}s" --latency \
  -s "$BENCH_DIR/register.lua" "$burst_url" >"$burst_out"
cpu_snapshot >"$tmp/snap1"
burst_cpu="$(cpu_use "$(cat "$tmp/snap0")" "$(cat "$tmp/snap1")")"
cat "$burst_out" >&2
parse_wrk "$burst_out"
burst_secs="$W_SECS"; burst_p50="$W_P50"; burst_p99="$W_P99"; burst_sockerr="$W_SOCKERR"
count_status() { awk -v c="$1" '$1 == "BENCH_STATUS" && $2 == c {n += $3} END {print n + 0}' "$burst_out"; }
created="$(count_status 201)"
s5xx="$(awk '$1 == "BENCH_STATUS" && $2 >= 500 {n += $3} END {print n + 0}' "$burst_out")"
sother="$(awk '$1 == "BENCH_STATUS" && $2 != 201 && $2 < 500 {n += $3} END {print n + 0}' "$burst_out")"
status_breakdown="$(awk '$1 == "BENCH_STATUS" {printf "%s%s: %s", sep, $2, $3; sep = ", "}' "$burst_out")"
reg_per_sec="$(awk -v n="$created" -v s="$burst_secs" 'BEGIN {printf "%.0f", (s > 0 ? n / s : 0)}')"

# No oversell: exactly min(capacity, total) confirmed, waiting-list positions 1..N.
code="$(curl -s -o "$tmp/regs.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$burst_url")"
[ "$code" = 200 ] || { head -c 2000 "$tmp/regs.json" >&2; die "GET registrations answered $code"; }
read -r reg_total reg_confirmed reg_waitlisted reg_other positions_ok oversell_ok <<<"$(python3 - "$tmp/regs.json" "$BURST_CAPACITY" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1])); cap = int(sys.argv[2])
confirmed = [r for r in rows if r["status"] == "confirmed"]
waiting = [r for r in rows if r["status"] == "waitlisted"]
other = len(rows) - len(confirmed) - len(waiting)
positions = sorted(r.get("waitlistPosition") or 0 for r in waiting)
positions_ok = positions == list(range(1, len(waiting) + 1))
oversell_ok = len(confirmed) == min(cap, len(rows)) and other == 0
print(len(rows), len(confirmed), len(waiting), other, "yes" if positions_ok else "no", "yes" if oversell_ok else "no")
PY
)"
if [ "$oversell_ok" = yes ] && [ "$positions_ok" = yes ]; then check=PASS; else check=FAIL; fi
server_errors="$(grep -cE '^(fail|crit):' "$SERVER_LOG" || true)"
log "burst: $created created in ${burst_secs}s = $reg_per_sec/s; confirmed $reg_confirmed, waitlisted $reg_waitlisted; check $check"

# --- report --------------------------------------------------------------------------
fmt() { awk -v v="$1" -v d="$2" 'BEGIN {printf "%.*f", d, v}'; }
cpu_model="$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)"
[ -n "$cpu_model" ] || cpu_model="$(uname -m)"
ram="$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ "$commit" != unknown ] && [ -n "$(git -C "$ROOT" status --porcelain -- src 2>/dev/null)" ]; then commit="$commit (with uncommitted changes)"; fi
cmd="bench/run.sh"
[ "$DURATION" = 15 ] || cmd="DURATION=$DURATION $cmd"
[ "$OUTPUT_CACHE" = on ] || cmd="OUTPUT_CACHE=$OUTPUT_CACHE $cmd"
[ "$CONNECTIONS" = 64 ] || cmd="CONNECTIONS=$CONNECTIONS $cmd"

section="$tmp/section.md"
{
  echo "## Run of $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "- Machine: $(nproc) CPUs, $cpu_model, $ram RAM, Linux $(uname -r), .NET SDK $(dotnet --version)"
  echo "- Command: \`$cmd\` (commit $commit, build: $(build_kind)); pages: \`wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency\` after ${WARMUP}s warm-up each; burst: \`wrk -t$THREADS -c$CONNECTIONS -d${BURST_DURATION}s -s bench/register.lua\`"
  echo "- Nexus Release build on SQLite with demo data ($published_count published events, $upcoming_count upcoming), rate limits off, output cache $OUTPUT_CACHE; wrk and Nexus share the machine"
  echo
  echo "| Target | URL | req/s | % of ceiling | p50 ms | p99 ms | Meets target (≥ 30 %, p99 < 25 ms) |"
  echo "|---|---|---:|---:|---:|---:|---|"
  all_pages_ok=yes
  for i in "${!names[@]}"; do
    p="${paths[$i]}"
    if [ -z "$p" ]; then
      echo "| ${names[$i]} | (none) | – | – | – | – | skipped: no event |"
      all_pages_ok=no
      continue
    fi
    pct="$(awk -v a="${rps[$i]}" -v c="$ceiling" 'BEGIN {printf "%.1f", (c > 0 ? 100 * a / c : 0)}')"
    if [ "$i" = 0 ]; then
      verdict="(ceiling)"
    else
      verdict="$(awk -v pct="$pct" -v p99="${p99[$i]}" 'BEGIN {print (pct >= 30 && p99 < 25) ? "yes" : "no"}')"
      [ "${errs[$i]}" = 0 ] || verdict="no: ${errs[$i]} errors"
      [ "$verdict" = yes ] || all_pages_ok=no
    fi
    [ "$i" = 0 ] && [ "${errs[$i]}" != 0 ] && verdict="(ceiling) ${errs[$i]} errors"
    echo "| ${names[$i]} | \`$p\` | $(fmt "${rps[$i]}" 0) | $pct % | $(fmt "${p50[$i]}" 2) | $(fmt "${p99[$i]}" 2) | $verdict |"
  done
  echo
  burst_ok="$(awk -v r="$reg_per_sec" 'BEGIN {print (r >= 1000) ? "yes" : "no"}')"
  [ "$check" = PASS ] && [ "$s5xx" = 0 ] || burst_ok=no
  echo "Registration burst (event capacity $BURST_CAPACITY, one new email per request): **$reg_per_sec registrations/s** ($created × 201 in ${burst_secs}s; p50 $(fmt "$burst_p50" 2) ms, p99 $(fmt "$burst_p99" 2) ms); stored $reg_total: $reg_confirmed confirmed, $reg_waitlisted waitlisted, $reg_other other; waiting-list positions 1..$reg_waitlisted without gap: $positions_ok; no oversell: **$check**; 5xx: $s5xx; other non-201: $sother; socket errors: $burst_sockerr (statuses: ${status_breakdown:-none}). Meets target (≥ 1,000/s, no oversell, no 5xx): $burst_ok."
  echo
  printf 'CPU use during each measurement, in CPUs of %s (Nexus / wrk / other processes):' "$(nproc)"
  sep=" "
  for i in "${!names[@]}"; do
    [ -n "${cpu[$i]:-}" ] || continue
    read -r c_srv c_wrk c_oth <<<"${cpu[$i]}"
    printf '%s%s %s / %s / %s' "$sep" "${names[$i]%%:*}" "$c_srv" "$c_wrk" "$c_oth"; sep="; "
  done
  read -r c_srv c_wrk c_oth <<<"$burst_cpu"
  printf '; burst %s / %s / %s.\n\n' "$c_srv" "$c_wrk" "$c_oth"
  echo "Server log: $server_errors error entries (fail/crit)."
  disturbed=""
  for i in "${!names[@]}"; do
    [ -n "${cpu[$i]:-}" ] || continue
    awk -v o="${cpu[$i]##* }" -v m="$OTHER_MAX" 'BEGIN {exit !(o > m)}' && disturbed="$disturbed, ${names[$i]%%:*} (${cpu[$i]##* })"
  done
  awk -v o="${burst_cpu##* }" -v m="$OTHER_MAX" 'BEGIN {exit !(o > m)}' && disturbed="$disturbed, burst (${burst_cpu##* })"
  if [ -n "$disturbed" ]; then
    notes+=("Other processes on the machine took CPU time during some measurements (in CPUs): ${disturbed#, }. Those rows are lower than this machine can do.")
  fi
  if [ "$MAX_BUSY" -gt "$QUIET_BUSY" ]; then
    notes+=("Other processes used up to $MAX_BUSY % of the CPUs just before a measurement: the machine was not quiet and these numbers are lower than it can do.")
  fi
  for n in "${notes[@]+"${notes[@]}"}"; do echo; echo "Note: $n"; done
  echo
} >"$section"

cat "$section"
if [ "$RESULTS" != "-" ]; then
  if [ ! -s "$RESULTS" ]; then
    printf '# Nexus benchmark results\n\nEach run of `bench/run.sh` appends a section. Numbers are from one machine; see bench/README.md.\n\n' >"$RESULTS"
  fi
  cat "$section" >>"$RESULTS"
  log "appended to $RESULTS"
fi
if [ "$server_errors" != 0 ]; then
  log "the server log has $server_errors error entries; first ones:"
  grep -E -A3 '^(fail|crit):' "$SERVER_LOG" | head -n 40 >&2 || true
fi
