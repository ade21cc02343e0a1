--TEST--
VippsFFI (FFI::cdef, no extension): declarations match vipps.h; initiate, force approve, details, errors
--SKIPIF--
<?php
if (!extension_loaded('ffi')) die('skip FFI not available');
if (!getenv('VIPPS_SIM_URL')) die('skip VIPPS_SIM_URL not set (run through scripts/with-simulator.sh)');
?>
--INI--
ffi.enable=1
--FILE--
<?php
require __DIR__ . '/../Vipps.php';
var_dump(extension_loaded('vipps'));

/* Every prototype in vipps_ffi.h must appear, token for token, in vipps.h. */
$norm = fn(string $s) => preg_replace(['/\s+/', '/\s*([(),*;])\s*/'], [' ', '$1'], $s);
$header = getenv('VIPPS_HEADER') ?: __DIR__ . '/../../../../include/vipps.h';
$full = $norm(preg_replace(['#/\*.*?\*/#s', '/^#.*$/m'], '', file_get_contents($header)));
$ours = preg_replace(['#/\*.*?\*/#s', '/^#.*$/m'], '', file_get_contents(__DIR__ . '/../vipps_ffi.h'));
$missing = 0;
foreach (array_filter(array_map('trim', explode(';', $ours))) as $decl) {
    if (str_starts_with($decl, 'typedef')) continue;
    if (!str_contains($full, $norm($decl) . ';')) { echo "not in vipps.h: $decl\n"; $missing++; }
}
echo "declarations checked, $missing missing\n";

$config = [
    'base_url' => getenv('VIPPS_SIM_URL'), 'ca_file' => getenv('VIPPS_SIM_CA'),
    'client_id' => getenv('VIPPS_SIM_CLIENT_ID'), 'client_secret' => getenv('VIPPS_SIM_CLIENT_SECRET'),
    'subscription_key' => getenv('VIPPS_SIM_SUBSCRIPTION_KEY'), 'merchant_serial_number' => getenv('VIPPS_SIM_MSN'),
    'retry' => ['max_attempts' => 4, 'initial_backoff_ms' => 20, 'max_backoff_ms' => 200, 'call_deadline_ms' => 20000],
];
$client = new VippsFFI\Client($config);
$orderId = sprintf('php-ffi-%d-%d', getmypid(), time());
$init = $client->initiate(['order_id' => $orderId, 'amount' => 25000, 'transaction_text' => 'FFI order',
    'callback_prefix' => 'https://shop.example/vipps', 'fallback_url' => 'https://shop.example/done']);
var_dump($init['order_id'] === $orderId, str_starts_with($init['url'], 'https://'), $init['token'] !== null);
$client->forceApprove($orderId, $init['token'], '91234567');
$p = $client->details($orderId);
printf("%s state=%d amount=%d to_capture=%d log=%s\n", $p['state_name'], $p['state'], $p['amount'],
       $p['remaining_to_capture'], implode(',', array_column($p['log'], 'operation')));
var_dump($p['state'] === VippsFFI\STATE_RESERVED);

try { $client->details('no-such-order-42'); }
catch (VippsFFI\NotFoundException $e) {
    var_dump($e->httpStatus, $e->errorGroup, $e->errorCode, $e->getStatus(), $e->contextId !== null, $e instanceof RuntimeException);
}
try { $client->details("a\0b"); } catch (VippsFFI\InvalidArgumentException $e) { echo $e->getMessage(), "\n"; }
try { $client->initiate(['amount' => 5]); } catch (VippsFFI\InvalidArgumentException $e) { echo $e->getMessage(), "\n"; }
try { new VippsFFI\Client(['merchant_serial_number' => 'x'] + $config); }
catch (VippsFFI\InvalidArgumentException $e) { echo $e->getMessage(), "\n"; }

$wrong = new VippsFFI\Client(['client_secret' => 'ffi-wrong-secret-123'] + $config);
try { $wrong->details($orderId); }
catch (VippsFFI\AuthenticationException $e) {
    echo get_class($e), ' leaked=', var_export(str_contains($e->getMessage() . $e->getTraceAsString(), 'ffi-wrong-secret-123'), true), "\n";
}

$prod = new VippsFFI\Client(['environment' => 'production'] + array_diff_key($config, ['base_url' => 1, 'ca_file' => 1]));
try { $prod->forceApprove('order-1', 'token'); } catch (VippsFFI\NotAllowedException $e) { echo get_class($e), ' ', $e->status, "\n"; }

var_dump(VippsFFI\verify_callback('tok', 'tok'), VippsFFI\verify_callback('tok', 'nope'), VippsFFI\verify_callback('tok', null));

$t = $client->capture($orderId, 10000, 'Shipped', "$orderId-capture-1");
printf("capture: captured=%d to_capture=%d\n", $t['captured_amount'], $t['remaining_to_capture']);
?>
--EXPECTF--
bool(false)
declarations checked, 0 missing
bool(true)
bool(true)
bool(true)
reserved state=2 amount=25000 to_capture=25000 log=RESERVE,INITIATE
bool(true)
int(404)
string(8) "Merchant"
string(2) "35"
int(21)
bool(true)
bool(true)
order_id must not contain NUL bytes
amount: %s
merchant_serial_number: %s
VippsFFI\AuthenticationException leaked=false
VippsFFI\NotAllowedException 2
bool(true)
bool(false)
bool(false)
capture: captured=10000 to_capture=15000
