<?php
// The PHP baseline: the curl extension with one handle reused (keep-alive) and json_decode, the
// headers libvipps sends. See bench_common.php for the command line.
$started = hrtime(true) / 1e9;
require __DIR__ . '/bench_common.php';
$args = bench_args($argv);

$curl = curl_init();
curl_setopt_array($curl, [
    CURLOPT_CAINFO => $args['ca'],
    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_HTTP_VERSION => CURL_HTTP_VERSION_1_1,
    CURLOPT_CONNECTTIMEOUT_MS => 5000,
    CURLOPT_TIMEOUT_MS => 30000,
]);

function fetch(CurlHandle $curl, string $what): array
{
    $body = curl_exec($curl);
    $status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
    if ($body === false || $status !== 200) {
        fwrite(STDERR, "php-curl: $what: " . curl_error($curl) . " (HTTP $status)\n");
        exit(1);
    }
    return json_decode($body, true, 512, JSON_THROW_ON_ERROR);
}

// POST /accesstoken/get with the credentials in headers and no body.
curl_setopt_array($curl, [
    CURLOPT_URL => $args['url'] . '/accesstoken/get',
    CURLOPT_POST => true,
    CURLOPT_POSTFIELDS => '',
    CURLOPT_HTTPHEADER => array_merge(BENCH_COMMON_HEADERS,
        // 'Content-Type:' drops curl's form type: libvipps sends none with the empty body.
        ['client_id: ' . BENCH_CLIENT_ID, 'client_secret: ' . BENCH_CLIENT_SECRET, 'Content-Type:']),
]);
$token = fetch($curl, 'token')['access_token'];

// The same handle (and connection) goes on to GET the details.
curl_setopt_array($curl, [
    CURLOPT_URL => $args['url'] . '/ecomm/v2/payments/' . BENCH_ORDER_ID . '/details',
    CURLOPT_HTTPGET => true,
    CURLOPT_HTTPHEADER => array_merge(BENCH_COMMON_HEADERS, ["Authorization: Bearer $token"]),
]);
$details = function () use ($curl): void {
    $payment = fetch($curl, 'details');
    if (count($payment['transactionLogHistory']) !== 4) {
        fwrite(STDERR, "php-curl: unexpected details answer\n");
        exit(1);
    }
};
$details();
bench_run('php-curl', $args, $started, $details);
