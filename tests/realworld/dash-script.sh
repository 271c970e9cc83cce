# tests/realworld/dash-script.sh: what a shell does with processes and
# signals, for scripts/realworld's dash checks. It runs under the same dash
# natively and under ferry; $DASH names that dash, so that nested shells
# are the same program (a foreign one exec'd through ferry). Output must
# not depend on timing or on the directory it runs in.

echo "== pipelines"
printf 'pear\napple\nfig\n' | sort | tr a-z A-Z
printf '1\n2\n3\n' | while read -r n; do echo "line $n"; done
false | true; echo "false|true: $?"
true | false; echo "true|false: $?"
! false; echo "! false: $?"
seq_out=$(i=0; while [ $i -lt 200 ]; do echo $i; i=$((i + 1)); done | wc -l)
echo "200 lines through a pipe: $seq_out"
yes ferry | head -n 3

echo "== command substitution"
x=$(echo hello | sed 's/h/j/')
echo "subst: $x"
echo "nested: $(echo "a$(echo "b$(echo c)")")"
echo "arith: $(( $(echo 6) * 7 )) $((1 << 10)) $((17 % 5))"
lines=$(printf 'a\nb\n\n\n')
echo "trailing newlines stripped: [$lines]"

echo "== subshells and exit statuses"
(exit 3); echo "subshell: $?"
here=$(pwd); (cd / && echo "in subshell: $(pwd)"); [ "$(pwd)" = "$here" ] && echo "cwd kept"
v=outer; (v=inner; echo "sub sees $v"); echo "parent keeps $v"
f() { return 42; }; f; echo "function: $?"
g() { local y=1; y=$((y + $1)); echo "$y"; }; echo "local: $(g 4)"
if "$DASH" -c 'exit 7'; then echo no; else echo "nested shell: $?"; fi
"$DASH" -c 'echo "nested argv: $0 $1 $#"' zero one two
nonexistent_command_ferry 2>/dev/null; echo "missing: $?"
(set -e; false; echo not reached); echo "set -e: $?"
{ echo grouped; false; }; echo "group: $?"

echo "== here-documents"
cat <<END
here: $x
 indented $((3 * 4))
	tab kept
END
cat <<'END'
literal $x $(not run)
END
cat <<-END | tr e E
	tabs stripped here
	END
read -r first rest <<END
alpha beta gamma
END
echo "read: $first / $rest"

echo "== traps"
trap 'echo "EXIT trap"' EXIT
trap 'echo "USR1 trap"' USR1
kill -USR1 $$
echo "after USR1"
trap 'echo "USR2 trap, status kept: $?"' USR2
(exit 9); kill -USR2 $$
trap - USR1
trap '' HUP
"$DASH" -c 'kill -HUP $$; echo "ignored HUP is inherited"'
(trap 'echo "sub TERM"; exit 5' TERM; kill -TERM $(exec "$DASH" -c 'echo $PPID'); sleep 1); echo "subshell TERM: $?"
"$DASH" -c 'trap "echo child INT; exit 3" INT; kill -INT $$; echo no'; echo "child INT: $?"
"$DASH" -c 'kill -TERM $$'; echo "killed by TERM: $?"

echo "== background jobs and wait"
(echo "job one" >job1.out; exit 1) & p1=$!
(sleep 0.2; echo "job two" >job2.out; exit 2) & p2=$!
"$DASH" -c 'exit 3' & p3=$!
wait $p2; echo "wait p2: $?"
wait $p1; echo "wait p1: $?"
wait $p3; echo "wait p3: $?"
cat job1.out job2.out
sleep 5 & p4=$!
kill $p4
wait $p4 2>/dev/null; echo "killed job: $?"
for i in 1 2 3; do ("$DASH" -c "echo bg $i >bg$i.out") & done
wait; echo "wait all: $?"
cat bg1.out bg2.out bg3.out
kill -0 $$ && echo "kill -0 self"
echo "\$! is a number: $(case $p4 in *[!0-9]*) echo no;; *) echo yes;; esac)"

echo "== redirections and fds"
exec 3>fd3.out; echo "to fd 3" >&3; exec 3>&-; cat fd3.out
{ echo "stderr into the pipe" >&2; echo "stdout away"; } 2>&1 >/dev/null | cat
{ echo out; echo err >&2; } 2>err.out >out.out; cat out.out err.out
exec 4<fd3.out; read -r l <&4; exec 4<&-; echo "read from fd 4: $l"
echo "appended" >>fd3.out; wc -l <fd3.out

echo "== words and loops"
set -- one "two three" four
echo "$# args, second: $2"
for a in "$@"; do printf '[%s]' "$a"; done; echo
IFS=: read -r a b c <<END
x:y:z
END
echo "$c$b$a"
i=0; while :; do i=$((i + 1)); [ $i -ge 5 ] && break; done; echo "loop: $i"
case "file.tar.gz" in *.gz) echo "case: gz";; *) echo "case: other";; esac
s="a/b/c.txt"; echo "${s##*/} ${s%.*} ${#s} ${unset_var:-default}"
OPTIND=1; while getopts "ab:" o -a -b val; do echo "opt $o ${OPTARG:-}"; done
umask 027; umask

echo "== end"
exit 4
