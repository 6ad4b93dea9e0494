/* staff_history.c — the staff view's history: check-ins per day over the
 * last four weeks as a small bar chart, with the totals of first visits,
 * sessions and the languages used. It shows the counts kept when each day
 * closed (store.h, "the day's end"): no names, nothing a visitor typed. In
 * English, like every staff screen. */
#include "layout.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/clock.h"
#include "kiosk/day_end.h"
#include "kiosk/log.h"

static void lang_cb(void *ud, const char *key, int n)
{
    StaffHistory *h = ud;
    if (h->nlangs < HISTORY_LANGS) {
        snprintf(h->langs[h->nlangs].tag, sizeof h->langs[0].tag, "%s", key);
        h->langs[h->nlangs++].n = n;
    } else {
        h->more_langs++;
    }
}

/* The 28 days ending with the last one closed or due, oldest first. */
static bool history_days(time_t now, int closing_min, char days[HISTORY_DAYS][11])
{
    day_end_due_day(now, closing_min, days[HISTORY_DAYS - 1]);
    for (int i = HISTORY_DAYS - 1; i > 0; i--)
        if (!day_end_prev_day(days[i], days[i - 1]))
            return false;
    return true;
}

void history_enter(App *a, Screen from)
{
    (void)from;
    StaffHistory *h = &a->history;
    memset(h, 0, sizeof *h);
    StoreDayTotals t[HISTORY_DAYS];
    int n = 0;
    const char *hub = app_day_end_hub(a);
    if (!history_days(clock_now(), a->cfg.closing_min, h->days)) {
        memset(h->days, 0, sizeof h->days);
        h->rc = K_ERR_INVALID;
        return;
    }
    const char *first = h->days[0], *last = h->days[HISTORY_DAYS - 1];
    h->rc = store_day_totals(a->store, hub, first, last, t, HISTORY_DAYS, &n);
    for (int k = 0; k < n; k++) {
        for (int i = 0; i < HISTORY_DAYS; i++)
            if (!strcmp(h->days[i], t[k].day))
                h->checkins[i] = t[k].checkins;
        h->total += t[k].checkins;
        h->sessions += t[k].sessions;
        h->first_visits += t[k].first_visits;
    }
    if (h->rc == K_OK)
        h->rc = store_day_keys(a->store, hub, first, last, "language", lang_cb, h);
    if (h->rc != K_OK)
        LOG_E("app", "cannot read the last four weeks' counts: %s", k_strerror(h->rc));
}

/* "2 Nov" for YYYY-MM-DD. */
static void short_date(const char *day, char *out, size_t cap)
{
    if (strlen(day) != 10) {
        snprintf(out, cap, "?");
        return;
    }
    static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    int m = (day[5] - '0') * 10 + (day[6] - '0'), d = (day[8] - '0') * 10 + (day[9] - '0');
    if (m < 1 || m > 12)
        m = 1;
    snprintf(out, cap, "%d %s", d, mon[m - 1]);
}

/* The totals under the chart, in words. */
static void totals_line(App *a, char *out, size_t cap)
{
    const StaffHistory *h = &a->history;
    char ci[64], se[64], fv[64];
    snprintf(ci, sizeof ci, "%d check-in%s", h->total, h->total == 1 ? "" : "s");
    snprintf(se, sizeof se, "%d session%s", h->sessions, h->sessions == 1 ? "" : "s");
    snprintf(fv, sizeof fv, "%d first visit%s", h->first_visits,
             h->first_visits == 1 ? "" : "s");
    int used = snprintf(out, cap, "In these four weeks: %s at %s, %s. Languages used: ", ci, se,
                        fv);
    if (h->nlangs == 0)
        used += snprintf(out + used, cap - (size_t)used, "none yet.");
    for (int i = 0; i < h->nlangs && used < (int)cap; i++) {
        int idx = i18n_find(a->i18n, h->langs[i].tag);
        const LangInfo *li = idx >= 0 ? i18n_lang(a->i18n, idx) : NULL;
        used += snprintf(out + used, cap - (size_t)used, "%s %d%s",
                         li ? li->english_name : h->langs[i].tag, h->langs[i].n,
                         i + 1 < h->nlangs ? ", " : h->more_langs ? "" : ".");
    }
    if (h->more_langs && used < (int)cap)
        snprintf(out + used, cap - (size_t)used, " and %d more.", h->more_langs);
}

/* The bars, their scale and a label under each week, in the box x, y, w,
 * hgt (the labels included). */
