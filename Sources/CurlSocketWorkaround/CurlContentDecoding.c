// Keeps libcurl from inflating compressed answers behind URLSession's back.
//
// swift-corelibs-foundation sets CURLOPT_ACCEPT_ENCODING to "" on every request, which makes
// libcurl advertise gzip/deflate/br/zstd and inflate whatever comes back before URLSession
// sees a byte. The server's response-size cap then counts inflated bytes only after libcurl
// has produced them, and libcurl inflates faster than the delegate can refuse them: a 1 MiB
// gzip body that inflates to 1 GiB took the server to 1.2 GB of memory.
//
// The transport asks for `Accept-Encoding: identity` and refuses an answer that comes
// compressed anyway. This file makes sure such an answer is never inflated in the meantime:
// it defines curl_easy_setopt, forwards every option to libcurl's (found with RTLD_NEXT), and
// passes NULL for CURLOPT_ACCEPT_ENCODING, which turns content decoding off. The executable
// exports the symbol (see Package.swift), as it does curl_multi_setopt (CurlSocketWorkaround.c).
#if defined(__linux__)
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <stddef.h>
#include "CurlSocketWorkaround.h"

typedef void CurlEasy;
typedef int CurlCode;

// Value from <curl/curl.h>: CURLOPTTYPE_STRINGPOINT (10000) + 102.
enum { OPTION_ACCEPT_ENCODING = 10102 };
enum { CURLE_UNKNOWN_OPTION_CODE = 48 };

static long decodingRequestsIgnored;

long opsramp_curl_decoding_disabled_count(void) {
    return __atomic_load_n(&decodingRequestsIgnored, __ATOMIC_RELAXED);
}

__attribute__((visibility("default")))
CurlCode curl_easy_setopt(CurlEasy *handle, int option, ...) {
    static CurlCode (*libcurlSetopt)(CurlEasy *, int, ...);
    if (libcurlSetopt == NULL) {
        libcurlSetopt = (CurlCode (*)(CurlEasy *, int, ...))dlsym(RTLD_NEXT, "curl_easy_setopt");
        if (libcurlSetopt == NULL) return CURLE_UNKNOWN_OPTION_CODE;
    }
    // Every easy option is a long, a pointer, a function pointer or a curl_off_t; on the 64-bit
    // platforms Swift supports on Linux all of them travel as one 64-bit register-sized value.
    va_list arguments;
    va_start(arguments, option);
    void *value = va_arg(arguments, void *);
    va_end(arguments);
    if (option == OPTION_ACCEPT_ENCODING && value != NULL) {
        __atomic_add_fetch(&decodingRequestsIgnored, 1, __ATOMIC_RELAXED);
        value = NULL;
    }
    return libcurlSetopt(handle, option, value);
}
#else
long opsramp_curl_decoding_disabled_count(void) { return 0; }
#endif
