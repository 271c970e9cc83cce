# translator/: the IR, its optimizer, the reference interpreter, the x86-64
# back end, the code cache and the execution loop.
libferry_a_SOURCES += translator/translator.h translator/ir.h \
	translator/ir_ops.c translator/ir_block.c translator/ir_build.c
include translator/interp/local.mk
include translator/opt/local.mk
include translator/host/x86_64/local.mk
include translator/cache/local.mk
libferry_a_SOURCES += translator/ir_print.c translator/ir_verify.c
libferry_a_SOURCES += translator/exec_internal.h translator/exec.c \
	translator/exec_translate.c translator/exec_cold.c translator/exec_stats.c \
	translator/exec_fault.c
# Write-protecting guest code pages (self-modifying code): mm's side,
# listed here to keep mm/local.mk untouched for now.

unit_suites += tests/unit/check_exec
check_PROGRAMS += tests/unit/check_exec
tests_unit_check_exec_CFLAGS = $(unit_cflags)
tests_unit_check_exec_LDADD = $(unit_ldadd)

unit_suites += tests/unit/check_fault
check_PROGRAMS += tests/unit/check_fault
tests_unit_check_fault_SOURCES = tests/unit/check_fault.c \
	tests/unit/check_fault.h
tests_unit_check_fault_CFLAGS = $(unit_cflags)
tests_unit_check_fault_LDADD = $(unit_ldadd)

# -d items end to end: runs $(FERRY) (tests/run sets it), else ./ferry.
unit_suites += tests/unit/check_diag
check_PROGRAMS += tests/unit/check_diag
tests_unit_check_diag_CFLAGS = $(unit_cflags)
tests_unit_check_diag_LDADD = $(unit_ldadd)

# make fuzz-ir [FUZZ_SECONDS=N] [FUZZ_SEED=S] [FUZZ_BASELINE=1]: the
# differential IR fuzzer (x86-64 back end against the interpreter) for as
# long as asked. Built with the check programs so it never goes stale.
check_PROGRAMS += tests/fuzz/ir_fuzz
tests_fuzz_ir_fuzz_SOURCES = tests/fuzz/ir_fuzz.c tests/unit/x64_fuzz.c \
	tests/unit/x64_fuzz.h tests/unit/x64_harness.h
tests_fuzz_ir_fuzz_CFLAGS = $(unit_cflags)
tests_fuzz_ir_fuzz_LDADD = $(unit_ldadd)
EXTRA_DIST += tests/fuzz

fuzz-ir: tests/fuzz/ir_fuzz$(EXEEXT)
	FUZZ_SECONDS='$(FUZZ_SECONDS)' FUZZ_SEED='$(FUZZ_SEED)' \
	FUZZ_BASELINE='$(FUZZ_BASELINE)' ./tests/fuzz/ir_fuzz$(EXEEXT)
.PHONY: fuzz-ir

unit_suites += tests/unit/check_fault_mm
check_PROGRAMS += tests/unit/check_fault_mm
tests_unit_check_fault_mm_SOURCES = tests/unit/check_fault_mm.c \
	tests/unit/check_fault.h
tests_unit_check_fault_mm_CFLAGS = $(unit_cflags)
tests_unit_check_fault_mm_LDADD = $(unit_ldadd)
