#!/usr/bin/env bash
# Proves the release tarball works without the Swift toolchain:
#
#   bash scripts/test-release.sh [dist/opsramp-mcp-server-<version>-linux-<arch>.tar.gz]
#
# Checks the checksums and the contents, that neither the ELF headers nor the dynamic loader
# point into the toolchain, and then, in a mount namespace where the toolchain's runtime
# libraries are hidden (root, or unprivileged user namespaces, needed), that the packaged
# binary answers --version and an MCP initialize, serves an offline tool, and runs --demo. A dynamically
# linked build of this package, run in the same namespace, must fail: that proves the
# toolchain really is out of reach. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

tarball=${1:-$(ls -t dist/opsramp-mcp-server-*-linux-*.tar.gz 2>/dev/null | head -1)}
if [ -z "$tarball" ] || [ ! -f "$tarball" ]; then
  echo "test-release.sh: no tarball; build it first with: bash scripts/release.sh" >&2
  exit 1
fi
name=$(basename "$tarball" .tar.gz)
version=$(echo "$name" | sed -n 's/^opsramp-mcp-server-\(.*\)-linux-.*$/\1/p')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

swift_path=$(command -v swift || true)
toolchain=""
[ -n "$swift_path" ] && toolchain=$(dirname "$(dirname "$(readlink -f "$swift_path")")")
runtime="$toolchain/lib/swift"
echo "== $tarball (toolchain: ${toolchain:-none found}; runtime libraries: $runtime)"

check "the .sha256 beside the tarball matches" sh -c "cd '$(dirname "$tarball")' && sha256sum --quiet -c '$name.tar.gz.sha256'"
tar -xzf "$tarball" -C "$work"
package="$work/$name"
binary="$package/opsramp-mcp-server"
contents=$(cd "$package" && find . -mindepth 1 | sort | tr '\n' ' ')
check "holds exactly the binary, README.md, LICENSE, .env.example and SHA256SUMS" \
  test "$contents" = "./.env.example ./LICENSE ./README.md ./SHA256SUMS ./opsramp-mcp-server "
check "SHA256SUMS inside matches every file" sh -c "cd '$package' && sha256sum --quiet -c SHA256SUMS"
check "the binary is stripped (no .symtab)" sh -c "! readelf -S -W '$binary' | grep -q '\.symtab'"

needed=$(readelf -d "$binary" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | tr '\n' ' ')
echo "     needs: $needed"
check "needs no Swift runtime library (readelf -d)" sh -c "! echo '$needed' | grep -Eq 'libswift|libFoundation|libdispatch|libBlocksRuntime|lib_FoundationICU'"
search_paths=$(readelf -d "$binary" | grep -E 'RPATH|RUNPATH' || true)
check "has no RPATH/RUNPATH into the toolchain" sh -c "[ -z '$toolchain' ] || ! echo '$search_paths' | grep -qF '$toolchain'"
resolved=$(ldd "$binary" 2>&1)
check "ldd resolves every library" sh -c "! echo \"\$1\" | grep -q 'not found'" _ "$resolved"
check "ldd loads nothing from the toolchain" sh -c "[ -z '$toolchain' ] || ! echo \"\$1\" | grep -qF '$toolchain'" _ "$resolved"
check "the curl shims are exported (curl_multi_setopt, curl_multi_add_handle)" \
  sh -c "[ \$(readelf --dyn-syms -W '$binary' | grep -E ' FUNC +GLOBAL +DEFAULT +[0-9]+ curl_multi_(setopt|add_handle)$' | wc -l) -eq 2 ]"

initialize='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"release-test","version":"1"}}}'
initialized='{"jsonrpc":"2.0","method":"notifications/initialized"}'
call='{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_query_examples","arguments":{"category":"alerts"}}}'
# Runs the packaged binary with an empty environment; with $hide, inside a mount namespace
# where a tmpfs covers the toolchain's runtime folder.
run_isolated() {
  local program=$1; shift
  if [ -n "${hide:-}" ]; then
    unshare "${namespace[@]}" \
      sh -c 'mount -t tmpfs none "$1" && [ -z "$(ls -A "$1")" ] && shift && exec env -i "$@"' _ "$runtime" "$program" "$@"
  else
    env -i "$program" "$@"
  fi
}

