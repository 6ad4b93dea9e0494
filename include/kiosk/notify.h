/* notify.h — telling systemd how the kiosk is (sd_notify's protocol,
 * written here in a few lines so that the kiosk needs no libsystemd).
 *
 * When systemd starts the kiosk as a Type=notify service it sets
 * NOTIFY_SOCKET (a datagram socket, a path or "@" for the abstract
 * namespace) and, with WatchdogSec=, WATCHDOG_USEC (and WATCHDOG_PID, the
 * process it is meant for). Outside systemd neither is set and every
 * function here does nothing. Nothing personal is ever sent: only fixed
 * words and counts. */
#ifndef KIOSK_NOTIFY_H
#define KIOSK_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

/* Sends one datagram of text (e.g. "READY=1\nSTATUS=...") to NOTIFY_SOCKET.
 * Returns true when it was sent, false when NOTIFY_SOCKET is not set or
 * the message could not be sent (not logged: the caller decides; the kiosk
 * runs on either way). */
bool notify_send(const char *text);

/* The watchdog's interval in milliseconds from WATCHDOG_USEC, when it is
 * set, a whole number above 0 and WATCHDOG_PID (if set) is this process;
 * 0 otherwise (no watchdog). */
uint64_t notify_watchdog_ms(void);

/* Sends "WATCHDOG=1" when half the watchdog's interval has passed since it
 * was last sent by this function (now_ms: clock_ms()); the first call
 * sends. Returns the milliseconds until it next wants to be called
 * (UINT64_MAX when there is no watchdog). Never fails. */
uint64_t notify_watchdog_tick(uint64_t now_ms);

#endif
