-- wrk: GET /ecomm/v2/payments/{orderId}/details (the URL given to wrk) with libvipps's headers.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

wrk.method = "GET"
wrk.headers = common.headers()
