--TEST--
vipps (simulator): a wrong secret is Vipps\AuthenticationException; the secret is nowhere in it
--EXTENSIONS--
vipps
--SKIPIF--
<?php require __DIR__ . '/skip_sim.inc'; ?>
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
require __DIR__ . '/sim.inc';
$secret = 'wrong-secret-' . bin2hex(random_bytes(8));
$client = sim_client(['client_secret' => $secret]);
foreach (['details' => fn() => $client->details('any-order'),
          'initiate' => fn() => initiate_payment($client, unique_order_id('auth'))] as $label => $call) {
    try {
        $call();
        echo "$label: no exception\n";
    } catch (Vipps\AuthenticationException $e) {
        $frames = array_filter($e->getTrace(), fn($f) => str_starts_with($f['class'] ?? '', 'Vipps\\'));
        $everything = $e->getMessage() . "\n" . $e->getTraceAsString() . "\n" . (string)$e . print_r($frames, true);
        printf("%s: %s http=%d status=%d retryable=%s leaked=%s\n", $label, get_class($e), $e->httpStatus, $e->status,
               var_export($e->retryable, true), var_export(str_contains($everything, $secret), true));
    }
}
?>
--EXPECTF--
details: Vipps\AuthenticationException http=40%d status=20 retryable=false leaked=false
initiate: Vipps\AuthenticationException http=40%d status=20 retryable=false leaked=false
