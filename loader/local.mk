# loader/: ELF parsing and program loading.
libferry_a_SOURCES += loader/loader.h loader/elf_ident.c loader/elf_names.c \
	loader/loader_internal.h loader/elf_load.c loader/load.c loader/stack.c

unit_suites += tests/unit/check_loader_load
check_PROGRAMS += tests/unit/check_loader_load
tests_unit_check_loader_load_CFLAGS = $(unit_cflags)
tests_unit_check_loader_load_LDADD = $(unit_ldadd)
