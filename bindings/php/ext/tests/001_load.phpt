--TEST--
vipps: loads without FFI; classes, hierarchy and constants
--EXTENSIONS--
vipps
--FILE--
<?php
var_dump(!extension_loaded('ffi') || ini_get('ffi.enable') === '0');
var_dump(extension_loaded('vipps'), Vipps\VERSION, Vipps\library_version() === Vipps\VERSION);
$rc = new ReflectionClass(Vipps\Client::class);
var_dump($rc->isFinal());
foreach (['InvalidArgument', 'NotAllowed', 'Network', 'Timeout', 'TLS', 'Protocol', 'OutcomeUnknown',
          'Authentication', 'NotFound', 'Rejected', 'RateLimited', 'Server', 'Internal'] as $name) {
    $class = "Vipps\\{$name}Exception";
    if (!is_subclass_of($class, Vipps\Exception::class)) echo "$class is not a Vipps\\Exception\n";
}
var_dump(is_subclass_of(Vipps\Exception::class, RuntimeException::class));
foreach (['httpStatus', 'errorGroup', 'errorCode', 'contextId', 'retryable', 'outcomeUnknown', 'requestId', 'status', 'field'] as $p) {
    $rp = new ReflectionProperty(Vipps\Exception::class, $p);
    echo $p, ': ', $rp->getType(), $rp->isReadOnly() ? ' readonly' : '', "\n";
}
$e = new Vipps\ServerException('by hand');
var_dump($e->httpStatus, $e->getErrorGroup(), $e->isRetryable(), $e->getStatus(), $e->getField());
try { $e->httpStatus = 500; } catch (Error $x) { echo $x->getMessage(), "\n"; }
echo Vipps\STATE_UNKNOWN, Vipps\STATE_INITIATED, Vipps\STATE_RESERVED, Vipps\STATE_PARTIALLY_CAPTURED,
     Vipps\STATE_CAPTURED, Vipps\STATE_PARTIALLY_REFUNDED, Vipps\STATE_REFUNDED, Vipps\STATE_CANCELLED,
     Vipps\STATE_VOIDED, Vipps\STATE_FAILED, "\n", Vipps\STATE_EXPIRED, "\n";
echo Vipps\state_name(Vipps\STATE_PARTIALLY_CAPTURED), ' ', Vipps\state_name(PHP_INT_MAX), "\n";
$client = new Vipps\Client(['base_url' => 'https://127.0.0.1:9', 'client_id' => 'id', 'client_secret' => 's',
                             'subscription_key' => 'k', 'merchant_serial_number' => '123456']);
try { $client->__construct([]); } catch (Error $x) { echo get_class($x), ': ', $x->getMessage(), "\n"; }
try { clone $client; } catch (Error $x) { echo $x->getMessage(), "\n"; }
try { serialize($client); } catch (Exception $x) { echo $x->getMessage(), "\n"; }
?>
--EXPECT--
bool(true)
bool(true)
string(5) "0.2.0"
bool(true)
bool(true)
bool(true)
httpStatus: int readonly
errorGroup: ?string readonly
errorCode: ?string readonly
contextId: ?string readonly
retryable: bool readonly
outcomeUnknown: bool readonly
requestId: ?string readonly
status: int readonly
field: ?string readonly
int(0)
NULL
bool(false)
int(0)
NULL
Cannot modify readonly property Vipps\Exception::$httpStatus
0123456789
10
partially_captured unknown
Error: Vipps\Client is already constructed
Trying to clone an uncloneable object of class Vipps\Client
Serialization of 'Vipps\Client' is not allowed
