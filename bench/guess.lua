-- wrk script: RFC 8693 exchanges of seeds that do not exist, one per request, taken in turn from
-- the file named by GUESSES (well-formed, so each is looked up like a real one). Prints the rate
-- and how many answers were not 2xx (all of them should be: 400 invalid_grant or 429 slow_down).
local guesses = {}
for line in io.lines(os.getenv("GUESSES")) do guesses[#guesses + 1] = line end
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("POST", nil, { ["Content-Type"] = "application/x-www-form-urlencoded" },
    "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange"
      .. "&subject_token=" .. guesses[(counter % #guesses) + 1]
      .. "&subject_token_type=urn%3Avaas%3Aparams%3Atoken-type%3Aseed")
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f requests=%d non2xx=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests / (summary.duration / 1e6), summary.requests, (summary.errors.status or 0),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
