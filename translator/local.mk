# translator/: the IR, its optimizer, the reference interpreter, the x86-64
# back end, the code cache and the execution loop.
libferry_a_SOURCES += translator/translator.h translator/ir.h \
	translator/ir_ops.c translator/ir_block.c translator/ir_build.c
include translator/interp/local.mk
include translator/opt/local.mk
include translator/host/x86_64/local.mk
include translator/cache/local.mk
libferry_a_SOURCES += translator/ir_print.c translator/ir_verify.c
