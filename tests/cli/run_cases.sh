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

# -strace: the exact lines for fixed programs, as real strace prints the
# same calls made natively (tests/cli/strace-expected.sh wrote the
# expected files); strace_normalise.awk puts PID, UID and HANDLER where
# the numbers differ from run to run. ferry's pid comes from the shell it
# replaces.
# strace_run NAME PROGRAM [FERRY OPTIONS]: NAME.log, normalised, then
# "status N".
strace_run() {
    local name=$1 prog=$2
    shift 2
    # (in braces with stderr closed: no "Segmentation fault" from bash)
    { (cd "$WORK/cli" && exec sh -c 'echo $$ >"$0.pid"; exec "$@"' "$name" \
        "$FERRY" -strace -D "$WORK/cli/$name.log" "$@" "$prog") \
        >"$WORK/cli/$name.out" 2>"$WORK/cli/$name.err" </dev/null; } 2>/dev/null
    local status=$?
    awk -v pid="$(cat "$WORK/cli/$name.pid")" -v uid="$(id -u)" \
        -f "$SRCDIR/tests/cli/strace_normalise.awk" "$WORK/cli/$name.log" \
        >"$WORK/cli/$name.got"
    echo "status $status" >>"$WORK/cli/$name.got"
}
strace_run strace "$cli_bin/strace.static"
{ cat "$SRCDIR/tests/cli/strace.expected"; echo "status 3"; } >"$WORK/cli/strace.want"
cli_assert strace_output "see $WORK/cli-strace_output.log" \
    same_output strace_output "$WORK/cli/strace.want" "$WORK/cli/strace.got"
# A guest killed by a signal: the signal's line, then strace's last line;
# ferry dies of the same signal (128 + 11 to the shell).
strace_run strace_segv "$cli_bin/strace_segv.static"
{ cat "$SRCDIR/tests/cli/strace_segv.expected"; echo "status 139"; } >"$WORK/cli/strace_segv.want"
cli_assert strace_killed_by_signal "see $WORK/cli-strace_killed_by_signal.log" \
    same_output strace_killed_by_signal "$WORK/cli/strace_segv.want" "$WORK/cli/strace_segv.got"
# Without -D the lines go to stderr, and only strace's lines are there.
(cd "$WORK/cli" && exec "$FERRY" -strace "$cli_bin/strace.static") \
    >/dev/null 2>"$WORK/cli/strace-stderr.err" </dev/null
cli_assert strace_to_stderr "see $WORK/cli/strace-stderr.err" \
    eval '[ "$(wc -l <"$WORK/cli/strace-stderr.err")" = "$(wc -l <"$SRCDIR/tests/cli/strace.expected")" ] &&
        grep -qx "exit_group(3) \{27\}= ?" "$WORK/cli/strace-stderr.err"'
FERRY_STRACE=1 "$FERRY" "$cli_bin/strace.static" >/dev/null 2>"$WORK/cli/strace-env.err"
cli_assert strace_from_environment "FERRY_STRACE=1 gave no strace lines" \
    grep -qx 'exit_group(3) \{27\}= ?' "$WORK/cli/strace-env.err"
cli_assert strace_log_file_only "-strace -D FILE: strace lines on stderr too: see $WORK/cli/strace.err" \
    test ! -s "$WORK/cli/strace.err"

# With several threads, strace -f's "[pid N] " (the pid in 5 columns) on
# each line while more than one runs: sig_thread's thread gets SIGUSR1
# from tgkill (SI_TKILL) and ends with exit(0).
sig_thread=$BUILDDIR/tests/bin/riscv64/common/sig_thread.static
if [ -x "$sig_thread" ]; then
    "$FERRY" -strace -D "$WORK/cli/strace-threads.log" "$sig_thread" >/dev/null 2>&1
    strace_threads() {
        local log=$WORK/cli/strace-threads.log
        # the first line before any thread, the last after them: no prefix
        head -n 1 "$log" | grep -q '^[a-z_0-9]*(' &&
            tail -n 1 "$log" | grep -qx '+++ exited with 0 +++' &&
            grep -Eq '^\[pid +[0-9]+\] --- SIGUSR1 \{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=[0-9]+, si_uid=[0-9]+\} ---$' "$log" &&
            grep -Eq '^\[pid ( {4}[0-9]| {3}[0-9]{2}| {2}[0-9]{3}| [0-9]{4}|[0-9]{5,})\] exit\(0\) +[=] \?$' "$log" &&
            grep -A1 -E '^\[pid +[0-9]+\] exit\(0\)' "$log" | tail -n 1 |
                grep -Eqx '\[pid +[0-9]+\] \+\+\+ exited with 0 \+\+\+' &&
            grep -Eq '^\[pid +[0-9]+\] clone\(child_stack=0x[0-9a-f]+, flags=CLONE_VM\|.*CLONE_THREAD\|.*, parent_tid=\[[0-9]+\], tls=0x[0-9a-f]+, child_tidptr=0x[0-9a-f]+\) += [0-9]+$' "$log"
    }
    cli_assert strace_threads "see $WORK/cli/strace-threads.log" strace_threads
else
    wanted cli/strace_threads && record SKIP cli/strace_threads "$sig_thread was not built"
fi

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

# -d exec logs every block as it runs, a loop's rounds too (the JIT then
# keeps no loop inside a block): argv.S's strlen loop runs once per byte of
# its 26-letter argv[0].
env -i "$FERRY" -d exec -D "$WORK/cli/exec.log" -0 abcdefghijklmnopqrstuvwxyz \
    "$cli_bin/argv.static" >/dev/null 2>&1
exec_logs_rounds() {
    grep '^Trace: 0x' "$WORK/cli/exec.log" | sort | uniq -c | sort -n |
        tail -n 1 | awk '{ exit !($1 >= 26) }'
}
cli_assert exec_log_shows_every_round "see $WORK/cli/exec.log" exec_logs_rounds

# -s: a small stack is still enough for a small program.
cli_assert small_stack_runs "-s 64K: the program did not run" \
    eval '"$FERRY" -s 64K "$cli_bin/argv.static" x | grep -qx x'

. "$SRCDIR/tests/cli/binfmt.sh"
