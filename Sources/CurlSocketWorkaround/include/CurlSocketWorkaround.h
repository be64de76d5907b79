#ifndef CURL_SOCKET_WORKAROUND_H
#define CURL_SOCKET_WORKAROUND_H

/// How many times the workaround has replaced a stale socket registration (for diagnostics).
long opsramp_curl_socket_workaround_count(void);

#endif
