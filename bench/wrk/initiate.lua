-- wrk: POST /ecomm/v2/payments with a new orderId on every request (the simulator refuses a
-- repeated one), the body libvipps sends for a regular payment, and libvipps's headers.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local headers = common.headers()
headers["Content-Type"] = "application/json;charset=UTF-8"
local msn = os.getenv("BENCH_MSN")
local run = os.getenv("BENCH_RUN") or "0"

-- Each wrk thread has its own Lua state: number the threads so their orderIds never collide.
local next_thread = 0
function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_id", next_thread)
end

local counter = 0
function request()
  counter = counter + 1
  local order_id = string.format("bench-%s-%d-%d", run, thread_id or 0, counter)
  local body = '{"customerInfo":{"mobileNumber":"91234567"},'
    .. '"merchantInfo":{"callbackPrefix":"https://shop.example/vipps",'
    .. '"fallBack":"https://shop.example/order/' .. order_id .. '","merchantSerialNumber":"' .. msn .. '"},'
    .. '"transaction":{"amount":49900,"orderId":"' .. order_id .. '","transactionText":"One pair of socks"}}'
  return wrk.format("POST", nil, headers, body)
end
