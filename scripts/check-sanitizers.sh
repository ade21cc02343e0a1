#!/usr/bin/env bash
# The test suites under sanitizers (make check-sanitizers). Stages, chosen by argument:
#   asan      the Swift library suites and the C suites under AddressSanitizer with LeakSanitizer,
#             plus UndefinedBehaviorSanitizer on the C code (swiftc offers no -sanitize=undefined
#             on Linux; Swift's own overflow and bounds checks trap in the debug build anyway)
#   tsan      the multi-threaded tests under ThreadSanitizer: the Swift library suites (which
#             swift-testing runs in parallel in one process) and the C suites that share a
#             client between pthreads
#   valgrind  the C suites under memcheck, against the release library of `make stage` and
#             against an unstripped twin of it (see stage_valgrind for why both)
#   all       the three in turn (the default)
#
#   scripts/check-sanitizers.sh [asan|tsan|valgrind|all]...
#
# Each stage prints one summary line (runs, errors, leaks, suppressed) and the whole run writes
# build/sanitizers/report.md. The exit status is non-zero when any stage saw a sanitizer error, a
# definite leak, or a failing test. Needs .build/debug/vipps-sim (make sim) and, for valgrind,
# build/stage (make stage); `make check-sanitizers` builds both first.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
SWIFT=${SWIFT:-swift}
SIM=${SIM:-.build/debug/vipps-sim}
STAGE=${STAGE:-$root/build/stage}
# The Makefile passes its own flags so that the sanitized C programs are built like make test's.
CFLAGS_C=${CFLAGS_C:--std=c99 -Wall -Wextra -pedantic -Werror -O1 -g}
out=$root/build/sanitizers
supp=$root/build-support/sanitizers
# Per-run time limit: a crashed test process can leave `swift test` waiting forever.
TIMEOUT=${SANITIZER_TIMEOUT:-1800}

# The Swift library's test suites. VippsSimulatorTests are left out: they test vipps-sim's
# Hummingbird/NIO server in-process, not the library.
SWIFT_LIBRARY_SUITES='VippsHTTPTests|VippsCoreTests|VippsABITests|VippsCLITests'
# Under TSan only the suites whose code runs on several threads at once in one process; the CLI
# suite runs vipps-cli as a separate, single-threaded process.
SWIFT_THREADED_SUITES='VippsHTTPTests|VippsCoreTests|VippsABITests'

# The sanitized Swift library is instrumented for LLVM's compiler-rt runtimes, so C programs
# linked against it are built with the toolchain's own clang (GCC's libasan/libtsan are other
# builds of those runtimes and must not be mixed in), and linked with its lld.
swift_bin=$(readlink -f "$(command -v "$SWIFT")" 2>/dev/null || true)
CLANG=${CLANG:-$(dirname "${swift_bin:-/usr/bin/swift}")/clang}
# clang warns (-Werror) about deliberate string-literal concatenation in array initialisers that
# gcc, the compiler of make test-c, accepts; the warning check itself belongs to make test-c.
CLANG_CFLAGS="$CFLAGS_C -Wno-string-concatenation"

# The Swift runtime's crash backtracer copies other threads' stacks with memcpy, which ASan
# reports as a stack overflow, hiding the real failure; the sanitizers print their own stacks.
export SWIFT_BACKTRACE=enable=no

c_suites=()
for source in bindings/c/tests/test_*.c; do c_suites+=("$(basename "$source" .c)"); done
needs_sim() { grep -q 'sim_support.h' "bindings/c/tests/$1.c"; }
is_threaded() { grep -q 'pthread_create' "bindings/c/tests/$1.c"; }

failed=0
report_sections=()

note() { echo "check-sanitizers: $*"; }

