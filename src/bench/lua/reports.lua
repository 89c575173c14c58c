-- Report endpoints: GET one path with an API token.
-- Arguments: the path with its query, the API token.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

function init(args)
   path = args[1]
   headers = {["Authorization"] = "Bearer " .. args[2]}
end

function request()
   return wrk.format("GET", path, headers)
end
