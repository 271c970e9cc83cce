# tests/cli/cases.sh: ferry's command line and its answers to bad input,
# sourced by tests/run. Each cli_case: NAME STATUS STDOUT_RE STDERR_RE -- ARGS.
# Exit statuses follow env(1): 125 ferry failed, 126 cannot run, 127 not found.

# le VALUE BYTES / be VALUE BYTES: an integer as raw little/big-endian bytes.
le() {
    local v=$1 i
    for ((i = 0; i < $2; i++)); do
        printf "\\x$(printf %02x $((v & 255)))"
        v=$((v >> 8))
    done
}

be() {
    local i
    for ((i = $2 - 1; i >= 0; i--)); do
        printf "\\x$(printf %02x $((($1 >> (8 * i)) & 255)))"
    done
}

# mkelf FILE MACHINE [TYPE PHNUM_IN_HEADER PHDRS_WRITTEN OSABI DATA]: a
# minimal ELF64 executable header plus program headers, written from the
# System V gABI layout (64-byte header, 56-byte program headers).
mkelf() {
    local file=$1 machine=$2 type=${3:-2} phnum=${4:-1} written=${5:-1}
    local osabi=${6:-0} data=${7:-1} n=le i
    [ "$data" = 2 ] && n=be
    {
        printf '\x7fELF'
        le 2 1; le "$data" 1; le 1 1; le "$osabi" 1; le 0 8
        $n "$type" 2; $n "$machine" 2; $n 1 4; $n $((0x10078)) 8
        $n 64 8; $n 0 8; $n 0 4; $n 64 2; $n 56 2; $n "$phnum" 2
        $n 64 2; $n 0 2; $n 0 2
        for ((i = 0; i < written; i++)); do
            $n 1 4; $n 5 4; $n 0 8; $n $((0x10000)) 8; $n $((0x10000)) 8
            $n 120 8; $n 120 8; $n 4096 8
        done
    } >"$file"
}

fixtures=$WORK/cli
EM_RISCV=243 EM_AARCH64=183 EM_SPARCV9=43
mkelf "$fixtures/riscv64" $EM_RISCV
mkelf "$fixtures/aarch64" $EM_AARCH64
mkelf "$fixtures/sparc64" $EM_SPARCV9
mkelf "$fixtures/riscv64.o" $EM_RISCV 1
mkelf "$fixtures/riscv64-no-phdrs" $EM_RISCV 2 0 0
mkelf "$fixtures/riscv64-cut-phdrs" $EM_RISCV 2 3 1
mkelf "$fixtures/riscv64-freebsd" $EM_RISCV 2 1 1 9
mkelf "$fixtures/aarch64-be" $EM_AARCH64 2 1 1 0 2
head -c 40 "$fixtures/riscv64" >"$fixtures/riscv64-cut-header"
: >"$fixtures/empty"
printf 'echo hello\n' >"$fixtures/script.txt"
mkdir -p "$fixtures/dir"

cli_case help 0 '^Usage: ferry \[OPTIONS\] PROGRAM' '' -- --help
cli_case help_short 0 '^Usage: ferry' '' -- -h
cli_case version 0 '^ferry [0-9]+\.[0-9]+' '' -- --version
cli_case version_lists_guests 0 '^runnable guest architectures: ' '' -- --version
cli_case help_to_full_disk 125 '' '^ferry: cannot write to standard output: No space left on device$' \
    --stdout /dev/full -- --help
cli_case unknown_option 125 '' "^ferry: unknown option '--bogus' \(see 'ferry --help'\)$" -- --bogus
cli_case unknown_short_option 125 '' "^ferry: unknown option '-Z' \(see 'ferry --help'\)$" -- -Z prog
cli_case no_program 125 '' "^ferry: no program given \(see 'ferry --help'\)$" --
cli_case only_double_dash 125 '' "^ferry: no program given" -- --
cli_case double_dash_ends_options 127 '' '^ferry: --version: No such file or directory$' -- -- --version
cli_case bad_jit_value 125 '' "^ferry: --jit takes 'on' or 'off', not 'maybe'\$" -- --jit=maybe prog
cli_case bad_log_item 125 '' "^ferry: unknown -d item 'nope' \(see '-d help'\)\$" -- -d in_asm,nope prog
cli_case log_help 0 '^  in_asm ' '' -- -d help
cli_case cpu_help 0 '^  rv64gc .*\(default\)$' '' -- -cpu help
cli_case missing_option_argument 125 '' "^ferry: option '-L' needs an argument DIR\$" -- -L
cli_case missing_program 127 '' '^ferry: \./does-not-exist: No such file or directory$' -- ./does-not-exist
cli_case missing_directory 127 '' '^ferry: nodir/prog: No such file or directory$' -- nodir/prog
cli_case directory 126 '' '^ferry: dir: Is a directory$' -- dir
cli_case empty_file 126 '' '^ferry: empty: not an ELF file$' -- empty
cli_case text_file 126 '' '^ferry: script\.txt: not an ELF file$' -- script.txt
cli_case truncated_header 126 '' '^ferry: riscv64-cut-header: truncated or corrupt ELF header$' \
    -- riscv64-cut-header
