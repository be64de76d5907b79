#!/usr/bin/env bash
# Builds the release server and the floor programs, then runs the benchmark against the fake
# OpsRamp. Prints a table of ratios measured in this one run, and saves it in benchmark-results/.
#
#   bash Benchmarks/run.sh          # static Swift stdlib build (the fast-starting one)
#   BENCH_DYNAMIC=1 bash Benchmarks/run.sh   # the plain `swift build -c release` binary instead
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build-bench
mkdir -p "$out" benchmark-results

if [ "${BENCH_DYNAMIC:-0}" = 1 ]; then
  swift build -c release
  binary=.build/release/opsramp-mcp-server
else
  # The static Swift stdlib needs a linkable libcurl (libcurl.so). When the dev package is not
  # installed, point the linker at the runtime library through a private symlink.
  extra=()
  if ! ldconfig -p | grep -q 'libcurl.so '; then
    runtime=$(ldconfig -p | awk '/libcurl.so.4 / {print $NF; exit}')
    mkdir -p "$out/lib" && ln -sf "$runtime" "$out/lib/libcurl.so"
    extra=(-Xlinker "-L$PWD/$out/lib")
  fi
  swift build -c release --static-swift-stdlib --scratch-path .build-static "${extra[@]}"
  binary=.build-static/release/opsramp-mcp-server
fi

swiftc -O Benchmarks/Floor/echo.swift -o "$out/floor-echo"
swiftc -O Benchmarks/Floor/http_get.swift -o "$out/floor-http-get"
swift build --build-tests

OPSRAMP_BENCHMARK=1 \
OPSRAMP_MCP_BINARY="$PWD/$binary" \
BENCH_FLOOR_ECHO="$PWD/$out/floor-echo" \
BENCH_FLOOR_HTTP_GET="$PWD/$out/floor-http-get" \
BENCH_RESULTS="$PWD/benchmark-results/latest.md" \
  swift test --skip-build --no-parallel --filter BenchmarkTests 2>&1 | grep -v '^\[' | sed -n '/^| /p;/^benchmark/p;/✘/p'
echo "results: benchmark-results/latest.md"
