<?php
/*
 * Runs the shared libvipps corpus (cases.json) through the PHP extension against vipps-sim.
 *
 *   scripts/with-simulator.sh SIM STATE -- php -d extension=bindings/php/ext/modules/vipps.so \
 *       -d ffi.enable=0 bindings/corpus/run_corpus.php [cases.json]
 *
 * Prints one line per case and a final "N passed, M failed"; exits 1 on any failure, 2 on a setup
 * error. The semantics are those of README.md; run_corpus.c and run_corpus.py implement the same.
 */
declare(strict_types=1);

const DEFAULT_TEXT = 'libvipps corpus';
const DEFAULT_CALLBACK = 'https://shop.example/vipps';
const DEFAULT_FALLBACK = 'https://shop.example/order';

const ERROR_NAMES = [
    1 => 'invalid_argument', 2 => 'not_allowed', 10 => 'network', 11 => 'timeout', 12 => 'tls',
    13 => 'protocol', 14 => 'outcome_unknown', 20 => 'authentication', 21 => 'not_found',
    22 => 'rejected', 23 => 'rate_limited', 24 => 'server', 99 => 'internal',
];

const TRANSACTION_KEYS = ['order_id', 'status', 'amount', 'captured', 'refunded', 'remaining_to_capture',
                          'remaining_to_refund', 'request_id'];
const RESULT_KEYS = [
    'initiate' => ['order_id', 'url_contains', 'has_token'],
    'approve' => [],
    'details' => ['order_id', 'state', 'amount', 'captured', 'refunded', 'remaining_to_capture',
                  'remaining_to_refund', 'log_count', 'currency', 'cancelled', 'events'],
    'capture' => TRANSACTION_KEYS, 'refund' => TRANSACTION_KEYS, 'cancel' => TRANSACTION_KEYS,
    'status' => TRANSACTION_KEYS,
];
const ERROR_KEYS = ['error', 'code', 'group', 'http', 'message_contains'];
const APIS = ['ecom', 'epayment'];
/* The sales unit a case runs on: the simulator's default one (Norway, NOK), or a MobilePay one. */
const MARKETS = ['norway' => 'VIPPS_SIM_MSN', 'denmark' => 'VIPPS_SIM_MSN_DENMARK', 'finland' => 'VIPPS_SIM_MSN_FINLAND'];

/* args / expect as they apply to $api: its per-API array merged over the rest (null removes a key). */
function for_api(array $value, string $api): array
{
    $merged = array_diff_key($value, array_flip(APIS));
    foreach ($value[$api] ?? [] as $k => $v) {
        if ($v === null) {
            unset($merged[$k]);
        } else {
            $merged[$k] = $v;
        }
    }
    return $merged;
}

final class StepFailed extends Exception {}

function substitute(mixed $value, array $orders): mixed
{
    if (is_string($value)) {
        return str_replace(['$expires', '$order2', '$order'], [$orders['$expires'], $orders['$order2'], $orders['$order']],
                           $value);
    }
    if (is_array($value)) {
        return array_map(fn ($v) => substitute($v, $orders), $value);
    }
    return $value;
}

