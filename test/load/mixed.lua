-- wrk script: mostly POST /v1/check of the passing desk order, plus one POST /v1/executions
-- (100 shares, same holder and date) every EVERY requests of each wrk thread.
--
--   REDUCHECK_LOAD_TOKEN=<token> wrk -t2 -c32 -d30s --latency -s test/load/mixed.lua \
--       http://127.0.0.1:PORT -- [EVERY] [RUN_TAG]
--
-- EVERY (default 50; 0 = checks only) and RUN_TAG (default: the start time) may also come from
-- REDUCHECK_LOAD_EXEC_EVERY / REDUCHECK_LOAD_RUN_TAG. The write token comes only from the
-- environment (REDUCHECK_LOAD_TOKEN), so it does not show in `ps`.
-- Each execution has a unique Idempotency-Key: load-<RUN_TAG>-t<thread>-<counter>.
-- done() prints machine-readable "LOAD <key> <value>" lines (latencies in microseconds) with
-- exact status counts from a response() callback (non2xx, 200s, 201s, replays).

local threads = {}
local next_tid = 1

function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  table.insert(threads, thread)
end

local CHECK_BODY = '{"id":"O1","holder":"DY","date":"2026-03-17","method":"centralized_bidding",'
  .. '"shares":2000000,"price":"18.60"}'
local EXEC_BODY = '{"holder":"DY","date":"2026-03-17","method":"centralized_bidding",'
  .. '"shares":100,"price":"18.60"}'

function init(args)
  every = tonumber(args[1] or os.getenv("REDUCHECK_LOAD_EXEC_EVERY") or "50")
  run_tag = args[2] or os.getenv("REDUCHECK_LOAD_RUN_TAG") or tostring(os.time())
  token = os.getenv("REDUCHECK_LOAD_TOKEN")
  if every == nil or every < 0 then
    io.stderr:write("mixed.lua: EVERY must be a whole number >= 0\n")
    os.exit(2)
  end
  if every > 0 and (token == nil or token == "") then
    io.stderr:write("mixed.lua: set REDUCHECK_LOAD_TOKEN to the server's write token\n")
    os.exit(2)
  end
  check_request = wrk.format("POST", "/v1/check", { ["Content-Type"] = "application/json" },
    CHECK_BODY)
  sent = 0
  executions_sent = 0
  n200 = 0
  n201 = 0
  other2xx = 0
  non2xx = 0
  replayed = 0
end

function request()
  sent = sent + 1
  if every > 0 and sent % every == 0 then
    executions_sent = executions_sent + 1
    return wrk.format("POST", "/v1/executions", {
      ["Content-Type"] = "application/json",
      ["Authorization"] = "Bearer " .. token,
      ["Idempotency-Key"] = string.format("load-%s-t%d-%d", run_tag, tid, executions_sent),
    }, EXEC_BODY)
  end
  return check_request
end

function response(status, headers, body)
  if status == 200 then
    n200 = n200 + 1
  elseif status == 201 then
    n201 = n201 + 1
  elseif status >= 200 and status < 300 then
    other2xx = other2xx + 1
  else
    non2xx = non2xx + 1
    if non2xx <= 3 then
      io.stderr:write(string.format("mixed.lua: HTTP %d: %s\n", status, tostring(body)))
    end
  end
  if headers["Idempotent-Replayed"] ~= nil then replayed = replayed + 1 end
end

function done(summary, latency, requests)
  local t = { executions_sent = 0, n200 = 0, n201 = 0, other2xx = 0, non2xx = 0, replayed = 0 }
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
  end
  local e = summary.errors
  local out = {
    { "script", "mixed" },
    { "requests", summary.requests },
    { "duration_us", summary.duration },
    { "rps", string.format("%.1f", summary.requests / (summary.duration / 1e6)) },
    { "non2xx", t.non2xx },
    { "status_ge_400", e.status },
    { "responses_200", t.n200 },
    { "responses_201", t.n201 },
    { "responses_other_2xx", t.other2xx },
    { "replayed", t.replayed },
    { "executions_sent", t.executions_sent },
    { "connect_errors", e.connect },
    { "read_errors", e.read },
    { "write_errors", e.write },
    { "timeouts", e.timeout },
    { "lat_mean_us", string.format("%.1f", latency.mean) },
    { "lat_max_us", latency.max },
  }
  for _, p in ipairs({ { "p50", 50 }, { "p90", 90 }, { "p99", 99 }, { "p99.9", 99.9 } }) do
    table.insert(out, { p[1] .. "_us", latency:percentile(p[2]) })
  end
  for _, kv in ipairs(out) do io.write(string.format("LOAD %s %s\n", kv[1], tostring(kv[2]))) end
end
