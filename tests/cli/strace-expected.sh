#!/bin/sh
# tests/cli/strace-expected.sh: writes tests/cli/strace.expected and
# strace_segv.expected from what real strace(1) prints for the same calls
# made natively (tests/cli/strace_native.c on x86-64), never from ferry.
# Run it by hand from the source tree when strace.S or strace_segv.S
# changes: sh tests/cli/strace-expected.sh
#
# What it takes out of strace's output, and why:
#  - the execve line: strace shows the exec that starts the program;
#    ferry starts it itself and traces from its first instruction;
#  - with strace_normalise.awk: the pid and uid ('PID', 'UID'), the
#    handler's address ('HANDLER'), which the test replaces the same way
#    in ferry's output; SA_RESTORER and sa_restorer=, which x86-64's
#    struct sigaction has and riscv64's and arm64's do not (strace prints
#    them only where the architecture has SA_RESTORER).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O1 -static -nostdlib -fno-builtin -fno-stack-protector \
    -o "$tmp/native" "$here/strace_native.c"

# trace NAME [ARG]: strace's lines for one run, normalised. Its stdout is
# a file: /dev/null takes a write from a NULL buffer without EFAULT.
trace() {
    (ulimit -c 0; cd "$tmp" &&
        exec strace -o "$tmp/$1.raw" sh -c 'echo $$ >pid; exec ./native "$@"' sh ${2-}) \
        >"$tmp/$1.out" 2>/dev/null || true
    pid=$(cat "$tmp/pid")
    # the sh -c wrapper's own lines come before the program's execve
    sed -n '/^execve("\.\/native"/,$p' "$tmp/$1.raw" | sed '1d' |
        awk -v pid="$pid" -v uid="$(id -u)" -v native=1 \
            -f "$here/strace_normalise.awk" >"$here/$1.expected"
}
trace strace
trace strace_segv x
