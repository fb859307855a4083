-- wrk script for the registration burst (used by bench/run.sh).
--
-- Every request is a POST of a valid JSON registration with an email address that
-- no other request uses (run id + thread number + per-thread counter), so each
-- answer is a real registration attempt: 201 (confirmed or waitlisted) expected.
-- Response statuses are counted per thread and summed in done(), which prints
--   BENCH_STATUS <code> <count>
-- lines that run.sh parses.
--
-- Uses the documented wrk thread API: setup(thread) runs in the main Lua state,
-- thread:set() passes values into a thread and thread:get() reads its globals back.

local threads = {}
local thread_count = 0
local run_id = os.getenv("BENCH_RUN_ID") or tostring(os.time())

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_no", thread_count)
  thread:set("run_id", run_id)
  table.insert(threads, thread)
end

-- Per-thread state (each thread has its own Lua state).
counter = 0
statuses = {}

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json"
end

function request()
  counter = counter + 1
  local email = string.format("bench-%s-t%d-%d@example.org", run_id, thread_no, counter)
  local body = string.format(
    '{"fullName":"Bench Delegate %d-%d","email":"%s","organization":"Permanent Mission of Kenya",' ..
    '"stakeholderGroup":"member-state","country":"KEN"}',
    thread_no, counter, email)
  return wrk.format("POST", wrk.path, nil, body)
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    if s then
      for code, n in pairs(s) do
        total[code] = (total[code] or 0) + n
      end
    end
  end
  for code, n in pairs(total) do
    io.write(string.format("BENCH_STATUS %s %d\n", code, n))
  end
  io.write(string.format("BENCH_ERRORS connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
  io.write(string.format("BENCH_LATENCY p50_us=%d p99_us=%d\n",
    latency:percentile(50), latency:percentile(99)))
end
