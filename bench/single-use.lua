-- wrk script: RFC 8693 exchanges, each redeeming a single-use seed of its own, read from the
-- file SEEDS (one per line, made by mint.lua); the lines are split between wrk's threads. When
-- a thread has used all of its seeds it starts again at its first, and those answers are 400s
-- (counted in errors_non2xx): make enough seeds for the run.
local threads = 0
setup = function(thread)
  thread:set("index", threads)
  threads = threads + 1
end

local seeds, next_seed = {}, 1
init = function(args)
  local n = 0
  for line in io.lines(os.getenv("SEEDS")) do
    if n % tonumber(os.getenv("THREADS")) == index then seeds[#seeds + 1] = line end
    n = n + 1
  end
end

local prefix = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token="
local suffix = "&subject_token_type=urn%3Avaas%3Aparams%3Atoken-type%3Aseed"
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
request = function()
  local seed = seeds[next_seed]
  next_seed = next_seed % #seeds + 1
  return wrk.format("POST", nil, headers, prefix .. seed .. suffix)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f requests=%d errors_non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, (summary.errors.status or 0)))
end
