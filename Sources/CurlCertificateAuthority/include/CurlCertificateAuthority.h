#ifndef CURL_CERTIFICATE_AUTHORITY_H
#define CURL_CERTIFICATE_AUTHORITY_H

/// Makes every later transfer trust the CA certificates in the PEM file at `path` (libcurl's
/// CURLOPT_CAINFO) instead of the system's CA file; NULL goes back to the system's. The path
/// is copied. Returns 0 on success, -1 where this has no effect (no libcurl behind URLSession).
int opsramp_curl_use_ca_file(const char *path);

/// How many transfers have been handed the CA file (for diagnostics and tests).
long opsramp_curl_ca_file_use_count(void);

#endif
