-- wrk script for every scenario of the benchmark kit. The scenario and its inputs come from
-- the environment (wrk passes it through):
--   SCENARIO    one of the names in the `scenarios` table below
--   BENCH_DATA  folder with user_ids.txt, org_ids.txt, search_terms.txt, short_terms.txt
--               (kc_user_ids.txt for Keycloak)
--   KEY         the X-Invois-Key value
--   KC_TOKEN    bearer token for the Keycloak admin REST API; KC_REALM its realm
--   WEBHOOK_BODY, WEBHOOK_HMAC, WEBHOOK_SHOP, WEBHOOK_RUN, WEBHOOK_ID  the Shopify webhook
--               scenarios (bench/webhooks.sh): the body file, its precomputed X-Shopify-Hmac-Sha256,
--               the linked shop, a tag unique to the wrk run, the one id every redelivery repeats
--   BENCH_NO_RESPONSE_HOOK=1  count errors from wrk's own status counter (status >= 400)
--               instead of the Lua response hook (which costs wrk some throughput)
-- At the end it prints one machine-readable line:
--   RESULT scenario=... requests=... duration_s=... rps=... p50_ms=... p99_ms=... errors=... non2xx=... socket_errors=...

local scenario = os.getenv("SCENARIO") or "user_by_id"
local data_dir = os.getenv("BENCH_DATA") or "bench/work/data"
local key = os.getenv("KEY") or ""
local kc_token = os.getenv("KC_TOKEN") or ""
local kc_realm = os.getenv("KC_REALM") or "bench"
local use_hook = os.getenv("BENCH_NO_RESPONSE_HOOK") ~= "1"

local API = "/api/integrations"

