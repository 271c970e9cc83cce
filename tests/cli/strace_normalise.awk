# tests/cli/strace_normalise.awk: puts words in a strace trace where the
# numbers differ from run to run, for the -strace tests (run_cases.sh)
# and for the expected files made from real strace (strace-expected.sh):
#   awk -v pid=PID -v uid=UID [-v native=1] -f strace_normalise.awk
# The traced process's pid becomes PID (getpid's result, kill's first
# argument, si_pid) and its uid UID, the handler's address HANDLER, then
# the " = result" goes back where strace puts it: column 39 when the
# call is shorter, one space after it otherwise. native=1 also takes out
# x86-64's SA_RESTORER and sa_restorer=, which riscv64 and arm64 lack.
{
    line = $0
    if (line ~ /^getpid\(\) +=/)
        sub("= " pid "$", "= PID", line)
    gsub("kill\\(" pid ",", "kill(PID,", line)
    gsub("si_pid=" pid ",", "si_pid=PID,", line)
    gsub("si_uid=" uid "}", "si_uid=UID}", line)
    gsub(/sa_handler=0x[0-9a-f]+/, "sa_handler=HANDLER", line)
    if (native) {
        sub(/sa_flags=SA_RESTORER\|/, "sa_flags=", line)
        sub(/sa_flags=SA_RESTORER,/, "sa_flags=0,", line)
        sub(/, sa_restorer=[^}]*/, "", line)
    }
    if (line != $0 && match(line, /\) += [^=]*$/)) {
        call = substr(line, 1, RSTART)
        result = substr(line, RSTART + 1)
        sub(/^ +/, "", result)
        while (length(call) < 39)
            call = call " "
        line = call " " result
    }
    print line
}
