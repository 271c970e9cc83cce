# tests/cli/binfmt.sh: --install-binfmt for real, inside a private user and
# mount namespace with its own binfmt_misc mount (Linux 6.7+), under a
# test-only entry name, so the machine's own registrations are untouched:
# P (argv[0]), O (a program that cannot be read), F (a chroot without
# ferry), --replace, --persistent, uninstall.
# Sourced by tests/cli/run_cases.sh; reported as skipped, with the reason,
# where the kernel cannot do it.

binfmt_dir=$WORK/binfmt
mkdir -p "$binfmt_dir"
cp "$cli_bin/argv.static" "$binfmt_dir/argv-prog"
chmod 755 "$binfmt_dir/argv-prog"

# The steps, run inside the namespace; each failure exits with its own
# status and a line in the log. The entry is removed even on failure.
binfmt_steps() {
    set -u
    local bm=/proc/sys/fs/binfmt_misc prog=$binfmt_dir/argv-prog
    export FERRY_BINFMT_PREFIX=ferry-test-
    mount -t binfmt_misc binfmt_misc $bm || exit 2
    trap '"$FERRY" --uninstall-binfmt riscv64 >/dev/null 2>&1' EXIT
    "$FERRY" --install-binfmt riscv64 || { echo "install failed"; exit 10; }
    grep -qx 'flags: POF' $bm/ferry-test-riscv64 || { echo "flags not POF"; exit 11; }
    [ "$(env -i bash -c "exec -a zeroth '$prog' one two" | head -n 3)" = "$(printf 'zeroth\none\ntwo')" ] ||
        { echo "argv[0] not preserved through P"; exit 12; }
    "$FERRY" --install-binfmt riscv64 | grep -q 'already registered' ||
        { echo "installing twice is not success"; exit 13; }
    printf '%s' ':fake-qemu:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xf3\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/bin/false:' \
        >$bm/register || exit 3
    FERRY_BINFMT_PREFIX=ferry-other- "$FERRY" --install-binfmt riscv64 2>&1 |
        grep -q "entry 'fake-qemu' already runs these programs with /bin/false (give --replace" ||
        { echo "another interpreter's entry was not refused"; exit 14; }
    "$FERRY" --install-binfmt --replace riscv64 >/dev/null 2>&1 && [ ! -e $bm/fake-qemu ] ||
        { echo "--replace did not replace"; exit 15; }
    "$FERRY" --uninstall-binfmt riscv64 >/dev/null && [ ! -e $bm/ferry-test-riscv64 ] ||
        { echo "uninstall left the entry"; exit 16; }
    "$FERRY" --binfmt-status riscv64 | grep -qx 'riscv64: not registered' ||
        { echo "status after uninstall"; exit 17; }
    # --persistent writes the register line for systemd-binfmt (on a
    # private tmpfs here) and uninstall removes it.
    if [ -d /usr/lib/binfmt.d ] && mount -t tmpfs tmpfs /usr/lib/binfmt.d; then
        "$FERRY" --install-binfmt --persistent riscv64 >/dev/null || exit 18
        grep -qxF "$(tail -n 1 /usr/lib/binfmt.d/ferry-test-riscv64.conf)" \
            <(printf '%s\n' ":ferry-test-riscv64:M::\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xf3\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\xfe\\xff\\xff\\xff:$FERRY:POF") ||
            { echo "persistent file differs"; exit 19; }
        "$FERRY" --uninstall-binfmt riscv64 >/dev/null &&
            [ ! -e /usr/lib/binfmt.d/ferry-test-riscv64.conf ] ||
            { echo "uninstall left the persistent file"; exit 20; }
    fi
}

# The steps of the O and F cases below, in namespaces of their own: the
# entry (POF) is registered, the case runs, the entry goes.
binfmt_around() {
    set -u
    export FERRY_BINFMT_PREFIX=ferry-test-
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || exit 2
    trap '"$FERRY" --uninstall-binfmt riscv64 >/dev/null 2>&1' EXIT
    "$FERRY" --install-binfmt riscv64 >/dev/null || { echo "install failed"; exit 10; }
    "$@"
}

# O: a program this namespace's root may run but not read (its owner is
# not mapped here, so no capability lets root past mode 0111) runs
# through the descriptor the kernel opens (AT_EXECFD).
binfmt_execfd_steps() {
    local prog=$binfmt_dir/execute-only
    ! head -c 1 "$prog" >/dev/null 2>&1 || { echo "$prog is readable: no test of O"; exit 20; }
    "$FERRY" "$prog" 2>&1 | grep -qx "ferry: $prog: Permission denied" ||
        { echo "ferry read $prog without the kernel's descriptor"; exit 21; }
    [ "$("$prog" one | head -n 2)" = "$(printf '%s\none' "$prog")" ] ||
        { echo "the unreadable program did not run through AT_EXECFD"; exit 22; }
}

