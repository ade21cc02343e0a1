--TEST--
vipps: callback verification and parsing, shipping request/response, consent removal
--EXTENSIONS--
vipps
--FILE--
<?php
var_dump(Vipps\verify_callback('shop-token', 'shop-token'));
var_dump(Vipps\verify_callback('shop-token', 'shop-tokeN'));
var_dump(Vipps\verify_callback('shop-token', null));
var_dump(Vipps\verify_callback('shop-token', ''));
var_dump(Vipps\verify_callback('shop-token', "shop-token\0"));
try { Vipps\verify_callback('', 'x'); } catch (Vipps\InvalidArgumentException $e) { echo $e->getMessage(), "\n"; }
try { Vipps\verify_callback("TOKEN-SECRET\0", 'x'); } catch (Vipps\InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
    var_dump(str_contains($e->getTraceAsString() . print_r($e->getTrace(), true), 'TOKEN-SECRET'));
}

$regular = Vipps\parse_callback(json_encode(['merchantSerialNumber' => '123456', 'orderId' => 'order-1',
    'transactionInfo' => ['amount' => 20000, 'status' => 'RESERVED', 'timeStamp' => '2026-11-25T16:40:00.123Z',
                          'transactionId' => '5001420062']]));
printf("%s %s %s %d %s %d %s %s express=%s city=%s\n", $regular['order_id'], $regular['merchant_serial_number'],
    $regular['status'], $regular['state'], $regular['state_name'], $regular['amount'], $regular['transaction_id'],
    $regular['timestamp'], var_export($regular['is_express'], true), var_export($regular['city'], true));
var_dump($regular['state'] === Vipps\STATE_RESERVED);

$express = Vipps\parse_callback(json_encode(['merchantSerialNumber' => '123456', 'orderId' => 'order-2',
    'shippingDetails' => ['address' => ['addressLine1' => 'Robert Levins gate 5', 'addressLine2' => null, 'city' => 'Oslo',
                                        'country' => 'NO', 'postCode' => '0154'],
                          'shippingCost' => 99.5, 'shippingMethod' => 'Posten', 'shippingMethodId' => 'posten-1'],
    'transactionInfo' => ['amount' => 20000, 'status' => 'RESERVE', 'timeStamp' => '2026-11-25T16:40:00.123Z',
                          'transactionId' => '5001420063'],
    'userDetails' => ['email' => 'ada@example.no', 'firstName' => 'Ada', 'lastName' => 'Lovelace',
                      'mobileNumber' => '91234567', 'userId' => 'uid-1']]));
printf("express=%s %s %s %d %s, %s %s %s | %s %s %s %s %s\n", var_export($express['is_express'], true),
    $express['shipping_method_id'], $express['shipping_method'], $express['shipping_cost'], $express['address_line1'],
    $express['post_code'], $express['city'], $express['country'], $express['first_name'], $express['last_name'],
    $express['email'], $express['phone_number'], $express['user_id']);

$failed = Vipps\parse_callback(json_encode(['merchantSerialNumber' => '123456', 'orderId' => 'order-3',
    'transactionInfo' => ['amount' => 20000, 'status' => 'RESERVE_FAILED', 'timeStamp' => '2026-11-25T16:40:00.123Z',
                          'transactionId' => '5001420064'],
    'errorInfo' => ['errorGroup' => 'Payment', 'errorCode' => '45', 'errorMessage' => 'Refused']]));
echo $failed['state_name'], "\n";

foreach (['{not json', '', '[]', "{\"orderId\":\"a\0b\"}"] as $body) {
    try { Vipps\parse_callback($body); echo "parsed\n"; }
    catch (Vipps\Exception $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
}

$request = Vipps\parse_shipping_request(json_encode(['addressId' => 7, 'addressLine1' => 'Dronning Eufemias gate 42',
    'addressLine2' => '', 'city' => 'Oslo', 'country' => 'Norway', 'postCode' => '0191', 'addressType' => 'H']));
echo json_encode($request), "\n";
echo Vipps\shipping_response_json($request['address_id'], 'order-2', [
    ['method_id' => 'posten', 'method' => 'Posten', 'cost' => 9900, 'is_default' => true, 'priority' => 0],
    ['method_id' => 'pickup', 'method' => 'Pick up in store', 'cost' => 0, 'priority' => 1],
]), "\n";
foreach ([[['method' => 'x', 'cost' => 1]], ['x'], [['method_id' => 'a', 'method' => 'b', 'cost' => 1, 'priority' => PHP_INT_MAX]],
          [['method_id' => 'a', 'method' => 'b', 'cost' => 1, 'colour' => 'red']]] as $options) {
    try { Vipps\shipping_response_json(7, 'order-2', $options); echo "built\n"; }
    catch (Vipps\Exception $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
}
try { Vipps\parse_shipping_request('{}'); echo "parsed\n"; } catch (Vipps\Exception $e) { echo get_class($e), "\n"; }

echo Vipps\consent_removal_user_id('/vipps/v2/consents/uid%2B1'), "\n";
try { Vipps\consent_removal_user_id('/vipps/v2/payments/x'); } catch (Vipps\Exception $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
?>
--EXPECTF--
bool(true)
bool(false)
bool(false)
bool(false)
bool(false)
auth_token: must not be empty
expected must not contain NUL bytes
bool(false)
order-1 123456 RESERVED 2 reserved 20000 5001420062 2026-11-25T16:40:00.123Z express=false city=NULL
bool(true)
express=true posten-1 Posten 9950 Robert Levins gate 5, 0154 Oslo NO | Ada Lovelace ada@example.no 91234567 uid-1
failed
Vipps\InvalidArgumentException: %s
Vipps\InvalidArgumentException: %s
Vipps\InvalidArgumentException: %s
Vipps\InvalidArgumentException: body must not contain NUL bytes
{"address_id":7,"address_line1":"Dronning Eufemias gate 42","address_line2":"","city":"Oslo","post_code":"0191","country":"Norway","address_type":"H"}
{"addressId":7,"orderId":"order-2","shippingDetails":[{"isDefault":"Y","priority":0,"shippingCost":99,"shippingMethod":"Posten","shippingMethodId":"posten"},{"isDefault":"N","priority":1,"shippingCost":0,"shippingMethod":"Pick up in store","shippingMethodId":"pickup"}]}
Vipps\InvalidArgumentException: options[0] needs method_id, method and cost
Vipps\InvalidArgumentException: options[0] must be an array
Vipps\InvalidArgumentException: options[0].priority is out of range
Vipps\InvalidArgumentException: options[0] has an unknown key (expected method_id, method, cost, is_default, priority)
%s
uid+1
Vipps\InvalidArgumentException: path: %s
