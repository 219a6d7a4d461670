#!/usr/bin/env bash
# Builds the store and the benchmark harness in Release once, then runs one scenario against a fresh store.
# Usage: benchmarks/run.sh [SCENARIO] [--requests N] [--concurrency C] [--warmup W] [--time-limit S] [--set KEY=VALUE]
# SCENARIO defaults to checkout. benchmarks/README.md says what each scenario measures.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROJECT="$ROOT/benchmarks/Storefront.Benchmarks/Storefront.Benchmarks.csproj"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [[ $# -eq 0 || "$1" == -* && "$1" != "-h" && "$1" != "--help" ]]; then
  set -- checkout "$@"
fi

# The harness references the store, so this one build also produces Storefront/bin/Release, which it starts.
dotnet build "$PROJECT" -c Release -nologo -v quiet -clp:NoSummary\;ErrorsOnly
# Run the built assembly itself, so that Ctrl+C (SIGINT) and SIGTERM reach the harness, which stops the store.
HARNESS="$(dotnet msbuild "$PROJECT" -nologo -p:Configuration=Release -getProperty:TargetPath)"
exec dotnet "$HARNESS" "$@"
