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
-- A global, so setup() can set it in each thread.
thread_id = 0

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + thread_id * 7919)
end

-- Requests that never change are static: wrk builds them once and spends no Lua per request,
-- so the load generator takes less of the CPU it shares with the server.
if scenario == "introspect" then
  -- RFC 7662 as a resource server sends it: form body, API key with tokens:introspect.
  wrk.method = "POST"; wrk.path = "/api/v1/auth/introspect"; wrk.body = "token=" .. access
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"; wrk.headers["X-API-Key"] = api_key
elseif scenario == "me" then
  wrk.method = "GET"; wrk.path = "/api/v1/me"; wrk.headers["Authorization"] = "Bearer " .. access
elseif scenario == "jwks" then
  wrk.method = "GET"; wrk.path = "/.well-known/jwks.json"
else
  function request()
    if scenario == "login" then
      local i = math.random(1, users)
      return wrk.format("POST", "/api/v1/auth/login", json,
        '{"email":"bench-' .. i .. '@example.com","password":"' .. password .. '"}')
    end
    -- refresh: every request spends a refresh token seeded for this run and thread: rotation is
    -- real, and no token is ever presented twice (that would be reuse and revoke the session).
    counter = counter + 1
    return wrk.format("POST", "/api/v1/auth/refresh", json,
      '{"refresh_token":"rt-' .. run .. '-' .. thread_id .. '-' .. counter .. '"}')
  end
end

function done(summary, latency, requests)
  -- wrk counts responses with a status above 399 itself, so no response() callback is needed.
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"rps":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"non_2xx":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
