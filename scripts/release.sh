#!/usr/bin/env bash
# Builds the relocatable Linux release in one command:
#
#   bash scripts/release.sh            # -> dist/opsramp-mcp-server-<version>-linux-<arch>.tar.gz (+ .sha256)
#
# The binary has the Swift runtime and Foundation linked in (--static-swift-stdlib) and is
# stripped, so it runs on a machine without a Swift toolchain; it still needs glibc and libcurl
# from the system (see README, "Install"). The tarball holds the binary, README.md, LICENSE,
# .env.example and SHA256SUMS; the commit and build date are stamped into `--version`.
# SOURCE_DATE_EPOCH, when set, fixes the build date and the archive's timestamps.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "release.sh: $*" >&2; exit 1; }

[ "$(uname -s)" = Linux ] || die "the relocatable release is built on Linux (on macOS, build from source: swift build -c release)"
for tool in swift strip readelf tar gzip sha256sum; do
  command -v "$tool" >/dev/null || die "$tool is missing (swift: the Swift toolchain; strip/readelf: binutils; the rest: coreutils, tar, gzip)"
done
# Linking the Swift runtime statically leaves libcurl as a shared library, and the linker needs
# its unversioned libcurl.so, which only the development package installs.
if ! ldconfig -p 2>/dev/null | grep 'libcurl\.so ' >/dev/null; then
  die "a linkable libcurl (libcurl.so) is missing, which linking the static Swift runtime needs.
  Debian/Ubuntu: apt-get install libcurl4-openssl-dev    Fedora/RHEL: dnf install libcurl-devel"
fi

version=$(sed -n 's/^ *static let current = "\(.*\)"$/\1/p' Sources/opsramp-mcp-server/ServerVersion.swift)
[ -n "$version" ] || die "cannot read the version from Sources/opsramp-mcp-server/ServerVersion.swift"
arch=$(uname -m)
name="opsramp-mcp-server-$version-linux-$arch"

commit=unknown
if git rev-parse --git-dir >/dev/null 2>&1; then
  commit=$(git rev-parse --short=12 HEAD)
  git diff --quiet HEAD -- Package.swift Sources 2>/dev/null || commit="$commit-dirty"
fi
epoch=${SOURCE_DATE_EPOCH:-$(date +%s)}
stamp=$(date -u -d "@$epoch" +%Y%m%dT%H%M%SZ)

echo "== building $name (commit $commit, $stamp)"
scratch=.build-release
swift build -c release --static-swift-stdlib --scratch-path "$scratch" \
  -Xcc "-DOPSRAMP_BUILD_COMMIT=$commit" -Xcc "-DOPSRAMP_BUILD_DATE=$stamp"
built="$scratch/release/opsramp-mcp-server"

stage="dist/$name"
rm -rf "$stage" "dist/$name.tar.gz" "dist/$name.tar.gz.sha256"
mkdir -p "$stage"
cp "$built" "$stage/opsramp-mcp-server"
strip --strip-all "$stage/opsramp-mcp-server"
cp README.md LICENSE .env.example "$stage/"
(cd "$stage" && sha256sum opsramp-mcp-server README.md LICENSE .env.example > SHA256SUMS)

# The binary must not look for the Swift runtime anywhere: no libswift* or Foundation library may be needed.
if readelf -d "$stage/opsramp-mcp-server" | grep -E 'NEEDED' | grep -E 'libswift|libFoundation|libdispatch|libBlocksRuntime' >/dev/null; then
  die "the binary still needs a Swift runtime library:
$(readelf -d "$stage/opsramp-mcp-server" | grep NEEDED)"
fi

tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C dist -cf - "$name" | gzip -9n > "dist/$name.tar.gz"
(cd dist && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")

size() { du -k "$1" | awk '{printf "%.1f MB", $1 / 1024}'; }
echo "== done"
echo "binary:   $stage/opsramp-mcp-server ($(size "$stage/opsramp-mcp-server"), stripped; unstripped $(size "$built"))"
echo "archive:  dist/$name.tar.gz ($(size "dist/$name.tar.gz"))"
echo "checksum: dist/$name.tar.gz.sha256: $(cut -d' ' -f1 "dist/$name.tar.gz.sha256")"
echo "needs from the system: $(readelf -d "$stage/opsramp-mcp-server" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | tr '\n' ' ')"
