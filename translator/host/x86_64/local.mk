# translator/host/x86_64/: the x86-64 back end, the only code that knows
# x86; the rest of the translator sees translator/host/host.h.
libferry_a_SOURCES += translator/host/host.h \
	translator/host/x86_64/x64_regs.h \
	translator/host/x86_64/x64_emit.h translator/host/x86_64/x64_emit.c \
	translator/host/x86_64/x64_lower.h \
	translator/host/x86_64/x64_regalloc.c \
	translator/host/x86_64/x64_operand.c \
	translator/host/x86_64/x64_lower_int.c \
	translator/host/x86_64/x64_lower_mem.c \
	translator/host/x86_64/x64_lower_fp.c \
	translator/host/x86_64/x64_lower_vec.c \
	translator/host/x86_64/x64_lower_ctl.c \
	translator/host/x86_64/x64_lazy.c \
	translator/host/x86_64/x64_loop.c \
	translator/host/x86_64/x64_fp_flags.c \
	translator/host/x86_64/x64_helpers.c \
	translator/host/x86_64/x64_compile.c \
	translator/host/x86_64/x64_run.c \
	translator/host/x86_64/x64_disas.c

# Unit suites; check_x64_base reruns check_x64 with the host's optional
# features turned off (FERRY_HOST_FEATURES=baseline), for the fallbacks.
unit_suites += tests/unit/check_x64 tests/unit/check_x64_base
check_PROGRAMS += tests/unit/check_x64 tests/unit/check_x64_base
tests_unit_check_x64_SOURCES = tests/unit/check_x64.c tests/unit/check_x64_ctl.c \
	tests/unit/check_x64_fp.c tests/unit/check_x64_atomic.c \
	tests/unit/check_x64_emit.c tests/unit/check_x64_probe.c \
	tests/unit/check_x64_loop.c \
	tests/unit/x64_suites.h \
	tests/unit/x64_harness.h tests/unit/x64_eval.h
tests_unit_check_x64_CFLAGS = $(unit_cflags)
tests_unit_check_x64_LDADD = $(unit_ldadd)
tests_unit_check_x64_base_SOURCES = $(tests_unit_check_x64_SOURCES)
tests_unit_check_x64_base_CFLAGS = $(unit_cflags) -DTH_BASELINE
tests_unit_check_x64_base_LDADD = $(unit_ldadd)

# Differential testing against the reference interpreter.
unit_suites += tests/unit/check_x64_fuzz tests/unit/check_x64_fuzz_base
check_PROGRAMS += tests/unit/check_x64_fuzz tests/unit/check_x64_fuzz_base
tests_unit_check_x64_fuzz_SOURCES = tests/unit/check_x64_fuzz.c \
	tests/unit/x64_fuzz.c tests/unit/x64_fuzz.h tests/unit/x64_harness.h
tests_unit_check_x64_fuzz_CFLAGS = $(unit_cflags)
tests_unit_check_x64_fuzz_LDADD = $(unit_ldadd)
tests_unit_check_x64_fuzz_base_SOURCES = $(tests_unit_check_x64_fuzz_SOURCES)
tests_unit_check_x64_fuzz_base_CFLAGS = $(unit_cflags) -DTH_BASELINE
tests_unit_check_x64_fuzz_base_LDADD = $(unit_ldadd)
