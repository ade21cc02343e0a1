/*
 * COpenSSL: the parts of OpenSSL (libssl, libcrypto) that VippsHTTP uses.
 *
 * Several OpenSSL entry points are function-like macros around SSL_ctrl/SSL_CTX_ctrl, which Swift
 * cannot import. Each gets a static inline wrapper here with the same meaning and a `vipps_shim_`
 * prefix, so that the Swift code reads like the OpenSSL documentation.
 */
#ifndef VIPPS_COPENSSL_SHIM_H
#define VIPPS_COPENSSL_SHIM_H

#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
#include <openssl/bio.h>
#include <openssl/hmac.h>
#include <sys/socket.h>
#include <errno.h>

static inline int vipps_shim_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}

static inline long vipps_shim_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_mode(ctx, mode);
}

static inline int vipps_shim_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

static inline long vipps_shim_SSL_CTX_set_session_cache_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_session_cache_mode(ctx, mode);
}

/*
 * A socket BIO whose writes cannot raise SIGPIPE.
 *
 * OpenSSL's own socket BIO writes with write(2): if the peer has closed the connection, the
 * kernel sends SIGPIPE, whose default action kills the host process (a PHP worker, a C shop).
 * A library must not change the process-wide signal disposition, so this BIO writes with
 * send(2) and MSG_NOSIGNAL instead, and borrows every other operation from BIO_s_socket().
 */
static inline int vipps_shim_nosigpipe_write(BIO *bio, const char *data, int length) {
    int fd = -1;
    BIO_get_fd(bio, &fd);
    BIO_clear_retry_flags(bio);
    if (fd < 0 || length < 0) return -1;
    ssize_t sent = send(fd, data, (size_t)length, MSG_NOSIGNAL);
    if (sent < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) BIO_set_retry_write(bio);
        return -1;
    }
    return (int)sent;
}

/* Returns a new method table (free it with BIO_meth_free once no BIO uses it), or NULL. */
static inline BIO_METHOD *vipps_shim_nosigpipe_socket_method_new(void) {
    const BIO_METHOD *base = BIO_s_socket();
    BIO_METHOD *method = BIO_meth_new(BIO_TYPE_SOCKET, "vipps socket (no SIGPIPE)");
    if (method == NULL) return NULL;
    if (BIO_meth_set_write(method, vipps_shim_nosigpipe_write) != 1
        || BIO_meth_set_read(method, BIO_meth_get_read(base)) != 1
        || BIO_meth_set_puts(method, BIO_meth_get_puts(base)) != 1
        || BIO_meth_set_ctrl(method, BIO_meth_get_ctrl(base)) != 1
        || BIO_meth_set_create(method, BIO_meth_get_create(base)) != 1
        || BIO_meth_set_destroy(method, BIO_meth_get_destroy(base)) != 1) {
        BIO_meth_free(method);
        return NULL;
    }
    return method;
}

/* Wraps a connected socket without taking ownership of it (the caller closes the fd). */
static inline BIO *vipps_shim_nosigpipe_socket_bio_new(BIO_METHOD *method, int fd) {
    BIO *bio = BIO_new(method);
    if (bio == NULL) return NULL;
    BIO_set_fd(bio, fd, BIO_NOCLOSE);
    return bio;
}

/* A macro in OpenSSL's header, so invisible to Swift. */
static inline void vipps_shim_SSL_CTX_set_read_ahead(SSL_CTX *context, int yes) {
    SSL_CTX_set_read_ahead(context, yes);
}

/* Constants that Swift sees as macros of the wrong type or not at all. */
static const int vipps_shim_TLS1_2_VERSION = TLS1_2_VERSION;
static const long vipps_shim_SSL_MODE_AUTO_RETRY = SSL_MODE_AUTO_RETRY;
static const long vipps_shim_SSL_MODE_ENABLE_PARTIAL_WRITE = SSL_MODE_ENABLE_PARTIAL_WRITE;
static const long vipps_shim_SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER = SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER;
static const long vipps_shim_SSL_OP_NO_RENEGOTIATION = SSL_OP_NO_RENEGOTIATION;

#endif
