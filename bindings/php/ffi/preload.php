<?php
/* opcache.preload script for PHP-FPM: loads the VippsFFI classes at server start, so that their
   FFI calls are allowed under PHP's default ffi.enable=preload. Pair it with
   ffi.preload=/path/to/vipps_ffi.h (see ../README.md). */
require_once __DIR__ . '/Vipps.php';
