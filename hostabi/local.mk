# hostabi/: the host: CPU features, executable memory.
libferry_a_SOURCES += hostabi/hostabi.h hostabi/cpu_features.c \
	hostabi/exec_mem.c hostabi/host_signals.c hostabi/host_heap.c

# The static-pie link orders ferry's text by it (Makefile.am).
EXTRA_DIST += hostabi/hot_text.ld
