-- Capture: POST /f/demo as JSON, a new lead each time.
-- Arguments: a prefix that makes the emails of this run unique, an optional pause in ms
-- between the requests of one connection (to hold a chosen load instead of the most), and
-- "returning" to cycle through 50 leads per thread instead (a warm-up that adds no leads).
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

local count = 0
function setup(thread)
   count = count + 1
   thread:set("id", count)
end

function init(args)
   returning = args[3] == "returning"
   if returning then
      prefix = args[1] or "w"
   else
      -- Unique per wrk run and thread, so that every request brings a new lead.
      math.randomseed(os.time() * 100 + id)
      prefix = (args[1] or "w") .. "-" .. os.time() .. "-" .. math.random(1000000)
   end
   n = 0
   local pause = tonumber(args[2] or "0")
   if pause > 0 then
      delay = function() return pause end
   end
end

local headers = {["Content-Type"] = "application/json", ["User-Agent"] = "Mozilla/5.0 bench"}
function request()
   n = n + 1
   local number = returning and n % 50 or n
   local body = '{"email":"' .. prefix .. '-' .. id .. '-' .. number .. '@example.com",'
      .. '"name":"Bench Lead","consent":true,"utm_source":"bench","utm_campaign":"load"}'
   return wrk.format("POST", "/f/demo", headers, body)
end
