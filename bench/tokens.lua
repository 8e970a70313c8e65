-- wrk script: exchanges a multi-use seed (SEED) again and again and appends each access token
-- to the file OUT, one per line: a session of its own for each simulated agent.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange"
  .. "&subject_token=" .. os.getenv("SEED")
  .. "&subject_token_type=urn%3Avaas%3Aparams%3Atoken-type%3Aseed"

local out = io.open(os.getenv("OUT"), "a")
response = function(status, headers, body)
  local token = body:match('"access_token":"([^"]+)"')
  if status == 200 and token then
    out:write(token, "\n")
    out:flush()
  end
end
