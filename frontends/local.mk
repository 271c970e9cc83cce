# frontends/: the guest architectures ferry knows, and (later) their decoders.
libferry_a_SOURCES += frontends/frontends.h frontends/registry.c
include frontends/riscv64/local.mk
