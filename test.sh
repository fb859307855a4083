#!/usr/bin/env bash
# The one test command of Nexus. Needs only the .NET 10 SDK on Debian 12:
# installs chromium/postgresql/libreoffice/poppler-utils/zbar-tools via apt when missing, runs a throwaway PostgreSQL
# cluster, builds once, runs unit + browser tests, prints "Tests: N passed, M failed".
#
#   ./test.sh                   all tests
#   ./test.sh --filter EXPR     passes --filter EXPR to both dotnet test runs
#   ./test.sh --no-browser      skip tests/Nexus.BrowserTests
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

usage() { sed -n '2,8s/^# \{0,1\}//p' "$0"; }

FILTER=()
BROWSER=1
while (($#)); do
    case $1 in
        --filter) [[ $# -ge 2 ]] || { echo "--filter needs an expression" >&2; exit 2; }
                  FILTER=(--filter "$2"); shift 2 ;;
        --filter=*) FILTER=(--filter "${1#--filter=}"); shift ;;
        --no-browser) BROWSER=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done

export NEXUS_CHROMIUM=${NEXUS_CHROMIUM:-/usr/bin/chromium}

# ---- system packages ---------------------------------------------------------
# Browser tests drive the distro chromium; Playwright never downloads a browser of its own here (no internet).
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
if ((BROWSER)) && [[ ! -x $NEXUS_CHROMIUM ]] && ! command -v chromium >/dev/null 2>&1; then
    missing+=(chromium)
fi
# Any server version will do (pg-cluster.sh picks the newest one).
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    missing+=(postgresql)
fi
# The workplan export test reads its Word file back through LibreOffice, headless (no X server needed).
if ! command -v soffice >/dev/null 2>&1; then
    missing+=(libreoffice-writer-nogui)
fi
# The certificate test reads its PDF back (pdftotext, pdftoppm) and decodes the QR code from the rendered page.
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
    missing+=(poppler-utils)
fi
if ! command -v zbarimg >/dev/null 2>&1; then
    missing+=(zbar-tools)
fi
# Nice to have (readable text in screenshots); only installed along with the others
# or when it is the only thing missing.
if ((BROWSER)) && ! pkg_installed fonts-dejavu-core; then
    missing+=(fonts-dejavu-core)
fi

if ((${#missing[@]})); then
    echo "Installing missing packages: ${missing[*]}" >&2
    SUDO=()
    if [[ $EUID -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 || { echo "Not root and no sudo: please apt-get install ${missing[*]}" >&2; exit 1; }
        # -n without a terminal (CI has no stdin): fail instead of waiting for a password
        if [[ -t 0 ]]; then SUDO=(sudo); else SUDO=(sudo -n); fi
    fi
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
if ((BROWSER)) && [[ ! -x $NEXUS_CHROMIUM ]]; then
    echo "Chromium not found at $NEXUS_CHROMIUM (set NEXUS_CHROMIUM)" >&2
    exit 1
fi

# ---- throwaway PostgreSQL ----------------------------------------------------
# shellcheck source=scripts/pg-cluster.sh
source scripts/pg-cluster.sh
# EXIT also covers failures (set -e); INT/TERM are turned into exits so it runs on Ctrl-C too.
trap pg_cluster_stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
pg_cluster_start                 # exports NEXUS_TEST_POSTGRES (tests create their own databases)
export NEXUS_REQUIRE_POSTGRES=1  # tests fail instead of skipping when PostgreSQL is unreachable

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# In CI, lingering MSBuild/compiler servers would keep the job's output pipe open.
BUILD_SERVERS=()
if [[ -n ${CI:-} ]]; then BUILD_SERVERS=(--disable-build-servers); fi

# ---- build once, then test -----------------------------------------------------
RESULTS=$PWD/TestResults
rm -rf -- "$RESULTS"
mkdir -p -- "$RESULTS"

build_rc=0
dotnet build Nexus.slnx -c Release "${BUILD_SERVERS[@]}" || build_rc=$?
if ((build_rc != 0)); then echo "build failed (exit $build_rc)" >&2; exit "$build_rc"; fi

# Run both projects even if the first fails; the exit code is decided at the end.
unit_rc=0
dotnet test tests/Nexus.Tests/Nexus.Tests.csproj -c Release --no-build "${BUILD_SERVERS[@]}" \
    --logger "trx;LogFileName=unit.trx" --results-directory "$RESULTS" "${FILTER[@]}" || unit_rc=$?

browser_rc=0
if ((BROWSER)); then
    dotnet test tests/Nexus.BrowserTests/Nexus.BrowserTests.csproj -c Release --no-build "${BUILD_SERVERS[@]}" \
        --logger "trx;LogFileName=browser.trx" --results-directory "$RESULTS" "${FILTER[@]}" || browser_rc=$?
fi

# ---- summary -------------------------------------------------------------------
# Sum the <Counters .../> element of each TRX (grep/sed/awk only; no xmllint on bare Debian).
# failed includes error/timeout/aborted; skipped = total - executed.
trx_files=()
for f in "$RESULTS/unit.trx" "$RESULTS/browser.trx"; do
    if [[ -f $f ]]; then trx_files+=("$f"); else echo "warning: $f was not written" >&2; fi
done
summary=$(
    for f in "${trx_files[@]}"; do
        tr '\n' ' ' <"$f" | grep -o '<Counters [^>]*>' | head -n 1
    done | awk '
        function attr(name,   m) {
            if (match($0, " " name "=\"[0-9]+\"")) { m = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", m); return m + 0 }
            return 0
        }
        { total += attr("total"); executed += attr("executed"); passed += attr("passed")
          failed += attr("failed") + attr("error") + attr("timeout") + attr("aborted") }
        END {
            line = sprintf("Tests: %d passed, %d failed", passed, failed)
            if (total > executed) line = line sprintf(", %d skipped", total - executed)
            print line
        }'
)
echo
echo "$summary"

if ((unit_rc != 0)); then echo "unit tests failed (exit $unit_rc)" >&2; fi
if ((browser_rc != 0)); then echo "browser tests failed (exit $browser_rc)" >&2; fi
if ((unit_rc != 0 || browser_rc != 0)); then exit 1; fi
