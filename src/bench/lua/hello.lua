-- Reference H: GET /hello.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")