cli_case truncated_phdrs 126 '' '^ferry: riscv64-cut-phdrs: truncated or corrupt program header table$' \
    -- riscv64-cut-phdrs
cli_case no_phdrs 126 '' '^ferry: riscv64-no-phdrs: no program headers$' -- riscv64-no-phdrs
cli_case relocatable_object 126 '' '^ferry: riscv64\.o: a relocatable object file, not an executable$' \
    -- riscv64.o
cli_case native_program 126 '' "^ferry: $FERRY: a native x86-64 program: run it directly, without ferry$" \
    -- "$FERRY"
cli_case foreign_arch 126 '' '^ferry: sparc64: unsupported architecture sparc64 \(ferry runs riscv64 and aarch64 programs\)$' \
    -- sparc64
cli_case big_endian 126 '' '^ferry: aarch64-be: big-endian aarch64 programs are not supported$' -- aarch64-be
cli_case freebsd 126 '' '^ferry: riscv64-freebsd: FreeBSD riscv64 programs cannot run yet$' -- riscv64-freebsd

# Until a frontend is built in, a well-formed program of a known
# architecture gets one line saying so (and the guest tests are skipped).
for arch in riscv64 aarch64; do
    if [[ " $runnable_arches " != *" $arch "* ]]; then
        cli_case "${arch}_not_runnable_yet" 126 '' \
            "^ferry: $arch: $arch programs cannot run yet: this build of ferry has no $arch frontend\$" -- "$arch"
    fi
done

# Every option that --help lists is documented in the manual page.
undocumented=
for opt in $("$FERRY" --help | sed -n 's/^  \(-[^ ]*\(, -[^ ,]*\)*\).*/\1/p' | tr -d ','); do
    grep -qF -- "${opt//-/\\-}" "$SRCDIR/man/ferry.1" || undocumented+=" $opt"
done
cli_assert options_documented_in_man_page "undocumented in man/ferry.1:$undocumented" \
    test -z "$undocumented"

# ... and in README.md's table; every option the manual's OPTIONS section
# describes is one --help lists; the manual has the sections it must.
undocumented=
for opt in $("$FERRY" --help | sed -n 's/^  \(-[^ ]*\(, -[^ ,]*\)*\).*/\1/p' | tr -d ','); do
    grep -qE -- "\`$opt[\` ]" "$SRCDIR/README.md" || undocumented+=" $opt"
done
cli_assert options_documented_in_readme "not in README.md:$undocumented" test -z "$undocumented"
unknown=
for opt in $(sed -n '/^\.SH OPTIONS/,/^\.SH /{/^\.TP/{n;p}}' "$SRCDIR/man/ferry.1" |
    grep -oE '\\-(\\-)?[A-Za-z0-9](\\-|[a-z0-9])*' | sed 's/\\-/-/g'); do
    "$FERRY" --help | grep -qE -- "^  (-[^ ]*, )*$opt([ ,=]|\$)" || unknown+=" $opt"
done
cli_assert man_page_options_exist "in man/ferry.1 but not in --help:$unknown" test -z "$unknown"
missing=
for want in '^\.SH SYNOPSIS' '^\.SH OPTIONS' '^\.SH BINFMT_MISC' '^\.SH ENVIRONMENT' \
    '^\.SH EXIT STATUS' '^\.SH FILES' '^\.SH SEE ALSO' 'exe_wrapper' \
    'CMAKE_CROSSCOMPILING_EMULATOR' 'make check LOG_COMPILER=ferry'; do
    grep -qE -- "$want" "$SRCDIR/man/ferry.1" || missing+=" '$want'"
done
cli_assert man_page_sections "missing from man/ferry.1:$missing" test -z "$missing"

