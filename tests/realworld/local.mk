# tests/realworld/local.mk: `make check-realworld` cross-builds Debian's zlib,
# sqlite3 and dash for riscv64 and compares their runs under ferry with native
# runs (scripts/realworld). Slow and needs the network once: not in `make check`.
EXTRA_DIST += tests/realworld/local.mk tests/realworld/sqlite-basic.sql \
	tests/realworld/sqlite-float.sql tests/realworld/sqlite-cte.sql \
	tests/realworld/sqlite-filedb.sql tests/realworld/dash-script.sh

check-realworld: ferry$(EXEEXT)
	FERRY=$(abs_builddir)/ferry$(EXEEXT) RISCV64_CC="$(RISCV64_CC)" \
	  bash $(srcdir)/scripts/realworld

.PHONY: check-realworld
