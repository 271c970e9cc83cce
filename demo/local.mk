# demo/: the riscv64 program the README's first command runs under ferry.
if HAVE_RISCV64_CC
noinst_DATA += demo/hello-riscv64
endif
demo/hello-riscv64: demo/hello.c
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(RISCV64_CC) -O2 -static -o $@ $<
CLEANFILES += demo/hello-riscv64
EXTRA_DIST += demo/hello.c
