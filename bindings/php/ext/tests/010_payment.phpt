--TEST--
vipps (simulator): initiate, force approve, details reserved
--EXTENSIONS--
vipps
--SKIPIF--
<?php require __DIR__ . '/skip_sim.inc'; ?>
--FILE--
<?php
require __DIR__ . '/sim.inc';
$client = sim_client(['system_info' => ['plugin_name' => 'vipps-php-tests', 'plugin_version' => '0.1.0']]);
$orderId = unique_order_id('pay');
$initiation = initiate_payment($client, $orderId, 49900);
var_dump($initiation['order_id'] === $orderId, str_starts_with($initiation['url'], 'https://'),
         is_string($initiation['token']) && $initiation['token'] !== '', is_array(json_decode($initiation['json'], true)));

$before = $client->details($orderId);
echo $before['state_name'], ' ', $before['state'] === Vipps\STATE_INITIATED ? 'initiated' : 'other', "\n";

$client->forceApprove($orderId, $initiation['token'], '91234567');
$p = $client->details($orderId);
var_dump($p['order_id'] === $orderId, $p['state'] === Vipps\STATE_RESERVED);
printf("%s amount=%d captured=%d refunded=%d to_capture=%d to_refund=%d\n", $p['state_name'], $p['amount'],
       $p['captured_amount'], $p['refunded_amount'], $p['remaining_to_capture'], $p['remaining_to_refund']);
foreach ($p['log'] as $i => $entry) {
    printf("log %d: %s %d %s %s\n", $i, $entry['operation'], $entry['amount'], var_export($entry['success'], true),
           preg_match('/^\d{4}-\d\d-\d\dT/', $entry['timestamp']) ? 'iso' : $entry['timestamp']);
}
var_dump(json_decode($p['json'], true)['orderId'] === $orderId);
/* A regular payment: no express details, the keys there all the same. */
var_dump($p['is_express'], $p['shipping_cost'], $p['shipping_method_id'], $p['first_name'], $p['address_line1']);

/* Approving twice is a business error from Vipps (the simulator: VippsError 91). */
try { $client->forceApprove($orderId, $initiation['token']); echo "approved twice\n"; }
catch (Vipps\RejectedException $e) { echo get_class($e), ' ', $e->httpStatus, ' ', $e->errorGroup, ' ', $e->errorCode, "\n"; }

/* A duplicate order id is rejected by Vipps. */
try { initiate_payment($client, $orderId); echo "initiated twice\n"; }
catch (Vipps\RejectedException $e) { echo get_class($e), ' ', $e->httpStatus, "\n"; }
?>
--EXPECTF--
bool(true)
bool(true)
bool(true)
bool(true)
initiated initiated
bool(true)
bool(true)
reserved amount=49900 captured=0 refunded=0 to_capture=49900 to_refund=0
log 0: RESERVE 49900 true iso
log 1: INITIATE 49900 true iso
bool(true)
bool(false)
int(0)
NULL
NULL
NULL
Vipps\RejectedException %d %s %s
Vipps\RejectedException %d
