/* clock.h — the one source of time. Tests and headless runs step it.
 *
 * Two readings: a monotonic millisecond tick for timeouts and animation,
 * and wall-clock seconds since the epoch for dates, schedules and records.
 * In stepped mode both advance only through clock_advance(). */
#ifndef KIOSK_CLOCK_H
#define KIOSK_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* Uses the real clocks (the default). */
void clock_use_real(void);

/* Switches to a stepped clock starting at wall time start_epoch (seconds,
 * UTC) and tick 0. */
void clock_use_stepped(time_t start_epoch);

/* True when the clock is stepped. */
bool clock_is_stepped(void);

/* Sets a stepped clock's wall time to t (seconds, UTC) without moving its
 * monotonic tick; no effect on the real clock. */
void clock_set_wall(time_t t);

/* Advances a stepped clock by ms milliseconds; no effect on the real one. */
void clock_advance(uint32_t ms);

/* Monotonic milliseconds. Never goes backwards. */
uint64_t clock_ms(void);

/* Wall-clock seconds since the epoch (UTC). */
time_t clock_now(void);

/* Breaks t into local time (the TZ the kiosk runs in, Europe/London by
 * default). Returns false only if the C library cannot convert t. */
bool clock_local(time_t t, struct tm *out);

/* Writes t as RFC 3339 UTC with whole seconds, e.g. 2026-11-23T10:15:02Z,
 * into out (at least 21 bytes). */
void clock_rfc3339(time_t t, char out[21]);

/* Writes the local calendar day of t as YYYY-MM-DD into out (11 bytes). */
void clock_local_day(time_t t, char out[11]);

#endif
