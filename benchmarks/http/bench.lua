-- wrk script of run-http.sh. Arguments after "--": MODE [FILE] [STARTS]
--   none                  no Authorization header
--   reuse FILE            the single token in FILE on every request
--   fresh PREFIX S1,S2,.. wrk thread k sends the tokens of PREFIX-k.txt (one a line; LocalIssuer
--                         --parts splits the list so that no two threads share a token), one per
--                         request, from line Sk + 1 on, starting over at the end of the file.
--                         done() reports where each thread stopped ("next"); run-http.sh passes
--                         that as STARTS to the next run against the same server, so no token is
--                         sent twice to a server until its thread's part runs out.
-- Every mode builds its requests in init(), so the client does the same (small) work per request
-- in every scenario. done() prints one line "WRKJSON {...}" that run-http.sh records.

local index = 0
local threads = {}

function setup(thread)
  index = index + 1
  thread:set("thread_index", index)
  threads[index] = thread
end

local requests = {}
local count = 0
local position = 0
start = 0
sent = 0

function init(args)
  local mode = args[1] or "none"
  if mode == "none" then
    requests[1] = wrk.format("GET", nil, {})
  elseif mode == "reuse" then
    local file = assert(io.open(args[2], "r"))
    local token = file:read("*l")
    file:close()
    requests[1] = wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. token })
  elseif mode == "fresh" then
    for line in io.lines(args[2] .. "-" .. (thread_index or 1) .. ".txt") do
      if #line > 0 then
        requests[#requests + 1] = wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. line })
      end
    end
  else
    error("unknown mode " .. mode)
  end
  count = #requests
  if mode == "fresh" then
    local k = 0
    for value in string.gmatch(args[3] or "", "[^,]+") do
      k = k + 1
      if k == (thread_index or 1) then
        start = tonumber(value) or 0
      end
    end
    position = start % count
  end
end

function request()
  sent = sent + 1
  position = position + 1
  if position > count then
    position = 1
  end
  return requests[position]
end

function done(summary, latency, requests)
  local e = summary.errors
  local next = {}
  for k, thread in ipairs(threads) do
    next[k] = string.format("%d", (thread:get("start") or 0) + (thread:get("sent") or 0))
  end
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"next":"%s",' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"max":%d}}\n',
    summary.requests, summary.duration, summary.bytes, table.concat(next, ","),
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