# swift_build SCRATCH LOG ARGS...: a build in .build/SCRATCH (SwiftPM fails every second build in
# a scratch path outside .build, and a sanitized build needs a folder of its own). Sources being
# edited while the build runs make SwiftPM stop with "was modified during the build": retried.
swift_build() {
  local scratch=$1 log=$2
  shift 2
  local attempt
  for attempt in 1 2 3; do
    if "$SWIFT" build --scratch-path ".build/$scratch" "$@" >"$log" 2>&1; then return 0; fi
    grep -q 'was modified during the build' "$log" || break
    note "$scratch: sources changed during the build; building again"
  done
  note "$scratch: build failed; the end of $log:"
  grep -v 'warning: Cannot export local symbol' "$log" | tail -n 30 >&2
  return 1
}

# with_sim STATE_DIR COMMAND...: the command against a fresh vipps-sim, within the time limit.
with_sim() {
  local state=$1
  shift
  timeout --kill-after=30 "$TIMEOUT" scripts/with-simulator.sh "$SIM" "$state" -- "$@"
}

# run_logged LOG COMMAND...: output to LOG; records a failing exit status in $run_failures.
run_failures=0
run_logged() {
  local log=$1
  shift
  "$@" >"$log" 2>&1
  local status=$?
  if [ $status -ne 0 ]; then
    run_failures=$((run_failures + 1))
    note "  $(basename "$log" .log): exit status $status (see $log)"
  fi
  return $status
}

# Sums what the suppressions matched: LSan prints a "Suppressions used:" table (count, bytes,
# pattern), TSan "ThreadSanitizer: Matched N suppressions" and one "count type:pattern" line each.
count_suppressed() {
  awk '/^Suppressions used:/ {t = 1; next}
       t && /^ *count/ {next}
       t && /^ *[0-9]+ / {n += $1; next}
       {t = 0}
       /^ThreadSanitizer: Matched [0-9]+ suppressions/ {n += $3}
       END {print n + 0}' "$@"
}

# count_lines PATTERN LOG...: how many lines of the logs match.
count_lines() {
  local pattern=$1 n
  shift
  n=$(cat "$@" 2>/dev/null | grep -a -c -E "$pattern" || true)
  echo "${n:-0}"
}

# Test totals from swift-testing's last line and from the C suites' "N passed, N failed" lines.
swift_tests_run() { grep -a -h -o -E 'Test run with [0-9]+ tests?' "$@" | awk '{n += $4} END {print n + 0}'; }
c_checks_run() { grep -a -h -E '^test_[a-z_]+: [0-9]+ passed' "$@" | awk '{n += $2 + $4} END {print n + 0}'; }

# stage_result NAME RUNS ERRORS LEAKS SUPPRESSED SECONDS DETAILS: prints the summary line, adds
# the report section, and marks the whole run failed on errors, leaks or failing runs.
stage_result() {
  local name=$1 runs=$2 errors=$3 leaks=$4 suppressed=$5 seconds=$6 details=$7
  local verdict=OK
  if [ "$errors" -ne 0 ] || [ "$leaks" -ne 0 ] || [ "$run_failures" -ne 0 ]; then
    verdict=FAILED
    failed=1
  fi
  local line="$name: $runs, $errors errors, $leaks leaks, $suppressed suppressed, $run_failures failing runs, ${seconds}s: $verdict"
  echo "check-sanitizers: $line"
  report_sections+=("## $name: $verdict"$'\n\n'"$line"$'\n\n'"$details")
}

stage_failed_to_build() {
  local name=$1 log=$2
  failed=1
  echo "check-sanitizers: $name: build failed (see $log): FAILED"
  report_sections+=("## $name: FAILED"$'\n\n'"The build failed; see \`${log#"$root"/}\`.")
}

require_sim() {
  [ -x "$SIM" ] && return 0
  echo "check-sanitizers: $SIM is not built; run: make sim" >&2
  exit 2
}

