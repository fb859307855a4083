#!/usr/bin/env bash
# Data portal benchmark (issue 4, acceptance item 5). See bench/README.md.
#
# 1. Import vs read, for each official file in DATA_DIR (the UN M49 list first, then every other file):
#    `data read FILE` (the importer's reader merely reading every cell) against `data import FILE` into a fresh
#    SQLite database each run (a prepared database: migrated, plus the M49 list for every file but the M49 list
#    itself). RUNS runs of each, alternating, each in a new process; the medians of the times the commands print
#    themselves (time inside the process, start-up excluded). Then the steady state of a running server: `--repeat
#    STEADY` does the same read (import) STEADY times in one process, with a full garbage collection before each run,
#    and the median of the second half of the runs is kept, once tiered JIT compilation has settled (imports are
#    removed again between runs). Goal: import <= 2x read.
# 2. Serving, on SQLite, with the portal filled from the shipped extracts on first start, rate limits and
#    background jobs off, once with the output cache on (the production default) and once with it off:
#    wrk against GET /health/live (the baseline: this machine's ceiling in this run), GET /api/v1/data/series
#    (rotating areas and indicators) and GET /data/areas/{code} (rotating countries): CONNECTIONS connections for
#    throughput, then one connection for latency, DURATION seconds each after WARMUP seconds of warm-up.
#    Goal: requests/s at least 30 % of the baseline, p99 under 25 ms.
# Prints a Markdown section and appends it to bench/RESULTS.md.
#
# Environment (all optional):
#   RUNS=5  STEADY=12  DURATION=15  WARMUP=5  THREADS=2  CONNECTIONS=16  SKIP_BUILD=1 (reuse bench/out/app)  READY_TO_RUN=0 (plain JIT publish)
#   DATA_DIR=../shared/data  PARTS="import serve"  RESULTS=bench/RESULTS.md ("-" = do not append)
#   QUIET_WAIT=60 QUIET_BUSY=15: before each measurement wait up to 60 s for other processes to use <= 15 % CPU
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
APP_DIR="$BENCH_DIR/out/app"
DATA_DIR="${DATA_DIR:-$ROOT/../shared/data}"
RUNS="${RUNS:-5}"
STEADY="${STEADY:-12}"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-5}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
PARTS="${PARTS:-import serve}"
QUIET_WAIT="${QUIET_WAIT:-60}"
QUIET_BUSY="${QUIET_BUSY:-15}"
RESULTS="${RESULTS:-$BENCH_DIR/RESULTS.md}"

BENCH_NAME=data-bench
# shellcheck source=bench/common.sh
. "$BENCH_DIR/common.sh"

[ -d "$DATA_DIR" ] || die "no data folder $DATA_DIR (the official files, see ../shared/data/README.md)"
DATA_DIR="$(cd "$DATA_DIR" && pwd)"
ensure_wrk

publish_app

tmp="$(mktemp -d "${TMPDIR:-/tmp}/nexus-data-bench.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

median() { sort -g | awk '{a[NR] = $1} END { if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.4f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# A command of the app on the SQLite database $1.
app() {
  local db="$1"; shift
  (cd "$APP_DIR" && env Database__Provider=Sqlite "ConnectionStrings__Nexus=Data Source=$db" "Nexus__DataDirectory=$tmp/files" \
      Logging__LogLevel__Default=Warning dotnet Nexus.Web.dll "$@")
}

# Copies a SQLite database with its WAL files, if any (the commands checkpoint on exit, so there are usually none).
copy_db() {
  rm -f "$2" "$2-wal" "$2-shm"
  cp "$1" "$2"
  for s in -wal -shm; do [ -f "$1$s" ] && cp "$1$s" "$2$s"; done
  return 0
}


machine="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(grep -m1 PRETTY_NAME /etc/os-release | cut -d'"' -f2), kernel $(uname -r), .NET $(cd "$APP_DIR" && dotnet --version 2>/dev/null || echo '?')"
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo '+uncommitted')"
import_section=""
serve_section=""

