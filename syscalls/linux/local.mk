# syscalls/linux/: the Linux guest ABI in user mode: the syscall table, the
# handlers by family, guest memory checks and struct conversion.
libferry_a_SOURCES += syscalls/linux/linux.h syscalls/linux/lx_sys.h \
	syscalls/linux/lx_abi.h syscalls/linux/lx_errno.h \
	syscalls/linux/syscall_table.h syscalls/linux/syscall_dispatch.c \
	syscalls/linux/lx_mem.c syscalls/linux/lx_path.c \
	syscalls/linux/strace.c syscalls/linux/strace_flags.c \
	syscalls/linux/strace_signal.c syscalls/linux/strace_calls.c \
	syscalls/linux/lx_strace.h \
	syscalls/linux/fd.c syscalls/linux/fcntl.c \
	syscalls/linux/ioctl.c syscalls/linux/stat.c syscalls/linux/fs.c \
	syscalls/linux/time.c syscalls/linux/identity.c syscalls/linux/sys.c \
	syscalls/linux/rlimit.c syscalls/linux/mm_calls.c syscalls/linux/proc.c \
	syscalls/linux/xfer.c syscalls/linux/event.c \
	syscalls/linux/net.c syscalls/linux/xattr.c syscalls/linux/timer.c \
	syscalls/linux/ownfd.c

unit_suites += tests/unit/check_syscalls
check_PROGRAMS += tests/unit/check_syscalls
tests_unit_check_syscalls_SOURCES = tests/unit/check_syscalls.c \
	tests/unit/check_syscalls.h tests/unit/check_syscalls_fd.c \
	tests/unit/check_syscalls_fs.c tests/unit/check_syscalls_sys.c \
	tests/unit/check_syscalls_event.c tests/unit/check_syscalls_net.c
tests_unit_check_syscalls_CFLAGS = $(unit_cflags)
tests_unit_check_syscalls_LDADD = $(unit_ldadd)
libferry_a_SOURCES += syscalls/linux/lx_run.c

# Guest signals: the syscalls, delivery and the frame interface.
libferry_a_SOURCES += syscalls/linux/lx_signal.h syscalls/linux/signal.c \
	syscalls/linux/signal_deliver.c
# Guest threads and processes: clone, futex, fork/vfork, execve, wait.
libferry_a_SOURCES += syscalls/linux/lx_thr.h syscalls/linux/clone.c \
	syscalls/linux/futex.c syscalls/linux/process.c syscalls/linux/exec.c \
	syscalls/linux/wait.c syscalls/linux/vfork.c syscalls/linux/task_list.c \
	syscalls/linux/signalfd.c syscalls/linux/net_mmsg.c

unit_suites += tests/unit/check_signal
check_PROGRAMS += tests/unit/check_signal
tests_unit_check_signal_CFLAGS = $(unit_cflags)
tests_unit_check_signal_LDADD = $(unit_ldadd)
unit_suites += tests/unit/check_threads
check_PROGRAMS += tests/unit/check_threads
tests_unit_check_threads_CFLAGS = $(unit_cflags)
tests_unit_check_threads_LDADD = $(unit_ldadd)
libferry_a_SOURCES += syscalls/linux/arch.c
