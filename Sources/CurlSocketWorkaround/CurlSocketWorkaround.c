// Keeps URLSession on Linux from spinning a CPU core while it waits for an answer.
//
// swift-corelibs-foundation drives libcurl's multi interface with one DispatchSource per
// socket direction. When libcurl first wants to write (connecting, sending the request) and
// then only wants to read (waiting for the answer), corelibs adds a read source but never
// removes the write source; sources are cancelled only when libcurl says CURL_POLL_REMOVE.
// A connected socket is always writable, so the stale write source fires thousands of times a
// second, each time calling curl_multi_socket_action for nothing: about one core busy for as
// long as any request waits on a new connection (measured: 2.9 CPU-seconds per 3 s).
//
// The fix wraps the socket callback corelibs installs. When libcurl narrows a socket from
// "write" to "read only", the wrapper first reports CURL_POLL_REMOVE (corelibs cancels both
// sources) and then CURL_POLL_IN with no socket pointer (corelibs builds a fresh read-only
// source and re-assigns it), the same sequence corelibs already handles when libcurl itself
// removes and re-adds a socket. Everything else passes through unchanged.
//
// To see the callback, this file defines curl_multi_setopt itself and forwards to libcurl's
// (found with RTLD_NEXT). The executable exports the symbol (see Package.swift), so it is
// picked before libcurl's whether Foundation is linked statically or dynamically.
//
// OPSRAMP_MCP_CURL_WORKAROUND=off in the process environment leaves corelibs' callback unwrapped (read
// once, when the first URLSession sets its socket callback); README.md next to this file says why and when.
#if defined(__linux__)
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "CurlSocketWorkaround.h"

typedef void CurlEasy;
typedef void CurlMulti;
typedef int CurlSocket;
typedef int CurlMultiCode;
typedef int (*SocketCallback)(CurlEasy *easy, CurlSocket socket, int what, void *userp, void *socketp);

// Values from <curl/multi.h>, which is not installed on every machine that builds this.
enum { OPTION_SOCKETFUNCTION = 20001 };
enum { POLL_NONE = 0, POLL_IN = 1, POLL_OUT = 2, POLL_REMOVE = 4 };
enum { TRACKED_SOCKETS = 65536 };
enum { CURLM_UNKNOWN_OPTION_CODE = 6 };

static SocketCallback corelibsCallback;
// The last interest libcurl reported per socket. Written only from the socket callback, which
// corelibs runs on its multi handle's serial queue; each socket belongs to one handle.
static unsigned char lastInterest[TRACKED_SOCKETS];
static long replacements;

long opsramp_curl_socket_workaround_count(void) {
    return __atomic_load_n(&replacements, __ATOMIC_RELAXED);
}

long opsramp_curl_socket_workaround_enabled(void) {
    // 1 on, 0 off; decided once. A benign race: every thread computes the same answer.
    static int decided = -1;
    int enabled = __atomic_load_n(&decided, __ATOMIC_RELAXED);
    if (enabled < 0) {
        const char *setting = getenv("OPSRAMP_MCP_CURL_WORKAROUND");
        enabled = setting == NULL || strcmp(setting, "off") != 0;
        __atomic_store_n(&decided, enabled, __ATOMIC_RELAXED);
    }
    return enabled;
}

static int narrowingAwareCallback(CurlEasy *easy, CurlSocket socket, int what, void *userp, void *socketp) {
    SocketCallback forward = corelibsCallback;
    if (socket < 0 || socket >= TRACKED_SOCKETS) return forward(easy, socket, what, userp, socketp);
    int previous = lastInterest[socket];
    lastInterest[socket] = (unsigned char)(what == POLL_REMOVE ? POLL_NONE : what);
    if (what == POLL_IN && (previous & POLL_OUT) && socketp != NULL) {
        __atomic_add_fetch(&replacements, 1, __ATOMIC_RELAXED);
        forward(easy, socket, POLL_REMOVE, userp, socketp);
        return forward(easy, socket, POLL_IN, userp, NULL);
    }
    return forward(easy, socket, what, userp, socketp);
}

__attribute__((visibility("default")))
CurlMultiCode curl_multi_setopt(CurlMulti *multi, int option, ...) {
    static CurlMultiCode (*libcurlSetopt)(CurlMulti *, int, ...);
    if (libcurlSetopt == NULL) {
        libcurlSetopt = (CurlMultiCode (*)(CurlMulti *, int, ...))dlsym(RTLD_NEXT, "curl_multi_setopt");
        // Without a dynamic libcurl behind us there is nothing to forward to; report the option as unknown.
        if (libcurlSetopt == NULL) return CURLM_UNKNOWN_OPTION_CODE;
    }
    // Every multi option is a pointer or a long; both travel the same way on the platforms Swift supports.
    va_list arguments;
    va_start(arguments, option);
    void *value = va_arg(arguments, void *);
    va_end(arguments);
    if (option == OPTION_SOCKETFUNCTION && value != NULL && opsramp_curl_socket_workaround_enabled()) {
        SocketCallback requested = (SocketCallback)value;
        if (corelibsCallback == NULL || corelibsCallback == requested) {
            corelibsCallback = requested;
            value = (void *)narrowingAwareCallback;
        }
    }
    return libcurlSetopt(multi, option, value);
}
#else
long opsramp_curl_socket_workaround_count(void) { return 0; }
long opsramp_curl_socket_workaround_enabled(void) { return 0; }
#endif
