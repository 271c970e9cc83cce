# loader/: ELF parsing and program loading.
libferry_a_SOURCES += loader/loader.h loader/elf_ident.c loader/elf_names.c
