/* test_notify.c — the kiosk tells systemd it is ready, pings the watchdog
 * from its main loop while it runs and says when it stops (notify.c and
 * run_window in main.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "harness.h"
#include "kiosk/notify.h"

/* Binds a datagram socket at dir/notify and sets NOTIFY_SOCKET to it. */
static int listen_at(const char *dir)
{
    struct sockaddr_un sa;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s/notify", dir);
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    assert_true(fd >= 0);
    assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    setenv("NOTIFY_SOCKET", sa.sun_path, 1);
    return fd;
}

/* Reads one datagram within ms milliseconds into buf; its length or -1. */
static int take(int fd, char *buf, size_t cap, int ms)
{
    struct pollfd p = { fd, POLLIN, 0 };
    if (poll(&p, 1, ms) != 1)
        return -1;
    ssize_t n = recv(fd, buf, cap - 1, 0);
    if (n < 0)
        return -1;
    buf[n] = '\0';
    return (int)n;
}

static void test_send(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    int fd = listen_at(h.dir);
    char buf[256];
    assert_true(notify_send("READY=1"));
    assert_int_equal(take(fd, buf, sizeof buf, 1000), 7);
    assert_string_equal(buf, "READY=1");
    unsetenv("NOTIFY_SOCKET");
    assert_false(notify_send("READY=1"));
    setenv("NOTIFY_SOCKET", "relative/path", 1);
    assert_false(notify_send("READY=1"));
    unsetenv("NOTIFY_SOCKET");
    close(fd);
    harness_close(&h);
}

static void test_watchdog_interval(void **state)
{
    (void)state;
    char pid[32];
    snprintf(pid, sizeof pid, "%ld", (long)getpid());
    unsetenv("WATCHDOG_PID");
    unsetenv("WATCHDOG_USEC");
    assert_int_equal(notify_watchdog_ms(), 0);
    assert_true(notify_watchdog_tick(1000) == UINT64_MAX);
    setenv("WATCHDOG_USEC", "30000000", 1);
    assert_int_equal(notify_watchdog_ms(), 30000);
    setenv("WATCHDOG_PID", pid, 1);
    assert_int_equal(notify_watchdog_ms(), 30000);
    setenv("WATCHDOG_PID", "1", 1);            /* meant for another process */
    assert_int_equal(notify_watchdog_ms(), 0);
    unsetenv("WATCHDOG_PID");
    setenv("WATCHDOG_USEC", "30s", 1);
    assert_int_equal(notify_watchdog_ms(), 0);
    setenv("WATCHDOG_USEC", "0", 1);
    assert_int_equal(notify_watchdog_ms(), 0);
    unsetenv("WATCHDOG_USEC");
}

/* The tick sends at once, then every half interval, and says how long to
 * wait until it is next due. */
static void test_watchdog_tick(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    int fd = listen_at(h.dir);
    setenv("WATCHDOG_USEC", "10000000", 1);     /* 10 s: a ping every 5 s */
    char buf[64];
    assert_int_equal(notify_watchdog_tick(100000), 5000);
    assert_true(take(fd, buf, sizeof buf, 1000) > 0);
    assert_string_equal(buf, "WATCHDOG=1");
    assert_int_equal(notify_watchdog_tick(101000), 4000);
    assert_int_equal(take(fd, buf, sizeof buf, 50), -1);
    assert_int_equal(notify_watchdog_tick(105000), 5000);
    assert_true(take(fd, buf, sizeof buf, 1000) > 0);
    assert_string_equal(buf, "WATCHDOG=1");
    unsetenv("WATCHDOG_USEC");
    unsetenv("NOTIFY_SOCKET");
    close(fd);
    harness_close(&h);
}

/* The real loop on SDL's dummy driver for 2.5 s with a 0.4 s watchdog:
 * READY=1 first, then a ping at least every 0.2 s, STOPPING=1 last. A
 * loop that stopped pinging would be killed and restarted by systemd. */
static void test_kiosk_pings(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    int fd = listen_at(h.dir);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "SDL_VIDEODRIVER=dummy WATCHDOG_USEC=400000 exec %s/kiosk "
             "--data-dir %s/data --exit-after 2.5 2>%s/stderr",
             getenv("KIOSK_BUILD") ? getenv("KIOSK_BUILD") : "build", h.dir, h.dir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    unsetenv("NOTIFY_SOCKET");
    /* read while it runs, as systemd does: a full queue would drop pings */
    char buf[256], first[256] = "", last[256] = "";
    int pings = 0, n = 0, status = 0;
    for (;;) {
        int got = take(fd, buf, sizeof buf, 100);
        if (got < 0) {
            if (waitpid(pid, &status, WNOHANG) == pid)
                break;
            continue;
        }
        if (n++ == 0)
            snprintf(first, sizeof first, "%s", buf);
        snprintf(last, sizeof last, "%s", buf);
        pings += !strcmp(buf, "WATCHDOG=1");
    }
    while (take(fd, buf, sizeof buf, 0) > 0)
        snprintf(last, sizeof last, "%s", buf);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_non_null(strstr(first, "READY=1"));
    assert_string_equal(last, "STOPPING=1");
    /* 2.5 s at one ping per 0.2 s, less start-up and a slow machine's share */
    assert_true(pings >= 6);
    close(fd);
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_send),
        cmocka_unit_test(test_watchdog_interval),
        cmocka_unit_test(test_watchdog_tick),
        cmocka_unit_test(test_kiosk_pings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
