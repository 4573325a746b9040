-- Votes as thousands of different members: a random member's bearer token, a random idea, up or down.
-- Arguments: host, members, ideas, delay in ms between a connection's requests (0 = as fast as possible), and a stream
-- number. Runs started in the same second (two nodes' storms) get different streams: seeded with the time alone, they
-- would send the same members' votes on the same ideas to both nodes at once, a load no site sees.
local host, members, ideas, pause
function init(args)
  host = args[1]
  members = tonumber(args[2])
  ideas = tonumber(args[3])
  pause = tonumber(args[4] or "0")
  math.randomseed(os.time() * 1000 + tonumber(args[5] or "0"))
end
function request()
  local member = math.random(members)
  local idea = math.random(ideas)
  local value = math.random(2) == 1 and "1" or "-1"
  return wrk.format("PUT", "/api/v1/ideas/" .. idea .. "/vote", {
    ["Host"] = host,
    ["Authorization"] = "Bearer bench-token-" .. member,
    ["Content-Type"] = "application/json",
  }, '{"value":' .. value .. '}')
end
function delay()
  return pause
end
