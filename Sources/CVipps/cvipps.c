/* anchors the CVipps module; include/vipps.h is its content */

#ifdef VIPPS_WITHOUT_SWIFT_BACKTRACER
#include <stdbool.h>

/* The release library links the Swift runtime statically. Left alone, the linker would pull in
   the runtime's crash backtracer, whose initializer runs at dlopen: with SWIFT_BACKTRACE set in
   the host's environment it installs handlers for SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGFPE,
   SIGSEGV and SIGBUS (left pointing into unmapped code after dlclose) or writes to the host's
   stderr. The rest of the runtime needs two things from it: these settings, all zero here
   ("backtracing off"), and the thunk test, which only the out-of-process backtracer calls.
   Defined here, they keep the backtracer and its initializer out of the link;
   scripts/check-library.sh checks that it stayed out. The settings are sized and aligned beyond
   the runtime's struct of a few dozen bytes; both are hidden, so not exported. */
__attribute__((visibility("hidden"), aligned(16))) unsigned char _swift_backtraceSettings[256];

__attribute__((visibility("hidden"))) bool _swift_backtrace_isThunkFunction(const char *mangled_name);
bool _swift_backtrace_isThunkFunction(const char *mangled_name) {
    (void)mangled_name;
    return false;
}
#endif
