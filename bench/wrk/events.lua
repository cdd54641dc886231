-- wrk script of bench/ingest.sh: POST /api/v1/events, each request a batch of BATCH events of one
-- device picked at random from the pool POOL_PREFIX1 .. POOL_PREFIX<POOL> (registered beforehand).
--
-- Event ids are unique per run: ID_PREFIX<thread>-<request>-<k>, so that the database can be checked
-- for exactly the events accepted. Names cycle through a small funnel: every event is "open", every
-- third "add_to_cart", every tenth "purchase" with a value; one in ten carries properties.
--
--   RATE=0     closed loop: every connection sends its next batch as soon as the last is answered
--              (saturation: events/s at most)
--   RATE=n     paced: all connections together send n batches/s. Each thread keeps a schedule of
--              send times (RATE / WRK_THREADS a second, on the wall clock read through LuaJIT's
--              ffi) and a connection whose answer came waits for the next free time, so the rate is
--              the one asked whatever the latency (wrk has no -R). A thread that falls behind
--              sends at once and does not burst to catch up.
--
--   AT_DAYS=n  each event carries an "at" at a random second of the last n days (n <= 30, the oldest a
--              corrected time may be), so that devices have events on many days, as apps that send
--              late do: the day-pair counters (V18) then change cells for each of a device's days.
--              0 (default): no "at", every event timed at its receipt, today.
--
-- done() prints one RESULT line (latencies in microseconds) and one SENT line per thread with the
-- batches it sent, for ingest.sh to check the database against.

local pool = tonumber(os.getenv("POOL") or "10000")
local pool_prefix = os.getenv("POOL_PREFIX") or "pool-"
local id_prefix = os.getenv("ID_PREFIX") or "e-"
local batch = tonumber(os.getenv("BATCH") or "100")
local rate = tonumber(os.getenv("RATE") or "0")
local wrk_threads = tonumber(os.getenv("WRK_THREADS") or "2")
local at_days = tonumber(os.getenv("AT_DAYS") or "0")

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } abkit_timeval;
  int gettimeofday(abkit_timeval *tv, void *tz);
]]
local timeval = ffi.new("abkit_timeval")
local function now_ms()
   ffi.C.gettimeofday(timeval, nil)
   return tonumber(timeval.tv_sec) * 1000 + tonumber(timeval.tv_usec) / 1000
end

local threads = {}
local counter = 1

function setup(thread)
   thread:set("id", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

sent = 0
local interval_ms = 0 -- between two sends of this thread; 0 = closed loop
local next_send_ms = nil
-- wrk calls request() once in the first thread before the run to check the request (wrk 4.1 sends
-- nothing then): that call gets ids of its own, so that no counted batch is lost to it.
local verify_pending = false

function init(args)
   math.randomseed(os.time() * 1000 + id * 7919)
   verify_pending = (id == 1)
   if rate > 0 then
      interval_ms = wrk_threads * 1000 / rate
   end
end

function delay()
   if interval_ms == 0 then
      return 0
   end
   local now = now_ms()
   if next_send_ms == nil or next_send_ms < now - interval_ms then
      next_send_ms = now -- the first send, or behind schedule: no burst to catch up
   end
   next_send_ms = next_send_ms + interval_ms
   return math.max(0, math.floor(next_send_ms - now))
end

local function event(prefix, k)
   local name = "open"
   local extra = ""
   if k % 10 == 0 then
      name = "purchase"
      extra = string.format(',"value":%d.%02d', math.random(1, 99), math.random(0, 99))
   elseif k % 3 == 0 then
      name = "add_to_cart"
   end
   if k % 10 == 5 then
      extra = extra .. ',"properties":{"screen":"home","position":' .. k .. '}'
   end
   if at_days > 0 then
      extra = extra .. ',"at":"' .. os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - math.random(0, at_days * 86400 - 1)) .. '"'
   end
   return '{"id":"' .. prefix .. k .. '","name":"' .. name .. '"' .. extra .. '}'
end

function request()
   local prefix
   if verify_pending then
      verify_pending = false
      prefix = "wrk-verify-"
   else
      sent = sent + 1
      prefix = id_prefix .. id .. "-" .. sent .. "-"
   end
   local events = {}
   for k = 1, batch do
      events[k] = event(prefix, k)
   end
   local body = '{"events":[' .. table.concat(events, ",") .. ']}'
   local token = pool_prefix .. math.random(pool)
   return wrk.format("POST", nil, { ["Device-Token"] = token, ["Content-Type"] = "application/json" }, body)
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      "RESULT requests=%d duration_us=%d socket_errors=%d http_errors=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d\n",
      summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max))
   for _, thread in ipairs(threads) do
      io.write(string.format("SENT %s%d-:%d\n", id_prefix, thread:get("id"), thread:get("sent")))
   end
end
