--TEST--
vipps (simulator): the same shop flow on eCom and ePayment ('api' => 'epayment'), and ePayment's own fields
--EXTENSIONS--
vipps
--SKIPIF--
<?php require __DIR__ . '/skip_sim.inc'; ?>
--FILE--
<?php
require __DIR__ . '/sim.inc';

foreach (['ecom', 'epayment'] as $api) {
    $client = sim_client(['api' => $api, 'poll' => ['initial_delay_ms' => 0, 'interval_ms' => 100]]);
    $orderId = reserved_payment($client, "ep-$api", 1000);
    echo "$api wait: ", $client->wait($orderId, 5000)['state_name'], "\n";
    $t = $client->capture($orderId, 400, 'Part');
    printf("$api capture: captured=%d to_capture=%d\n", $t['captured_amount'], $t['remaining_to_capture']);
    $client->capture($orderId, Vipps\Client::REMAINING, 'Rest');
    $t = $client->refund($orderId, 300, 'Back', "php-refund-$api");
    printf("$api refund: refunded=%d to_refund=%d key=%s\n", $t['refunded_amount'], $t['remaining_to_refund'],
           var_export($t['request_id'] === "php-refund-$api", true));
    $p = $client->details($orderId);
    printf("$api details: %s captured=%d refunded=%d newest=%s events=%s\n", $p['state_name'], $p['captured_amount'],
           $p['refunded_amount'], $p['log'][0]['operation'], implode(',', array_column($p['events'], 'name')));
}

/* An eCom order captured and refunded by an ePayment client. */
$ecom = sim_client();
$epayment = sim_client(['api' => 'epayment']);
$orderId = reserved_payment($ecom, 'ep-mig', 2000);
$epayment->capture($orderId, Vipps\Client::REMAINING, '');
$epayment->refund($orderId, 500, '');
echo 'migrated: ', $ecom->details($orderId)['state_name'], "\n";

/* ePayment only: a QR payment for a customer MSISDN; the rest released after a partial capture. */
$orderId = unique_order_id('ep-qr');
$i = $epayment->initiate(['order_id' => $orderId, 'amount' => 1000, 'transaction_text' => 'At the counter',
    'callback_prefix' => 'https://shop.example/vipps', 'fallback_url' => 'https://shop.example/done',
    'user_flow' => 'QR', 'currency' => 'NOK', 'customer_phone_number' => '4791234567']);
$epayment->forceApprove($orderId, $i['token']);
$epayment->capture($orderId, 250, '');
$epayment->cancel($orderId, '');
$p = $epayment->details($orderId);
printf("qr: %s %s cancelled=%d events=%s\n", $p['state_name'], $p['currency'], $p['cancelled_amount'],
       implode(',', array_column($p['events'], 'name')));

try { sim_client(['api' => 'ecom2']); echo "accepted a bad api\n"; }
catch (Vipps\InvalidArgumentException $e) { echo 'bad api: ', get_class($e), "\n"; }
try { $ecom->initiate(['order_id' => unique_order_id('x'), 'amount' => 1000, 'transaction_text' => 'x',
    'callback_prefix' => 'https://shop.example/vipps', 'fallback_url' => 'https://shop.example/done', 'user_flow' => 'QR']);
    echo "eCom took a user flow\n"; }
catch (Vipps\Exception $e) { echo 'ecom user_flow: ', get_class($e), "\n"; }
?>
--EXPECT--
ecom wait: reserved
ecom capture: captured=400 to_capture=600
ecom refund: refunded=300 to_refund=700 key=true
ecom details: partially_refunded captured=1000 refunded=300 newest=REFUND events=
epayment wait: reserved
epayment capture: captured=400 to_capture=600
epayment refund: refunded=300 to_refund=700 key=true
epayment details: partially_refunded captured=1000 refunded=300 newest=REFUND events=CREATED,AUTHORIZED,CAPTURED,CAPTURED,REFUNDED
migrated: partially_refunded
qr: captured NOK cancelled=750 events=CREATED,AUTHORIZED,CAPTURED,CANCELLED
bad api: Vipps\InvalidArgumentException
ecom user_flow: Vipps\InvalidArgumentException
