/* A host that loads libvipps with dlopen (as PHP loads an extension), uses it, and unloads it.
   Whatever SWIFT_BACKTRACE says in the environment, loading must leave the host's signal
   dispositions and its stderr alone, and after dlclose a raise(SIGABRT) must still end the
   process with SIGABRT. scripts/check-host-dlopen.sh runs it with and without SWIFT_BACKTRACE.

   usage: host_dlopen path/to/libvipps.so.0 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const int watched[] = {SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGSEGV, SIGBUS};
enum { WATCHED = sizeof watched / sizeof watched[0] };

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: host_dlopen path/to/libvipps.so.0\n");
        return 2;
    }
    int failures = 0;
    struct sigaction before[WATCHED];
    for (int i = 0; i < WATCHED; i++) sigaction(watched[i], NULL, &before[i]);

    /* Everything the library writes to fd 2 while loading and answering lands in a file. */
    char captured[] = "/tmp/host_dlopen_stderr_XXXXXX";
    int capture = mkstemp(captured);
    int saved_stderr = dup(2);
    if (capture < 0 || saved_stderr < 0) return 2;
    fflush(stderr);
    dup2(capture, 2);

    void *library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    const char *(*version)(void) = NULL;
    if (library != NULL) *(void **)&version = dlsym(library, "vipps_version");
    const char *text = version != NULL ? version() : NULL;

    fflush(stderr);
    dup2(saved_stderr, 2);
    close(saved_stderr);
    struct stat written;
    fstat(capture, &written);
    close(capture);
    unlink(captured);

    if (library == NULL || text == NULL) {
        fprintf(stderr, "FAIL cannot load %s: %s\n", argv[1], dlerror());
        return 1;
    }
    printf("host_dlopen: loaded libvipps %s\n", text);
    if (written.st_size != 0) {
        fprintf(stderr, "FAIL loading libvipps wrote %lld bytes to the host's stderr\n", (long long)written.st_size);
        failures++;
    }
    for (int i = 0; i < WATCHED; i++) {
        struct sigaction after;
        sigaction(watched[i], NULL, &after);
        if (after.sa_handler != before[i].sa_handler) {
            fprintf(stderr, "FAIL loading libvipps changed the disposition of signal %d (%s)\n", watched[i],
                    strsignal(watched[i]));
            failures++;
        }
    }
    if (dlclose(library) != 0) {
        fprintf(stderr, "FAIL dlclose: %s\n", dlerror());
        failures++;
    }

    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        raise(SIGABRT);
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGABRT) {
        fprintf(stderr, "FAIL after dlclose, raise(SIGABRT) ended with %s %d instead of SIGABRT\n",
                WIFSIGNALED(status) ? "signal" : "exit status", WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
        failures++;
    }
    printf("host_dlopen: %s\n", failures == 0 ? "signals and stderr untouched" : "FAILED");
    return failures == 0 ? 0 : 1;
}
