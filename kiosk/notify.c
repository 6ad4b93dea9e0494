/* notify.c — sd_notify's datagram protocol and the watchdog's rhythm. */
#include "kiosk/notify.h"

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "kiosk/parse.h"

bool notify_send(const char *text)
{
    const char *path = getenv("NOTIFY_SOCKET");
    if (!path || !path[0] || !text)
        return false;
    struct sockaddr_un sa;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    size_t n = strlen(path);
    if ((path[0] != '/' && path[0] != '@') || n >= sizeof sa.sun_path)
        return false;
    memcpy(sa.sun_path, path, n);
    if (path[0] == '@')
        sa.sun_path[0] = '\0';          /* the abstract namespace */
    socklen_t len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    /* Never waits: when systemd's queue is full the message is dropped
     * rather than the screen stopped. */
    ssize_t sent = sendto(fd, text, strlen(text), MSG_NOSIGNAL | MSG_DONTWAIT,
                          (struct sockaddr *)&sa, len);
    close(fd);
    return sent == (ssize_t)strlen(text);
}

uint64_t notify_watchdog_ms(void)
{
    const char *usec = getenv("WATCHDOG_USEC"), *pid = getenv("WATCHDOG_PID");
    long us;
    if (!usec || parse_long(usec, 1, LONG_MAX, &us) != K_OK)
        return 0;
    long p;
    if (pid && pid[0] && (parse_long(pid, 1, 0x7fffffffL, &p) != K_OK || p != (long)getpid()))
        return 0;
    return (uint64_t)us / 1000 ? (uint64_t)us / 1000 : 1;
}

uint64_t notify_watchdog_tick(uint64_t now_ms)
{
    static bool sent_once;
    static uint64_t last_ms;
    uint64_t interval = notify_watchdog_ms();
    if (!interval)
        return UINT64_MAX;
    uint64_t half = interval / 2 ? interval / 2 : 1;
    if (!sent_once || now_ms - last_ms >= half) {
        (void)notify_send("WATCHDOG=1");
        sent_once = true;
        last_ms = now_ms;
        return half;
    }
    return half - (now_ms - last_ms);
}
