#!/usr/bin/env bash
# Regenerates scripts/link-order.txt: the server's functions that start-up and initialize run, then
# those a tool call and a get_alerts answer add, in that order. Release builds on Linux link them
# first and together (see Package.swift), so that they share a few pages: the kernel maps 64 KB around
# each first touch of the binary, and with these functions scattered the whole binary was resident
# at idle (2 MB; 1 MB in order). The Swift runtime's, Foundation's and Dispatch's functions that the
# same runs call are listed too: the static build links them from the toolchain's archives into the
# binary, where in order they took its idle RSS from 22.1 to 19.8 MB. Run it after large changes;
# stale names cost nothing, new functions land after the ordered ones until it is run again.
#
#   bash scripts/link-order.sh          # needs valgrind (callgrind) and a C compiler
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
[ -n "${LINK_ORDER_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

swift build -c release
swift build --build-tests
# valgrind cannot follow dispatch_main's pthread_exit of the main thread; this drains the main queue instead.
cc -shared -fPIC -O2 -o "$work/libmainqueue.so" Benchmarks/Profile/mainqueue.c
for floor in echo http_get; do
  name=floor-${floor//_/-}-plain
  [ -x ".build-bench/$name" ] || { mkdir -p .build-bench && swiftc -O "Benchmarks/Floor/$floor.swift" -o ".build-bench/$name"; }
done
objcopy --strip-debug .build/release/opsramp-mcp-server "$work/server"
# The Swift runtime, Foundation and Dispatch libraries the plain build loads: their functions are
# ordered too, for the static build (scripts/release.sh), which links the same code from their
# archives into the binary; the plain build has no such symbols and skips those names.
runtime_dir=$(dirname "$(ldd .build/release/opsramp-mcp-server | awk '/libswiftCore.so/ {print $3}')")

OPSRAMP_BENCHMARK=1 BENCH_ROWS=idle,per-call,alerts BENCH_CALLS=50 \
  BENCH_LAUNCHER="env LD_PRELOAD=$work/libmainqueue.so valgrind --tool=callgrind --demangle=no --dump-instr=no --callgrind-out-file=$work/cg.%p.out" \
  OPSRAMP_MCP_BINARY="$work/server" BENCH_FLOOR_ECHO="$PWD/.build-bench/floor-echo-plain" BENCH_FLOOR_HTTP_GET="$PWD/.build-bench/floor-http-get-plain" \
  swift test --skip-build --no-parallel --filter BenchmarkTests > "$work/benchmark.log" 2>&1 || true

# The servers' profiles, oldest first (the idle ones come first); each function once, where first seen.
# Names are compressed in callgrind's format: "fn=(id) name" the first time, "fn=(id)" after.
ls -tr "$work"/cg.*.out | xargs grep -l "^cmd: *$work/server" | xargs awk -v want="$work/server" -v runtime="^$runtime_dir/" '
  FNR == 1 { split("", objects); split("", functions); current = "" }
  /^c?(ob|fn)=\(/ {
    key = substr($0, 1, index($0, "=") - 1); rest = substr($0, index($0, "=") + 1)
    id = substr(rest, 2, index(rest, ")") - 2); name = substr(rest, index(rest, ")") + 2)
    kind = key; sub(/^c/, "", kind)
    if (name != "") { if (kind == "ob") objects[id] = name; else functions[id] = name }
    if (key == "ob") current = objects[id]
    else if (key == "fn" && (current == want || current ~ runtime)) {
      name = functions[id]; sub(/'"'"'[0-9]+$/, "", name)
      if (name !~ /^0x/ && name != "(below main)" && !(name in seen)) { seen[name] = 1; print name }
    }
  }' > "$work/order.txt"
count=$(wc -l < "$work/order.txt")
[ "$count" -gt 100 ] || { echo "only $count functions profiled; see $work/benchmark.log" >&2; trap - EXIT; exit 1; }
mv "$work/order.txt" scripts/link-order.txt
echo "scripts/link-order.txt: $count functions"
