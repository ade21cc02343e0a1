<?php
/*
 * Vipps\RedisTokenStore: the access token shared by every PHP worker of every web server that
 * reaches one Redis (phpredis, Debian's php8.2-redis). Give it to a client made for the request:
 *
 *     require_once '/usr/share/php/vipps/RedisTokenStore.php';   // or wherever you copied it
 *     $redis = new Redis(); $redis->connect('10.0.0.5');
 *     $client = new Vipps\Client($config + ['token_store' => new Vipps\RedisTokenStore($redis)]);
 *
 * Keys are $prefix . $key (the token) and $prefix . $key . ':claim'; both expire on their own, so
 * neither a crashed fetcher nor a refused token stays. docs/token-sharing.md has the protocol.
 */
namespace Vipps;

final class RedisTokenStore implements TokenStore
{
    /* Deletes the token only while it is still the refused one. */
    private const REMOVE_IF_EQUAL =
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    public function __construct(private \Redis $redis, private string $prefix = '') {}

    public function load(string $key): ?array
    {
        $name = $this->prefix . $key;
        [$token, $ttl] = $this->redis->multi(\Redis::PIPELINE)->get($name)->pttl($name)->exec();
        if (!is_string($token) || $token === '' || !is_int($ttl) || $ttl <= 0) {
            return null;
        }
        return [$token, $ttl];
    }

    public function store(string $key, #[\SensitiveParameter] string $token, int $validForMs): bool
    {
        $name = $this->prefix . $key;
        $done = $this->redis->multi()->set($name, $token, ['px' => max(1, $validForMs)])->del($name . ':claim')->exec();
        return is_array($done) && $done[0] === true;
    }

    public function claim(string $key, int $claimForMs): bool
    {
        return $this->redis->set($this->prefix . $key . ':claim', '1', ['nx', 'px' => max(1, $claimForMs)]) === true;
    }

    public function remove(string $key, #[\SensitiveParameter] string $token): void
    {
        $this->redis->eval(self::REMOVE_IF_EQUAL, [$this->prefix . $key, $token], 1);
    }
}
