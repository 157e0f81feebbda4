#!/bin/sh
# Builds the fuzz targets and runs each for SECONDS (default 300), one after the other,
# printing libFuzzer's final statistics. Needs cargo-fuzz and a nightly toolchain.
set -eu
cd "$(dirname "$0")"
seconds="${1:-300}"
cargo +nightly fuzz build
for target in $(cargo +nightly fuzz list); do
    echo "== $target"
    cargo +nightly fuzz run "$target" -- -max_total_time="$seconds" -print_final_stats=1
done
