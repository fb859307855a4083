# Shared by the benchmark scripts (run.sh, library.sh, data.sh); source it after setting BENCH_NAME, ROOT and APP_DIR.
# Each script keeps its own settings; this file only holds what they all do the same way.

log() { printf '[%s] %s\n' "$BENCH_NAME" "$*" >&2; }
die() { printf '[%s] error: %s\n' "$BENCH_NAME" "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# wrk from Debian's packages when it is missing.
ensure_wrk() {
  if ! command -v wrk >/dev/null 2>&1; then
    log "installing wrk with apt-get"
    as_root apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq wrk >&2
  fi
}

# A Release build of Nexus in APP_DIR, or the one already there with SKIP_BUILD=1.
publish_app() {
  if [ "${SKIP_BUILD:-0}" = "1" ] && [ -f "$APP_DIR/Nexus.Web.dll" ]; then
    log "SKIP_BUILD=1: reusing $APP_DIR"
  else
    log "publishing Release to $APP_DIR ($(build_kind))"
    if [ "${READY_TO_RUN:-1}" = "1" ]; then
      # Precompiled (ReadyToRun), as the README's production command publishes: a one-shot command such as
      # `data import` would otherwise spend a large part of its time compiling EF Core and the readers.
      dotnet publish "$ROOT/src/Nexus.Web" -c Release -r "$(runtime_id)" --self-contained false -p:PublishReadyToRun=true \
        -o "$APP_DIR" --nologo >&2
    else
      dotnet publish "$ROOT/src/Nexus.Web" -c Release -o "$APP_DIR" --nologo >&2
    fi
  fi
}

runtime_id() { case "$(uname -m)" in aarch64) echo linux-arm64 ;; *) echo linux-x64 ;; esac; }
build_kind() { if [ "${READY_TO_RUN:-1}" = "1" ]; then echo "ReadyToRun $(runtime_id)"; else echo "JIT only (READY_TO_RUN=0)"; fi; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# Percentage of all CPU time used on the machine over the next $1 seconds.
cpu_busy() {
  python3 - "$1" <<'PY'
import sys, time
def sample():
    v = [int(x) for x in open("/proc/stat").readline().split()[1:9]]
    return sum(v), v[3] + v[4]
t0, i0 = sample(); time.sleep(float(sys.argv[1])); t1, i1 = sample()
print(round(100 * ((t1 - t0) - (i1 - i0)) / (t1 - t0)) if t1 > t0 else 0)
PY
}

# Before a measurement: wait until the rest of the machine is quiet (at most QUIET_BUSY % of the CPUs), up to
# QUIET_WAIT s, then measure anyway; MAX_BUSY keeps the worst seen, for the results.
MAX_BUSY=0
wait_quiet() {
  local start=$SECONDS busy
  while :; do
    busy="$(cpu_busy 1)"
    [ "$busy" -le "$QUIET_BUSY" ] && break
    if [ $((SECONDS - start)) -ge "$QUIET_WAIT" ]; then
      log "other processes still use $busy% of the CPUs; measuring anyway (noted in the results)"
      break
    fi
    [ $((SECONDS - start)) -le 1 ] && log "other processes use $busy% of the CPUs; waiting up to ${QUIET_WAIT}s for quiet"
  done
  [ "$busy" -gt "$MAX_BUSY" ] && MAX_BUSY="$busy"
  return 0
}
