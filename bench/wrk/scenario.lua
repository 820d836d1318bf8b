-- One wrk script for every scenario (BENCH_SCENARIO): login, refresh, me, introspect, jwks.
-- done() prints one JSON line with the figures bench/run.sh puts in its report.
local scenario = os.getenv("BENCH_SCENARIO")
local users = tonumber(os.getenv("BENCH_USERS") or "100000")
local password = os.getenv("BENCH_PASSWORD")
local access = os.getenv("BENCH_ACCESS_TOKEN")
local api_key = os.getenv("BENCH_API_KEY")
local run = os.getenv("BENCH_RUN") or "0"
local json = { ["Content-Type"] = "application/json" }

local threads = {}
local counter = 0
-- Globals, so setup() can set thread_id and done() can read errors_by_status from each thread.
thread_id = 0
errors_by_status = 0

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + thread_id * 7919)
end

function request()
  if scenario == "login" then
    local i = math.random(1, users)
    return wrk.format("POST", "/api/v1/auth/login", json,
      '{"email":"bench-' .. i .. '@example.com","password":"' .. password .. '"}')
  elseif scenario == "refresh" then
    -- Every request spends a refresh token seeded for this run and thread: rotation is real,
    -- and no token is ever presented twice (that would be reuse and revoke the session).
    counter = counter + 1
    return wrk.format("POST", "/api/v1/auth/refresh", json,
      '{"refresh_token":"rt-' .. run .. '-' .. thread_id .. '-' .. counter .. '"}')
  elseif scenario == "introspect" then
    -- RFC 7662 as a resource server sends it: form body, API key with tokens:introspect.
    return wrk.format("POST", "/api/v1/auth/introspect",
      { ["Content-Type"] = "application/x-www-form-urlencoded", ["X-API-Key"] = api_key }, "token=" .. access)
  elseif scenario == "me" then
    return wrk.format("GET", "/api/v1/me", { ["Authorization"] = "Bearer " .. access })
  else
    return wrk.format("GET", "/.well-known/jwks.json")
  end
end

function response(status, headers, body)
  if status >= 400 then
    errors_by_status = errors_by_status + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("errors_by_status") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"rps":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"non_2xx":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    bad, e.connect + e.read + e.write + e.timeout))
end
