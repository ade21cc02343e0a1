--TEST--
vipps (simulator): a null, false, fractional, string or zero amount is refused; REMAINING means everything
--EXTENSIONS--
vipps
--SKIPIF--
<?php require __DIR__ . '/skip_sim.inc'; ?>
--FILE--
<?php
/* Shops hide deprecations in production: the refusal must not depend on seeing them. */
error_reporting(E_ALL & ~E_DEPRECATED);
require __DIR__ . '/sim.inc';
$client = sim_client();
$orderId = reserved_payment($client, 'amount', 20000);
$client->capture($orderId, 10000, 'Shipped');

foreach ([null, false, true, 0.99, 100.0, '12', 0] as $bad) {
    try {
        $client->refund($orderId, $bad, 'x');
        echo var_export($bad, true), ": refunded\n";
    } catch (Vipps\InvalidArgumentException $e) {
        echo var_export($bad, true), ': ', get_class($e), ' ', $e->getMessage(), "\n";
    }
}
$d = $client->details($orderId);
printf("after: captured=%d refunded=%d\n", $d['captured_amount'], $d['refunded_amount']);

try { $client->capture($orderId, 99, 'x'); echo "captured 99\n"; }
catch (Vipps\InvalidArgumentException $e) { echo '99: ', $e->getMessage(), "\n"; }

$t = $client->capture($orderId, Vipps\Client::REMAINING, 'The rest');
printf("remaining: captured=%d to_capture=%d\n", $t['captured_amount'], $t['remaining_to_capture']);
$t = $client->refund($orderId, Vipps\Client::REMAINING, 'All back');
printf("refund remaining: refunded=%d\n", $t['refunded_amount']);
?>
--EXPECTF--
NULL: Vipps\InvalidArgumentException amount must be an int (øre, or Vipps\Client::REMAINING), null given
false: Vipps\InvalidArgumentException amount must be an int (øre, or Vipps\Client::REMAINING), bool given
true: Vipps\InvalidArgumentException amount must be an int (øre, or Vipps\Client::REMAINING), bool given
0.99: Vipps\InvalidArgumentException amount must be an int (øre, or Vipps\Client::REMAINING), float given
100.0: Vipps\InvalidArgumentException amount must be an int (øre, or Vipps\Client::REMAINING), float given
'12': Vipps\InvalidArgumentException amount must be an int (øre, or Vipps\Client::REMAINING), string given
0: Vipps\InvalidArgumentException amount: %sREMAINING%s
after: captured=10000 refunded=0
99: amount: %s100%s
remaining: captured=20000 to_capture=0
refund remaining: refunded=20000
