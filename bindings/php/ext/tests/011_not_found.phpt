--TEST--
vipps (simulator): an unknown order is Vipps\NotFoundException with HTTP 404, Merchant 35 and a contextId
--EXTENSIONS--
vipps
--SKIPIF--
<?php require __DIR__ . '/skip_sim.inc'; ?>
--FILE--
<?php
require __DIR__ . '/sim.inc';
$client = sim_client();
try {
    $client->details('no-such-order-42');
} catch (Vipps\NotFoundException $e) {
    var_dump($e->httpStatus, $e->getHttpStatus(), $e->errorGroup, $e->errorCode, $e->status, $e->getCode());
    var_dump(is_string($e->contextId) && $e->contextId !== '', $e->getContextId() === $e->contextId);
    var_dump($e->retryable, $e->outcomeUnknown, $e->requestId);
    var_dump($e instanceof Vipps\Exception, $e instanceof RuntimeException);
    echo $e->getMessage(), "\n";
}
?>
--EXPECTF--
int(404)
int(404)
string(8) "Merchant"
string(2) "35"
int(21)
int(21)
bool(true)
bool(true)
bool(false)
bool(false)
NULL
bool(true)
bool(true)
%s404%s
