// Lets OPSRAMP_CA_BUNDLE reach libcurl, for networks that intercept TLS with their own CA.
//
// On Linux, URLSession (swift-corelibs-foundation) runs on libcurl and offers no way to choose
// the CA certificates: URLSessionConfiguration has no such setting, server-trust challenges are
// never delivered, and libcurl itself reads no environment variable for it (measured with
// Debian's libcurl 7.88: SSL_CERT_FILE, CURL_CA_BUNDLE and URLSessionCertificateAuthorityInfoFile
// all change nothing; the last is read by corelibs on Android only).
//
// corelibs hands each configured transfer to libcurl with curl_multi_add_handle. This file
// defines that function, sets CURLOPT_CAINFO on the transfer, and forwards to libcurl's own
// (found with RTLD_NEXT). The executable exports the symbol (see Package.swift), so it is
// picked before libcurl's whether Foundation is linked statically or dynamically. The same
// technique as CurlSocketWorkaround; each shim wraps a different function.
#if defined(__linux__)
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "CurlCertificateAuthority.h"

typedef void CurlEasy;
typedef void CurlMulti;
typedef int CurlMultiCode;
typedef int CurlCode;

// Values from <curl/curl.h> and <curl/multi.h>, which are not installed on every machine that builds this.
enum { OPTION_CAINFO = 10065 };
enum { CURLM_INTERNAL_ERROR_CODE = 4 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
// Set once at start-up, before any transfer; replaced values are kept, since libcurl copies
// the string when the option is set but a transfer being configured may still hold the old one.
static char *caFile;
static long uses;

int opsramp_curl_use_ca_file(const char *path) {
    char *copy = path ? strdup(path) : NULL;
    if (path && !copy) return -1;
    pthread_mutex_lock(&lock);
    caFile = copy;
    pthread_mutex_unlock(&lock);
    return 0;
}

long opsramp_curl_ca_file_use_count(void) {
    return __atomic_load_n(&uses, __ATOMIC_RELAXED);
}

__attribute__((visibility("default")))
CurlMultiCode curl_multi_add_handle(CurlMulti *multi, CurlEasy *easy) {
    static CurlMultiCode (*libcurlAdd)(CurlMulti *, CurlEasy *);
    static CurlCode (*libcurlSetopt)(CurlEasy *, int, ...);
    if (libcurlAdd == NULL) {
        libcurlAdd = (CurlMultiCode (*)(CurlMulti *, CurlEasy *))dlsym(RTLD_NEXT, "curl_multi_add_handle");
        libcurlSetopt = (CurlCode (*)(CurlEasy *, int, ...))dlsym(RTLD_NEXT, "curl_easy_setopt");
        if (libcurlAdd == NULL) return CURLM_INTERNAL_ERROR_CODE;
    }
    pthread_mutex_lock(&lock);
    const char *path = caFile;
    pthread_mutex_unlock(&lock);
    if (path != NULL && easy != NULL) {
        // Should libcurl refuse the option (it cannot with an OpenSSL build), the transfer goes on
        // with the system's CAs: no weaker than the default, and failing here would crash corelibs,
        // which treats any error from this function as fatal. The use count then tells.
        if (libcurlSetopt != NULL && libcurlSetopt(easy, OPTION_CAINFO, path) == 0) __atomic_add_fetch(&uses, 1, __ATOMIC_RELAXED);
    }
    return libcurlAdd(multi, easy);
}
#else
#include <stddef.h>
#include "CurlCertificateAuthority.h"
int opsramp_curl_use_ca_file(const char *path) { (void)path; return -1; }
long opsramp_curl_ca_file_use_count(void) { return 0; }
#endif
