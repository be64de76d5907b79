// corelibs Foundation checks each request's host with a libcurl URL handle (CFURLSessionCurlHostIsEqual,
// called by every URLSession request) and releases it with curl_free instead of curl_url_cleanup: the
// handle's parsed parts (scheme, host, path, query) are never freed, some 180 bytes per request. A
// server kept running for days grows by megabytes; the plain URLSession floor program grows the same.
//
// The fix, without touching Foundation: the URL handles curl_url and curl_url_dup hand out are
// remembered, and curl_free of a remembered handle becomes curl_url_cleanup. libcurl itself creates
// and releases its handles through the same exported functions, so every remembered handle is
// forgotten on whichever path releases it. When more handles are alive than can be remembered, the
// extra ones behave exactly as before.
//
// As with the other shims, the executable exports these names (see Package.swift) so that
// libFoundationNetworking's calls reach them; the real functions are found with RTLD_NEXT.
#if defined(__linux__)
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include "CurlSocketWorkaround.h"

typedef void CurlURL;

enum { REMEMBERED = 256 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static void *alive[REMEMBERED];
static long repaired;

long opsramp_curl_url_handles_repaired_count(void) {
    return __atomic_load_n(&repaired, __ATOMIC_RELAXED);
}

static void remember(void *handle) {
    if (handle == NULL) return;
    pthread_mutex_lock(&lock);
    for (int index = 0; index < REMEMBERED; index++) {
        if (alive[index] == NULL) {
            alive[index] = handle;
            break;
        }
    }
    pthread_mutex_unlock(&lock);
}

/// True when `pointer` was a remembered handle (it is forgotten).
static int forget(void *pointer) {
    int found = 0;
    pthread_mutex_lock(&lock);
    for (int index = 0; index < REMEMBERED; index++) {
        if (alive[index] == pointer) {
            alive[index] = NULL;
            found = 1;
            break;
        }
    }
    pthread_mutex_unlock(&lock);
    return found;
}

static void (*realCleanup(void))(CurlURL *) {
    static void (*function)(CurlURL *);
    if (function == NULL) function = (void (*)(CurlURL *))dlsym(RTLD_NEXT, "curl_url_cleanup");
    return function;
}

__attribute__((visibility("default")))
CurlURL *curl_url(void) {
    static CurlURL *(*function)(void);
    if (function == NULL) function = (CurlURL *(*)(void))dlsym(RTLD_NEXT, "curl_url");
    if (function == NULL) return NULL;
    CurlURL *handle = function();
    remember(handle);
    return handle;
}

__attribute__((visibility("default")))
CurlURL *curl_url_dup(const CurlURL *source) {
    static CurlURL *(*function)(const CurlURL *);
    if (function == NULL) function = (CurlURL *(*)(const CurlURL *))dlsym(RTLD_NEXT, "curl_url_dup");
    if (function == NULL) return NULL;
    CurlURL *handle = function(source);
    remember(handle);
    return handle;
}

__attribute__((visibility("default")))
void curl_url_cleanup(CurlURL *handle) {
    void (*cleanup)(CurlURL *) = realCleanup();
    if (handle != NULL) forget(handle);
    if (cleanup != NULL) cleanup(handle);
}

__attribute__((visibility("default")))
void curl_free(void *pointer) {
    static void (*function)(void *);
    if (function == NULL) function = (void (*)(void *))dlsym(RTLD_NEXT, "curl_free");
    void (*cleanup)(CurlURL *) = realCleanup();
    if (pointer != NULL && cleanup != NULL && forget(pointer)) {
        __atomic_add_fetch(&repaired, 1, __ATOMIC_RELAXED);
        cleanup(pointer);
        return;
    }
    if (function != NULL) function(pointer);
}
#else
long opsramp_curl_url_handles_repaired_count(void) { return 0; }
#endif
