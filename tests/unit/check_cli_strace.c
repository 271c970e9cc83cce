/* tests/unit/check_cli_strace.c: -strace's pieces that need no guest
 * memory: string quoting, flags, signal sets, and the lines for a signal
 * delivered and a guest killed (syscalls/linux/strace*.c). Expected
 * strings are what strace 6.1 printed for the same values on this host
 * (see the comments), never ferry's own output. */
#include "tests/unit/unit.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log/log.h"
#include "syscalls/linux/lx_strace.h"

static char sb_buf[512];
static struct lx_sb sb;

static void sb_setup(void)
{
    sb = (struct lx_sb){sb_buf, sizeof sb_buf, 0};
    sb_buf[0] = '\0';
}

START_TEST(test_quote_escapes_like_strace)
{
    /* strace: write(1, "\1\2\v\f\177\377\351 ab", 10) */
    static const unsigned char s[] = "\x01\x02\x0b\x0c\x7f\xff\xe9 ab";

    lx_sb_quote(&sb, s, 10, false, false);
    ck_assert_str_eq(sb_buf, "\"\\1\\2\\v\\f\\177\\377\\351 ab\"");
}
END_TEST

START_TEST(test_quote_uses_three_digits_before_an_octal_digit)
{
    /* strace: "\0001" for NUL then '1', "\0a" for NUL then 'a' */
    lx_sb_quote(&sb,
                (const unsigned char *)"\0"
                                       "1\0a",
                4, true, false);
    ck_assert_str_eq(sb_buf, "\"\\0001\\0a\"...");
}
END_TEST

START_TEST(test_quote_in_hex_for_random_bytes)
{
    /* strace: getrandom("\xd0\xdb\x15\xf3", 4, GRND_NONBLOCK) */
    lx_sb_quote(&sb, (const unsigned char *)"\xd0\xdb\x15\xf3", 4, false, true);
    ck_assert_str_eq(sb_buf, "\"\\xd0\\xdb\\x15\\xf3\"");
}
END_TEST

static const struct lx_flag prot[] = {
    {1, "PROT_READ"}, {2, "PROT_WRITE"}, {4, "PROT_EXEC"}};

START_TEST(test_flags_name_bits_then_hex)
{
    /* strace: PROT_NONE, PROT_READ|PROT_EXEC, MAP_PRIVATE|0x400000,
     * 0x10 / * PROT_??? * / */
    lx_sb_flags(&sb, prot, 3, 0, "PROT_NONE", "PROT_");
    lx_sb_add(&sb, " ");
    lx_sb_flags(&sb, prot, 3, 5, "PROT_NONE", "PROT_");
    lx_sb_add(&sb, " ");
    lx_sb_flags(&sb, prot, 3, 0x401, "PROT_NONE", "PROT_");
    lx_sb_add(&sb, " ");
    lx_sb_flags(&sb, prot, 3, 0x10, "PROT_NONE", "PROT_");
    ck_assert_str_eq(sb_buf, "PROT_NONE PROT_READ|PROT_EXEC PROT_READ|0x400 "
                             "0x10 /* PROT_??? */");
}
END_TEST

START_TEST(test_sigsets_list_names_or_the_complement)
{
    /* strace: [USR2 RT_1], ~[], ~[KILL RT_1], [HUP RTMIN RT_9] */
    lx_strace_sigset(&sb, (1ull << 11) | (1ull << 32));
    lx_sb_add(&sb, " ");
    lx_strace_sigset(&sb, ~0ull);
    lx_sb_add(&sb, " ");
    lx_strace_sigset(&sb, ~((1ull << 8) | (1ull << 32)));
    lx_sb_add(&sb, " ");
    lx_strace_sigset(&sb, 1 | (1ull << 31) | (1ull << 40));
    ck_assert_str_eq(sb_buf, "[USR2 RT_1] ~[] ~[KILL RT_1] [HUP RTMIN RT_9]");
}
END_TEST

START_TEST(test_line_buffer_stops_at_its_size)
{
    char small[8];
    struct lx_sb b = {small, sizeof small, 0};

    lx_sb_add(&b, "%s", "0123456789");
    lx_sb_add(&b, "%s", "more");
    ck_assert_str_eq(small, "0123456");
    ck_assert_uint_eq(b.len, 7);
}
END_TEST

/* The lines lx_strace_signal and lx_strace_killed log, through a log
 * file. */
static char log_path[64];

