// Build facts stamped in by scripts/release.sh, which passes them to the C compiler:
//   swift build ... -Xcc -DOPSRAMP_BUILD_COMMIT=<hex> -Xcc -DOPSRAMP_BUILD_DATE=<yyyymmddThhmmssZ>
// Swift has no compile-time string constants from the command line, C has; a changed value
// changes the compile command, so SwiftPM recompiles this file. A plain `swift build`
// records nothing, and `--version` says so.
#include "OpsRampBuildInfo.h"

#define OPSRAMP_STRINGIFY_VALUE(x) #x
#define OPSRAMP_STRINGIFY(x) OPSRAMP_STRINGIFY_VALUE(x)

const char *opsramp_build_commit(void) {
#ifdef OPSRAMP_BUILD_COMMIT
    return OPSRAMP_STRINGIFY(OPSRAMP_BUILD_COMMIT);
#else
    return "";
#endif
}

const char *opsramp_build_date(void) {
#ifdef OPSRAMP_BUILD_DATE
    return OPSRAMP_STRINGIFY(OPSRAMP_BUILD_DATE);
#else
    return "";
#endif
}
