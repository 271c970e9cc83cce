# tests/realworld/local.mk: `make check-realworld` cross-builds Debian's zlib
# and sqlite3 for riscv64 and compares their runs under ferry with native
# runs (scripts/realworld). Slow and needs the network once: not in `make check`.
EXTRA_DIST += tests/realworld/local.mk tests/realworld/sqlite-basic.sql \
	tests/realworld/sqlite-float.sql tests/realworld/sqlite-cte.sql \
	tests/realworld/sqlite-filedb.sql

check-realworld: ferry$(EXEEXT)
	FERRY=$(abs_builddir)/ferry$(EXEEXT) RISCV64_CC="$(RISCV64_CC)" \
	  bash $(srcdir)/scripts/realworld

.PHONY: check-realworld
