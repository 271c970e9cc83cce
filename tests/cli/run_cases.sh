# tests/cli/run_cases.sh: command-line cases that run riscv64 programs
# (tests/cli/*.S): -strace against tests/cli/strace.expected, -0/-E/-U, and
# binfmt_misc inside a private user and mount namespace. Sourced by
# tests/cli/cases.sh; skipped without the riscv64 cross compiler.

cli_bin=$BUILDDIR/tests/bin/riscv64/cli
if [[ " $runnable_arches " != *" riscv64 "* || " $GUEST_ARCHES " != *" riscv64 "* ]]; then
    record SKIP cli/run_cases "no riscv64 frontend or cross compiler"
    return 0
fi

# same_output NAME EXPECTED_FILE ACTUAL_FILE: diff into the case's log.
same_output() {
    diff -u "$2" "$3" >"$WORK/cli-$1.log" 2>&1
}

# -strace: the exact lines for a fixed program, the guest's status kept.
(cd "$WORK/cli" && exec "$FERRY" -strace "$cli_bin/strace.static") \
    >"$WORK/cli/strace.out" 2>"$WORK/cli/strace.err" </dev/null
echo "status $?" >>"$WORK/cli/strace.err"
{ cat "$SRCDIR/tests/cli/strace.expected"; echo "status 3"; } >"$WORK/cli/strace.want"
cli_assert strace_output "see $WORK/cli/strace.err" \
    same_output strace_output "$WORK/cli/strace.want" "$WORK/cli/strace.err"
FERRY_STRACE=1 "$FERRY" "$cli_bin/strace.static" >/dev/null 2>"$WORK/cli/strace-env.err"
cli_assert strace_from_environment "FERRY_STRACE=1 gave no strace lines" \
    grep -qx 'exit_group(3) = ?' "$WORK/cli/strace-env.err"
"$FERRY" -strace -D "$WORK/cli/strace.log" "$cli_bin/strace.static" >/dev/null 2>"$WORK/cli/strace-d.err"
cli_assert strace_to_log_file "-strace -D FILE: lines missing from FILE or not only there" \
    eval 'cmp -s "$SRCDIR/tests/cli/strace.expected" "$WORK/cli/strace.log" && [ ! -s "$WORK/cli/strace-d.err" ]'

# -0, -E and -U: what the guest sees (argv.S prints argv, then environ).
env -i KEEP=1 DROP=2 CHANGE=3 "$FERRY" -0 zeroth -U DROP -E CHANGE=4 -E NEW=5 \
    "$cli_bin/argv.static" one >"$WORK/cli/argv.out" 2>&1
printf '%s\n' zeroth one KEEP=1 CHANGE=4 NEW=5 >"$WORK/cli/argv.want"
cli_assert argv0_and_environment_edits "see $WORK/cli-argv0_and_environment_edits.log" \
    same_output argv0_and_environment_edits "$WORK/cli/argv.want" "$WORK/cli/argv.out"
env -i FERRY_ARGV0=fromenv "$FERRY" -U FERRY_ARGV0 "$cli_bin/argv.static" >"$WORK/cli/argv-env.out" 2>&1
printf '%s\n' fromenv >"$WORK/cli/argv-env.want"
cli_assert argv0_from_environment "see $WORK/cli-argv0_from_environment.log" \
    same_output argv0_from_environment "$WORK/cli/argv-env.want" "$WORK/cli/argv-env.out"

# -s: a small stack is still enough for a small program.
cli_assert small_stack_runs "-s 64K: the program did not run" \
    eval '"$FERRY" -s 64K "$cli_bin/argv.static" x | grep -qx x'

. "$SRCDIR/tests/cli/binfmt.sh"
