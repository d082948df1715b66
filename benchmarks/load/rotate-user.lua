-- wrk script: every request carries a user id in X-User-Id, rotating over 10,000 users, so each request is a
-- different unit to bucket (the realistic case: many signed-in users, each with a stable id). The requests are
-- formatted once per thread in init(), so the rotation costs wrk a table lookup, not string building, per request.
-- The same script drives every configuration, bare included, so wrk does the same work against each.

local users = 10000
local requests = {}
local next_index = 0

function init(args)
  for k = 1, users do
    requests[k] = wrk.format(nil, nil, { ["X-User-Id"] = "user-" .. k })
  end
  next_index = math.random(users) - 1
end

function request()
  next_index = next_index % users + 1
  return requests[next_index]
end
