# log/: the -d diagnostic log.
libferry_a_SOURCES += log/log.h log/log.c log/log_perfmap.c