# F: ferry is opened when the entry is registered, so a chroot without
# ferry runs the program by its path. ROOT holds the program (and what
# else the caller put there), never ferry.
binfmt_chroot_steps() {
    local root=$1
    [ ! -e "$root$FERRY" ] || { echo "ferry is in the chroot"; exit 30; }
    [ "$(chroot "$root" /prog one two | head -n 3)" = "$(printf '/prog\none\ntwo')" ] ||
        { echo "chroot $root /prog did not run through the F entry"; exit 31; }
}

# binfmt_case NAME STEPS...: one case in a user and mount namespace of its
# own (a namespace root: the same uid outside, nothing else mapped).
binfmt_case() {
    local name=$1 status
    shift
    unshare --user --map-root-user --mount bash -c "$*" >"$WORK/cli/$name.log" 2>&1
    status=$?
    cli_assert "$name" "status $status: $(cat "$WORK/cli/$name.log")" test "$status" -eq 0
}

# The chroot for F: the program, plus (for a dynamically linked ferry) the
# loader and libraries ferry needs, which the kernel looks for in the
# chroot even with F. ferry itself is never copied.
binfmt_make_chroot() {
    local root=$1 lib
    rm -rf "$root"
    mkdir -p "$root"
    cp "$cli_bin/argv.static" "$root/prog"
    chmod 755 "$root/prog"
    shift
    for lib in "$@"; do
        mkdir -p "$root$(dirname "$lib")"
        cp -L "$lib" "$root$lib"
    done
}

# The loader (PT_INTERP) of a dynamically linked ferry, empty for a static one.
ferry_loader=$(LC_ALL=C readelf -l "$FERRY" 2>/dev/null |
    sed -n 's/.*Requesting program interpreter: \(.*\)\]$/\1/p')

binfmt_o_and_f_cases() {
    export -f binfmt_around binfmt_execfd_steps binfmt_chroot_steps
    export FERRY binfmt_dir
    if [ "$(id -u)" != 0 ]; then
        wanted cli/binfmt_execfd_unreadable && record SKIP cli/binfmt_execfd_unreadable \
            "needs root outside the namespace, to give the program an owner the namespace does not map"
    else
        rm -f "$binfmt_dir/execute-only"
        cp "$cli_bin/argv.static" "$binfmt_dir/execute-only"
        chown 65533:65533 "$binfmt_dir/execute-only"
        chmod 0111 "$binfmt_dir/execute-only"
        binfmt_case binfmt_execfd_unreadable binfmt_around binfmt_execfd_steps
    fi
    if [ -n "$ferry_loader" ]; then
        # shellcheck disable=SC2046 # one word per library path
        binfmt_make_chroot "$binfmt_dir/root-libs" \
            $(ldd "$FERRY" | grep -o '/[^ ]*')
        binfmt_case binfmt_chroot_without_ferry \
            binfmt_around binfmt_chroot_steps "$binfmt_dir/root-libs"
        wanted cli/binfmt_chroot_program_only && record SKIP cli/binfmt_chroot_program_only \
            "ferry is dynamically linked (loader $ferry_loader): even with F the kernel needs that loader and ferry's libraries inside the chroot, so a chroot holding only the program cannot run it (configure without --disable-static-pie for that)"
    else
        binfmt_make_chroot "$binfmt_dir/root-only"
        binfmt_case binfmt_chroot_program_only \
            binfmt_around binfmt_chroot_steps "$binfmt_dir/root-only"
    fi
}

# Without these, none of the cases (binfmt_misc and the O and F ones) run.
if ! command -v unshare >/dev/null; then
    record SKIP cli/binfmt_misc "unshare(1) is missing (util-linux)"
elif ! unshare --user --map-root-user --mount true 2>/dev/null; then
    record SKIP cli/binfmt_misc "this system does not allow user namespaces"
elif ! unshare --user --map-root-user --mount \
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null; then
    record SKIP cli/binfmt_misc "kernel $(uname -r) cannot mount binfmt_misc in a user namespace (Linux 6.7+ can)"
else
    export -f binfmt_steps
    export FERRY binfmt_dir
    unshare --user --map-root-user --mount bash -c binfmt_steps >"$WORK/cli/binfmt.log" 2>&1
    status=$?
    cli_assert binfmt_misc "status $status: $(cat "$WORK/cli/binfmt.log")" test "$status" -eq 0
    # Without root (a user namespace with no mapping) it refuses clearly.
    unshare --user "$FERRY" --install-binfmt riscv64 >"$WORK/cli/binfmt-user.out" 2>&1
    status=$?
    cli_assert binfmt_needs_root "status $status: $(cat "$WORK/cli/binfmt-user.out")" \
        eval '[ $status -eq 125 ] && grep -qx "ferry: --install-binfmt needs root (try: sudo ferry --install-binfmt)" "$WORK/cli/binfmt-user.out"'
    binfmt_o_and_f_cases
fi
