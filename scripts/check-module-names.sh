#!/usr/bin/env bash
# Checks that a package can depend on this one together with the well-known packages whose module
# names ours must not take: apple/swift-log (Logging), apple/swift-configuration (Configuration) and
# modelcontextprotocol/swift-sdk (MCP). SwiftPM refuses a graph where two packages declare a target of
# the same name ("multiple packages ... declare targets with a conflicting name"), so a clash shows
# when the graph loads; the build then proves the four link into one executable that runs.
#
# Usage: scripts/check-module-names.sh [--graph-only]
#   --graph-only             stop after the package graph loads (seconds instead of minutes)
#   MODULE_CHECK_SCRATCH=dir reuse dir for the scratch package and its build (faster re-runs);
#                            without it a temporary folder is made and removed
#
# The github.com addresses resolve wherever git does: on our build machines git reads them from local
# copies (url.<dir>.insteadOf in /etc/gitconfig), so the check works offline there.
set -euo pipefail

graph_only=false
case "${1:-}" in
    "") ;;
    --graph-only) graph_only=true ;;
    *) echo "usage: $0 [--graph-only]" >&2; exit 2 ;;
esac

repo="$(cd "$(dirname "$0")/.." && pwd)"
# The module of ours the probe imports: the one target of the OpsRampMCPModules product, which brings
# every module of the server but the executable's own.
our_product="OpsRampMCPModules"
our_module="OpsRampTools"

if [ -n "${MODULE_CHECK_SCRATCH:-}" ]; then
    scratch="$MODULE_CHECK_SCRATCH"
    mkdir -p "$scratch"
else
    scratch="$(mktemp -d "${TMPDIR:-/tmp}/module-check.XXXXXX")"
    trap 'rm -rf "$scratch"' EXIT
fi

# SwiftPM names a path dependency after its folder; a link with a fixed name keeps the manifest the
# same whatever the clone is called.
ln -sfn "$repo" "$scratch/opsramp-mcp-server"
mkdir -p "$scratch/Sources/ModuleNameProbe"
cat > "$scratch/Package.swift" <<EOF
// swift-tools-version:6.0
// Written by scripts/check-module-names.sh: the server's modules beside three packages whose module names
// are common, in one graph and one executable.
import PackageDescription

let package = Package(
    name: "module-name-probe",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "opsramp-mcp-server"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
    ],
    targets: [
        .executableTarget(
            name: "ModuleNameProbe",
            dependencies: [
                .product(name: "$our_product", package: "opsramp-mcp-server"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "MCP", package: "swift-sdk"),
            ]
        ),
    ]
)
EOF
cat > "$scratch/Sources/ModuleNameProbe/main.swift" <<EOF
// Each name is qualified by its module, so the probe fails to build if a module is not the one meant.
import Configuration
import Logging
import MCP
import $our_module

print("linked:", Logging.Logger.self, Configuration.ConfigReader.self, MCP.Server.self,
      "and \($our_module.OpsRampToolbox.toolNames.count) OpsRamp tools")
EOF

cd "$scratch"
log="$scratch/check.log"
step() {
    local what="$1"; shift
    local start=$SECONDS
    local status=0
    "$@" >"$log" 2>&1 || status=$?
    # A clash is an error line naming both packages and the module. Some commands that load the graph
    # print it and still exit 0, so the log decides as well as the exit status.
    if [ "$status" -ne 0 ] || grep -q "conflicting name" "$log"; then
        if grep -q "conflicting name" "$log"; then
            echo "module-name check FAILED: a module of ours has the name of a module in a common package" >&2
            grep "conflicting name" "$log" | sed 's/^/  /' >&2
            echo "  rename the module (target) in Package.swift so that it names this product" >&2
        else
            echo "module-name check FAILED while trying to $what:" >&2
            tail -n 30 "$log" | sed 's/^/  /' >&2
        fi
        exit 1
    fi
    echo "  $what: ok ($((SECONDS - start)) s)"
}

echo "module-name check in $scratch"
step "resolve the packages" swift package resolve
step "load the package graph" swift package show-dependencies
if $graph_only; then
    echo "module-name check passed (graph only): no module of ours shares a name with swift-log, swift-configuration or the MCP SDK"
    exit 0
fi
step "build the probe" swift build --product ModuleNameProbe
step "run the probe" .build/debug/ModuleNameProbe
sed 's/^/  /' "$log"
echo "module-name check passed: the server's modules build and link beside swift-log, swift-configuration and the MCP SDK"