# --- 1. import vs read ----------------------------------------------------------------------------------------
if [[ " $PARTS " == *" import "* ]]; then
  m49="$(find "$DATA_DIR" -type f -iname '*m49*.csv' | sort | head -n 1)"
  [ -n "$m49" ] || die "no UN M49 list (*m49*.csv) in $DATA_DIR"
  mapfile -t files < <(printf '%s\n' "$m49"; find "$DATA_DIR" -type f \( -iname '*.xlsx' -o -iname '*.csv' -o -iname '*.csv.gz' \) ! -path "$m49" | sort)
  log "import vs read: ${#files[@]} files, $RUNS runs each"

  app "$tmp/empty.db" db migrate >/dev/null
  copy_db "$tmp/empty.db" "$tmp/m49.db"
  app "$tmp/m49.db" data import "$m49" >/dev/null || die "could not import $m49"

  # One run of `data VERB FILE` in a new process on a fresh copy of BASE: prints "<seconds the command printed
  # for FILE> <wall seconds of the process> <count> <JIT ms>" (cells read, or figures imported; the milliseconds of
  # JIT compilation the command printed).
  one_run() {
    local verb="$1" file="$2" base="$3" t0 t1 out line secs count jit
    copy_db "$base" "$tmp/run.db"
    t0="$(date +%s%N)"
    if ! out="$(app "$tmp/run.db" data "$verb" "$file" 2>"$tmp/err.txt")"; then
      cat "$tmp/err.txt" >&2; die "data $verb $(basename "$file") failed"
    fi
    t1="$(date +%s%N)"
    line="$(grep -m1 -F "$(basename "$file"): " <<<"$out")" || die "no result line from data $verb: $out"
    [[ "$line" == *" in "*" s"* ]] || die "unexpected output of data $verb: $line"
    secs="$(sed -E 's/.* in ([0-9]+\.[0-9]+) s.*/\1/' <<<"$line")"
    case "$verb" in
      read) count="$(sed -E 's/.*: read ([0-9]+) cells.*/\1/' <<<"$line")" ;;
      import)
        [[ "$line" == *": release "* ]] || die "data import did not import $(basename "$file"): $line"
        count="$(sed -E 's/.*: ([0-9]+) figures for .*/\1/' <<<"$line")" ;;
    esac
    jit="$(sed -nE 's/.*JIT [0-9]+ methods, ([0-9.]+) ms.*/\1/p' <<<"$line")"
    awk -v a="$t0" -v b="$t1" -v s="$secs" -v c="$count" -v j="${jit:-nan}" 'BEGIN { printf "%s %.3f %s %s\n", s, (b - a) / 1e9, c, j }'
  }
  # `data VERB --repeat STEADY FILE` in one process on a fresh copy of BASE: prints the median of the times the
  # command printed for the second half of the runs (the first pays for JIT compilation and opening the database;
  # the hot loops are recompiled at tier 1 during the next few).
  steady_run() {
    local verb="$1" file="$2" base="$3" out
    copy_db "$base" "$tmp/run.db"
    if ! out="$(app "$tmp/run.db" data "$verb" --repeat "$STEADY" "$file" 2>"$tmp/err.txt")"; then
      cat "$tmp/err.txt" >&2; die "data $verb --repeat $(basename "$file") failed"
    fi
    grep -F "$(basename "$file"): " <<<"$out" | sed -E 's/.* in ([0-9]+\.[0-9]+) s.*/\1/' | tail -n "$((STEADY / 2))" | median
  }
  col() { cut -d' ' -f"$2" "$tmp/$1.txt"; }
  spread() { printf '%s (%s-%s)' "$(col "$1" 1 | median)" "$(col "$1" 1 | sort -g | head -n1)" "$(col "$1" 1 | sort -g | tail -n1)"; }

  rows=""
  for file in "${files[@]}"; do
    name="$(basename "$file")"
    base="$tmp/m49.db"; [ "$file" = "$m49" ] && base="$tmp/empty.db"
    wait_quiet
    log "$name: warm-up run, then $RUNS x (read, import, steady read, steady import)"
    one_run read "$file" "$base" >/dev/null; one_run import "$file" "$base" >/dev/null
    : >"$tmp/read.txt"; : >"$tmp/import.txt"; : >"$tmp/read2.txt"; : >"$tmp/import2.txt"
    for _ in $(seq 1 "$RUNS"); do
      one_run read "$file" "$base" >>"$tmp/read.txt"
      one_run import "$file" "$base" >>"$tmp/import.txt"
      steady_run read "$file" "$base" >>"$tmp/read2.txt"
      steady_run import "$file" "$base" >>"$tmp/import2.txt"
    done
    r="$(col read 1 | median)"; i="$(col import 1 | median)"
    rw="$(col read 2 | median)"; iw="$(col import 2 | median)"
    cells="$(col read 3 | head -n1)"; figures="$(col import 3 | head -n1)"
    r2="$(col read2 1 | median)"; i2="$(col import2 1 | median)"
    rj="$(col read 4 | median)"; ij="$(col import 4 | median)"
    row="$(awk -v n="$name" -v kb="$(($(stat -c %s "$file") / 1024))" -v c="$cells" -v f="$figures" -v r="$r" -v i="$i" \
        -v rs="$(spread read)" -v is="$(spread import)" -v r2="$r2" -v i2="$i2" -v rw="$rw" -v iw="$iw" -v rj="$rj" -v ij="$ij" 'BEGIN {
      # A read too short for the clock (under 0.1 ms) gives no ratio rather than a division by zero passing as 0x.
      ratio = (r > 0 ? sprintf("%.1fx", i / r) : "n/a"); goal = (r > 0 ? (i / r <= 2 ? "yes" : "no") : "n/a")
      steady = (r2 > 0 ? sprintf("%.1fx", i2 / r2) : "n/a"); goal2 = (r2 > 0 ? (i2 / r2 <= 2 ? "yes" : "no") : "n/a")
      printf "| %s | %d | %d | %d | %s | %s | %s | %s | %.1f / %.1f | %.4f | %.4f | %s | %s | %.2f | %.2f |", n, kb, c, f, rs, is, ratio, goal,
        rj, ij, r2, i2, steady, goal2, rw, iw }')"
    log "$row"
    rows+="$row"$'\n'
  done
  import_busy="$MAX_BUSY"
  import_section="#### Import vs read

