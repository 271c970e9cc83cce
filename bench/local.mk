# bench/: CPU-bound programs timed natively, under qemu-user and under ferry.
# Not part of `make check`: run `make bench` (or bench/run directly).
EXTRA_DIST += bench/run bench/README.md bench/results.md bench/script.lua \
	$(wildcard $(srcdir)/bench/*.c)

bench: ferry
	FERRY='$(abs_builddir)/ferry' bash $(srcdir)/bench/run $(BENCH_ARGS)
.PHONY: bench
