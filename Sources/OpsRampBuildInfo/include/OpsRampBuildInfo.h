#ifndef OPSRAMP_BUILD_INFO_H
#define OPSRAMP_BUILD_INFO_H

/// The commit the binary was built from, or "" when the build did not record one.
const char *opsramp_build_commit(void);

/// When the binary was built (ISO 8601, UTC), or "" when the build did not record it.
const char *opsramp_build_date(void);

#endif
