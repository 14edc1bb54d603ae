-- wrk script: GET PATH_ env (default /api/me) with the next token of TOKENS_FILE on every request.
-- Without TOKENS_FILE, requests carry no Authorization header (the 401 and floor modes).
local path = os.getenv("BENCH_PATH") or "/api/me"
local tokens = {}
local file = os.getenv("TOKENS_FILE")
if file and file ~= "" then
  for line in io.lines(file) do
    if line ~= "" then tokens[#tokens + 1] = line end
  end
end
local i = math.random(1, math.max(#tokens, 1))

request = function()
  if #tokens == 0 then
    return wrk.format("GET", path)
  end
  i = i % #tokens + 1
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. tokens[i] })
end
