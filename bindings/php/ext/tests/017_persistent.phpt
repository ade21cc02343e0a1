--TEST--
vipps (simulator): Client::persistent() keeps one client per configuration across the requests of a worker (PHP's built-in server): one token fetch for all of them
--EXTENSIONS--
vipps
--SKIPIF--
<?php require __DIR__ . '/skip_sim.inc'; ?>
--FILE--
<?php
require __DIR__ . '/sim.inc';
require __DIR__ . '/tokens.inc';
$orderId = reserved_payment(sim_client(), 'persistent');

/* The page a shop serves: its client for this request, one details call. */
$dir = sys_get_temp_dir() . '/vipps-persistent-' . getmypid();
@mkdir($dir);
file_put_contents("$dir/page.php", <<<'PAGE'
<?php
require getenv('VIPPS_TEST_SIM_INC');
$mode = $_GET['mode'];
if ($mode === 'drop') { echo Vipps\Client::dropPersistent(), "\n"; return; }
if ($mode === 'drop-one') { echo Vipps\Client::dropPersistent(sim_config()), "\n"; return; }
$override = $mode === 'other' ? ['timeouts' => ['read_ms' => 9000]] : [];
$client = $mode === 'new' ? sim_client() : Vipps\Client::persistent(sim_config($override));
if ($mode === 'store') {
    try {
        Vipps\Client::persistent(sim_config(['token_store' => new class implements Vipps\TokenStore {
            public function load(string $key): ?array { return null; }
            public function store(string $key, string $token, int $validForMs): bool { return false; }
            public function claim(string $key, int $claimForMs): bool { return true; }
            public function remove(string $key, string $token): void {}
        }]));
    } catch (Vipps\InvalidArgumentException $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
    return;
}
$state = $client->details($_GET['order'])['state_name'];
echo getmypid(), ' ', $state, ' ', $client->isPersistent() ? 'persistent' : 'own', ' ', Vipps\Client::persistentCount(), "\n";
PAGE);

$socket = stream_socket_server('tcp://127.0.0.1:0');
$address = stream_socket_get_name($socket, false);
fclose($socket);
$env = getenv() + ['VIPPS_TEST_SIM_INC' => __DIR__ . '/sim.inc'];
$server = proc_open([PHP_BINARY, '-n', '-d', 'extension=' . (getenv('VIPPS_PHP_EXTENSION') ?: 'vipps'),
                     '-S', $address, '-t', $dir], [1 => ['file', '/dev/null', 'w'], 2 => ['file', "$dir/server.log", 'w']],
                    $pipes, $dir, $env);
$get = function (string $query) use ($address): string {
    for ($i = 0; $i < 100; $i++) {
        $body = @file_get_contents("http://$address/page.php?$query");
        if ($body !== false) return trim($body);
        usleep(50000);
    }
    return 'no answer';
};

$before = sim_tokens_issued();
$pids = [];
for ($i = 0; $i < 10; $i++) {
    [$pid, $state, $kind, $count] = explode(' ', $get("mode=persistent&order=$orderId"));
    $pids[$pid] = true;
    if ($i === 0 || $i === 9) echo "request $i: $state $kind, clients kept: $count\n";
}
echo 'one worker: ', count($pids) === 1 ? 'yes' : 'no', "\n";
echo 'token fetches for 10 requests, persistent: ', sim_tokens_issued() - $before, "\n";

$before = sim_tokens_issued();
for ($i = 0; $i < 5; $i++) $get("mode=new&order=$orderId");
echo 'token fetches for 5 requests, a new client each: ', sim_tokens_issued() - $before, "\n";

/* Another configuration (one setting differs) is another client, with its own token. */
$before = sim_tokens_issued();
echo 'other config: ', explode(' ', $get("mode=other&order=$orderId"), 2)[1], "\n";
echo 'its token fetches: ', sim_tokens_issued() - $before, "\n";
echo 'dropped one: ', $get('mode=drop-one'), "\n";
echo 'dropped the rest: ', $get('mode=drop'), "\n";
$before = sim_tokens_issued();
echo 'after dropping: ', explode(' ', $get("mode=persistent&order=$orderId"), 2)[1], "\n";
echo 'token fetches after dropping: ', sim_tokens_issued() - $before, "\n";
echo $get('mode=store'), "\n";

proc_terminate($server);
proc_close($server);
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
request 0: reserved persistent, clients kept: 1
request 9: reserved persistent, clients kept: 1
one worker: yes
token fetches for 10 requests, persistent: 1
token fetches for 5 requests, a new client each: 5
other config: reserved persistent 2
its token fetches: 1
dropped one: 1
dropped the rest: 1
after dropping: reserved persistent 1
token fetches after dropping: 1
Vipps\InvalidArgumentException: config['token_store'] cannot be given to Client::persistent(): a PHP object lives for one request; use token_file_store, or a client per request
