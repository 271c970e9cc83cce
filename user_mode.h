/* user_mode.h: running a foreign Linux program in this process. */
#ifndef FERRY_USER_MODE_H
#define FERRY_USER_MODE_H

#include "cli/cli.h"
#include "translator/translator.h"

/* Loads the program open as fd (already identified as fe's) with the
 * options o and runs it to its end; fd is closed once the program is
 * loaded (or could not be). Returns the guest's exit status, or a
 * CLI_EXIT_* status after one line on stderr if it could not start. */
int user_mode_run(const struct cli_options *o, int fd,
                  const struct frontend *fe);

#endif