$RUNS runs of each measurement per file, alternating, each in a new process, after one warm-up run; SQLite. **Seconds are the
medians of the times the commands print themselves** (inside the process: from opening the file to the end of the
read, or to the committed import and the release row read back; .NET start-up, host building and \`db migrate\` are
excluded), with the fastest and slowest run in brackets. \`data read\` is the importer's reader merely reading
(\`DataFile.OpenAsync\` and every cell of every sheet); \`data import\` imports into a fresh copy of a prepared database
(migrated, plus the UN M49 list for every file but the list itself). Both are one-shot processes, so both include
their own JIT compilation (and the import its first statements on the database). The \"steady\" columns are the state of a running server (the
upload page): one process reads (imports) the file $STEADY times with \`--repeat $STEADY\`, with a full garbage
collection before each run and the import removed again between runs, and the median of the second half of the runs
is kept (tiered JIT compilation has settled by then); each is the median of the $RUNS processes. The wall
columns are the whole one-shot process (start-up included), for reference. \"JIT ms\" is the JIT compilation the
one-shot commands report (\`System.Runtime.JitInfo\`, every thread, medians): the part of their time spent compiling
code that ReadyToRun could not compile ahead of time. Goal: import at most 2x read.

| file | kB | cells read | figures stored | read s | import s | import / read | goal (<= 2x) | JIT ms, read / import | read s, steady | import s, steady | import / read, steady | goal, steady | read wall s | import wall s |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows}
Other processes used up to ${import_busy} % of the CPUs just before a file was measured (the script waits up to ${QUIET_WAIT} s for <= ${QUIET_BUSY} %)."
  MAX_BUSY=0
fi

# --- 2. serving ------------------------------------------------------------------------------------------------
if [[ " $PARTS " == *" serve "* ]]; then
  PORT="$(free_port)"; BASE="http://127.0.0.1:$PORT"
  mkdir -p "$tmp/serve"

  # CPU accounting in clock ticks: machine total, machine busy, server process.
  cpu_snapshot() {
    local server
    server="$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat" 2>/dev/null || echo 0)"
    awk -v srv="$server" '/^cpu / {t = 0; for (i = 2; i <= 9; i++) t += $i; printf "%d %d %d\n", t, t - $5 - $6, srv}' /proc/stat
  }

  start_server() {
    local cache_disabled="$1" t0
    t0="$(date +%s%N)"
    (cd "$APP_DIR" && exec env Database__Provider=Sqlite "ConnectionStrings__Nexus=Data Source=$tmp/serve/nexus.db" \
        "Nexus__DataDirectory=$tmp/serve/files" Nexus__DemoData=false Nexus__RateLimits__Disabled=true \
        "Nexus__OutputCache__Disabled=$cache_disabled" Nexus__BackgroundJobsDisabled=true Nexus__Email__SenderDisabled=true \
        ASPNETCORE_URLS="$BASE" Urls="$BASE" Logging__LogLevel__Default=Warning \
        dotnet Nexus.Web.dll >>"$tmp/server.log" 2>&1) &
    SERVER_PID=$!
    for _ in $(seq 1 600); do
      # Where the shell forks before exec, the server is the subshell's child: account and stop the right process.
      if [ "$(cat "/proc/$SERVER_PID/comm" 2>/dev/null)" != dotnet ] && child="$(pgrep -P "$SERVER_PID" dotnet)"; then SERVER_PID="$child"; fi
      curl -fsS -o /dev/null "$BASE/health/ready" 2>/dev/null && break
      kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$tmp/server.log" >&2; die "the server stopped"; }
      sleep 0.2
    done
    curl -fsS -o /dev/null "$BASE/health/ready" || { tail -n 30 "$tmp/server.log" >&2; die "the server does not answer"; }
    STARTED_IN="$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')"
  }

  stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

  # wrk with data-paths.lua; sets L_P50 L_P95 L_P99 (ms), L_RPS, L_ERR, L_OTHER (CPUs used by other processes).
  run_wrk() {
    local paths="$1" threads="$2" conns="$3" secs="$4" out s0 s1 wrkcpu
    wait_quiet
    s0="$(cpu_snapshot)"
    out="$(PATHS="$paths" /usr/bin/time -f 'WRK_CPU %U %S' -o "$tmp/wrk-cpu.txt" \
        wrk -t"$threads" -c"$conns" -d"${secs}s" -s "$BENCH_DIR/data-paths.lua" "$BASE")"
    s1="$(cpu_snapshot)"
    wrkcpu="$(awk '/WRK_CPU/ {print $2 + $3}' "$tmp/wrk-cpu.txt")"
    read -r _ p50 p95 p99 requests duration status sock <<<"$(grep DATA_LATENCY <<<"$out")"
    L_P50="$(awk -v v="$p50" 'BEGIN { printf "%.2f", v / 1000 }')"
    L_P95="$(awk -v v="$p95" 'BEGIN { printf "%.2f", v / 1000 }')"
    L_P99="$(awk -v v="$p99" 'BEGIN { printf "%.2f", v / 1000 }')"
    L_RPS="$(awk -v n="$requests" -v d="$duration" 'BEGIN { printf "%.0f", (d > 0 ? n / (d / 1e6) : 0) }')"
    L_ERR=$((status + sock))
    L_OTHER="$(awk -v a="$s0" -v b="$s1" -v w="$wrkcpu" -v n="$(nproc)" -v hz="$(getconf CLK_TCK)" 'BEGIN {
      split(a, x, " "); split(b, y, " "); t = y[1] - x[1]; if (t <= 0) { print "0.00"; exit }
      o = (y[2] - x[2]) - (y[3] - x[3]) - w * hz; if (o < 0) o = 0; printf "%.2f", n * o / t }')"
    # CPU time of the server per request, in ms: what one answer costs, whatever else the machine does.
    L_CPU="$(awk -v a="$s0" -v b="$s1" -v r="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN {
      split(a, x, " "); split(b, y, " "); printf "%.3f", (r > 0 ? 1000 * (y[3] - x[3]) / hz / r : 0) }')"
  }

  serve_rows=""
  serve_notes=""
  first_start=""
  for cache in on off; do
    disabled=false; [ "$cache" = off ] && disabled=true
    log "output cache $cache: starting the server"
    start_server "$disabled"
    [ -n "$first_start" ] || first_start="$STARTED_IN"

    if [ ! -f "$tmp/series.txt" ]; then
      # The rotating lists, made once from the running portal; every path is checked to answer 200.
      python3 - "$BASE" "$tmp" <<'PY' || die "could not build the request lists"
import json, random, sys, urllib.request, urllib.error
base, out = sys.argv[1], sys.argv[2]
def get(path):
    try:
        with urllib.request.urlopen(base + path) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, b""
_, body = get("/api/v1/data/indicators")
indicators = [i for i in json.loads(body) if i["source"] and not i["bilateral"] and i["years"]]
_, body = get("/api/v1/data/rankings?indicator=migrant-stock&limit=300")
countries = [r["area"]["code"] for r in json.loads(body)["items"]]
areas = [900] + countries
series = []
for a in areas:
    for i in indicators:
        for sex in (["total", "male", "female"] if i["bySex"] else ["total"]):
            path = f"/api/v1/data/series?indicator={i['id']}&area={a}" + ("" if sex == "total" else f"&sex={sex}")
            if get(path)[0] == 200: series.append(path)
profiles = [p for p in (f"/data/areas/{a}" for a in areas) if get(p)[0] == 200]
rng = random.Random(4)
rng.shuffle(series); rng.shuffle(profiles)
open(f"{out}/series.txt", "w").write("\n".join(series) + "\n")
open(f"{out}/profiles.txt", "w").write("\n".join(profiles) + "\n")
open(f"{out}/health.txt", "w").write("/health/live\n")
print(f"{len(series)} series ({len(indicators)} indicators, by sex where published, {len(areas)} areas), {len(profiles)} profiles", file=sys.stderr)
PY
      n_series="$(wc -l <"$tmp/series.txt")"; n_profiles="$(wc -l <"$tmp/profiles.txt")"
      serve_notes+="- Rotating lists: $n_series series paths (every non-bilateral indicator with figures, by sex where published, for World and every country with a migrant stock, each checked to answer 200), $n_profiles country profiles (World and the same countries), shuffled; each wrk thread starts at a different place."$'\n'
      serve_notes+="- Example paths: \`$(head -n1 "$tmp/series.txt")\`, \`$(head -n1 "$tmp/profiles.txt")\`."$'\n'
    fi
    # Whether the output cache stores the answers (it does not store an answer that sets a cookie).
    for f in series profiles; do
      p="$(head -n1 "$tmp/$f.txt")"
      curl -fsS -o /dev/null "$BASE$p"
      age="$(curl -fsS -D - -o /dev/null "$BASE$p" | awk -F': *' 'tolower($1) == "age" {gsub("\r", "", $2); print $2}')"
      cookie="$(curl -fsS -D - -o /dev/null "$BASE$p" | grep -ci '^set-cookie' || true)"
      serve_notes+="- Output cache $cache, \`$p\` asked twice: second answer $([ -n "$age" ] && echo "from the cache (Age: $age)" || echo "rendered again (no Age header)")$([ "$cookie" -gt 0 ] && echo ", sets a cookie" || true)."$'\n'
    done

    base_rps=""
    for target in "health:GET /health/live (baseline)" "series:GET /api/v1/data/series" "profiles:GET /data/areas/{code}"; do
      key="${target%%:*}"; label="${target#*:}"
      log "output cache $cache, $label: warm-up ${WARMUP}s, then ${DURATION}s at $CONNECTIONS connections and ${DURATION}s at 1"
      PATHS="$tmp/$key.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$BENCH_DIR/data-paths.lua" "$BASE" >/dev/null
      run_wrk "$tmp/$key.txt" "$THREADS" "$CONNECTIONS" "$DURATION"
      t_rps="$L_RPS"; t_p50="$L_P50"; t_p99="$L_P99"; t_err="$L_ERR"; t_other="$L_OTHER"; t_cpu="$L_CPU"
      run_wrk "$tmp/$key.txt" 1 1 "$DURATION"
      [ -n "$base_rps" ] || base_rps="$t_rps"
      row="$(awk -v c="$cache" -v l="$label" -v r="$t_rps" -v b="$base_rps" -v a50="$t_p50" -v a99="$t_p99" \
          -v p50="$L_P50" -v p95="$L_P95" -v p99="$L_P99" -v r1="$L_RPS" -v e="$((t_err + L_ERR))" -v o1="$t_other" -v o2="$L_OTHER" -v cpu="$t_cpu" -v key="$key" 'BEGIN {
        pct = b > 0 ? 100 * r / b : 0
        why = ""
        if (pct < 30) why = why ", < 30 %"
        if (p99 >= 25) why = why ", p99 >= 25 ms"
        if (e > 0) why = why ", errors"
        goal = key == "health" ? "(baseline)" : (why == "" ? "yes" : "no (" substr(why, 3) ")")
        printf "| %s | %s | %.0f | %.1f %% | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %.3f | %d | %s / %s | %s |", c, l, r, pct, a50, a99, p50, p95, p99, r1, cpu, e, o1, o2, goal }')"
      log "$row"
      serve_rows+="$row"$'\n'
    done
    stop_server
  done
  errors_logged="$(grep -cE '^(fail|crit):' "$tmp/server.log" || true)"
  serve_section="#### Serving

SQLite; portal filled from the shipped extracts on first start (${first_start} s from launch to ready, extracts
imported); no demo data; rate limits and background jobs off; log level Warning. Two server runs: output cache
**on** (the production default: 2 s, varied by query) and **off** (\`Nexus__OutputCache__Disabled=true\`). Each
target: ${WARMUP} s warm-up, then **${DURATION} s at ${CONNECTIONS} connections** (\`wrk -t${THREADS} -c${CONNECTIONS}\`: throughput,
and the p50/p99 of a loaded server) and **${DURATION} s at one connection** (\`wrk -t1 -c1\`: the service time of one
request, without queueing). \`bench/data-paths.lua\` cycles through the paths. % of baseline = requests/s at
${CONNECTIONS} connections divided by GET /health/live's on the same server in the same run. Goal: at least 30 % of the
baseline and p99 (one connection) under 25 ms, no errors. Latencies in ms. \"other CPUs\": CPUs used by other
processes than Nexus and wrk during the ${CONNECTIONS}-connection / one-connection measurement. \"server CPU ms /
request\": the server process's CPU time divided by the requests answered, at ${CONNECTIONS} connections (what one answer
costs, less sensitive to other work on the machine than latency).

| output cache | target | req/s (${CONNECTIONS} conn) | % of baseline | p50 (${CONNECTIONS} conn) | p99 (${CONNECTIONS} conn) | p50 (1 conn) | p95 (1 conn) | p99 (1 conn) | req/s (1 conn) | server CPU ms / request | errors | other CPUs | goal |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${serve_rows}
${serve_notes}- Other processes used up to ${MAX_BUSY} % of the CPUs just before a measurement; error entries (fail/crit) in the server log: ${errors_logged}."
fi

section="### Data portal, $(date -u '+%Y-%m-%d %H:%M') UTC

Command: \`RUNS=$RUNS DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=$CONNECTIONS bash bench/data.sh\` · machine: $machine · commit $commit · build: $(build_kind)

${import_section}

${serve_section}
"
printf '%s\n' "$section"
if [ "$RESULTS" != "-" ]; then printf '\n%s\n' "$section" >> "$RESULTS"; log "appended to $RESULTS"; fi
