# translator/opt/: the per-block IR optimizer, one file per pass.
libferry_a_SOURCES += translator/opt/opt.h translator/opt/opt.c \
	translator/opt/opt_util.h translator/opt/opt_util.c \
	translator/opt/opt_eval.c translator/opt/opt_const.c \
	translator/opt/opt_copy.c translator/opt/opt_simplify.c \
	translator/opt/opt_state.c translator/opt/opt_dce.c \
	translator/opt/opt_forward.c

unit_suites += tests/unit/check_opt
check_PROGRAMS += tests/unit/check_opt
tests_unit_check_opt_SOURCES = tests/unit/check_opt.c tests/unit/check_opt.h \
	tests/unit/check_opt_const.c tests/unit/check_opt_fold.c \
	tests/unit/check_opt_copy.c tests/unit/check_opt_simplify.c \
	tests/unit/check_opt_state.c tests/unit/check_opt_interp.c \
	tests/unit/check_opt_random.c
tests_unit_check_opt_CFLAGS = $(unit_cflags)
tests_unit_check_opt_LDADD = $(unit_ldadd)
