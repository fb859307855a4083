#!/usr/bin/env bash
# Annual report benchmark (issue 7, acceptance item 4). See bench/README.md.
#
# A fresh SQLite database (migrated, demo data off) gets a synthetic year of EVENTS held events and REGISTRATIONS
# registrations (`report generate`, same seed, same data). Then `report annual --year YEAR --repeat RUNS` drafts the
# report RUNS times in one process, each in a fresh scope like a web request, for each format (docx, pdf), and prints
# the time of each run inside the process (start-up excluded; the first run includes EF Core's warm-up).
# Goal: every run, warm-up included, under 2 seconds.
# Baseline, measured in the same run: the plain-text report (the same facts query and drafting, no document
# rendering), so the ratios show what DOCX and PDF rendering add.
# Prints a Markdown section and appends it to bench/RESULTS.md.
#
# Environment (all optional):
#   EVENTS=200  REGISTRATIONS=20000  YEAR=2031  RUNS=5  SKIP_BUILD=1 (reuse bench/out/app)  READY_TO_RUN=0 (plain JIT publish)
#   RESULTS=bench/RESULTS.md ("-" = do not append)
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
APP_DIR="$BENCH_DIR/out/app"
EVENTS="${EVENTS:-200}"
REGISTRATIONS="${REGISTRATIONS:-20000}"
YEAR="${YEAR:-2031}"
RUNS="${RUNS:-5}"
RESULTS="${RESULTS:-$BENCH_DIR/RESULTS.md}"
BENCH_NAME=report
# shellcheck source=common.sh
source "$BENCH_DIR/common.sh"

publish_app
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export Nexus__DataDirectory="$WORK/data" Nexus__DemoData=false
nexus() { dotnet "$APP_DIR/Nexus.Web.dll" "$@"; }

log "migrating a fresh database in $WORK"
nexus db migrate >&2
log "generating $EVENTS events and $REGISTRATIONS registrations in $YEAR"
nexus report generate --year "$YEAR" --events "$EVENTS" --registrations "$REGISTRATIONS" >&2

declare -A worst first warm
for fmt in txt docx pdf; do
  out="$(nexus report annual --year "$YEAR" --out "$WORK/report.$fmt" --repeat "$RUNS")"
  printf '%s\n' "$out" >&2
  times=$(printf '%s\n' "$out" | sed -n 's/^run [0-9]*: \([0-9]*\) ms$/\1/p')
  first[$fmt]=$(printf '%s\n' "$times" | head -1)
  worst[$fmt]=$(printf '%s\n' "$times" | sort -n | tail -1)
  # Median of the runs after the first: the steady cost of one more report in a running server.
  warm[$fmt]=$(printf '%s\n' "$times" | tail -n +2 | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }')
  [ -s "$WORK/report.$fmt" ] || die "no $fmt written"
done

verdict() { if [ "$1" -lt 2000 ]; then echo yes; else echo no; fi; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }'; }
section="$(cat <<MD

## Report run of $(date -u '+%Y-%m-%d %H:%M') UTC

- Machine: $(nproc) CPUs, .NET SDK $(dotnet --version), $(build_kind)
- Command: \`bench/report.sh\` (commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)); $EVENTS held events, $REGISTRATIONS registrations in $YEAR, SQLite; $RUNS runs per format in one process

| Format | First run (with warm-up) ms | Slowest run ms | Median of later runs ms | Median against text baseline | Meets target (every run < 2 s) |
|---|---:|---:|---:|---:|---|
| Text (baseline: facts and drafting only) | ${first[txt]} | ${worst[txt]} | ${warm[txt]} | 1.0x | $(verdict "${worst[txt]}") |
| DOCX | ${first[docx]} | ${worst[docx]} | ${warm[docx]} | $(ratio "${warm[docx]}" "${warm[txt]}") | $(verdict "${worst[docx]}") |
| PDF | ${first[pdf]} | ${worst[pdf]} | ${warm[pdf]} | $(ratio "${warm[pdf]}" "${warm[txt]}") | $(verdict "${worst[pdf]}") |
MD
)"
printf '%s\n' "$section"
if [ "$RESULTS" != "-" ]; then printf '%s\n' "$section" >> "$RESULTS"; log "appended to $RESULTS"; fi
