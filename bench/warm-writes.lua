-- wrk script: writes the config at wrk's URL again and again, a new value each time (PUT with the
-- admin token ADMIN, as an operator does): bench/waits.sh's warm-up.
local n = 0
request = function()
  n = n + 1
  return wrk.format("PUT", nil, {["Authorization"] = "Bearer " .. os.getenv("ADMIN"),
    ["Content-Type"] = "application/json"}, '{"data":{"n":' .. n .. '}}')
end
