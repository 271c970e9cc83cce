# translator/interp/: the reference IR interpreter, and the unit suites of
# the IR (builder, verifier, printer) and of the interpreter.
libferry_a_SOURCES += translator/interp/interp.h \
	translator/interp/interp_internal.h translator/interp/interp.c \
	translator/interp/interp_int.c translator/interp/interp_mem.c \
	translator/interp/interp_fp.c translator/interp/interp_vec.c

unit_suites += tests/unit/check_interp_int
check_PROGRAMS += tests/unit/check_interp_int
tests_unit_check_interp_int_CFLAGS = $(unit_cflags)
tests_unit_check_interp_int_LDADD = $(unit_ldadd)

unit_suites += tests/unit/check_interp_fp
check_PROGRAMS += tests/unit/check_interp_fp
tests_unit_check_interp_fp_CFLAGS = $(unit_cflags)
tests_unit_check_interp_fp_LDADD = $(unit_ldadd)

unit_suites += tests/unit/check_interp_mem
check_PROGRAMS += tests/unit/check_interp_mem
tests_unit_check_interp_mem_CFLAGS = $(unit_cflags)
tests_unit_check_interp_mem_LDADD = $(unit_ldadd)

unit_suites += tests/unit/check_interp
check_PROGRAMS += tests/unit/check_interp
tests_unit_check_interp_CFLAGS = $(unit_cflags)
tests_unit_check_interp_LDADD = $(unit_ldadd)

unit_suites += tests/unit/check_ir
check_PROGRAMS += tests/unit/check_ir
tests_unit_check_ir_CFLAGS = $(unit_cflags)
tests_unit_check_ir_LDADD = $(unit_ldadd)

# What the interpreter suites share.
EXTRA_DIST += tests/unit/check_interp.h
