/* clock.c — real or stepped time, from one place. */
#include "kiosk/clock.h"

#include <stdio.h>

static bool stepped;
static uint64_t step_ms;
static time_t step_epoch;

void clock_use_real(void)
{
    stepped = false;
}

void clock_use_stepped(time_t start_epoch)
{
    stepped = true;
    step_ms = 0;
    step_epoch = start_epoch;
}

bool clock_is_stepped(void)
{
    return stepped;
}

void clock_set_wall(time_t t)
{
    if (stepped)
        step_epoch = t - (time_t)(step_ms / 1000u);
}

void clock_advance(uint32_t ms)
{
    if (stepped)
        step_ms += ms;
}

uint64_t clock_ms(void)
{
    if (stepped)
        return step_ms;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

time_t clock_now(void)
{
    if (stepped)
        return step_epoch + (time_t)(step_ms / 1000u);
    return time(NULL);
}

bool clock_local(time_t t, struct tm *out)
{
    return localtime_r(&t, out) != NULL;
}

void clock_rfc3339(time_t t, char out[21])
{
    struct tm tm;
    if (!gmtime_r(&t, &tm)) {
        snprintf(out, 21, "1970-01-01T00:00:00Z");
        return;
    }
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void clock_local_day(time_t t, char out[11])
{
    struct tm tm;
    if (!clock_local(t, &tm)) {
        snprintf(out, 11, "1970-01-01");
        return;
    }
    strftime(out, 11, "%Y-%m-%d", &tm);
}
