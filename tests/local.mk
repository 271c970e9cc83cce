# tests/: Check unit suites, command-line cases and guest programs, all run
# by tests/run from `make check`.

# Unit suites of the folders without a local.mk of their own.
unit_suites += tests/unit/check_cli tests/unit/check_loader \
	tests/unit/check_frontends
check_PROGRAMS += tests/unit/check_cli tests/unit/check_loader \
	tests/unit/check_frontends
tests_unit_check_cli_CFLAGS = $(unit_cflags)
tests_unit_check_cli_LDADD = $(unit_ldadd)
tests_unit_check_loader_CFLAGS = $(unit_cflags)
tests_unit_check_loader_LDADD = $(unit_ldadd)
tests_unit_check_frontends_CFLAGS = $(unit_cflags)
tests_unit_check_frontends_LDADD = $(unit_ldadd)

# Guest programs: tests/guest/common/*.c build for every guest architecture,
# tests/guest/<arch>/*.{c,S} for their own; C programs static and dynamic,
# assembly static only. Binaries go to tests/bin/<arch>/<dir>/<name>.<link>.
GUEST_ARCHES =
if HAVE_RISCV64_CC
GUEST_ARCHES += riscv64
endif
if HAVE_AARCH64_CC
GUEST_ARCHES += aarch64
endif
GUEST_CC_riscv64 = $(RISCV64_CC)
GUEST_CC_aarch64 = $(AARCH64_CC)
GUEST_CFLAGS = -O2 -g -Wall -Wextra
guest_dirs = $(foreach a,$(GUEST_ARCHES),common $(a))
guest_bins = $(foreach a,$(GUEST_ARCHES),\
	$(patsubst $(srcdir)/tests/guest/%.c,tests/bin/$(a)/%.static,$(wildcard $(srcdir)/tests/guest/common/*.c $(srcdir)/tests/guest/$(a)/*.c)) \
	$(patsubst $(srcdir)/tests/guest/%.c,tests/bin/$(a)/%.dynamic,$(wildcard $(srcdir)/tests/guest/common/*.c $(srcdir)/tests/guest/$(a)/*.c)) \
	$(patsubst $(srcdir)/tests/guest/%.S,tests/bin/$(a)/%.static,$(wildcard $(srcdir)/tests/guest/$(a)/*.S)))
check_DATA += $(guest_bins)

# The arch is the third path element of the target: tests/bin/<arch>/...
guest_cc = $(GUEST_CC_$(word 3,$(subst /, ,$@)))
guest_link_c_static = $(MKDIR_P) $(@D); \
	$(guest_cc) $(GUEST_CFLAGS) -static -o $@ $< -lm -pthread
guest_link_c_dynamic = $(MKDIR_P) $(@D); \
	$(guest_cc) $(GUEST_CFLAGS) -o $@ $< -lm -pthread
guest_link_asm = $(MKDIR_P) $(@D); \
	$(guest_cc) -nostdlib -static -o $@ $<
tests/bin/riscv64/%.static: tests/guest/%.c ; $(AM_V_CC)$(guest_link_c_static)
tests/bin/aarch64/%.static: tests/guest/%.c ; $(AM_V_CC)$(guest_link_c_static)
tests/bin/riscv64/%.dynamic: tests/guest/%.c ; $(AM_V_CC)$(guest_link_c_dynamic)
tests/bin/aarch64/%.dynamic: tests/guest/%.c ; $(AM_V_CC)$(guest_link_c_dynamic)
tests/bin/riscv64/%.static: tests/guest/%.S ; $(AM_V_CCAS)$(guest_link_asm)
tests/bin/aarch64/%.static: tests/guest/%.S ; $(AM_V_CCAS)$(guest_link_asm)

clean-local: clean-local-tests
clean-local-tests:
	-rm -rf tests/bin tests/work

EXTRA_DIST += tests/run tests/cli tests/guest \
	$(wildcard $(srcdir)/tests/unit/*.h)

check-local: $(bin_PROGRAMS)
	@FERRY='$(abs_builddir)/ferry' SRCDIR='$(abs_srcdir)' \
	BUILDDIR='$(abs_builddir)' UNIT_SUITES='$(unit_suites)' \
	GUEST_ARCHES='$(GUEST_ARCHES)' $(SHELL) $(srcdir)/tests/run