# ---------------------------------------------------------------------------------------------
stage_asan() {
  local dir=$out/asan start=$SECONDS
  rm -rf "$dir" && mkdir -p "$dir/c"
  run_failures=0
  note "asan: building the package and its tests in .build/asan (ASan; UBSan for C)"
  local flags=(--sanitize=address -Xcc -fsanitize=undefined
               -Xswiftc -Xclang-linker -Xswiftc -fsanitize=undefined)
  swift_build asan "$dir/build.log" --build-tests "${flags[@]}" || { stage_failed_to_build asan "$dir/build.log"; return; }
  local build_seconds=$((SECONDS - start))

  # halt_on_error=0 for UBSan: every report is printed and counted below, not just the first.
  local env=(ASAN_OPTIONS=detect_leaks=1:print_summary=1
             LSAN_OPTIONS=suppressions=$supp/lsan.supp:print_suppressions=1
             UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=0:report_error_type=1)

  note "asan: Swift library suites ($SWIFT_LIBRARY_SUITES)"
  run_logged "$dir/swift-tests.log" with_sim "$dir/sim-swift" env "${env[@]}" \
    "$SWIFT" test --skip-build --scratch-path .build/asan "${flags[@]}" --filter "$SWIFT_LIBRARY_SUITES"

  local lib=$root/.build/asan/debug
  local suite
  for suite in "${c_suites[@]}"; do
    # shellcheck disable=SC2086  # CLANG_CFLAGS is a list of flags
    if ! "$CLANG" $CLANG_CFLAGS -fno-omit-frame-pointer -fsanitize=address,undefined -fuse-ld=lld \
        -Iinclude -o "$dir/c/$suite" "bindings/c/tests/$suite.c" -L"$lib" -lvipps -Wl,-rpath,"$lib" -lpthread -lcrypto \
        >"$dir/c/$suite.build.log" 2>&1; then
      run_failures=$((run_failures + 1))
      note "  $suite: does not build (see $dir/c/$suite.build.log)"
      continue
    fi
    note "asan: C suite $suite"
    if needs_sim "$suite"; then
      run_logged "$dir/$suite.log" with_sim "$dir/sim-$suite" env "${env[@]}" "$dir/c/$suite"
    else
      run_logged "$dir/$suite.log" env "${env[@]}" "$dir/c/$suite"
    fi
  done

  local logs=("$dir"/*.log)
  local errors leaks suppressed
  errors=$(count_lines 'ERROR: AddressSanitizer|runtime error:' "${logs[@]}")
  leaks=$(count_lines '^(Direct|Indirect) leak of' "${logs[@]}")
  suppressed=$(count_suppressed "${logs[@]}")
  local runs
  runs="$((1 + ${#c_suites[@]})) runs ($(swift_tests_run "$dir/swift-tests.log") Swift tests, $(c_checks_run "${logs[@]}") C checks)"
  stage_result asan "$runs" "$errors" "$leaks" "$suppressed" $((SECONDS - start)) "$(cat <<EOF
- Build: \`swift build --build-tests --scratch-path .build/asan ${flags[*]}\` (${build_seconds}s)
- Swift: \`swift test --skip-build ... --filter '$SWIFT_LIBRARY_SUITES'\` against vipps-sim
- C: \`bindings/c/tests/*.c\` built with \`clang -fsanitize=address,undefined\` against \`.build/asan/debug/libvipps.so\`
- Errors counted: AddressSanitizer reports and UBSan \`runtime error:\` lines; leaks: LSan direct and
  indirect leaks. LSan suppressions (\`build-support/sanitizers/lsan.supp\`, each explained there): $suppressed allocations.
- Logs: \`build/sanitizers/asan/\`
EOF
)"
}

# ---------------------------------------------------------------------------------------------
stage_tsan() {
  local dir=$out/tsan start=$SECONDS
  rm -rf "$dir" && mkdir -p "$dir/c"
  run_failures=0
  note "tsan: building the package and its tests in .build/tsan"
  swift_build tsan "$dir/build.log" --build-tests --sanitize=thread || { stage_failed_to_build tsan "$dir/build.log"; return; }
  local build_seconds=$((SECONDS - start))

  local env=(TSAN_OPTIONS=halt_on_error=0:second_deadlock_stack=1:suppressions=$supp/tsan.supp:print_suppressions=1)

  note "tsan: Swift suites ($SWIFT_THREADED_SUITES)"
  run_logged "$dir/swift-tests.log" with_sim "$dir/sim-swift" env "${env[@]}" \
    "$SWIFT" test --skip-build --scratch-path .build/tsan --sanitize=thread --filter "$SWIFT_THREADED_SUITES"

  local lib=$root/.build/tsan/debug
  # The toolchain's TSan runtime carries libdispatch interceptors, which need libdispatch and
  # the blocks runtime at link time (both ship with the Swift runtime).
  local runtime
  runtime=$(dirname "$CLANG")/../lib/swift/linux
  local suite ran=0
  for suite in "${c_suites[@]}"; do
    is_threaded "$suite" || continue
    # shellcheck disable=SC2086
    if ! "$CLANG" $CLANG_CFLAGS -fsanitize=thread -fuse-ld=lld -Iinclude -o "$dir/c/$suite" "bindings/c/tests/$suite.c" \
        -L"$lib" -lvipps -Wl,-rpath,"$lib" -L"$runtime" -ldispatch -lBlocksRuntime -Wl,-rpath,"$runtime" -lpthread -lcrypto \
        >"$dir/c/$suite.build.log" 2>&1; then
      run_failures=$((run_failures + 1))
      note "  $suite: does not build (see $dir/c/$suite.build.log)"
      continue
    fi
    ran=$((ran + 1))
    note "tsan: C suite $suite"
    if needs_sim "$suite"; then
      run_logged "$dir/$suite.log" with_sim "$dir/sim-$suite" env "${env[@]}" "$dir/c/$suite"
    else
      run_logged "$dir/$suite.log" env "${env[@]}" "$dir/c/$suite"
    fi
  done

  local logs=("$dir"/*.log)
  local errors suppressed
  errors=$(count_lines 'WARNING: ThreadSanitizer:' "${logs[@]}")
  suppressed=$(count_suppressed "${logs[@]}")
  local runs
  runs="$((1 + ran)) runs ($(swift_tests_run "$dir/swift-tests.log") Swift tests, $(c_checks_run "${logs[@]}") C checks)"
  stage_result tsan "$runs" "$errors" 0 "$suppressed" $((SECONDS - start)) "$(cat <<EOF
- Build: \`swift build --build-tests --scratch-path .build/tsan --sanitize=thread\` (${build_seconds}s)
- Swift: \`swift test --skip-build ... --filter '$SWIFT_THREADED_SUITES'\` against vipps-sim
  (swift-testing runs these suites in parallel in one process: shared token caches, connection
  pools and the thread-local last error are exercised from several threads)
- C: the suites that call \`pthread_create\`, built with \`clang -fsanitize=thread\` against \`.build/tsan/debug/libvipps.so\`
- Errors counted: ThreadSanitizer warnings (data races, lock-order inversions, unsafe signals).
  TSan suppressions (\`build-support/sanitizers/tsan.supp\`): $suppressed.
- Logs: \`build/sanitizers/tsan/\`
EOF
)"
}

# ---------------------------------------------------------------------------------------------
ensure_valgrind() {
  command -v valgrind >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    note "installing the Debian package valgrind"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind && return 0
  fi
  echo "check-sanitizers: valgrind is missing; run: sudo apt-get install -y valgrind" >&2
  return 1
}

# The release library in build/stage is stripped (-Xlinker -s), so valgrind can only show "???"
# for the Swift runtime linked into it, and no suppression could tell a runtime cache from our
# code. Hence two passes over the same C programs:
#   stage     the shipped library: memory errors and definite/indirect leaks are errors;
#             "possibly lost" blocks are listed but cannot be attributed here
#   symbols   the same release build without -Xlinker -s (.build/valgrind): "possibly lost"
#             counts as an error too, unless build-support/sanitizers/valgrind-swift.supp
#             explains it as a Swift runtime cache
stage_valgrind() {
  local dir=$out/valgrind start=$SECONDS
  rm -rf "$dir" && mkdir -p "$dir/stage" "$dir/symbols/lib"
  run_failures=0
  ensure_valgrind || { failed=1; report_sections+=("## valgrind: FAILED"$'\n\n'"valgrind is not installed."); return; }
  if [ ! -f "$STAGE/lib/pkgconfig/vipps.pc" ]; then
    echo "check-sanitizers: $STAGE has no installed library; run: make stage" >&2
    failed=1
    report_sections+=("## valgrind: FAILED"$'\n\n'"\`$STAGE\` is missing (make stage).")
    return
  fi

  # The release flags of the Makefile (passed by make check-sanitizers), less the stripping.
  local release_flags=${VIPPS_RELEASE_FLAGS:-"-c release --product vipps -Xswiftc -static-stdlib -Xswiftc -use-ld=lld -Xlinker -soname=libvipps.so.0 -Xlinker --version-script=$root/build-support/vipps.map -Xlinker -s"}
  local flag previous="" unstripped=()
  # shellcheck disable=SC2086  # a list of flags without quoting inside
  for flag in $release_flags; do
    if [ "$previous" = -Xlinker ] && [ "$flag" = -s ]; then unset 'unstripped[-1]'; previous=""; continue; fi
    unstripped+=("$flag")
    previous=$flag
  done
  note "valgrind: building the release library unstripped in .build/valgrind"
  swift_build valgrind "$dir/build.log" "${unstripped[@]}" || { stage_failed_to_build valgrind "$dir/build.log"; return; }
  local build_seconds=$((SECONDS - start))
  cp .build/valgrind/release/libvipps.so "$dir/symbols/lib/libvipps.so.0"
  ln -sf libvipps.so.0 "$dir/symbols/lib/libvipps.so"

  local common=(--leak-check=full --num-callers=40 --error-exitcode=99
                --show-leak-kinds=definite,indirect,possible
                --suppressions="${supp#"$root"/}/valgrind-swift.supp" --suppressions="${supp#"$root"/}/valgrind-tests.supp")
  local pass suite
  for pass in stage symbols; do
    local vg=("${common[@]}")
    local link
    if [ $pass = stage ]; then
      vg+=(--errors-for-leak-kinds=definite,indirect)
      link="$(PKG_CONFIG_PATH=$STAGE/lib/pkgconfig pkg-config --cflags --libs vipps) -Wl,-rpath,$STAGE/lib"
    else
      vg+=(--errors-for-leak-kinds=definite,indirect,possible --gen-suppressions=all)
      link="-Iinclude -L$dir/symbols/lib -lvipps -Wl,-rpath,$dir/symbols/lib"
    fi
    for suite in "${c_suites[@]}"; do
      # Built exactly as the Makefile builds them for make test-c (gcc, pkg-config).
      # shellcheck disable=SC2086
      if ! gcc $CFLAGS_C -o "$dir/$pass/$suite" "bindings/c/tests/$suite.c" $link -lpthread -lcrypto \
          >"$dir/$pass/$suite.build.log" 2>&1; then
        run_failures=$((run_failures + 1))
        note "  $suite: does not build (see $dir/$pass/$suite.build.log)"
        continue
      fi
      note "valgrind ($pass library): C suite $suite"
      if needs_sim "$suite"; then
        run_logged "$dir/$pass-$suite.log" with_sim "$dir/sim-$pass-$suite" valgrind "${vg[@]}" "$dir/$pass/$suite"
      else
        run_logged "$dir/$pass-$suite.log" timeout "$TIMEOUT" valgrind "${vg[@]}" "$dir/$pass/$suite"
      fi
    done
  done

  local logs=("$dir"/stage-*.log "$dir"/symbols-*.log)
  # Each process (a forked child too) prints its own summaries; they are added up.
  local errors definite indirect possible_stage possible_symbols suppressed
  errors=$(grep -a -h -o -E 'ERROR SUMMARY: [0-9]+' "${logs[@]}" | awk '{n += $3} END {print n + 0}')
  definite=$(grep -a -h -E 'definitely lost: [0-9,]+ bytes in [0-9,]+ blocks' "${logs[@]}" | awk '{gsub(",", ""); n += $(NF-1)} END {print n + 0}')
  indirect=$(grep -a -h -E 'indirectly lost: [0-9,]+ bytes in [0-9,]+ blocks' "${logs[@]}" | awk '{gsub(",", ""); n += $(NF-1)} END {print n + 0}')
  possible_stage=$(cat "$dir"/stage-*.log | grep -a -E 'possibly lost: [0-9,]+ bytes in [0-9,]+ blocks' | awk '{gsub(",", ""); n += $(NF-1)} END {print n + 0}')
  possible_symbols=$(cat "$dir"/symbols-*.log | grep -a -E 'possibly lost: [0-9,]+ bytes in [0-9,]+ blocks' | awk '{gsub(",", ""); n += $(NF-1)} END {print n + 0}')
  suppressed=$(cat "$dir"/symbols-*.log | grep -a -E '^==[0-9]+== +suppressed: [0-9,]+ bytes in [0-9,]+ blocks' | awk '{gsub(",", ""); n += $(NF-1)} END {print n + 0}')
  local runs
  runs="$((2 * ${#c_suites[@]})) runs ($(c_checks_run "${logs[@]}") C checks)"
  stage_result valgrind "$runs" "$errors" $((definite + indirect)) "$suppressed" $((SECONDS - start)) "$(cat <<EOF
- Library: \`build/stage\` (make stage, stripped) and the same release build unstripped
  (\`swift build --scratch-path .build/valgrind\` with the Makefile's RELEASE_FLAGS less \`-Xlinker -s\`, ${build_seconds}s)
- C: \`bindings/c/tests/*.c\` built with gcc as \`make test-c\` builds them, each run under
  \`valgrind ${common[*]}\`
- Errors: memcheck errors plus leaks of the kinds that count (stage: definite and indirect;
  unstripped: also possible) not matched by a suppression. Definitely lost: $definite blocks,
  indirectly lost: $indirect blocks.
- Possibly lost blocks: $possible_stage left in the stripped library's runs (unattributable there);
  $possible_symbols unexplained in the unstripped runs; $suppressed blocks suppressed as Swift runtime
  metadata caches or test-harness threads (\`build-support/sanitizers/valgrind-swift.supp\`,
  \`valgrind-tests.supp\`, each explained there).
- Logs: \`build/sanitizers/valgrind/\`
EOF
)"
}

# ---------------------------------------------------------------------------------------------
stages=()
for argument in "${@:-all}"; do
  case $argument in
    all) stages+=(asan tsan valgrind) ;;
    asan | tsan | valgrind) stages+=("$argument") ;;
    *) echo "usage: scripts/check-sanitizers.sh [asan|tsan|valgrind|all]..." >&2; exit 2 ;;
  esac
done

require_sim
mkdir -p "$out"
began=$(date -u '+%Y-%m-%d %H:%M UTC')
for stage in "${stages[@]}"; do "stage_$stage"; done

{
  echo "# Sanitizer report"
  echo
  echo "\`scripts/check-sanitizers.sh ${stages[*]}\`, started $began; $("$SWIFT" --version 2>/dev/null | head -n 1)."
  echo "A stage fails on any sanitizer error, any definite (or indirect) leak, or any failing test run."
  for section in "${report_sections[@]}"; do
    echo
    echo "$section"
  done
} >"$out/report.md"
note "report: build/sanitizers/report.md"
if [ $failed -ne 0 ]; then
  note "FAILED"
  exit 1
fi
note "all clean"
