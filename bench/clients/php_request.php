<?php
// One web request of a shop, served by PHP's built-in server (bench/run.py, php_request_runs):
// ?mode=persistent gets the worker's Vipps\Client::persistent() client, ?mode=new makes a client
// for the request (a token fetch and a TLS handshake each time), ?mode=empty does nothing (what
// PHP's own request handling costs), ?mode=warm&calls=K makes K details calls on the persistent
// client (a warm call's cost inside the same worker). The peer and its CA come from the server's
// environment.
require __DIR__ . '/bench_common.php';
$mode = $_GET['mode'] ?? 'empty';
if ($mode === 'empty') {
    echo "ok\n";
    return;
}
$config = [
    'base_url' => getenv('BENCH_URL'),
    'ca_file' => getenv('BENCH_CA'),
    'client_id' => BENCH_CLIENT_ID,
    'client_secret' => BENCH_CLIENT_SECRET,
    'subscription_key' => BENCH_SUBSCRIPTION_KEY,
    'merchant_serial_number' => BENCH_MSN,
];
$client = $mode !== 'new' ? Vipps\Client::persistent($config) : new Vipps\Client($config);
$calls = $mode === 'warm' ? max(1, (int)($_GET['calls'] ?? 1)) : 1;
$ok = true;
for ($i = 0; $i < $calls; $i++) {
    $payment = $client->details(BENCH_ORDER_ID);
    $ok = $ok && count($payment['log']) === 4;
}
echo $ok ? "ok\n" : "unexpected details\n";
