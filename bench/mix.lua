-- wrk script: GET the paths of a queries file ("KIND<TAB>PATH" lines) round-robin, each thread
-- starting at its own offset; at the end prints one JSON line "WRK_JSON {...}" with the counts
-- and latency percentiles (ms) for run_bench.py.
-- Usage: wrk -t2 -c2 -d5s -s bench/mix.lua http://127.0.0.1:PORT -- QUERIES_FILE

local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  paths = {}
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    local path = line:match("^[^\t]+\t(.+)$")
    if path then table.insert(paths, path) end
  end
  file:close()
  assert(#paths > 0, "no queries in " .. args[1])
  -- Spread the threads over the list so they do not ask the same thing at the same time.
  index = (id * math.floor(#paths / 2)) % #paths
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'WRK_JSON {"requests": %d, "seconds": %.3f, "requests_per_s": %.1f, "http_errors": %d, ' ..
    '"socket_errors": %d, "latency_ms": {"mean": %.3f, "p50": %.3f, "p95": %.3f, "p99": %.3f, "max": %.3f}}\n',
    summary.requests, seconds, summary.requests / seconds, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
