--TEST--
vipps (simulator): 10 000 details calls (or 50 s worth) leak neither PHP memory nor process memory
--EXTENSIONS--
vipps
--SKIPIF--
<?php require __DIR__ . '/skip_sim.inc'; ?>
--FILE--
<?php
require __DIR__ . '/sim.inc';
function rss_kb(): int {
    return preg_match('/^VmRSS:\s+(\d+) kB/m', file_get_contents('/proc/self/status'), $m) ? (int)$m[1] : -1;
}
$client = sim_client();
$orderId = reserved_payment($client, 'mem');
$missing = 'no-such-order-mem';
$start = microtime(true);
$calls = 0;
$rss1000 = $mem1000 = 0;
$limit = (int)(getenv('VIPPS_PHP_MEMORY_CALLS') ?: 10000);
while ($calls < $limit && microtime(true) - $start < 50) {
    $p = $client->details($orderId);
    if ($p['state'] !== Vipps\STATE_RESERVED) { echo "unexpected state\n"; break; }
    if ($calls % 10 === 0) {   /* the error path allocates too: exceptions, thread-local errors */
        try { $client->details($missing); } catch (Vipps\NotFoundException $e) { }
    }
    $calls++;
    if ($calls === 1000) {
        gc_collect_cycles();
        $rss1000 = rss_kb();
        $mem1000 = memory_get_usage();
    }
}
gc_collect_cycles();
$rssEnd = rss_kb();
$memEnd = memory_get_usage();
$seconds = microtime(true) - $start;
printf("memory loop: %d details calls in %.1f s; after 1000: memory_get_usage %d B, RSS %d kB; " .
       "at the end: memory_get_usage %d B, RSS %d kB; RSS growth %d kB\n",
       $calls, $seconds, $mem1000, $rss1000, $memEnd, $rssEnd, $rssEnd - $rss1000);
$log = getenv('VIPPS_PHP_MEMORY_LOG');
if ($log) file_put_contents($log, sprintf("calls=%d seconds=%.1f mem1000=%d rss1000_kb=%d mem_end=%d rss_end_kb=%d rss_growth_kb=%d\n",
        $calls, $seconds, $mem1000, $rss1000, $memEnd, $rssEnd, $rssEnd - $rss1000));
var_dump($calls >= 1000);
var_dump($rssEnd - $rss1000 < 5 * 1024);
var_dump($memEnd - $mem1000 < 64 * 1024);
?>
--EXPECTF--
memory loop: %s
bool(true)
bool(true)
bool(true)
