-- The headers libvipps sends on every call, for wrk scripts (the token and keys come from the
-- environment that bench/run.py sets).
local common = {}

function common.headers()
  return {
    ["Accept"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
    ["Ocp-Apim-Subscription-Key"] = os.getenv("BENCH_SUBSCRIPTION_KEY"),
    ["Merchant-Serial-Number"] = os.getenv("BENCH_MSN"),
    ["Vipps-System-Name"] = "libvipps",
    ["Vipps-System-Version"] = "0.2.0",
    ["Vipps-System-Plugin-Name"] = "libvipps",
    ["Vipps-System-Plugin-Version"] = "0.2.0",
  }
end

return common
