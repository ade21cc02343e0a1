--TEST--
vipps (simulator): a client used before fork() keeps working in parent and children (PHP-FPM workers)
--EXTENSIONS--
vipps
pcntl
--SKIPIF--
<?php require __DIR__ . '/skip_sim.inc'; ?>
--FILE--
<?php
require __DIR__ . '/sim.inc';
$client = sim_client();
$orderId = reserved_payment($client, 'fork');
echo 'parent before: ', $client->details($orderId)['state_name'], "\n";
$children = [];
for ($i = 0; $i < 3; $i++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        $ok = true;
        for ($j = 0; $j < 5; $j++) {
            $ok = $ok && $client->details($orderId)['state'] === Vipps\STATE_RESERVED;
        }
        try { $client->details('no-such-order-fork'); $ok = false; } catch (Vipps\NotFoundException $e) { }
        exit($ok ? 0 : 1);   /* the child's free handler closes only its own connections */
    }
    $children[] = $pid;
}
foreach ($children as $pid) {
    pcntl_waitpid($pid, $status);
    echo 'child: ', pcntl_wifexited($status) ? 'exit ' . pcntl_wexitstatus($status) : 'signal ' . pcntl_wtermsig($status), "\n";
}
echo 'parent after: ', $client->details($orderId)['state_name'], "\n";
?>
--EXPECT--
parent before: reserved
child: exit 0
child: exit 0
child: exit 0
parent after: reserved
