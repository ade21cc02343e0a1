#!/usr/bin/env bash
# Builds vipps-fuzz with libFuzzer and AddressSanitizer and fuzzes each target for FUZZ_SECONDS
# (default 60). Prints executions, speed, coverage and crashes per target and writes the same to
# build/fuzz/report.md. Usage: scripts/fuzz.sh [TARGET...]   (default: every target)
#
#   FUZZ_SECONDS=600 scripts/fuzz.sh abi     ten minutes on the C ABI
#   FUZZ_MERGE=1 scripts/fuzz.sh             afterwards, merge new coverage into fuzz/corpus
#
# Inputs the fuzzer finds go to build/fuzz/corpus/<target> (the committed seeds in fuzz/corpus
# are only read), crashes to build/fuzz/artifacts/<target>/. Reproduce a crash with
#   .build/fuzz/release/vipps-fuzz run <target> build/fuzz/artifacts/<target>/crash-...
# then minimise it (-minimize_crash=1), fix the bug and commit the input to
# fuzz/regressions/<target>/, which `make test` replays.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
OUT=build/fuzz
# A scratch path of its own: sanitizer flags must not mix with the normal build's objects.
# Under .build because SwiftPM fails every second build with a scratch path outside it.
SCRATCH=.build/fuzz
BIN=$SCRATCH/release/vipps-fuzz
ALL_TARGETS=(http-response json-responses callbacks abi webhooks)
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL_TARGETS[@]}")

# -sanitize=fuzzer,address instruments the Swift modules; the one C file (CVipps) has no code
# worth instrumenting. lld: gold crashes ("internal error in format_file_lineno") linking the
# libFuzzer runtime, and SwiftPM drops -use-ld from -Xswiftc at link time, so clang gets it.
echo "fuzz: building $BIN (release, libFuzzer + ASan)"
"$SWIFT" build -c release --scratch-path "$SCRATCH" --product vipps-fuzz \
    -Xswiftc -sanitize=fuzzer,address \
    -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld \
    -Xswiftc -D -Xswiftc VIPPS_FUZZ

max_len() {
    case $1 in
        http-response|json-responses) echo 8192 ;;
        *) echo 4096 ;;
    esac
}

dict() {
    case $1 in
        http-response) echo fuzz/dict/http.dict ;;
        json-responses|callbacks) echo fuzz/dict/json.dict ;;
    esac
}

mkdir -p "$OUT"
REPORT=$OUT/report.md
{
    echo "# libvipps fuzzing report"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $FUZZ_SECONDS s per target, $(nproc) cores, binary $BIN"
    echo
    echo "| target | executions | exec/s | cov | ft | corpus | crashes | log |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|"
} > "$REPORT"

failed=0
for target in "${TARGETS[@]}"; do
    work=$OUT/corpus/$target
    artifacts=$OUT/artifacts/$target
    log=$OUT/$target.log
    mkdir -p "$work" "$artifacts"
    corpora=("$work" "fuzz/corpus/$target")
    [ -d "fuzz/regressions/$target" ] && corpora+=("fuzz/regressions/$target")
    flags=(-max_total_time="$FUZZ_SECONDS" -max_len="$(max_len "$target")" -timeout=10 -rss_limit_mb=2048
           -print_final_stats=1 -artifact_prefix="$artifacts/")
    [ -n "$(dict "$target")" ] && flags+=(-dict="$(dict "$target")")
    echo "fuzz: $target for $FUZZ_SECONDS s (log: $log)"
    status=0
    # LeakSanitizer stays on: a handle or string the ABI forgets to free is a bug too.
    # Swift's own crash backtracer is turned off: it reads memory ASan has poisoned and buries
    # the report; libFuzzer reports the trap and saves the input.
    SWIFT_BACKTRACE=enable=no "$BIN" "$target" "${flags[@]}" "${corpora[@]}" > "$log" 2>&1 || status=$?

    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 || true)
    cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<< "$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$last")
    corpus=$(sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p' <<< "$last")
    crashes=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
    if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
        failed=1
        echo "fuzz: $target FAILED (exit $status); $crashes input(s) in $artifacts:"
        grep -E 'ERROR|Fatal error|invariant broken|SUMMARY' "$log" | head -5 || true
    fi
    printf 'fuzz: %-15s %10s runs %8s exec/s  cov %-6s ft %-7s corpus %-10s crashes %s\n' \
        "$target" "${runs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "${corpus:-?}" "$crashes"
    echo "| $target | ${runs:-?} | ${speed:-?} | ${cov:-?} | ${ft:-?} | ${corpus:-?} | $crashes | $log |" >> "$REPORT"

    if [ "${FUZZ_MERGE:-0}" = 1 ] && [ "$status" -eq 0 ]; then
        # Keeps only inputs that add coverage to the committed seeds.
        "$BIN" "$target" -merge=1 -max_len="$(max_len "$target")" \
            "fuzz/corpus/$target" "$work" >> "$log" 2>&1
        echo "fuzz: merged new coverage of $target into fuzz/corpus/$target"
    fi
done

{
    echo
    echo "cov: code edges covered (whole binary, libFuzzer's count); ft: features (edges with hit counts)."
    echo "Crash inputs are in $OUT/artifacts/<target>/; see scripts/fuzz.sh for how to reproduce one."
} >> "$REPORT"
echo "fuzz: report in $REPORT"
exit $failed
