# translator/cache/: the code cache, the TB table, chaining, invalidation
# by guest page, and the flush protocol for guest threads.
libferry_a_SOURCES += translator/cache/cache.h translator/cache/cache_int.h \
	translator/cache/cache_mem.c translator/cache/cache_sync.c \
	translator/cache/tb_table.c translator/cache/tb_link.c \
	translator/cache/tb_pages.c translator/cache/tb_code.c \
	translator/cache/cache_stats.c

unit_suites += tests/unit/check_cache
check_PROGRAMS += tests/unit/check_cache
tests_unit_check_cache_SOURCES = tests/unit/check_cache.c \
	tests/unit/check_cache_chain.c tests/unit/check_cache_threads.c \
	tests/unit/check_cache_views.c \
	tests/unit/check_cache.h
tests_unit_check_cache_CFLAGS = $(unit_cflags) -pthread
tests_unit_check_cache_LDADD = $(unit_ldadd) -lpthread