# Running a program: errors that stop it before its first instruction.
if [[ " $runnable_arches " == *" riscv64 "* && " $GUEST_ARCHES " == *" riscv64 "* ]]; then
    dyn=$BUILDDIR/tests/bin/riscv64/common/hello.dynamic
    cli_case missing_interpreter 127 '' \
        "^ferry: $dyn: cannot open the interpreter /nonexistent/lib/ld-linux-riscv64-lp64d\\.so\\.1: No such file or directory \\(install Debian's libc6-riscv64-cross, or give -L SYSROOT\\)\$" \
        -- -L /nonexistent "$dyn"
    cli_case unknown_cpu_model 125 '' \
        "^ferry: unknown CPU model 'pentium' for riscv64 \\(see '-cpu help'\\)\$" \
        -- -cpu pentium "$BUILDDIR/tests/bin/riscv64/common/hello.static"
    cli_case guest_status_passes_through 42 '^exiting with 42$' '' \
        -- "$BUILDDIR/tests/bin/riscv64/common/exit_status.static"
fi

# (A FOO=bar prefix puts the variable in that one case's environment.)
# Options with values: each bad value is one line naming it, status 125;
# a FERRY_* variable's bad value names the variable.
cli_case bad_stack_size 125 '' "^ferry: -s takes a stack size in bytes \(or with K/M/G\) from 64K to 16G, not '1'\$" \
    -- -s 1 prog
cli_case huge_stack_size 125 '' "^ferry: -s takes a stack size .* not '17G'\$" -- -s 17G prog
FERRY_STACK_SIZE=big cli_case bad_stack_size_env 125 '' \
    "^ferry: FERRY_STACK_SIZE: -s takes a stack size .* not 'big'\$" -- prog
cli_case set_env_without_value 125 '' "^ferry: -E takes VAR=VALUE, not 'FOO'\$" -- -E FOO prog
cli_case set_env_without_name 125 '' "^ferry: -E takes VAR=VALUE, not '=x'\$" -- -E =x prog
cli_case unset_env_with_value 125 '' "^ferry: -U takes a variable name, not 'A=b'\$" -- -U A=b prog
cli_case bad_seed 125 '' "^ferry: -seed takes a number from 0 to 2\\^64-1, not '12x'\$" -- -seed 12x prog
cli_case negative_seed 125 '' "^ferry: -seed takes a number from 0 to 2\\^64-1, not '-1'\$" -- -seed -1 prog
cli_case seed_too_big 125 '' "^ferry: -seed takes a number .* not '18446744073709551616'\$" \
    -- -seed 18446744073709551616 prog
FERRY_STRACE=yes cli_case bad_strace_env 125 '' \
    "^ferry: FERRY_STRACE: -strace is on with 1 or off with 0, not 'yes'\$" -- prog
cli_case strace_takes_no_value 125 '' "^ferry: option '-strace' takes no argument\$" -- -strace=1 prog
cli_case missing_argv0 125 '' "^ferry: option '-0' needs an argument ARGV0\$" -- -0
cli_case bad_binfmt_flags 125 '' "^ferry: --binfmt-flags takes letters of POFC, not 'PX'\$" \
    -- --binfmt-flags PX --install-binfmt
cli_case binfmt_unknown_arch 125 '' "^ferry: unknown architecture 'mips' \(ferry registers riscv64 and aarch64\)\$" \
    -- --binfmt-status mips

. "$SRCDIR/tests/cli/run_cases.sh"

# -d page, int and guest_errors: mappings, signal deliveries, guest faults.
if [[ " $runnable_arches " == *" riscv64 "* && " $GUEST_ARCHES " == *" riscv64 "* ]]; then
    dlog=$WORK/cli/d-items.log
    "$FERRY" -d page,int,guest_errors -D "$dlog" \
        "$BUILDDIR/tests/bin/riscv64/common/sig_segv.static" >/dev/null 2>&1
    d_items_logged() {
        grep -q '^page: mmap(0x0, 0x1000, 0x1) = 0x' "$dlog" &&
            grep -q '^guest_errors: segmentation fault on write of address 0x40 at pc 0x' "$dlog" &&
            grep -q '^int: signal 11 (code 1) to handler 0x' "$dlog"
    }
    cli_assert log_items_page_int_guest_errors \
        "$(printf 'missing page/int/guest_errors lines in:\n'; cat "$dlog")" d_items_logged
fi