-- ---------------------------------------------------------------------------------------------
-- helpers
-- ---------------------------------------------------------------------------------------------
local function lines(name)
  local path = data_dir .. "/" .. name
  local f = io.open(path, "r")
  if not f then
    error("cannot read " .. path .. " (run bench/generate.sh first)")
  end
  local t = {}
  for line in f:lines() do
    if line ~= "" then t[#t + 1] = line end
  end
  f:close()
  if #t == 0 then error(path .. " is empty") end
  return t
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

local function pick(t) return t[math.random(#t)] end

local api_headers = { ["X-Invois-Key"] = key }
local json_headers = { ["X-Invois-Key"] = key, ["Content-Type"] = "application/json" }
local kc_headers = { ["Authorization"] = "Bearer " .. kc_token }

-- per-thread state (each wrk thread has its own Lua state)
local thread_id = 0
local counter = 0
local run_stamp = os.time()
local data = {}

local function need(name)
  if not data[name] then data[name] = lines(name) end
  return data[name]
end

-- ---------------------------------------------------------------------------------------------
-- request builders: each returns a full HTTP request (wrk.format)
-- ---------------------------------------------------------------------------------------------
local builders = {}

builders.health_live = function()
  return wrk.format("GET", "/health/live")
end

builders.user_by_id = function()
  return wrk.format("GET", API .. "/users/" .. pick(data["user_ids.txt"]), api_headers)
end

builders.org_by_id = function()
  return wrk.format("GET", API .. "/organizations/" .. pick(data["org_ids.txt"]), api_headers)
end

builders.list_users = function()
  return wrk.format("GET", API .. "/users?page=1&per_page=10", api_headers)
end

builders.deep_page = function()
  return wrk.format("GET", API .. "/users?page=5000&per_page=100", api_headers)
end

builders.search = function()
  return wrk.format("GET", API .. "/users?query=" .. urlencode(pick(data["search_terms.txt"])), api_headers)
end

builders.search_short = function()
  return wrk.format("GET", API .. "/users?query=" .. urlencode(pick(data["short_terms.txt"])), api_headers)
end

builders.create_user = function()
  counter = counter + 1
  local n = math.random(1, 999999)
  -- unique per request: run start time + thread + counter; the domain marks rows to clean up
  local email = string.format("wrk%dt%dn%d@wrk.bench.example.com", run_stamp, thread_id, counter)
  local body = string.format(
    '{"name":"Bench User %d","firstName":"Bench","lastName":"User %d","email":"%s","phone":"+6012-%07d","role":"customer"}',
    n, n, email, n)
  return wrk.format("POST", API .. "/users", json_headers, body)
end

builders.update_user = function()
  local body = string.format('{"phone":"+6013-%07d"}', math.random(0, 9999999))
  return wrk.format("PUT", API .. "/users/" .. pick(data["user_ids.txt"]), json_headers, body)
end

-- 80% reads / 20% writes
builders.mix = function()
  local r = math.random(100)
  if r <= 50 then return builders.user_by_id()
  elseif r <= 60 then return builders.org_by_id()
  elseif r <= 70 then return builders.list_users()
  elseif r <= 80 then return builders.search()
  elseif r <= 90 then return builders.create_user()
  else return builders.update_user() end
end

-- Shopify webhook deliveries (bench/webhooks.sh): the same signed orders/paid body each time,
-- so its HMAC is computed once; the webhook id is unique per request (run tag + thread + counter)
-- so that every delivery is stored, or the same every time for the redelivery (dedup) path.
local webhook_body, webhook_headers
if scenario == "webhook" or scenario == "webhook_redelivery" then
  local f = io.open(os.getenv("WEBHOOK_BODY") or "", "rb")
  if not f then error("cannot read WEBHOOK_BODY") end
  webhook_body = f:read("*a")
  f:close()
  webhook_headers = {
    ["Content-Type"] = "application/json",
    ["User-Agent"] = "Shopify-Captain-Hook",
    ["X-Shopify-Topic"] = "orders/paid",
    ["X-Shopify-Hmac-Sha256"] = os.getenv("WEBHOOK_HMAC") or "",
    ["X-Shopify-Shop-Domain"] = os.getenv("WEBHOOK_SHOP") or "",
    ["X-Shopify-API-Version"] = "2026-07",
    ["X-Shopify-Triggered-At"] = "2025-01-23T15:10:16.234647458Z",
    ["X-Shopify-Order-Id"] = "6200407294252",
  }
end
local webhook_run = os.getenv("WEBHOOK_RUN") or tostring(run_stamp)

builders.webhook = function()
  counter = counter + 1
  local id = string.format("bench-%s-t%d-%d", webhook_run, thread_id, counter)
  webhook_headers["X-Shopify-Webhook-Id"] = id
  webhook_headers["X-Shopify-Event-Id"] = "event-" .. id
  return wrk.format("POST", "/webhooks/shopify", webhook_headers, webhook_body)
end

builders.webhook_redelivery = function()
  webhook_headers["X-Shopify-Webhook-Id"] = os.getenv("WEBHOOK_ID") or "bench-redelivered"
  webhook_headers["X-Shopify-Event-Id"] = "event-redelivered"
  return wrk.format("POST", "/webhooks/shopify", webhook_headers, webhook_body)
end

-- Keycloak admin REST API equivalents
builders.kc_user_by_id = function()
  return wrk.format("GET", "/admin/realms/" .. kc_realm .. "/users/" .. pick(data["kc_user_ids.txt"]), kc_headers)
end

builders.kc_search = function()
  -- Keycloak's search is prefix-based unless the term is wrapped in '*' (infix), as here.
  return wrk.format("GET", "/admin/realms/" .. kc_realm .. "/users?search=" .. urlencode("*" .. pick(data["search_terms.txt"]) .. "*")
    .. "&first=0&max=10", kc_headers)
end

builders.kc_count = function()
  return wrk.format("GET", "/admin/realms/" .. kc_realm .. "/users/count", kc_headers)
end

local files = {
  user_by_id = { "user_ids.txt" }, org_by_id = { "org_ids.txt" }, search = { "search_terms.txt" },
  search_short = { "short_terms.txt" }, update_user = { "user_ids.txt" },
  mix = { "user_ids.txt", "org_ids.txt", "search_terms.txt" },
  kc_user_by_id = { "kc_user_ids.txt" }, kc_search = { "search_terms.txt" },
}

local build = builders[scenario]
if not build then
  error("unknown SCENARIO '" .. scenario .. "'")
end

-- ---------------------------------------------------------------------------------------------
-- wrk hooks
-- ---------------------------------------------------------------------------------------------
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end

function init(args)
  thread_id = tid or 0
  math.randomseed(os.time() * 1000 + thread_id * 7919 + math.floor(os.clock() * 1000000))
  for _, name in ipairs(files[scenario] or {}) do need(name) end
  non2xx = 0
  statuses = {}
end

request = function()
  return build()
end

if use_hook then
  response = function(status, headers, body)
    if status < 200 or status > 299 then
      non2xx = non2xx + 1
      statuses[status] = (statuses[status] or 0) + 1
    end
  end
end

function done(summary, latency, requests)
  local non2xx_total = 0
  local by_status = {}
  for _, t in ipairs(threads) do
    non2xx_total = non2xx_total + (t:get("non2xx") or 0)
    local s = t:get("statuses")
    if type(s) == "table" then
      for code, n in pairs(s) do by_status[code] = (by_status[code] or 0) + n end
    end
  end
  if not use_hook then non2xx_total = summary.errors.status end
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  local codes = {}
  for code, n in pairs(by_status) do codes[#codes + 1] = code .. ":" .. n end
  table.sort(codes)
  io.write(string.format(
    "RESULT scenario=%s requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f errors=%d non2xx=%d socket_errors=%d statuses=%s\n",
    scenario, summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    non2xx_total + socket_errors, non2xx_total, socket_errors,
    (#codes > 0) and table.concat(codes, ",") or "-"))
end
