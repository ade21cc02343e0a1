--TEST--
vipps: invalid arguments throw Vipps\InvalidArgumentException naming the field, never a value
--EXTENSIONS--
vipps
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
$good = ['base_url' => 'https://127.0.0.1:9', 'client_id' => 'id', 'client_secret' => 'SECRET-VALUE-1',
         'subscription_key' => 'SUBKEY-VALUE-2', 'merchant_serial_number' => '123456'];
function attempt(string $label, callable $f): void {
    try {
        $f();
        echo "$label: no exception\n";
    } catch (Vipps\Exception $e) {
        /* What a logger would record: the message, the trace text, and the arguments the trace
           keeps for the binding's own frames (the test's closures hold the values themselves). */
        $frames = array_filter($e->getTrace(), fn($f) => str_starts_with($f['class'] ?? '', 'Vipps\\'));
        $text = $e->getMessage() . $e->getTraceAsString() . print_r($frames, true);
        foreach (['SECRET-VALUE-1', 'SUBKEY-VALUE-2', 'CALLBACK-TOKEN-3'] as $secret) {
            if (str_contains($text, $secret)) echo "$label: LEAKED $secret\n";
        }
        printf("%s: %s status=%d | %s\n", $label, get_class($e), $e->status, $e->getMessage());
    } catch (TypeError $e) {
        printf("%s: TypeError | %s\n", $label, $e->getMessage());
    }
}
attempt('missing secret', fn() => new Vipps\Client(array_diff_key($good, ['client_secret' => 1])));
attempt('bad msn', fn() => new Vipps\Client(['merchant_serial_number' => 'abc'] + $good));
attempt('unknown key', fn() => new Vipps\Client($good + ['clientsecret' => 'x']));
attempt('int key', fn() => new Vipps\Client($good + [0 => 'x']));
attempt('secret type', fn() => new Vipps\Client(['client_secret' => 42] + $good));
attempt('secret NUL', fn() => new Vipps\Client(['client_secret' => "SECRET-VALUE-1\0x"] + $good));
attempt('environment', fn() => new Vipps\Client(['environment' => 'staging'] + $good));
attempt('production and base_url', fn() => new Vipps\Client(['environment' => 'production'] + $good));
attempt('base_url with CRLF', fn() => new Vipps\Client(['base_url' => "https://127.0.0.1:9/x HTTP/1.1\r\nX-Evil: 1"] + $good));
attempt('timeouts', fn() => new Vipps\Client($good + ['timeouts' => ['connect_ms' => 0]]));
attempt('timeouts key', fn() => new Vipps\Client($good + ['timeouts' => ['connect' => 1000]]));
attempt('timeouts type', fn() => new Vipps\Client($good + ['timeouts' => ['read_ms' => '5000']]));
attempt('retry', fn() => new Vipps\Client($good + ['retry' => ['max_attempts' => 99]]));
attempt('system_info', fn() => new Vipps\Client($good + ['system_info' => ['system_name' => str_repeat('x', 31)]]));
attempt('ca_file', fn() => new Vipps\Client($good + ['ca_file' => '/nonexistent/ca.pem']));
attempt('config type', fn() => new Vipps\Client('nope'));

$client = new Vipps\Client($good + ['timeouts' => ['connect_ms' => 1000], 'system_info' => ['plugin_name' => 'phpt']]);
$params = ['order_id' => 'order-1', 'amount' => 20000, 'transaction_text' => 'Socks',
           'callback_prefix' => 'https://shop.example/vipps', 'fallback_url' => 'https://shop.example/done'];
attempt('amount', fn() => $client->initiate(['amount' => 5] + $params));
attempt('amount type', fn() => $client->initiate(['amount' => 99.5] + $params));
attempt('order id', fn() => $client->initiate(['order_id' => 'bad id!'] + $params));
attempt('phone', fn() => $client->initiate($params + ['phone_number' => '12']));
attempt('auth token', fn() => $client->initiate($params + ['auth_token' => "CALLBACK-TOKEN-3\n"]));
attempt('express flag', fn() => $client->initiate($params + ['express' => 'yes']));
attempt('unknown param', fn() => $client->initiate($params + ['amout' => 1]));
attempt('static shipping', fn() => $client->initiate($params + ['static_shipping' => [['method_id' => 'a']]]));
attempt('static shipping type', fn() => $client->initiate($params + ['static_shipping' => 'x']));
attempt('missing field', fn() => $client->initiate(array_diff_key($params, ['fallback_url' => 1])));
attempt('details NUL', fn() => $client->details("order-1\0other"));
attempt('details empty', fn() => $client->details(''));
attempt('capture text', fn() => $client->capture('order-1', 100, ''));
attempt('capture key', fn() => $client->capture('order-1', 100, 'Shipped', str_repeat('k', 41)));
attempt('refund amount', fn() => $client->refund('order-1', -1, 'Returned'));
attempt('wait timeout', fn() => $client->wait('order-1', 0));
attempt('force approve args', fn() => $client->forceApprove('order-1', ''));
/* The library names the refused setting; a key left out keeps the library's default (the
   binding does not restate it), so a lone initial backoff above the default maximum is
   refused by the client, naming the maximum. */
