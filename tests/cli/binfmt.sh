# tests/cli/binfmt.sh: --install-binfmt for real, inside a private user and
# mount namespace with its own binfmt_misc mount (Linux 6.7+), under a
# test-only entry name, so the machine's own registrations are untouched.
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
fi
