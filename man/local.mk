# man/: manual pages.
dist_man_MANS = man/ferry.1
