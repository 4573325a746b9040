-- Requests the paths of a file, one per line (searches or similar-ideas look-ups, each different), in order: none is
-- asked twice before the list is used up, so no answer comes from a copy the engine kept of an earlier one.
-- Arguments: host, the file of paths.
local host, paths
local next = 0
function init(args)
  host = args[1]
  paths = {}
  for line in io.lines(args[2]) do paths[#paths + 1] = line end
end
function request()
  next = next % #paths + 1
  return wrk.format("GET", paths[next], { ["Host"] = host })
end