function show(mixed $v): string
{
    return json_encode($v, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
}

function result_fields(string $op, ?array $r): array
{
    if ($op === 'initiate') {
        return ['order_id' => $r['order_id'], 'url' => $r['url'], 'has_token' => $r['token'] !== null];
    }
    if ($op === 'details') {
        $counts = [];
        foreach ($r['log'] as $entry) {
            $counts[$entry['operation']] = ($counts[$entry['operation']] ?? 0) + 1;
        }
        return ['order_id' => $r['order_id'], 'state' => $r['state_name'], 'amount' => $r['amount'],
                'captured' => $r['captured_amount'], 'refunded' => $r['refunded_amount'],
                'remaining_to_capture' => $r['remaining_to_capture'],
                'remaining_to_refund' => $r['remaining_to_refund'], 'log_count' => $counts,
                'currency' => $r['currency'], 'cancelled' => $r['cancelled_amount'],
                'events' => array_column($r['events'], 'name')];
    }
    if (in_array($op, ['capture', 'refund', 'cancel', 'status'], true)) {
        return ['order_id' => $r['order_id'], 'status' => $r['status'], 'amount' => $r['amount'],
                'captured' => $r['captured_amount'], 'refunded' => $r['refunded_amount'],
                'remaining_to_capture' => $r['remaining_to_capture'],
                'remaining_to_refund' => $r['remaining_to_refund'], 'request_id' => $r['request_id']];
    }
    return [];
}

/* A capture or refund amount: øre, or "remaining" for Vipps\Client::REMAINING. */
function corpus_amount(array $args): mixed
{
    $value = $args['amount'] ?? null;
    return $value === 'remaining' ? Vipps\Client::REMAINING : $value;
}

function run_step(array $clients, string $api, array $step, array &$tokens): void
{
    $op = $step['op'];
    $args = for_api($step['args'] ?? [], $api);
    $expect = for_api($step['expect'] ?? [], $api);
    $via = $step['via'] ?? $api;
    if (!isset($clients[$via])) {
        throw new StepFailed("unknown via '$via'");
    }
    $client = $clients[$via];
    if (!array_key_exists($op, RESULT_KEYS)) {
        throw new StepFailed("unknown op '$op'");
    }
    foreach (array_keys($expect) as $key) {
        if ($key !== 'ok' && !in_array($key, RESULT_KEYS[$op], true) && !in_array($key, ERROR_KEYS, true)) {
            throw new StepFailed("expect key '$key' is not supported for $op");
        }
    }
    $order = $args['order'] ?? '';
    $text = $args['text'] ?? DEFAULT_TEXT;
    $result = null;
    try {
        switch ($op) {
            case 'initiate':
                $params = [
                    'order_id' => $order, 'amount' => $args['amount'] ?? 0, 'transaction_text' => $text,
                    'callback_prefix' => $args['callback_prefix'] ?? DEFAULT_CALLBACK,
                    'fallback_url' => $args['fallback_url'] ?? DEFAULT_FALLBACK,
                ];
                $names = ['phone' => 'phone_number', 'currency' => 'currency', 'user_flow' => 'user_flow',
                          'customer_phone' => 'customer_phone_number', 'customer_personal_qr' => 'customer_personal_qr',
                          'expires_at' => 'expires_at', 'receipt_lines' => 'receipt_lines', 'qr_format' => 'qr_format',
                          'qr_size' => 'qr_size', 'is_app' => 'is_app', 'skip_landing_page' => 'skip_landing_page'];
                foreach ($names as $corpusName => $phpName) {
                    if (array_key_exists($corpusName, $args)) {
                        $params[$phpName] = $args[$corpusName];
                    }
                }
                $result = $client->initiate($params);
                /* A payment without a landing page (PUSH_MESSAGE) is approved with "". */
                $tokens[$order] = $result['token'] ?? '';
                break;
            case 'approve':
                if (!isset($tokens[$order])) {
                    throw new StepFailed("approve: no landing token for $order (initiate it first)");
                }
                $client->forceApprove($order, $tokens[$order], $args['phone'] ?? null);
                break;
            case 'details':
                $result = $client->details($order);
                break;
            case 'capture':
                $result = $client->capture($order, corpus_amount($args), $text, $args['key'] ?? null);
                break;
            case 'refund':
                $result = $client->refund($order, corpus_amount($args), $text, $args['key'] ?? null);
                break;
            case 'cancel':
                $result = $client->cancel($order, $text, (bool) ($args['release'] ?? false));
                break;
            default:
                $result = $client->status($order);
        }
    } catch (Vipps\Exception $e) {
        $name = ERROR_NAMES[$e->status] ?? (string) $e->status;
        if (!array_key_exists('error', $expect)) {
            throw new StepFailed("expected success, got $name: " . $e->getMessage());
        }
        $problems = [];
        if ($name !== $expect['error']) {
            $problems[] = "error $name != {$expect['error']}";
        }
        if (array_key_exists('code', $expect) && $e->errorCode !== $expect['code']) {
            $problems[] = 'code ' . show($e->errorCode) . ' != ' . show($expect['code']);
        }
        if (array_key_exists('group', $expect) && strtolower($e->errorGroup ?? '') !== strtolower($expect['group'])) {
            $problems[] = 'group ' . show($e->errorGroup) . ' != ' . show($expect['group']);
        }
        if (array_key_exists('http', $expect) && $e->httpStatus !== $expect['http']) {
            $problems[] = "http {$e->httpStatus} != {$expect['http']}";
        }
        if (array_key_exists('message_contains', $expect) && !str_contains($e->getMessage(), $expect['message_contains'])) {
            $problems[] = 'message ' . show($e->getMessage()) . ' lacks ' . show($expect['message_contains']);
        }
        if ($problems) {
            throw new StepFailed(implode('; ', $problems) . ' (' . $e->getMessage() . ')');
        }
        return;
    }
    if (array_key_exists('error', $expect)) {
        throw new StepFailed("expected error {$expect['error']}, got success");
    }
    $fields = result_fields($op, $result);
    $problems = [];
    foreach ($expect as $key => $want) {
        if ($key === 'ok') {
            continue;
        }
        if ($key === 'url_contains') {
            if (!str_contains($fields['url'] ?? '', $want)) {
                $problems[] = 'url ' . show($fields['url']) . ' lacks ' . show($want);
            }
        } elseif ($key === 'log_count') {
            foreach ($want as $operation => $n) {
                $got = $fields['log_count'][$operation] ?? 0;
                if ($got !== $n) {
                    $problems[] = "log_count[$operation] $got != $n";
                }
            }
        } elseif ($fields[$key] !== $want) {
            $problems[] = "$key " . show($fields[$key]) . ' != ' . show($want);
        }
    }
    if ($problems) {
        throw new StepFailed(implode('; ', $problems));
    }
}

function main(array $argv): int
{
    $path = $argv[1] ?? __DIR__ . '/cases.json';
    $env = [];
    $missing = [];
    foreach (['URL', 'CA', 'CLIENT_ID', 'CLIENT_SECRET', 'SUBSCRIPTION_KEY', 'MSN'] as $name) {
        $value = getenv('VIPPS_SIM_' . $name);
        if ($value === false || $value === '') {
            $missing[] = 'VIPPS_SIM_' . $name;
        }
        $env[$name] = $value;
    }
    if ($missing) {
        fwrite(STDERR, 'run_corpus.php: ' . implode(', ', $missing) . " not set (run under scripts/with-simulator.sh)\n");
        return 2;
    }
    if (!extension_loaded('vipps')) {
        fwrite(STDERR, "run_corpus.php: the vipps extension is not loaded (php -d extension=.../vipps.so)\n");
        return 2;
    }
    $cases = json_decode((string) file_get_contents($path), true, 512, JSON_THROW_ON_ERROR)['cases'];
    $clients = [];
    foreach (array_unique(array_map(fn ($c) => $c['market'] ?? 'norway', $cases)) as $market) {
        $msn = isset(MARKETS[$market]) ? getenv(MARKETS[$market]) : false;
        if ($msn === false || $msn === '') {
            fwrite(STDERR, "run_corpus.php: unknown market $market, or its sales unit is not set\n");
            return 2;
        }
        foreach (APIS as $api) {
            $clients[$market][$api] = new Vipps\Client([
                'base_url' => $env['URL'], 'ca_file' => $env['CA'], 'client_id' => $env['CLIENT_ID'],
                'client_secret' => $env['CLIENT_SECRET'], 'subscription_key' => $env['SUBSCRIPTION_KEY'],
                'merchant_serial_number' => $msn, 'api' => $api,
            ]);
        }
    }
    $runId = 'php-' . time() . '-' . getmypid();
    $expires = gmdate('Y-m-d\\TH:i:s\\Z', time() + 86400);
    $only = getenv('VIPPS_CORPUS_API') ?: null;
    $passed = $failed = 0;
    foreach (APIS as $api) {
        if ($only !== null && $api !== $only) {
            continue;
        }
        foreach ($cases as $i => $case) {
            if (!in_array($api, $case['apis'] ?? APIS, true)) {
                continue;
            }
            $base = $runId . '-' . substr($api, 0, 2) . ($i + 1);
            $orders = ['$order' => $base, '$order2' => $base . '-b', '$expires' => $expires];
            $tokens = [];
            $failure = null;
            foreach ($case['steps'] as $n => $step) {
                try {
                    run_step($clients[$case['market'] ?? 'norway'], $api, substitute($step, $orders), $tokens);
                } catch (StepFailed $e) {
                    $failure = 'step ' . ($n + 1) . ' (' . ($step['op'] ?? '?') . '): ' . $e->getMessage();
                    break;
                }
            }
            if ($failure === null) {
                $passed++;
                echo "PASS $api {$case['name']}\n";
            } else {
                $failed++;
                echo "FAIL $api {$case['name']}: $failure\n";
            }
        }
    }
    echo "$passed passed, $failed failed\n";
    return $failed ? 1 : 0;
}

exit(main($argv));
