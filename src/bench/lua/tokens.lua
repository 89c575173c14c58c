-- Pixel and click: GET PREFIX..token..SUFFIX, cycling through a file of signed tokens.
-- Arguments: the token file, the path prefix (/t/o/ or /t/c/), the suffix (.gif or nothing).
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

local count = 0
function setup(thread)
   count = count + 1
   thread:set("id", count)
end

function init(args)
   tokens = {}
   for line in io.lines(args[1]) do
      tokens[#tokens + 1] = line
   end
   prefix = args[2]
   suffix = args[3] or ""
   i = id * 997
end

local headers = {["User-Agent"] = "Mozilla/5.0 bench"}
function request()
   i = i + 1
   return wrk.format("GET", prefix .. tokens[i % #tokens + 1] .. suffix, headers)
end
