#!/usr/bin/env bash
# Formats the Swift sources in place with the toolchain's swift-format and the repo's .swift-format.
# Usage: scripts/format.sh [path ...]   (default: Sources Tests Package.swift)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then set -- Sources Tests Package.swift; fi
exec swift format format --in-place --recursive --parallel --configuration .swift-format "$@"
