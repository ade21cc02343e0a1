--TEST--
vipps (simulator): 8 processes standing in for hosts share one access token through Vipps\RedisTokenStore; a refused token is replaced once
--EXTENSIONS--
vipps
pcntl
redis
--SKIPIF--
<?php require __DIR__ . '/skip_sim.inc';
if (getenv('VIPPS_REDIS_SOCKET') === false) die('skip VIPPS_REDIS_SOCKET not set (run through scripts/with-redis.sh)');
if (!is_file(__DIR__ . '/../../lib/RedisTokenStore.php')) die('skip bindings/php/lib is not beside the tests'); ?>
--FILE--
<?php
require __DIR__ . '/sim.inc';
require __DIR__ . '/tokens.inc';
require __DIR__ . '/../../lib/RedisTokenStore.php';
$orderId = reserved_payment(sim_client(), 'redis');
$prefix = 'test-' . getmypid() . ':';

function run_hosts(string $orderId, string $prefix, int $count): string {
    $children = [];
    for ($i = 0; $i < $count; $i++) {
        $pid = pcntl_fork();
        if ($pid === 0) {
            /* A host of its own: its own Redis connection and client. */
            $redis = new Redis();
            $redis->connect(getenv('VIPPS_REDIS_SOCKET'));
            $client = new Vipps\Client(sim_config(['token_store' => new Vipps\RedisTokenStore($redis, $prefix)]));
            $ok = true;
            for ($j = 0; $j < 10; $j++) $ok = $ok && $client->details($orderId)['state'] === Vipps\STATE_RESERVED;
            exit($ok ? 0 : 1);
        }
        $children[] = $pid;
    }
    $exits = [];
    foreach ($children as $pid) {
        pcntl_waitpid($pid, $status);
        $exits[] = pcntl_wifexited($status) ? pcntl_wexitstatus($status) : -1;
    }
    return implode(',', array_unique($exits));
}

$before = sim_tokens_issued();
echo 'exits: ', run_hosts($orderId, $prefix, 8), "\n";
echo 'token fetches for 8 hosts x 10 calls: ', sim_tokens_issued() - $before, "\n";

$redis = new Redis();
$redis->connect(getenv('VIPPS_REDIS_SOCKET'));
/* The token; a claim may stay beside it until it expires (granted just after the token was stored). */
$keys = array_values(array_filter($redis->keys($prefix . '*'), fn ($k) => !str_ends_with($k, ':claim')));
echo 'keys: ', count($keys), ', ttl set: ', $redis->pttl($keys[0]) > 0 ? 'yes' : 'no', "\n";
echo 'secret in key: ', str_contains($keys[0], sim_env('VIPPS_SIM_CLIENT_SECRET')) ? 'yes' : 'no', "\n";

$context = stream_context_create(['http' => ['method' => 'POST'], 'ssl' => ['cafile' => sim_env('VIPPS_SIM_CA')]]);
file_get_contents(sim_env('VIPPS_SIM_URL') . '/sim/v1/tokens/revoke', false, $context);
$before = sim_tokens_issued();
echo 'exits after revocation: ', run_hosts($orderId, $prefix, 8), "\n";
echo 'token fetches after revocation: ', sim_tokens_issued() - $before, "\n";

/* A store that throws costs a fetch of its own, never the call. */
$client = new Vipps\Client(sim_config(['token_store' => new class implements Vipps\TokenStore {
    public function load(string $key): ?array { throw new RuntimeException('down'); }
    public function store(string $key, string $token, int $validForMs): bool { throw new RuntimeException('down'); }
    public function claim(string $key, int $claimForMs): bool { throw new RuntimeException('down'); }
    public function remove(string $key, string $token): void { throw new RuntimeException('down'); }
}]));
echo 'store down: ', $client->details($orderId)['state_name'], "\n";
foreach ($redis->keys($prefix . '*') as $key) $redis->del($key);
?>
--EXPECT--
exits: 0
token fetches for 8 hosts x 10 calls: 1
keys: 1, ttl set: yes
secret in key: no
exits after revocation: 0
token fetches after revocation: 1
store down: reserved
