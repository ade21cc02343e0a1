--TEST--
vipps (simulator): capture, refund, cancel, status, wait
--EXTENSIONS--
vipps
--SKIPIF--
<?php require __DIR__ . '/skip_sim.inc'; ?>
--FILE--
<?php
require __DIR__ . '/sim.inc';
$client = sim_client(['poll' => ['initial_delay_ms' => 0, 'interval_ms' => 100]]);

$orderId = reserved_payment($client, 'ops', 30000);
$waited = $client->wait($orderId, 10000);
echo 'wait: ', $waited['state_name'], "\n";

$key = "$orderId-capture-1";
$t = $client->capture($orderId, 10000, 'Shipped part 1', $key);
printf("capture: %s amount=%d captured=%d to_capture=%d key=%s\n", $t['order_id'] === $orderId ? 'ok' : 'bad',
       $t['amount'], $t['captured_amount'], $t['remaining_to_capture'], var_export($t['request_id'] === $key, true));
$again = $client->capture($orderId, 10000, 'Shipped part 1', $key);   /* same key: applied once */
printf("capture again: captured=%d\n", $again['captured_amount']);
echo 'details: ', $client->details($orderId)['state_name'], "\n";

$t = $client->capture($orderId, Vipps\Client::REMAINING, 'Shipped the rest');
printf("capture rest: captured=%d to_capture=%d random key=%s\n", $t['captured_amount'], $t['remaining_to_capture'],
       var_export(strlen($t['request_id']) > 0, true));

$t = $client->refund($orderId, 5000, 'Returned one item');
printf("refund: refunded=%d to_refund=%d\n", $t['refunded_amount'], $t['remaining_to_refund']);
echo 'details: ', $client->details($orderId)['state_name'], "\n";

$status = $client->status($orderId);
echo 'status: ', is_string($status['status']) ? 'string' : 'none', "\n";

try { $client->refund($orderId, 10000000, 'Too much'); echo "refunded too much\n"; }
catch (Vipps\Exception $e) { echo 'refund too much: ', get_class($e), "\n"; }

$other = reserved_payment($client, 'cancel', 20000);
$t = $client->cancel($other, 'Out of stock');
echo 'cancel: ', $t['order_id'] === $other ? 'ok' : 'bad', ' ', $client->details($other)['state_name'], "\n";

$partial = reserved_payment($client, 'release', 20000);
$client->capture($partial, 5000, 'Part');
$t = $client->cancel($partial, 'Rest out of stock', true);
echo 'cancel with release: ', $client->details($partial)['state_name'], "\n";

$pending = unique_order_id('pending');
initiate_payment($client, $pending);
try { $client->wait($pending, 300); echo "wait returned\n"; }
catch (Vipps\TimeoutException $e) { echo 'wait pending: ', get_class($e), ' retryable=', var_export($e->retryable, true), "\n"; }
?>
--EXPECTF--
wait: reserved
capture: ok amount=10000 captured=10000 to_capture=20000 key=true
capture again: captured=10000
details: partially_captured
capture rest: captured=30000 to_capture=0 random key=true
refund: refunded=5000 to_refund=25000
details: partially_refunded
status: string
refund too much: Vipps\%sException
cancel: ok voided
cancel with release: %s
wait pending: Vipps\TimeoutException retryable=%s
