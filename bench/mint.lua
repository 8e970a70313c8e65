-- wrk script: creates single-use seeds (POST …/seeds with ADMIN) and appends each token to the
-- file OUT, one per line; a fleet's seeds made ahead of a start-up storm.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("ADMIN")
wrk.body = '{"uses":1,"ttl":"PT1H"}'

local out = io.open(os.getenv("OUT"), "a")
response = function(status, headers, body)
  local token = body:match('"token":"([^"]+)"')
  if status == 201 and token then
    out:write(token, "\n")
    out:flush()
  end
end
