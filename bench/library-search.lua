-- wrk script for the library search benchmark (used by bench/library.sh).
--
-- Cycles through the request paths in the file named by $QUERIES (one per line), so every
-- request is a different search, and prints latency percentiles in microseconds in done():
--   LIBRARY_LATENCY <p50> <p95> <p99> <requests> <non-2xx-or-socket-errors>

local paths = {}
local next_index = 1

local file = assert(io.open(os.getenv("QUERIES"), "r"))
for line in file:lines() do
  if #line > 0 then table.insert(paths, line) end
end
file:close()

function request()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("LIBRARY_LATENCY %d %d %d %d %d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.requests, e.status + e.connect + e.read + e.write + e.timeout))
end
