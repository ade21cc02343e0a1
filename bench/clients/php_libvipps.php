<?php
// libvipps through the PHP extension (bindings/php/ext): details calls over one Vipps\Client.
// See bench_common.php for the command line.
$started = hrtime(true) / 1e9;
require __DIR__ . '/bench_common.php';
$args = bench_args($argv);

$client = new Vipps\Client([
    'base_url' => $args['url'],
    'ca_file' => $args['ca'],
    'client_id' => BENCH_CLIENT_ID,
    'client_secret' => BENCH_CLIENT_SECRET,
    'subscription_key' => BENCH_SUBSCRIPTION_KEY,
    'merchant_serial_number' => BENCH_MSN,
    'api' => getenv('BENCH_API') ?: 'ecom',
]);
$details = function () use ($client): void {
    $payment = $client->details(BENCH_ORDER_ID);
    if (count($payment['log']) !== 4) {
        fwrite(STDERR, "php-libvipps: unexpected details answer\n");
        exit(1);
    }
};
$details(); // token + first details
bench_run('php-libvipps', $args, $started, $details);
