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
	translator/exec_translate.c translator/exec_stats.c

unit_suites += tests/unit/check_exec
check_PROGRAMS += tests/unit/check_exec
tests_unit_check_exec_CFLAGS = $(unit_cflags)
tests_unit_check_exec_LDADD = $(unit_ldadd)
