#ifndef CURL_SOCKET_WORKAROUND_H
#define CURL_SOCKET_WORKAROUND_H

/// How many times the workaround has replaced a stale socket registration (for diagnostics).
long opsramp_curl_socket_workaround_count(void);

/// 1 when the socket workaround wraps corelibs' callback, 0 when OPSRAMP_MCP_CURL_WORKAROUND=off turned it
/// off (or on platforms without libcurl behind URLSession).
long opsramp_curl_socket_workaround_enabled(void);

/// How many times libcurl was kept from decoding compressed answers (for diagnostics).
long opsramp_curl_decoding_disabled_count(void);

/// How many URL handles released with curl_free were cleaned up in full (for diagnostics; see CurlURLHandles.c).
long opsramp_curl_url_handles_repaired_count(void);

#endif
