-- wrk script for the data portal benchmark (used by bench/data.sh).
--
-- Cycles through the request paths in the file named by $PATHS (one per line), so that consecutive requests ask
-- for different series or profiles. Each wrk thread starts at a different place in the list. done() prints, in
-- microseconds for the latencies:
--   DATA_LATENCY <p50> <p95> <p99> <requests> <duration_us> <non-2xx-3xx> <socket-errors>

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local paths = {}
local next_index = 1

function init(args)
  local file = assert(io.open(os.getenv("PATHS"), "r"))
  for line in file:lines() do
    if #line > 0 then table.insert(paths, line) end
  end
  file:close()
  assert(#paths > 0, "no paths in " .. os.getenv("PATHS"))
  -- id is set by setup() before init() runs in the thread.
  next_index = ((id or 0) * 7919) % #paths + 1
end

function request()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("DATA_LATENCY %d %d %d %d %d %d %d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout))
end
