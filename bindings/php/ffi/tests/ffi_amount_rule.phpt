--TEST--
VippsFFI: a null, false, fractional, string or zero amount is refused; REMAINING means everything
--SKIPIF--
<?php
if (!extension_loaded('ffi')) die('skip FFI not available');
if (!getenv('VIPPS_SIM_URL')) die('skip VIPPS_SIM_URL not set (run through scripts/with-simulator.sh)');
?>
--INI--
ffi.enable=1
--FILE--
<?php
error_reporting(E_ALL & ~E_DEPRECATED);
require __DIR__ . '/../Vipps.php';
$client = new VippsFFI\Client([
    'base_url' => getenv('VIPPS_SIM_URL'), 'ca_file' => getenv('VIPPS_SIM_CA'),
    'client_id' => getenv('VIPPS_SIM_CLIENT_ID'), 'client_secret' => getenv('VIPPS_SIM_CLIENT_SECRET'),
    'subscription_key' => getenv('VIPPS_SIM_SUBSCRIPTION_KEY'), 'merchant_serial_number' => getenv('VIPPS_SIM_MSN'),
]);
$orderId = 'ffi-amount-' . getmypid() . '-' . time();
$i = $client->initiate(['order_id' => $orderId, 'amount' => 20000, 'transaction_text' => 'FFI',
    'callback_prefix' => 'https://shop.example/vipps', 'fallback_url' => 'https://shop.example/done']);
$client->forceApprove($orderId, $i['token'], '91234567');
$client->capture($orderId, 10000, 'Shipped');
foreach ([null, false, 0.99, '12', 0] as $bad) {
    try {
        $client->refund($orderId, $bad, 'x');
        echo var_export($bad, true), ": refunded\n";
    } catch (VippsFFI\InvalidArgumentException $e) {
        echo var_export($bad, true), ': ', $e->getMessage(), "\n";
    }
}
printf("after: refunded=%d\n", $client->details($orderId)['refunded_amount']);
$t = $client->refund($orderId, VippsFFI\Client::REMAINING, 'All back');
printf("refund remaining: refunded=%d\n", $t['refunded_amount']);
?>
--EXPECTF--
NULL: amount must be an int (øre, or Client::REMAINING), null given
false: amount must be an int (øre, or Client::REMAINING), bool given
0.99: amount must be an int (øre, or Client::REMAINING), float given
'12': amount must be an int (øre, or Client::REMAINING), string given
0: amount: %sREMAINING%s
after: refunded=0
refund remaining: refunded=10000
