-- wrk script of bench/load.sh: GET /api/v1/experiments with a Device-Token chosen by MODE, and the
-- Platform, App-Version and Locale headers of an iOS app.
--
--   MODE=random  a token picked at random from the pool POOL_PREFIX1 .. POOL_PREFIX<POOL>
--                (returning devices; the reference server gets the very same requests)
--   MODE=walk    each thread walks its share of the pool (thread i of WRK_THREADS takes i, i+n,
--                i+2n, ...), and walks it again and again, so that a token whose registration
--                failed (a 503 under overload) is sent again: registers the pool through the
--                real endpoint. wrk cannot stop itself before its duration, so load.sh watches
--                the database and stops wrk (SIGINT) once the whole pool is in
--   MODE=unique  a new token per request, UNIQUE_PREFIX<thread>-<n> with n = 1, 2, 3, ... per
--                thread; done() prints TOKENS lines with how many each thread sent, so that the
--                database can be checked for exactly those devices
--
-- Every mode prints one RESULT line in done() for load.sh to read (latencies in microseconds).
--
-- wrk calls request() once in the first thread before the run, to check the request it builds
-- (wrk 4.1 sends nothing then). That first call gets the token "wrk-verify", so that no counted
-- token is lost to it; were it ever sent, it would register one extra device of that name.

local mode = os.getenv("MODE") or "random"
local pool = tonumber(os.getenv("POOL") or "100000")
local pool_prefix = os.getenv("POOL_PREFIX") or "pool-"
local unique_prefix = os.getenv("UNIQUE_PREFIX") or "new-"
local wrk_threads = tonumber(os.getenv("WRK_THREADS") or "2")

local threads = {}
local counter = 1

function setup(thread)
   thread:set("id", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

-- The request around the token, split once so that request() only concatenates strings.
local head, tail
local requests = {}
local next_token = 0
local verify_pending = false
sent = 0

function init(args)
   -- With the attribute headers an app sends on every request: the server checks them each time.
   local sample = wrk.format(nil, nil, { ["Device-Token"] = "@TOKEN@", ["Platform"] = "ios",
                                          ["App-Version"] = "2.3.0", ["Locale"] = "ru-RU" })
   head, tail = sample:match("^(.-)@TOKEN@(.*)$")
   math.randomseed(os.time() * 1000 + id * 7919)
   verify_pending = (id == 1)
   if mode == "random" then
      for i = 1, pool do
         requests[i] = head .. pool_prefix .. i .. tail
      end
   elseif mode == "walk" then
      next_token = id
   end
end

function request()
   if verify_pending then
      verify_pending = false
      return head .. "wrk-verify" .. tail
   end
   if mode == "random" then
      return requests[math.random(pool)]
   elseif mode == "unique" then
      sent = sent + 1
      return head .. unique_prefix .. id .. "-" .. sent .. tail
   else
      if next_token > pool then
         next_token = id -- the share is all sent: walk it again until load.sh stops wrk
      end
      local token = next_token
      next_token = next_token + wrk_threads
      return head .. pool_prefix .. token .. tail
   end
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      "RESULT requests=%d duration_us=%d socket_errors=%d http_errors=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d\n",
      summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max))
   if mode == "unique" then
      for _, thread in ipairs(threads) do
         io.write(string.format("TOKENS %s%d-:%d\n", unique_prefix, thread:get("id"), thread:get("sent")))
      end
   end
end
