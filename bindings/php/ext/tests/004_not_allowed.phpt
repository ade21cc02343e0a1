--TEST--
vipps: force approve is refused in production (nothing is sent)
--EXTENSIONS--
vipps
--FILE--
<?php
$client = new Vipps\Client(['environment' => 'production', 'client_id' => 'id', 'client_secret' => 'PROD-SECRET',
                            'subscription_key' => 'key', 'merchant_serial_number' => '123456']);
try {
    $client->forceApprove('order-1', 'token');
} catch (Vipps\NotAllowedException $e) {
    var_dump($e->status, $e->httpStatus, $e->retryable, $e->outcomeUnknown, $e->getCode());
    var_dump(str_contains($e->getMessage(), 'PROD-SECRET'), $e->getMessage() !== '');
}
?>
--EXPECT--
int(2)
int(0)
bool(false)
bool(false)
int(2)
bool(false)
bool(true)
