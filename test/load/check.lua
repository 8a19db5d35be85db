-- wrk script: keep-alive POST /v1/check of the passing desk order (examples/desk_pass.yaml, O1).
--
--   wrk -t2 -c32 -d30s --latency -s test/load/check.lua http://127.0.0.1:PORT
--
-- The request is built once (no request() callback) and no response() callback is defined, so
-- wrk spends as little CPU per request as it can: it shares the machine with the server.
-- done() prints machine-readable "LOAD <key> <value>" lines (latencies in microseconds).
-- Without a response() callback wrk only counts statuses >= 400 (status_ge_400); run_load.sh
-- also reads the server's own per-status counters from GET /metrics.

wrk.method = "POST"
wrk.path = "/v1/check"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"id":"O1","holder":"DY","date":"2026-03-17","method":"centralized_bidding",'
  .. '"shares":2000000,"price":"18.60"}'

function done(summary, latency, requests)
  local e = summary.errors
  local out = {
    { "script", "check" },
    { "requests", summary.requests },
    { "duration_us", summary.duration },
    { "rps", string.format("%.1f", summary.requests / (summary.duration / 1e6)) },
    { "status_ge_400", e.status },
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