static void chart(App *a, int x, int y, int w, int hgt)
{
    Ui *ui = &a->ui;
    const StaffHistory *h = &a->history;
    int U = ui->unit;
    int lh = ui_text_height(ui, "Ag", ui->font_small, TEXT_REGULAR, 0, false);
    int max = 0;
    for (int i = 0; i < HISTORY_DAYS; i++)
        if (h->checkins[i] > max)
            max = h->checkins[i];
    char text[64];
    snprintf(text, sizeof text, "Most in a day: %d", max);
    UiWidget m = ui_proto("history.max", ROLE_VALUE);
    m.font_px = ui->font_small;
    ui_copy_text(m.text, sizeof m.text, text);
    m.rect = R(x, y, w, lh);
    ui_add(ui, &m);
    int top = y + lh + U / 2, base = y + hgt - lh - U / 2;
    int slot = w / HISTORY_DAYS, bar = slot * 3 / 4 > 1 ? slot * 3 / 4 : 1;
    int span = base - top;
    for (int i = 0; i < HISTORY_DAYS && span > 0 && max > 0; i++) {
        int bh = (int)((long)span * h->checkins[i] / max);
        if (h->checkins[i] == 0 || bh < 1)
            continue;
        UiWidget b = ui_proto("", ROLE_PANEL);
        snprintf(b.id, sizeof b.id, "history.bar.%d", i);
        b.look = LOOK_PRIMARY;
        b.rect = R(x + i * slot + (slot - bar) / 2, base - bh, bar, bh);
        ui_add(ui, &b);
    }
    UiWidget axis = ui_proto("history.axis", ROLE_PANEL);
    axis.look = LOOK_SECONDARY;
    axis.rect = R(x, base, slot * HISTORY_DAYS, U / 4 > 1 ? U / 4 : 1);
    ui_add(ui, &axis);
    /* each week's first day under its seven bars */
    for (int k = 0; k < HISTORY_DAYS / 7; k++) {
        char label[24];
        short_date(h->days[7 * k], label, sizeof label);
        UiWidget l = ui_proto("", ROLE_TEXT);
        snprintf(l.id, sizeof l.id, "history.week.%d", k);
        l.font_px = ui->font_small;
        ui_copy_text(l.text, sizeof l.text, label);
        l.rect = R(x + 7 * k * slot, base + U / 2, 7 * slot, lh);
        ui_add(ui, &l);
    }
}

void history_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, W = ui->w - 2 * U;
    int bw = T * 5 / 2;
    ui_button_icon(ui, "nav.back", "Back", R(U, U, bw, T), LOOK_SECONDARY, ICON_BACK);
    ui_button(ui, "staff.lock", "Lock", R(ui->w - U - bw, U, bw, T), LOOK_PRIMARY);
    const StaffHistory *h = &a->history;
    char from[24] = "", to[24] = "", line[1400];
    if (h->days[0][0]) {
        short_date(h->days[0], from, sizeof from);
        short_date(h->days[HISTORY_DAYS - 1], to, sizeof to);
    }
    snprintf(line, sizeof line, "Check-ins per day, %s to %s", from, to);
    UiWidget hd = ui_proto("history.title", ROLE_HEADING);
    ui_copy_text(hd.text, sizeof hd.text, line);
    int hw = ui->w - 4 * U - 2 * bw;
    int th = ui_text_height(ui, hd.text, ui->font_heading, TEXT_BOLD, hw, false);
    hd.rect = R(2 * U + bw, U, hw, th > T ? th : T);
    ui_add(ui, &hd);
    int y = U + hd.rect.h + U;
    if (h->rc != K_OK) {
        snprintf(line, sizeof line, "The last four weeks' counts could not be read (%s). "
                 "Tell IT.", k_strerror(h->rc));
        lay_paragraph(a, "history.totals", line, U, y, W, LOOK_ERROR);
        return;
    }
    totals_line(a, line, sizeof line);
    int tl = ui_text_height(ui, line, ui->font_body, TEXT_REGULAR, W, false);
    /* a small chart: on a tall screen no taller than half its width, with
     * the totals under it */
    int ch = ui->h - U - tl - U - y;
    if (ch > W / 2)
        ch = W / 2;
    chart(a, U, y, W, ch);
    lay_paragraph(a, "history.totals", line, U, y + ch + U, W, LOOK_PLAIN);
}

bool history_tap(App *a, const char *id)
{
    if (strcmp(id, "staff.lock"))
        return false;
    LOG_I("app", "staff view locked");
    app_go_home(a);
    return true;
}
