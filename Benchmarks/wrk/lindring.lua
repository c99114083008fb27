-- wrk script for Benchmarks/load.sh.
--   wrk ... -s lindring.lua URL -- paths FILE      GET a random line of FILE (a path) per request
--   wrk ... -s lindring.lua URL -- post FILE PATH  POST the JSON body in FILE to PATH, each with a
--                                                  unique Idempotency-Key
-- Every answer that is not 2xx is counted (wrk itself counts only 4xx and 5xx), and `done`
-- prints one machine-readable RESULT line.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  mode = args[1]
  math.randomseed(os.time() * 1000 + id)
  local file = assert(io.open(args[2], "r"))
  if mode == "paths" then
    paths = {}
    for line in file:lines() do
      if #line > 0 then table.insert(paths, line) end
    end
    assert(#paths > 0, "no paths in " .. args[2])
  else
    body = file:read("*a")
    path = args[3]
    run = tostring(os.time()) .. "-" .. tostring(math.random(1000000000))
  end
  file:close()
  not2xx = 0
end

function request()
  if mode == "paths" then
    return wrk.format("GET", paths[math.random(#paths)])
  end
  counter = counter + 1
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  headers["Content-Type"] = "application/json"
  headers["Idempotency-Key"] = "load-" .. run .. "-" .. id .. "-" .. counter
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    not2xx = not2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("not2xx")
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f not2xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / summary.duration * 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, bad, e.connect + e.read + e.write + e.timeout))
end
