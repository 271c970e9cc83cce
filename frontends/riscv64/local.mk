# frontends/riscv64/: the riscv64 guest: decoder, one trans_ file per ISA
# extension, disassembler, CPU state and the frontend struct.
libferry_a_SOURCES += frontends/riscv64/riscv64.h \
	frontends/riscv64/rv_internal.h frontends/riscv64/riscv64.c \
	frontends/riscv64/decode.c frontends/riscv64/disas.c \
	frontends/riscv64/rv_tables.c frontends/riscv64/trans_rvi.c \
	frontends/riscv64/trans_rvc.c frontends/riscv64/trans_rvm.c \
	frontends/riscv64/trans_rva.c frontends/riscv64/trans_zicsr.c \
	frontends/riscv64/trans_zifencei.c frontends/riscv64/trans_zb.c \
	frontends/riscv64/trans_zicond.c

unit_suites += tests/unit/check_rv_int
check_PROGRAMS += tests/unit/check_rv_int
tests_unit_check_rv_int_CFLAGS = $(unit_cflags)
tests_unit_check_rv_int_LDADD = $(unit_ldadd)

unit_suites += tests/unit/check_rv_ctl
check_PROGRAMS += tests/unit/check_rv_ctl
tests_unit_check_rv_ctl_CFLAGS = $(unit_cflags)
tests_unit_check_rv_ctl_LDADD = $(unit_ldadd)

unit_suites += tests/unit/check_rv_mem
check_PROGRAMS += tests/unit/check_rv_mem
tests_unit_check_rv_mem_CFLAGS = $(unit_cflags)
tests_unit_check_rv_mem_LDADD = $(unit_ldadd)

unit_suites += tests/unit/check_rv_rvc
check_PROGRAMS += tests/unit/check_rv_rvc
tests_unit_check_rv_rvc_CFLAGS = $(unit_cflags)
tests_unit_check_rv_rvc_LDADD = $(unit_ldadd)

unit_suites += tests/unit/check_rv_ext
check_PROGRAMS += tests/unit/check_rv_ext
tests_unit_check_rv_ext_CFLAGS = $(unit_cflags)
tests_unit_check_rv_ext_LDADD = $(unit_ldadd)

unit_suites += tests/unit/check_rv_disas
check_PROGRAMS += tests/unit/check_rv_disas
tests_unit_check_rv_disas_CFLAGS = $(unit_cflags)
tests_unit_check_rv_disas_LDADD = $(unit_ldadd)

unit_suites += tests/unit/check_rv_frontend
check_PROGRAMS += tests/unit/check_rv_frontend
tests_unit_check_rv_frontend_CFLAGS = $(unit_cflags)
tests_unit_check_rv_frontend_LDADD = $(unit_ldadd)


# What the suites above share.
EXTRA_DIST += tests/unit/check_rv.h

# F and D (single and double precision floating point).
libferry_a_SOURCES += frontends/riscv64/rv_fp.h \
	frontends/riscv64/trans_fp_common.c frontends/riscv64/fp_helpers.c \
	frontends/riscv64/trans_rvf.c frontends/riscv64/trans_rvd.c

unit_suites += tests/unit/check_rv_fp
check_PROGRAMS += tests/unit/check_rv_fp
tests_unit_check_rv_fp_CFLAGS = $(unit_cflags)
tests_unit_check_rv_fp_LDADD = $(unit_ldadd)

unit_suites += tests/unit/check_rv_fp_cvt
check_PROGRAMS += tests/unit/check_rv_fp_cvt
tests_unit_check_rv_fp_cvt_CFLAGS = $(unit_cflags)
tests_unit_check_rv_fp_cvt_LDADD = $(unit_ldadd)

unit_suites += tests/unit/check_rv_fp_round
check_PROGRAMS += tests/unit/check_rv_fp_round
tests_unit_check_rv_fp_round_CFLAGS = $(unit_cflags)
tests_unit_check_rv_fp_round_LDADD = $(unit_ldadd)

# The riscv64 signal frame.
libferry_a_SOURCES += frontends/riscv64/rv_signal.c
libferry_a_SOURCES += frontends/riscv64/rv_linux.c
libferry_a_SOURCES += frontends/riscv64/rv_cpuinfo.c
