-- wrk script: long-polls (wrk's URL has ?wait=), each asking with the digest (ETag) last answered, so
-- that every connection waits for the next change and is woken by it: bench/waits.sh's warm-up of
-- the wake. Keeps wrk's -H headers (the bearer token) on every request.
local etag = nil
request = function()
  if etag == nil then
    return wrk.format()
  end
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["If-None-Match"] = etag
  return wrk.format(nil, nil, headers)
end
response = function(status, headers, body)
  for name, value in pairs(headers) do
    if string.lower(name) == "etag" then
      etag = value
    end
  end
end