static void log_setup(void)
{
    int fd;

    strcpy(log_path, "/tmp/check_cli_strace.XXXXXX");
    fd = mkstemp(log_path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    ck_assert_int_eq(log_open(log_path), 0);
}

static void log_teardown(void)
{
    unlink(log_path);
}

static const char *log_text(void)
{
    static char text[1024];
    FILE *f;
    size_t n;

    fflush(log_file());
    f = fopen(log_path, "r");
    ck_assert_ptr_nonnull(f);
    n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    return text;
}

static struct lx_task traced = {.strace = true, .tid = 4242};

START_TEST(test_signal_from_kill_names_its_sender)
{
    struct lx_siginfo si = {.si_signo = 10, .si_code = LX_SI_USER};

    si.u.kill.pid = 24019;
    si.u.kill.uid = 0;
    lx_strace_signal(&traced, &si);
    ck_assert_str_eq(log_text(), "--- SIGUSR1 {si_signo=SIGUSR1, "
                                 "si_code=SI_USER, si_pid=24019, "
                                 "si_uid=0} ---\n");
}
END_TEST

START_TEST(test_signal_from_sigqueue_shows_its_value)
{
    /* strace: --- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_QUEUE,
     * si_pid=24019, si_uid=0, si_int=7, si_ptr=0x7} --- */
    struct lx_siginfo si = {.si_signo = 10, .si_code = LX_SI_QUEUE};

    si.u.kill.pid = 24019;
    si.u.kill.value = 7;
    lx_strace_signal(&traced, &si);
    ck_assert_str_eq(log_text(),
                     "--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_QUEUE, "
                     "si_pid=24019, si_uid=0, si_int=7, si_ptr=0x7} ---\n");
}
END_TEST

START_TEST(test_fault_signals_show_the_address)
{
    /* strace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR,
     * si_addr=0x10} ---, and SI_KERNEL with si_addr=NULL */
    struct lx_siginfo si = {.si_signo = 11, .si_code = LX_SEGV_MAPERR};

    si.u.addr = 0x10;
    lx_strace_signal(&traced, &si);
    si = (struct lx_siginfo){.si_signo = 11, .si_code = LX_SI_KERNEL};
    lx_strace_signal(&traced, &si);
    ck_assert_str_eq(log_text(),
                     "--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, "
                     "si_addr=0x10} ---\n"
                     "--- SIGSEGV {si_signo=SIGSEGV, si_code=SI_KERNEL, "
                     "si_addr=NULL} ---\n");
}
END_TEST

START_TEST(test_sigchld_shows_the_child_status)
{
    /* strace: --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED,
     * si_pid=24020, si_uid=0, si_status=4, si_utime=0, si_stime=0} --- */
    struct lx_siginfo si = {.si_signo = 17, .si_code = 1};

    si.u.kill.pid = 24020;
    si.u.kill.value = 4; /* si_status, an int at offset 24 */
    lx_strace_signal(&traced, &si);
    ck_assert_str_eq(log_text(),
                     "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, "
                     "si_pid=24020, si_uid=0, si_status=4, si_utime=0, "
                     "si_stime=0} ---\n");
}
END_TEST

START_TEST(test_kernel_timer_signal_has_no_sender)
{
    /* strace: --- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} --- */
    struct lx_siginfo si = {.si_signo = 14, .si_code = LX_SI_KERNEL};

    lx_strace_signal(&traced, &si);
    ck_assert_str_eq(log_text(),
                     "--- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---\n");
}
END_TEST

START_TEST(test_killed_line_and_nothing_without_strace)
{
    struct lx_task quiet = {.strace = false};
    struct lx_siginfo si = {.si_signo = 11, .si_code = LX_SEGV_MAPERR};

    lx_strace_signal(&quiet, &si);
    lx_strace_killed(&quiet, 11);
    lx_strace_killed(NULL, 11);
    lx_strace_killed(&traced, 6);
    lx_strace_killed(&traced, 34);
    ck_assert_str_eq(log_text(), "+++ killed by SIGABRT +++\n"
                                 "+++ killed by SIGRT_2 +++\n");
}
END_TEST

static Suite *strace_suite(void)
{
    Suite *s = suite_create("cli_strace");
    TCase *tc = tcase_create("pieces");
    TCase *lines = tcase_create("lines");

    tcase_add_checked_fixture(tc, sb_setup, NULL);
    tcase_add_test(tc, test_quote_escapes_like_strace);
    tcase_add_test(tc, test_quote_uses_three_digits_before_an_octal_digit);
    tcase_add_test(tc, test_quote_in_hex_for_random_bytes);
    tcase_add_test(tc, test_flags_name_bits_then_hex);
    tcase_add_test(tc, test_sigsets_list_names_or_the_complement);
    tcase_add_test(tc, test_line_buffer_stops_at_its_size);
    suite_add_tcase(s, tc);
    tcase_add_checked_fixture(lines, log_setup, log_teardown);
    tcase_add_test(lines, test_signal_from_kill_names_its_sender);
    tcase_add_test(lines, test_signal_from_sigqueue_shows_its_value);
    tcase_add_test(lines, test_fault_signals_show_the_address);
    tcase_add_test(lines, test_sigchld_shows_the_child_status);
    tcase_add_test(lines, test_kernel_timer_signal_has_no_sender);
    tcase_add_test(lines, test_killed_line_and_nothing_without_strace);
    suite_add_tcase(s, lines);
    return s;
}

int main(void)
{
    return unit_run(strace_suite());
}
