#!/usr/bin/env bash
# Checks the Swift sources against .swift-format without changing them; exits non-zero on any finding.
# Usage: scripts/lint.sh [path ...]   (default: Sources Tests Package.swift)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then set -- Sources Tests Package.swift; fi
# --strict turns every finding into an error, so the exit status is 1 whenever there is one.
exec swift format lint --strict --recursive --parallel --configuration .swift-format "$@"
