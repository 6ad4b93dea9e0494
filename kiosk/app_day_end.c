/* app_day_end.c — the day's end in the running kiosk (day_end.h): at
 * start, and once a wall minute while the home screen shows with nobody
 * using it. A visitor mid-journey is never interrupted: the close waits
 * for the home screen, and what they save after closing time is counted
 * and deleted at the next close. */
#include "app_private.h"

#include "kiosk/clock.h"
#include "kiosk/day_end.h"
#include "kiosk/log.h"

const char *app_day_end_hub(const App *a)
{
    return a->cfg.hub_id[0] ? a->cfg.hub_id : content_hub_id(a->pack);
}

/* Closes the due day if need be, then tidies when something is due. */
static void run(App *a, time_t wall)
{
    bool closed = false;
    if (day_end_run(a->store, app_day_end_hub(a), wall, a->cfg.closing_min, &closed) == K_OK &&
        closed)
        a->day_end_tidy = true;
    if (!a->day_end_tidy)
        return;
    bool done = false;
    if (store_day_tidy(a->store, &done) != K_OK)
        LOG_W("app", "day end: the database could not be tidied (tried again later)");
    a->day_end_tidy = !done;
}

void app_day_end_start(App *a)
{
    time_t wall = clock_now();
    a->day_end_tidy = true;    /* a tidy-up cut short is finished now */
    a->day_end_minute = (long)(wall / 60);
    run(a, wall);
}

void app_day_end_tick(App *a)
{
    time_t wall = clock_now();
    if ((long)(wall / 60) == a->day_end_minute)
        return;
    if (a->screen != SCR_HOME || a->idle_prompt || a->lang != a->default_lang)
        return;
    a->day_end_minute = (long)(wall / 60);
    run(a, wall);
}
