--TEST--
vipps (simulator): ePayment's own inputs (expires_at, receipt, customer token, QR format, idempotency key), refused on eCom
--EXTENSIONS--
vipps
--SKIPIF--
<?php require __DIR__ . '/skip_sim.inc'; ?>
--FILE--
<?php
require __DIR__ . '/sim.inc';

function sim_fetch(string $url, ?string $json = null): array {
    $context = stream_context_create([
        'ssl' => ['cafile' => sim_env('VIPPS_SIM_CA')],
        'http' => $json === null ? [] : ['method' => 'POST', 'header' => "Content-Type: application/json\r\n", 'content' => $json],
    ]);
    $body = file_get_contents($url, false, $context);
    $type = '';
    foreach ($http_response_header as $header) {
        if (stripos($header, 'content-type:') === 0) $type = trim(substr($header, 13));
    }
    return [$type, $body];
}

$epayment = sim_client(['api' => 'epayment']);
$base = ['amount' => 2500, 'transaction_text' => 'Coffee', 'fallback_url' => 'https://shop.example/done'];
$expires = gmdate('Y-m-d\TH:i:s\Z', time() + 86400);
$lines = [
    ['id' => 'kaffe-1', 'name' => 'Kaffe ☕', 'total_amount' => 2000, 'total_amount_excluding_tax' => 1600,
     'total_tax_amount' => 400, 'tax_rate' => 2500],
    ['id' => 'frakt', 'name' => 'Frakt', 'total_amount' => 500, 'total_amount_excluding_tax' => 400,
     'total_tax_amount' => 100, 'tax_rate' => 2500, 'is_shipping' => true],
];

$orderId = unique_order_id('ep-long');
$i = $epayment->initiate($base + ['order_id' => $orderId, 'user_flow' => 'QR', 'expires_at' => $expires,
    'receipt_lines' => $lines, 'receipt_bottom_line' => ['pos_id' => 'till-3', 'receipt_number' => 'R-7'],
    'qr_format' => 'IMAGE/PNG', 'qr_size' => 300, 'idempotency_key' => "$orderId-create"]);
echo 'key: ', var_export($i['idempotency_key'] === "$orderId-create", true), "\n";
[$type, $image] = sim_fetch($i['url']);
echo 'qr: ', $type, ' ', var_export(substr($image, 0, 4) === "\x89PNG", true), "\n";
$epayment->forceApprove($orderId, $i['token']);
echo 'long-living: ', $epayment->details($orderId)['state_name'], "\n";

sim_fetch(sim_env('VIPPS_SIM_URL') . '/sim/v1/settings',
          json_encode(['merchants' => [sim_env('VIPPS_SIM_MSN') => ['maySkipLandingPage' => true]]]));
[, $issued] = sim_fetch(sim_env('VIPPS_SIM_URL') . '/sim/v1/customer-tokens', '{"phoneNumber":"4791234560"}');
$orderId = unique_order_id('ep-token');
$i = $epayment->initiate($base + ['order_id' => $orderId, 'user_flow' => 'PUSH_MESSAGE',
    'customer_token' => json_decode($issued, true)['customerToken']]);
[, $phone] = sim_fetch(sim_env('VIPPS_SIM_URL') . '/sim/v1/phone/91234560');
echo 'pushed: url=', var_export($i['url'], true), ' to token phone=', var_export(str_contains($phone, $orderId), true), "\n";

foreach ([['receipt_lines' => [['id' => 'x']]], ['qr_format' => 'IMAGE/GIF'], ['expires_at' => 'tomorrow']] as $bad) {
    try { $epayment->initiate($base + ['order_id' => unique_order_id('ep-bad')] + $bad); echo "accepted\n"; }
    catch (Vipps\Exception $e) { echo 'bad ', array_key_first($bad), ': ', get_class($e), "\n"; }
}

$ecom = sim_client();
$ecomBase = $base + ['callback_prefix' => 'https://shop.example/vipps'];
foreach ([['expires_at' => $expires], ['receipt_lines' => $lines], ['customer_token' => 'abc'],
          ['customer_personal_qr' => 'https://qr.vipps.no/28/2/01/031/4791234567?v=1'],
          ['qr_format' => 'IMAGE/SVG+XML'], ['idempotency_key' => 'k-1']] as $epaymentOnly) {
    try { $ecom->initiate($ecomBase + ['order_id' => unique_order_id('on-ecom')] + $epaymentOnly); echo "eCom accepted\n"; }
    catch (Vipps\InvalidArgumentException $e) { echo 'ecom refuses ', array_key_first($epaymentOnly), ': ', $e->getField(), "\n"; }
}
?>
--EXPECT--
key: true
qr: image/png true
long-living: reserved
pushed: url='' to token phone=true
bad receipt_lines: Vipps\InvalidArgumentException
bad qr_format: Vipps\InvalidArgumentException
bad expires_at: Vipps\InvalidArgumentException
ecom refuses expires_at: expires_at
ecom refuses receipt_lines: receipt_line
ecom refuses customer_token: customer_token
ecom refuses customer_personal_qr: customer_personal_qr
ecom refuses qr_format: qr_format
ecom refuses idempotency_key: idempotency_key
