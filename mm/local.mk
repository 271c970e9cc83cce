# mm/: the guest address space in user mode (mappings, brk, the stack).
libferry_a_SOURCES += mm/mm.h mm/mm_internal.h mm/mm.c mm/mm_regions.c \
	mm/mm_query.c mm/mm_protect.c mm/mm_remap.c \
	mm/mm_copy.c mm/mm_protect_code.c

unit_suites += tests/unit/check_mm tests/unit/check_mm_remap
check_PROGRAMS += tests/unit/check_mm tests/unit/check_mm_remap
tests_unit_check_mm_CFLAGS = $(unit_cflags)
tests_unit_check_mm_LDADD = $(unit_ldadd)
tests_unit_check_mm_remap_CFLAGS = $(unit_cflags)
tests_unit_check_mm_remap_LDADD = $(unit_ldadd)