hide=""
# As root a mount namespace is enough; otherwise a user namespace makes one possible.
namespace=(--mount --propagation private)
[ "$(id -u)" = 0 ] || namespace+=(--map-root-user)
if [ -d "$runtime" ] && unshare "${namespace[@]}" sh -c "mount -t tmpfs none '$runtime'" 2>/dev/null; then
  hide=1
  echo "== runtime libraries hidden in a mount namespace"
  control=""
  for candidate in .build/debug/opsramp-mcp-server .build/release/opsramp-mcp-server; do
    if [ -x "$candidate" ] && readelf -d "$candidate" | grep -q 'libswiftCore'; then control=$candidate; break; fi
  done
  if [ -n "$control" ]; then
    if run_isolated "$PWD/$control" --version >/dev/null 2>&1; then
      fail "control: the dynamically linked $control cannot start there"
    else
      pass "control: the dynamically linked $control cannot start there"
    fi
  else
    echo "     (no dynamically linked build to use as a control; the tmpfs is checked to be empty instead)"
  fi
else
  echo "== cannot create a mount namespace here (needs root or user namespaces); running with the toolchain present"
  echo "   (the readelf and ldd checks above are what prove relocatability in this case)"
fi

version_line=$(run_isolated "$binary" --version 2>&1)
echo "     --version: $version_line"
check "--version names the version, the commit and the build date" \
  sh -c "echo \"\$1\" | grep -Eq '^opsramp-mcp-server $version \\(commit [0-9a-f]{7,}(-dirty)?, built [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z\\)$'" _ "$version_line"
answers=$(printf '%s\n%s\n%s\n' "$initialize" "$initialized" "$call" | run_isolated "$binary" 2>"$work/stderr")
check "initialize is answered with serverInfo $version" \
  sh -c "echo \"\$1\" | head -1 | grep -q '\"serverInfo\":{\"name\":\"opsramp-mcp-server\",\"title\":\"HPE OpsRamp\",\"version\":\"$version\"}'" _ "$answers"
check "an offline tool answers (get_query_examples)" sh -c "echo \"\$1\" | sed -n 2p | grep -q '\"id\":2' && echo \"\$1\" | sed -n 2p | grep -q '\"isError\":false'" _ "$answers"
check "stdout holds exactly the two answers" test "$(echo "$answers" | wc -l)" -eq 2

# The demo tenant, the first thing a new user runs: the fake OpsRamp inside the binary, on loopback.
# (printf, not echo: dash's echo would turn the \n in the demo's instructions into line breaks.)
demo_check=$(run_isolated "$binary" --demo --check 2>&1)
demo_status=$?
check "--demo --check passes on the demo tenant" \
  sh -c "[ $demo_status -eq 0 ] && echo \"\$1\" | grep -q 'tenant msp_300100' && echo \"\$1\" | grep -q '42 alert(s)'" _ "$demo_check"
demo_call='{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"get_alerts","arguments":{"states":["Critical"],"since":"1h"}}}'
demo_answers=$(printf '%s\n%s\n%s\n' "$initialize" "$initialized" "$demo_call" | run_isolated "$binary" --demo 2>/dev/null)
check "--demo finds the 6 critical alerts of the last hour, marked as sample data" \
  sh -c "printf '%s\\n' \"\$1\" | sed -n 2p | grep -q '\"totalResults\":6' && printf '%s\\n' \"\$1\" | sed -n 2p | grep -q '\"notice\":\"DEMO: sample data'" _ "$demo_answers"

# release.sh itself: without a linkable libcurl it stops before building and names the package.
fakebin="$work/fakebin"
mkdir -p "$fakebin"
printf '#!/bin/sh\necho "0 libs found in cache"\n' > "$fakebin/ldconfig"
chmod +x "$fakebin/ldconfig"
message=$(PATH="$fakebin:$PATH" bash scripts/release.sh 2>&1 >/dev/null)
status=$?
check "release.sh stops when libcurl.so is missing and names libcurl4-openssl-dev" \
  sh -c "[ $status -ne 0 ] && echo \"\$1\" | grep -q 'libcurl4-openssl-dev'" _ "$message"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
