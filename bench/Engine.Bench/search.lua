-- Requests a random path from a file of paths, one per line (searches or similar-ideas look-ups, each different).
-- Arguments: host, the file of paths, a stream number (to seed).
local host, paths
function init(args)
  host = args[1]
  paths = {}
  for line in io.lines(args[2]) do paths[#paths + 1] = line end
  math.randomseed(os.time() * 1000 + tonumber(args[3] or "0"))
end
function request()
  return wrk.format("GET", paths[math.random(#paths)], { ["Host"] = host })
end
