--TEST--
vipps (simulator): webhooks received over HTTP verify, tampered ones are refused by reason; the published vector; Userinfo of a sub
--EXTENSIONS--
vipps
--SKIPIF--
<?php require __DIR__ . '/skip_sim.inc'; ?>
--FILE--
<?php
require __DIR__ . '/sim.inc';

/* The published vector: it verifies (then its body is no event), and refuses when stale. */
$secret = 'A0+AeKBRG2KRGvnNwJpQlb6IJFk48CKXCIcrLoHncVJKDILsQSxS6NWCccwWm6r6FhGKhiHTBsG2wo/xU6FY/A==';
$url = 'https://webhook.site/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63';
$body = '{"some-unique-content":"ee6e441b-cc4a-46f8-895d-a5af79bcc233/hello-world"}';
$headers = ['x-ms-date' => 'Thu, 30 Mar 2023 08:38:32 GMT',
    'x-ms-content-sha256' => 'lNlsp1XA03N34HrQsVzPgJKtC+r7l/RBF4V3JQUWMj4=',
    'Authorization' => 'HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U='];
function attempt(callable $f): string {
    try { $f(); return 'verified'; }
    catch (Vipps\WebhookRefusedException $e) { return "refused {$e->reasonCode} " . ($e->reason) . (str_contains($e->getMessage(), 'A0+AeKBRG') ? ' LEAK' : ''); }
    catch (Vipps\Exception $e) { return get_class($e) . ': ' . $e->getMessage(); }
}
echo 'vector: ', attempt(fn() => Vipps\verify_webhook($body, $headers, $url, $secret, -1, 1680165512)), "\n";
echo 'stale: ', attempt(fn() => Vipps\verify_webhook($body, $headers, $url, $secret, -1, 1680165512 + 301)), "\n";
echo 'wrong secret: ', attempt(fn() => Vipps\verify_webhook($body, $headers, $url, 'nope', 0)), "\n";
echo 'is authentication: ', var_export(is_subclass_of('Vipps\WebhookRefusedException', 'Vipps\AuthenticationException'), true), "\n";

/* From the simulator: a receiver on loopback. */
$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
$port = (int)substr(strrchr(stream_socket_get_name($server, false), ':'), 1);
$hook = "http://127.0.0.1:$port/php/webhooks?x=1";
$client = sim_client(['api' => 'epayment']);
$registration = $client->registerWebhook($hook, ['epayments.payment.authorized.v1']);
echo 'registered: ', strlen($registration['id']), ' ', strlen($registration['secret']) >= 32 ? 'secret' : 'no secret', "\n";
$listed = array_values(array_filter($client->webhooks(), fn($w) => $w['id'] === $registration['id']));
echo 'listed: ', $listed[0]['url'] === $hook ? 'url' : 'other', ' ', implode(',', $listed[0]['events']), ' ', isset($listed[0]['secret']) ? 'SECRET' : 'no secret', "\n";
$orderId = reserved_payment($client, 'webhook', 3100);
$connection = stream_socket_accept($server, 10);
$request = '';
while (!str_contains($request, "\r\n\r\n")) { $request .= fread($connection, 8192); }
[$head, $received] = explode("\r\n\r\n", $request, 2);
$lines = explode("\r\n", $head);
$requestLine = array_shift($lines);
$got = [];
foreach ($lines as $line) { [$name, $value] = explode(':', $line, 2); $got[$name] = trim($value); }
$length = (int)($got['Content-Length'] ?? $got['content-length'] ?? 0);
while (strlen($received) < $length) { $received .= fread($connection, $length - strlen($received)); }
fwrite($connection, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
fclose($connection);
echo 'request: ', $requestLine, "\n";
$event = Vipps\verify_webhook($received, $got, $hook, ['an-older-secret', $registration['secret']]);
printf("event: %s kind=%d %s amount=%d %s success=%s\n", $event['name'], $event['kind'],
    $event['reference'] === $orderId ? 'reference' : 'other', $event['amount'], $event['currency'],
    var_export($event['success'], true));
echo 'kind constant: ', var_export($event['kind'] === Vipps\EVENT_AUTHORIZED, true), "\n";
$s = $registration['secret'];
echo 'body: ', attempt(fn() => Vipps\verify_webhook(str_replace('3100', '3101', $received), $got, $hook, $s)), "\n";
$stale = $got;
foreach ($stale as $name => $value) if (strcasecmp($name, 'x-ms-date') === 0) $stale[$name] = 'Thu, 30 Mar 2023 08:38:32 GMT';
echo 'date: ', attempt(fn() => Vipps\verify_webhook($received, $stale, $hook, $s)), "\n";
echo 'path: ', attempt(fn() => Vipps\verify_webhook($received, $got, str_replace('/php/', '/proxy/', $hook), $s)), "\n";
echo 'secret: ', attempt(fn() => Vipps\verify_webhook($received, $got, $hook, 'not-the-secret')), "\n";
$client->deleteWebhook($registration['id']);
echo 'deleted again: ', attempt(fn() => $client->deleteWebhook($registration['id'])), "\n";

/* Userinfo: a payment with a scope, approved, gives a sub and the consented claims. */
foreach (['epayment', 'ecom'] as $api) {
    $c = sim_client(['api' => $api]);
    $id = unique_order_id("ui-$api");
    $i = $c->initiate(['order_id' => $id, 'amount' => 1000, 'transaction_text' => 'Profile',
        'callback_prefix' => 'https://shop.example/vipps', 'fallback_url' => 'https://shop.example/done',
        'phone_number' => '91234567', 'scope' => 'name phoneNumber']);
    $c->forceApprove($id, $i['token'] ?? '', '91234567');
    $sub = $c->details($id)['sub'];
    $info = $c->userinfo($sub);
    printf("$api userinfo: sub=%s phone=%s name=%s email=%s\n", $info['sub'] === $sub ? 'same' : 'other',
        $info['phone_number'], $info['given_name'] !== null ? 'yes' : 'no', var_export($info['email'], true));
}
?>
--EXPECTF--
vector: Vipps\InvalidArgumentException: body: has no event name
stale: refused date_outside_window 3
wrong secret: refused signature_mismatch 9
is authentication: true
registered: 36 secret
listed: url epayments.payment.authorized.v1 no secret
request: POST /php/webhooks?x=1 HTTP/1.1
event: AUTHORIZED kind=7 reference amount=3100 NOK success=true
kind constant: true
body: refused content_hash_mismatch 6
date: refused signature_mismatch 9
path: refused signature_mismatch 9
secret: refused signature_mismatch 9
deleted again: Vipps\NotFoundException: %s
epayment userinfo: sub=same phone=4791234567 name=yes email=NULL
ecom userinfo: sub=same phone=4791234567 name=yes email=NULL
