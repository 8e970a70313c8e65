-- wrk script: RFC 8693 exchanges of one identity token (JWT in the environment) for the bundle
-- RESOURCE (urn:vaas:bundle:ns/b): the issuer's keys are warm after the first request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange"
  .. "&subject_token=" .. os.getenv("JWT")
  .. "&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Ajwt"
  .. "&resource=" .. os.getenv("RESOURCE")

done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f requests=%d errors_non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, (summary.errors.status or 0)))
end
