# binfmt/: registering ferry with binfmt_misc (--install-binfmt), the
# ferry-ARCH links, and the test program that prints its argv.
libferry_a_SOURCES += binfmt/binfmt.h binfmt/entry.c binfmt/install.c

unit_suites += tests/unit/check_cli_binfmt
check_PROGRAMS += tests/unit/check_cli_binfmt
tests_unit_check_cli_binfmt_CFLAGS = $(unit_cflags)
tests_unit_check_cli_binfmt_LDADD = $(unit_ldadd)

# `ferry-riscv64 PROGRAM` is `ferry PROGRAM`, under the name qemu users
# expect (qemu-riscv64).
install-exec-hook: install-exec-hook-binfmt
install-exec-hook-binfmt:
	for arch in riscv64 aarch64; do \
	  rm -f "$(DESTDIR)$(bindir)/ferry-$$arch"; \
	  $(LN_S) ferry "$(DESTDIR)$(bindir)/ferry-$$arch"; \
	done
uninstall-hook: uninstall-hook-binfmt
uninstall-hook-binfmt:
	for arch in riscv64 aarch64; do \
	  rm -f "$(DESTDIR)$(bindir)/ferry-$$arch"; \
	done

# Guest programs of the command-line tests (tests/cli/run_cases.sh):
# argv.S prints its argv and environment (binfmt_misc's P flag, -0, -E,
# -U), strace.S makes a fixed sequence of calls (-strace), strace_segv.S
# dies of SIGSEGV.
if HAVE_RISCV64_CC
check_DATA += tests/bin/riscv64/cli/argv.static \
	tests/bin/riscv64/cli/strace.static \
	tests/bin/riscv64/cli/strace_segv.static
endif
tests/bin/riscv64/cli/argv.static: tests/cli/argv.S
	$(AM_V_CCAS)$(guest_link_asm)
tests/bin/riscv64/cli/strace.static: tests/cli/strace.S
	$(AM_V_CCAS)$(guest_link_asm)
tests/bin/riscv64/cli/strace_segv.static: tests/cli/strace_segv.S
	$(AM_V_CCAS)$(guest_link_asm)