foreach ([['timeouts' => ['connect_ms' => 0]], ['retry' => ['initial_backoff_ms' => 10000]],
          ['poll' => ['interval_ms' => 1]]] as $extra) {
    try { new Vipps\Client($good + $extra); echo "no exception\n"; }
    catch (Vipps\InvalidArgumentException $e) { echo 'field: ', $e->field, ' ', $e->getField(), "\n"; }
}
new Vipps\Client($good + ['retry' => ['initial_backoff_ms' => 10000, 'max_backoff_ms' => 20000]]);
echo "both backoffs: ok\n";
?>
--EXPECTF--
missing secret: Vipps\InvalidArgumentException status=1 | %Sclient_secret%S
bad msn: Vipps\InvalidArgumentException status=1 | merchant_serial_number%s
unknown key: Vipps\InvalidArgumentException status=1 | config has an unknown key 'clientsecret'
int key: Vipps\InvalidArgumentException status=1 | config must have string keys
secret type: Vipps\InvalidArgumentException status=1 | config['client_secret'] must be a string, int given
secret NUL: Vipps\InvalidArgumentException status=1 | config['client_secret'] must not contain NUL bytes
environment: Vipps\InvalidArgumentException status=1 | config['environment'] must be 'test' or 'production'
production and base_url: Vipps\InvalidArgumentException status=1 | %Sbase_url%S
base_url with CRLF: Vipps\InvalidArgumentException status=1 | %Sbase_url%S
timeouts: Vipps\InvalidArgumentException status=1 | %s
timeouts key: Vipps\InvalidArgumentException status=1 | config['timeouts'] has an unknown key
timeouts type: Vipps\InvalidArgumentException status=1 | config['timeouts']['read_ms'] must be an int, string given
retry: Vipps\InvalidArgumentException status=1 | %s
system_info: Vipps\InvalidArgumentException status=1 | %s
ca_file: Vipps\%sException status=%d | %s
config type: TypeError | Vipps\Client::__construct(): Argument #1 ($config) must be of type array, string given
amount: Vipps\InvalidArgumentException status=1 | %Samount%S
amount type: Vipps\InvalidArgumentException status=1 | params['amount'] must be an int, float given
order id: Vipps\InvalidArgumentException status=1 | %Sorder%S
phone: Vipps\InvalidArgumentException status=1 | %Sphone%S
auth token: Vipps\InvalidArgumentException status=1 | %s
express flag: Vipps\InvalidArgumentException status=1 | params['express'] must be a bool
unknown param: Vipps\InvalidArgumentException status=1 | params has an unknown key 'amout'
static shipping: Vipps\InvalidArgumentException status=1 | params['static_shipping'][0] needs method_id, method and cost
static shipping type: Vipps\InvalidArgumentException status=1 | params['static_shipping'] must be a list of arrays
missing field: Vipps\InvalidArgumentException status=1 | %Sfall%S
details NUL: Vipps\InvalidArgumentException status=1 | order_id must not contain NUL bytes
details empty: Vipps\InvalidArgumentException status=1 | %s
capture text: Vipps\InvalidArgumentException status=1 | %s
capture key: Vipps\InvalidArgumentException status=1 | %s
refund amount: Vipps\InvalidArgumentException status=1 | %s
wait timeout: Vipps\InvalidArgumentException status=1 | %s
force approve args: Vipps\InvalidArgumentException status=1 | %s
field: connect_timeout_ms connect_timeout_ms
field: max_backoff_ms max_backoff_ms
field: poll_interval_ms poll_interval_ms
both backoffs: ok
