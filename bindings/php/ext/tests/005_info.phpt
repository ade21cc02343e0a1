--TEST--
vipps: phpinfo (php --ri vipps) shows the library's version and the OpenSSL it runs on
--EXTENSIONS--
vipps
--FILE--
<?php
ob_start();
(new ReflectionExtension('vipps'))->info();
$info = ob_get_clean();
var_dump(str_contains($info, 'libvipps library version => ' . Vipps\library_version()));
var_dump((bool)preg_match('/^OpenSSL => OpenSSL 3\.\d+\.\d+/m', $info));
?>
--EXPECT--
bool(true)
bool(true)
