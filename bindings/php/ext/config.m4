dnl config.m4 for the vipps extension: links libvipps found through pkg-config.
dnl   phpize && ./configure [--with-vipps] && make
dnl Set PKG_CONFIG_PATH to the directory holding vipps.pc (e.g. /opt/vipps/lib/pkgconfig).

PHP_ARG_WITH([vipps],
  [for libvipps support],
  [AS_HELP_STRING([--with-vipps], [Include the Vipps payment extension (libvipps via pkg-config)])],
  [yes])

if test "$PHP_VIPPS" != "no"; then
  PKG_CHECK_MODULES([VIPPS], [vipps >= 0.2.0])
  PHP_EVAL_INCLINE($VIPPS_CFLAGS)
  PHP_EVAL_LIBLINE($VIPPS_LIBS, VIPPS_SHARED_LIBADD)
  dnl libcrypto only for phpinfo's "OpenSSL" row: the version libvipps' TLS runs on.
  PKG_CHECK_MODULES([VIPPS_CRYPTO], [libcrypto >= 3])
  PHP_EVAL_INCLINE($VIPPS_CRYPTO_CFLAGS)
  PHP_EVAL_LIBLINE($VIPPS_CRYPTO_LIBS, VIPPS_SHARED_LIBADD)
  dnl An rpath to libvipps' directory, so the module loads without LD_LIBRARY_PATH.
  VIPPS_LIBDIR=`$PKG_CONFIG --variable=libdir vipps`
  if test -n "$VIPPS_LIBDIR"; then
    PHP_ADD_LIBPATH($VIPPS_LIBDIR, VIPPS_SHARED_LIBADD)
  fi
  PHP_SUBST(VIPPS_SHARED_LIBADD)
  AC_DEFINE(HAVE_VIPPS, 1, [Whether libvipps is available])
  PHP_NEW_EXTENSION(vipps, vipps.c vipps_exception.c vipps_client.c vipps_util.c vipps_webhook.c, $ext_shared,, -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1 -Wall -Wextra -Wno-unused-parameter)
fi
