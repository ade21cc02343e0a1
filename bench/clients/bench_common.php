<?php
// What the PHP benchmark clients share: the command line, the fixed headers and the one JSON
// line of results (see bench_common.h, which the C clients follow; the three must stay alike).
//
// Usage of every client:  php CLIENT URL CA_FILE N THREADS [CHECKPOINTS]
// PHP has no threads, so THREADS must be 1. Timing starts after the token fetch and one
// warm-up details call.

const BENCH_CLIENT_ID = 'bench-client';
const BENCH_CLIENT_SECRET = 'bench-secret';
const BENCH_SUBSCRIPTION_KEY = 'bench-subscription-key';
const BENCH_MSN = '123456';
const BENCH_ORDER_ID = 'bench-order-1';

// The headers libvipps sends on every request (its Vipps-System-* defaults included).
const BENCH_COMMON_HEADERS = [
    'Accept: application/json',
    'Ocp-Apim-Subscription-Key: ' . BENCH_SUBSCRIPTION_KEY,
    'Merchant-Serial-Number: ' . BENCH_MSN,
    'Vipps-System-Name: libvipps',
    'Vipps-System-Version: 0.2.0',
    'Vipps-System-Plugin-Name: libvipps',
    'Vipps-System-Plugin-Version: 0.2.0',
];

function bench_args(array $argv): array
{
    if (count($argv) < 5 || count($argv) > 6) {
        fwrite(STDERR, "usage: php {$argv[0]} URL CA_FILE N THREADS [CHECKPOINTS]\n");
        exit(2);
    }
    if ((int)$argv[4] !== 1) {
        fwrite(STDERR, "{$argv[0]}: PHP has no threads; THREADS must be 1\n");
        exit(2);
    }
    $checkpoints = isset($argv[5]) && $argv[5] !== '' ? array_map('intval', explode(',', $argv[5])) : [];
    return ['url' => $argv[1], 'ca' => $argv[2], 'n' => (int)$argv[3], 'checkpoints' => $checkpoints];
}

// The resident set now (VmRSS), in kB.
function bench_rss_kb(): int
{
    foreach (file('/proc/self/status') as $line) {
        if (str_starts_with($line, 'VmRSS:')) {
            return (int)preg_split('/\s+/', trim($line))[1];
        }
    }
    return -1;
}

function bench_cpu(): array
{
    $usage = getrusage();
    return [$usage['ru_utime.tv_sec'] + $usage['ru_utime.tv_usec'] / 1e6,
            $usage['ru_stime.tv_sec'] + $usage['ru_stime.tv_usec'] / 1e6];
}

// Times $call (one details request, decoded) $args['n'] times and prints the JSON line.
function bench_run(string $name, array $args, float $started, callable $call): void
{
    $setup = hrtime(true) / 1e9 - $started;
    [$user0, $sys0] = bench_cpu();
    $wall0 = hrtime(true);
    $rss = [];
    for ($i = 1; $i <= $args['n']; $i++) {
        $call();
        if (in_array($i, $args['checkpoints'], true)) {
            $rss[(string)$i] = bench_rss_kb();
        }
    }
    $wall = (hrtime(true) - $wall0) / 1e9;
    [$user, $sys] = bench_cpu();
    echo json_encode([
        'client' => $name, 'n' => $args['n'], 'threads' => 1, 'setup_s' => $setup, 'wall_s' => $wall,
        'cpu_s' => ($user - $user0) + ($sys - $sys0), 'user_s' => $user - $user0, 'sys_s' => $sys - $sys0,
        'rss_kb' => bench_rss_kb(), 'maxrss_kb' => getrusage()['ru_maxrss'],
        'checkpoints' => (object)$rss,
    ]), "\n";
}
