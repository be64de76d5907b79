#!/usr/bin/env bash
# Builds the release server (the plain `swift build -c release` binary and the static-runtime one
# that scripts/release.sh ships) and the floor programs, runs the benchmark against the fake OpsRamp
# for each build, and writes one named Markdown summary (medians over the runs) to
# benchmark-results/<date>-<commit>.md and benchmark-results/latest.md.
#
#   bash Benchmarks/run.sh                            # one run of each build
#   BENCH_RUNS=3 bash Benchmarks/run.sh               # three runs of each; the summary holds medians
#   BENCH_BASELINE=<commit> bash Benchmarks/run.sh    # also that commit's binaries, each run back to
#                                                     # back with the current ones: before/after ratios
#   BENCH_BUILDS=plain bash Benchmarks/run.sh         # one build only (plain or static)
#   BENCH_ROWS=per-call BENCH_LAUNCHER="valgrind --tool=callgrind" ...   # one section, under a profiler
#                                                     # (sections: startup idle per-call concurrency alerts
#                                                     # resources sustained questions; BENCH_CALLS, BENCH_SERVER_ENV)
#
# Exits 1 when a target is missed on the medians.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build-bench
results="$out/results"
mkdir -p "$out" benchmark-results
rm -rf "$results" && mkdir -p "$results"
runs=${BENCH_RUNS:-1}
builds=${BENCH_BUILDS:-plain static}

# The static Swift runtime needs a linkable libcurl (libcurl.so). When the dev package is not
# installed, point the linker at the runtime library through a private symlink.
static_link=()
if ! ldconfig -p | grep -q 'libcurl.so '; then
  runtime=$(ldconfig -p | awk '/libcurl.so.4 / {print $NF; exit}')
  mkdir -p "$out/lib" && ln -sf "$runtime" "$out/lib/libcurl.so"
  static_link=(-Xlinker "-L$PWD/$out/lib")
fi

# Builds the server in directory $1 for each build asked for.
build_server() {
  for build in $builds; do
    case $build in
      plain) (cd "$1" && swift build -c release) ;;
      static) (cd "$1" && swift build -c release --static-swift-stdlib --scratch-path .build-static "${static_link[@]}") ;;
      *) echo "unknown build $build (plain or static)" >&2; exit 2 ;;
    esac
  done
}

binary_of() { # directory build
  case $2 in
    plain) echo "$1/.build/release/opsramp-mcp-server" ;;
    static) echo "$1/.build-static/release/opsramp-mcp-server" ;;
  esac
}

build_server "$PWD"
labels=(current)
commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources Package.swift || echo "+changes")
if [ -n "${BENCH_BASELINE:-}" ]; then
  baseline=$(git rev-parse --short "$BENCH_BASELINE")
  baseline_dir="$PWD/$out/baseline-$baseline"
  if [ ! -d "$baseline_dir" ]; then
    mkdir -p "$baseline_dir"
    git archive "$baseline" | tar -x -C "$baseline_dir"
  fi
  build_server "$baseline_dir"
  labels=("$baseline" "$commit")
else
  labels=("$commit")
fi

for build in $builds; do
  flags=(-O)
  if [ "$build" = static ]; then flags+=(-static-stdlib "${static_link[@]}"); fi
  swiftc "${flags[@]}" Benchmarks/Floor/echo.swift -o "$out/floor-echo-$build"
  swiftc "${flags[@]}" Benchmarks/Floor/http_get.swift -o "$out/floor-http-get-$build"
done
swiftc -O Benchmarks/summarize.swift -o "$out/summarize"
swift build --build-tests

files=()
for run in $(seq 1 "$runs"); do
  for build in $builds; do
    for label in "${labels[@]}"; do
      if [ "$label" = "$commit" ]; then binary=$(binary_of "$PWD" "$build"); else binary=$(binary_of "$baseline_dir" "$build"); fi
      echo "== run $run of $runs: $build build, $label"
      files+=("$PWD/$results/run$run-$build-$label.json")
      OPSRAMP_BENCHMARK=1 \
      OPSRAMP_MCP_BINARY="$binary" \
      BENCH_BUILD="$build" \
      BENCH_LABEL="$label" \
      BENCH_FLOOR_ECHO="$PWD/$out/floor-echo-$build" \
      BENCH_FLOOR_HTTP_GET="$PWD/$out/floor-http-get-$build" \
      BENCH_RESULTS_JSON="$PWD/$results/run$run-$build-$label.json" \
        swift test --skip-build --no-parallel --filter BenchmarkTests 2>&1 | grep -v '^\[' | sed -n '/^| /p;/^benchmark/p;/✘.*Expectation/p' || true
    done
  done
done

stamp=$(date -u +%Y-%m-%dT%H%MZ)
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || echo "unknown CPU")
title="Benchmark run $stamp of $commit${BENCH_BASELINE:+ against $baseline}: $runs run(s) per build, $(nproc) cores ($cpu), $(swift --version 2>&1 | head -1)"
summary="benchmark-results/$stamp-$commit.md"
status=0
"$out/summarize" "$title" "${files[@]}" > "$summary" || status=$?
cp "$summary" benchmark-results/latest.md
cat "$summary"
echo "results: $summary (also benchmark-results/latest.md)"
exit $status
