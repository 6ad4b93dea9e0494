/* checkin.c — the check-in flow: which drop-in, who is here, then first
 * visit, name and postcode (details.c), confirm; then thanks.c. */
#include "layout.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/clock.h"
#include "kiosk/log.h"

/* ---- sessions ------------------------------------------------------- */

void sessions_enter(App *a, Screen from)
{
    struct tm now;
    if (from == SCR_HOME)
        a->session_page = 0;
    a->nsessions = 0;
    memset(&a->next, 0, sizeof a->next);
    if (!a->pack || !clock_local(clock_now(), &now))
        return;
    a->nsessions = content_sessions_today(a->pack, &now, a->sessions, MAX_SESSIONS, &a->next);
    if (a->nsessions > MAX_SESSIONS)
        a->nsessions = MAX_SESSIONS;
}

/* The drop-ins of the page shown as rows from y, as tall as row_h or as
 * many as fit, with Previous and More under them or (beside) as arrows at
 * the two ends of the rows. Returns true when everything added fits. */
static bool sessions_rows(App *a, int y, int row_h, bool beside)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, mark = ui->n;
    int x = U, w = ui->w - 2 * U, room = ui->h - y - U;
    int per_page = (room + U) / (row_h + U);
    bool paged = a->nsessions > (per_page > 0 ? per_page : 1);
    if (paged && beside) {
        x = 2 * U + T;
        w = ui->w - 4 * U - 2 * T;
    } else if (paged) {
        room -= T + U;
    }
    if (paged)
        per_page = (room + U) / (row_h + U);
    if (per_page < 1) {   /* one row, as tall as the room (its words may shrink) */
        per_page = 1;
        row_h = room;
    }
    if (row_h < ui->base_target)
        return false;
    int pages = (a->nsessions + per_page - 1) / per_page;
    if (a->session_page >= pages)
        a->session_page = pages - 1;
    struct tm now;
    clock_local(a->build_wall, &now);
    int now_min = now.tm_hour * 60 + now.tm_min;
    for (int k = 0; k < per_page; k++) {
        int i = a->session_page * per_page + k;
        if (i >= a->nsessions)
            break;
        const SessionTime *s = &a->sessions[i];
        UiWidget w1 = ui_proto("", ROLE_BUTTON);
        snprintf(w1.id, sizeof w1.id, "checkin.session.%d", i);
        w1.look = LOOK_SECONDARY;
        ui_copy_text(w1.text, sizeof w1.text, lay_session_name(a, s));
        char range[96];
        lay_time_range(a, s->opens_min, s->closes_min, range, sizeof range);
        bool running = s->opens_min <= now_min && now_min < s->closes_min;
        const char *k2[] = { "times" }, *v2[] = { range };
        i18n_format(w1.sub, sizeof w1.sub,
                    running ? _("On now: {times}") : _("Later today: {times}"), k2, v2, 1);
        w1.rect = R(x, y + k * (row_h + U), w, row_h);
        w1.align = TEXT_ALIGN_START;
        w1.icon = ICON_NEXT;
        ui_add(ui, &w1);
    }
    if (paged && beside) {
        int h = per_page * (row_h + U) - U;
        UiWidget *p = ui_button_icon(ui, "sessions.prev", "", R(U, y, T, h), LOOK_SECONDARY,
                                     ICON_BACK);
        if (p)
            p->enabled = a->session_page > 0;
        UiWidget *m = ui_button_icon(ui, "sessions.more", "", R(ui->w - U - T, y, T, h),
                                     LOOK_SECONDARY, ICON_NEXT);
        if (m)
            m->enabled = a->session_page < pages - 1;
    } else if (paged) {
        lay_pager(a, "sessions", a->session_page, pages, ui->w - 2 * U);
    }
    return lay_fits_since(ui, mark, ui->h);
}

void sessions_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int y = lay_top_bar(a, true);
    y = lay_heading(a, "sessions.title", _("Which drop-in are you here for?"), y);
    if (a->nsessions == 0) {
        y = lay_paragraph(a, "sessions.none", _("There are no drop-ins on now or later today."),
                          U, y, ui->w - 2 * U, LOOK_NOTICE);
        if (a->next.id) {
            char when[64], day[128], msg[512];
            i18n_time_of_day(a->i18n, a->lang, a->next.opens_min, when, sizeof when);
            struct tm tm;
            clock_local(a->build_wall + (time_t)a->next.day_offset * 86400, &tm);
            i18n_date(a->i18n, a->lang, &tm, day, sizeof day);
            const char *k[] = { "name", "day", "time" },
                       *v[] = { lay_session_name(a, &a->next), day, when };
            i18n_format(msg, sizeof msg, _("The next one is {name} on {day} at {time}."), k, v,
                        3);
            lay_paragraph(a, "sessions.next", msg, U, y, ui->w - 2 * U, LOOK_PLAIN);
        }
        /* not a dead end: support is there today, or back to the start */
        int bw = ui->w - 3 * U - lay_next_w(ui);
        bw = bw > T * 5 ? T * 5 : bw;
        UiWidget *sp = ui_button_icon(ui, "sessions.support", _("Find support"),
                                      R(U, ui->h - U - T, bw, T), LOOK_SECONDARY, GLYPH_SUPPORT);
        if (sp && !sp->fits) {   /* a narrow screen: the words without the icon */
            ui->n--;
            ui_button(ui, "sessions.support", _("Find support"), R(U, ui->h - U - T, bw, T),
                      LOOK_SECONDARY);
        }
        lay_next_button(a, "sessions.home", _("Start again"), true);
        return;
    }
    /* rows fit the tallest session's name and times, at 85% at least */
    int row_h = ui->base_target * 3 / 2 > T ? ui->base_target * 3 / 2 : T;
    for (int i = 0; i < a->nsessions; i++) {
        int h = (ui_text_height(ui, lay_session_name(a, &a->sessions[i]), ui->font_button,
                                TEXT_BOLD, ui->w - 6 * U - T, false) +
                 ui_text_height(ui, "09:30", ui->font_button * 3 / 4, TEXT_REGULAR, 0, false)) *
                    17 / 20 +
                2 * U;
        if (h > row_h)
            row_h = h;
    }
    /* few drop-ins on a tall screen: taller rows, up to two targets */
    int fill = (ui->h - y - U) / (a->nsessions > 0 ? a->nsessions : 1) - U;
    if (fill > row_h)
        row_h = fill < 2 * T ? fill : 2 * T;
    /* the rows with Previous and More under them; when not even one row
     * has room above those (larger text in a tall script), the two as
     * arrows beside the rows, which then take the whole height */
    for (int beside = 0; beside < 2; beside++) {
        int mark = ui->n;
        if (sessions_rows(a, y, row_h, beside != 0) || beside)
            break;
        ui->n = mark;
    }
}

bool sessions_tap(App *a, const char *id)
{
    int i;
    if (sscanf(id, "checkin.session.%d", &i) == 1 && i >= 0 && i < a->nsessions) {
        a->v.session = i;
        snprintf(a->v.session_id, sizeof a->v.session_id, "%s", a->sessions[i].id);
        snprintf(a->v.session_name, sizeof a->v.session_name, "%s", a->sessions[i].name);
        app_go(a, SCR_PARTY);
    } else if (!strcmp(id, "sessions.more"))
        a->session_page++;
    else if (!strcmp(id, "sessions.prev") && a->session_page > 0)
        a->session_page--;
    else if (!strcmp(id, "sessions.support"))
        app_go(a, SCR_SUPPORT);
    else if (!strcmp(id, "sessions.home"))
        app_go_home(a);
    else
        return false;
    return true;
}

/* ---- party ---------------------------------------------------------- */

static const char *band_label(App *a, int b)
{
    switch (b) {
    case BAND_PREGNANT: return _("Expecting a baby");
    case BAND_0_1: return _("Under 1 year");
    case BAND_1_4: return _("1 to 4 years");
    case BAND_5_11: return _("5 to 11 years");
    case BAND_12_16: return _("12 to 16 years");
    case BAND_17_19: return _("17 to 19 years");
    default: return _("20 to 25, with special needs or a disability");
    }
}

static UiIcon band_icon(int b)
{
    switch (b) {
    case BAND_PREGNANT: return GLYPH_PREGNANT;
    case BAND_0_1: return GLYPH_BABY;
    case BAND_1_4: return GLYPH_TODDLER;
    case BAND_5_11: return GLYPH_CHILD;
    case BAND_12_16: return GLYPH_TEEN;
    case BAND_17_19: return GLYPH_YOUNG_ADULT;
    default: return GLYPH_SEND;
    }
}

/* Row i of the party (0 the adults, 1 + b the band b) in row: its
 * label with a picture of who it counts at its start, and its stepper
 * beside it (over 0) or under the label's over pixels. */
static void party_rows_at(App *a, int i, SDL_Rect row, int over)
{
    const char *label = i == 0 ? _("Adults") : band_label(a, i - 1);
    UiIcon icon = i == 0 ? GLYPH_ADULTS : band_icon(i - 1);
    int value = i == 0 ? a->v.adults : a->v.children[i - 1], min = i == 0 ? 1 : 0;
    char base[40];
    if (i == 0)
        snprintf(base, sizeof base, "party.adults");
    else
        snprintf(base, sizeof base, "party.band.%s", store_band_name((AgeBand)(i - 1)));
    if (over)
        lay_stepper_over(a, base, label, value, min, 20, row, over, icon);
    else
        lay_stepper_icon(a, base, label, value, min, 20, row, icon);
}

/* The rows of the party screen from first to first + count - 1 (0 is the
 * adults, 1 + b the band b), in cols columns of row height rh from y. */
static void party_rows(App *a, int first, int count, int cols, int y, int rh)
{
    Ui *ui = &a->ui;
    /* the last page may hold fewer rows: they fill its columns evenly */
    if (count > 1 + BAND_COUNT - first)
        count = 1 + BAND_COUNT - first;
    int U = ui->unit, rows = (count + cols - 1) / cols;
    /* a wide gutter with a rule between the columns, so a + belongs to its
     * own row; in one column the controls sit near their labels */
    int gutter = cols > 1 ? theme_space(U, SP_THREE) : 0;
    int cw = (ui->w - 2 * U - gutter * (cols - 1)) / cols, x0 = U;
    int ctl = 2 * ui->base_target + ui->base_target * 3 / 4 + 2 * U;
    if (cols == 1 && cw > ctl + 30 * U) {
        cw = ctl + 30 * U;
        x0 = (ui->w - cw) / 2;
    }
    if (cols > 1) {
        UiWidget rule = ui_proto("party.rule", ROLE_PANEL);
        rule.look = LOOK_KEY;
        rule.rect = R(x0 + cw * 9 / 10 + gutter / 2, y, 1, rows * rh - U / 2);
        ui_add(ui, &rule);
    }
    for (int k = 0; k < count; k++) {
        int i = first + k;
        if (i > BAND_COUNT)
            break;
        /* the second column holds the longest label (20 to 25...): it is
         * the wider one */
        int c = k / rows, w1 = cols > 1 ? cw * 9 / 10 : cw, w2 = 2 * cw - w1;
        party_rows_at(a, i, R(x0 + c * (w1 + gutter), y + (k % rows) * rh, c ? w2 : w1,
                              rh - U / 2), 0);
    }
}

/* True when no label added since mark is set under the body's size. */
static bool labels_whole(const Ui *ui, int mark)
{
    for (int i = mark; i < ui->n; i++)
        if (ui->w_list[i].role == ROLE_TEXT && ui->w_list[i].font_px < ui->font_body)
            return false;
    return true;
}

/* True when row i, set in row (its label over the stepper when over is
 * not 0), shows its label whole at the body's size (not shrunk) with
 * everything above bottom. Adds nothing. */
static bool party_row_whole(App *a, int i, SDL_Rect row, int over, int bottom)
{
    Ui *ui = &a->ui;
    int mark = ui->n;
    party_rows_at(a, i, row, over);
    const UiWidget *l = ui->n > mark ? &ui->w_list[mark] : NULL;
    bool whole = l && l->fits && l->font_px >= ui->font_body && lay_fits_since(ui, mark, bottom);
    ui->n = mark;
    return whole;
}

/* Row i of the party (0 the adults, 1 + b the band b) at x, y in a
 * column w wide, as tall as its label's words: beside the stepper, at
 * least a target and a gap; or over it, when that is shorter or the
 * label is whole only there. At the top of a page (ctx: the pages' top
 * y) a row that is whole in neither way, or does not fit above bottom,
 * is set beside in all the room left, its words smaller (ui_add). A
 * LayItemFn. */
static int party_item(App *a, const void *ctx, int i, int x, int y, int w, int bottom)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->base_target, far = ui->h * 4;
    const char *label = i == 0 ? _("Adults") : band_label(a, i - 1);
    /* the label's room beside its picture (and the stepper) */
    int pic = ui->font_icon + U + 2, ctl = lay_stepper_w(ui);
    int need = ui_text_height(ui, label, ui->font_body, TEXT_REGULAR, w - ctl - U - pic, false);
    int h = need + U > T + U / 2 ? need + U : T + U / 2;
    /* taller until the label is whole at the body's size (it would
     * otherwise shrink, and read smaller than its neighbours), unless it
     * is not whole even twice as tall (a word wider than its room) */
    bool whole = party_row_whole(a, i, R(x, y, w, h - U / 2), 0, far);
    if (!whole && party_row_whole(a, i, R(x, y, w, 2 * h - U / 2), 0, far)) {
        int t = h + U;
        while (t < 2 * h && !party_row_whole(a, i, R(x, y, w, t - U / 2), 0, far))
            t += U;
        h = t;
        whole = true;
    }
    /* the label over the stepper, with the whole width */
    int lh = ui_text_height(ui, label, ui->font_body, TEXT_REGULAR, w - pic, false) + U / 2;
    int oh = lh + T + U;
    bool over = party_row_whole(a, i, R(x, y, w, oh - U / 2), lh, far);
    if (over && (!whole || oh < h))
        whole = true, h = oh;
    else
        over = false;
    bool top = ctx && y == *(const int *)ctx;
    if (top && (!whole || y + h > bottom) && bottom - y >= T + U / 2) {
        over = false;
        h = bottom - y;
    }
    party_rows_at(a, i, R(x, y, w, h - U / 2), over ? lh : 0);
    return y + h;
}

/* All the rows on one screen from y, each as tall as the others (two
 * columns in landscape), every label whole beside its stepper; false
 * (nothing added) when they do not fit above bottom. */
static bool party_one_page(App *a, int y, int bottom)
{
    Ui *ui = &a->ui;
    int U = ui->unit, n = 1 + BAND_COUNT, cols = portrait(a) ? 1 : 2;
    int rh = (bottom - y) / ((n + cols - 1) / cols);
    if (rh > ui->target * 2)
        rh = ui->target * 2;
    if (rh < ui->base_target + U / 2)
        return false;
    int mark = ui->n;
    party_rows(a, 0, n, cols, y, rh);
    if (lay_fits_since(ui, mark, bottom) && labels_whole(ui, mark))
        return true;
    ui->n = mark;
    return false;
}

/* Each row as tall as its words, from y on pages of two columns (one in
 * portrait): a long label takes more room without making every other row
 * as tall. Returns the number of pages, or 0 (nothing added) when a row
 * does not fit even alone and fail_soft is true. */
static int party_pages(App *a, int y, int bottom, bool fail_soft)
{
    Ui *ui = &a->ui;
    int U = ui->unit, n = 1 + BAND_COUNT, cols = portrait(a) ? 1 : 2;
    int gutter = cols > 1 ? theme_space(U, SP_THREE) : 0;
    int cw = (ui->w - 2 * U - gutter * (cols - 1)) / cols, x0 = U;
    int starts[1 + BAND_COUNT];
    bool all_fit;
    int colpages = lay_split_pages(a, party_item, &y, n, x0, y, cw, bottom, starts, n, &all_fit);
    if (!all_fit && fail_soft)
        return 0;
    if (!all_fit)
        lay_not_whole(a);   /* a row does not fit even alone: smaller, on every page */
    int pages = (colpages + cols - 1) / cols, page = lay_page(a, pages);
    for (int c = 0; c < cols; c++) {
        int cp = page * cols + c;
        if (cp < colpages)
            lay_show_page(a, party_item, &y, starts, colpages, n, cp, x0 + c * (cw + gutter), y,
                          cw, bottom);
    }
    if (cols > 1 && page * cols + 1 < colpages) {
        UiWidget rule = ui_proto("party.rule", ROLE_PANEL);
        rule.look = LOOK_KEY;
        rule.rect = R(x0 + cw + gutter / 2, y, 1, bottom - y - U / 2);
        ui_add(ui, &rule);
    }
    return pages;
}

void party_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int top = lay_top_bar(a, true), mark = ui->n, bottom = ui->h - T - 2 * U;
    int y = lay_heading(a, "party.title", _("Who is with you today?"), top);
    int pages = 1;
    /* on one screen; else on pages; else on pages under the heading at
     * the body's size */
    if (!party_one_page(a, y, bottom) && !(pages = party_pages(a, y, bottom, true))) {
        ui->n = mark;
        y = lay_small_heading(a, "party.title", _("Who is with you today?"), top);
        pages = party_pages(a, y, bottom, false);
    }
    lay_pager(a, "party", lay_page(a, pages), pages, ui->w - 3 * U - lay_next_w(ui));
    lay_next_button(a, "party.next", _("Next"), a->v.adults >= 1);
}

bool party_tap(App *a, const char *id)
{
    if (lay_pager_tap(a, "party", id))
        return true;
    if (!strcmp(id, "party.next")) {
        app_go(a, SCR_DETAILS);
        return true;
    }
    bool plus = strstr(id, ".plus") != NULL;
    int d = plus ? 1 : (strstr(id, ".minus") ? -1 : 0);
    if (!strncmp(id, "party.adults.", 13)) {
        int v = a->v.adults + d;
        if (v >= 1 && v <= 20)
            a->v.adults = v;
        return true;
    }
    if (!strncmp(id, "party.band.", 11)) {
        for (int b = 0; b < BAND_COUNT; b++) {
            const char *name = store_band_name((AgeBand)b);
            size_t n = strlen(name);
            if (!strncmp(id + 11, name, n) && id[11 + n] == '.') {
                int v = a->v.children[b] + d;
                if (v >= 0 && v <= 20)
                    a->v.children[b] = v;
            }
        }
        return true;
    }
    return false;
}

/* ---- confirm and save ----------------------------------------------- */

static void party_summary(App *a, char *out, size_t cap)
{
    int kids = 0;
    for (int b = 0; b < BAND_COUNT; b++)
        kids += a->v.children[b];
    char na[16], nk[16], s1[128], s2[128];
    i18n_number(a->i18n, a->lang, a->v.adults, na, sizeof na);
    i18n_number(a->i18n, a->lang, kids, nk, sizeof nk);
    const char *k[] = { "count" };
    const char *v1[] = { na }, *v2[] = { nk };
    i18n_format(s1, sizeof s1, P_("{count} adult", "{count} adults", a->v.adults), k, v1, 1);
    if (kids == 0) {   /* no "0 children" */
        snprintf(out, cap, "%s", s1);
        return;
    }
    i18n_format(s2, sizeof s2, P_("{count} child", "{count} children", kids), k, v2, 1);
    const char *k2[] = { "adults", "children" }, *v3[] = { s1, s2 };
    i18n_format(out, cap, _("{adults}, {children}"), k2, v3, 2);
}

static const char *consent_text(App *a)
{
    return _("We record this visit so the council can see who uses the hub and plan its "
             "sessions. Your name and postcode are optional and are not shared outside "
             "the family hub service.");
}

void confirm_build(App *a)
{
    const SessionTime *s = a->v.session >= 0 ? &a->sessions[a->v.session] : NULL;
    char line[512], shown[sizeof a->v.first_name];
    party_summary(a, line, sizeof line);
    lay_name_shown(a->v.first_name, shown, sizeof shown);
    LaySummaryRow rows[5];
    int nrows = 0;
    rows[nrows++] = (LaySummaryRow){ "session", _("Drop-in"),
                                     s ? lay_session_name(a, s) : a->v.session_name, false };
    rows[nrows++] = (LaySummaryRow){ "party", _("Who is here"), line, false };
    rows[nrows++] = (LaySummaryRow){ "first", _("First visit"),
                                     a->v.first_visit == 1 ? _("First visit to this hub")
                                                           : _("Been here before"), false };
    /* the visitor's own words: personal from the start; a name too long
     * for its place is shrunk, then cut (ui_add) */
    if (a->v.first_name[0])
        rows[nrows++] = (LaySummaryRow){ "name", _("Name"), shown, true };
    if (a->v.postcode[0])
        rows[nrows++] = (LaySummaryRow){ "postcode", _("Postcode"), a->v.postcode, true };
    /* a summary list with Change beside each answer, why it is kept beside
     * or after it (lay_summary) */
    const LaySummary sum = { .id = "confirm", .title = _("Please check and confirm"),
                             .rows = rows, .nrows = nrows, .change = true,
                             .note_id = "confirm.consent", .note = consent_text(a) };
    lay_summary(a, &sum, lay_top_bar(a, true));
    sodium_memzero(line, sizeof line);
    sodium_memzero(shown, sizeof shown);
    lay_next_button(a, "confirm.ok", _("Check in"), true);
}

void save_checkin(App *a)
{
    Record rec;
    memset(&rec, 0, sizeof rec);
    rec.type = REC_CHECKIN;
    CheckinRecord *c = &rec.u.checkin;
    snprintf(c->session_id, sizeof c->session_id, "%s", a->v.session_id);
    snprintf(c->session_name, sizeof c->session_name, "%s", a->v.session_name);
    c->adults = a->v.adults;
    memcpy(c->children, a->v.children, sizeof c->children);
    c->first_visit = a->v.first_visit == 1;
    snprintf(c->language, sizeof c->language, "%s", a->lang_tag);
    snprintf(c->first_name, sizeof c->first_name, "%s", a->v.first_name);
    snprintf(c->postcode_district, sizeof c->postcode_district, "%.7s", a->v.postcode);
    snprintf(c->consent_version, sizeof c->consent_version, "%s", CONSENT_VERSION);
    char id[37];
    k_err rc = store_add_record(a->store, &rec, clock_now(), id);
    record_wipe(&rec);
    if (rc != K_OK) {
        LOG_E("app", "check-in not saved: %s", k_strerror(rc));
        app_go(a, SCR_SAVE_ERROR);
        return;
    }
    LOG_I("app", "check-in %s saved", id);
    /* Saved: forget everything the visitor entered at once; "thank you"
     * names only the session. */
    a->thanks_session = a->v.session;
    snprintf(a->thanks_session_name, sizeof a->thanks_session_name, "%s", a->v.session_name);
    visitor_wipe(&a->v);
    a->thanks_until = clock_ms() + (uint64_t)a->cfg.thanks_s * 1000u;
    app_go(a, SCR_THANKS);
}

bool confirm_tap(App *a, const char *id)
{
    if (lay_pager_tap(a, "confirm", id))
        return true;
    if (!strcmp(id, "confirm.change.session"))
        app_go(a, SCR_SESSIONS);
    else if (!strcmp(id, "confirm.change.party"))
        app_go(a, SCR_PARTY);
    else if (!strncmp(id, "confirm.change.", 15)) {
        app_go(a, SCR_DETAILS);
        /* on pages, the page with what is to change (lay_page clamps it) */
        a->ui.page_screen = (int)SCR_DETAILS;
        a->ui.page = !strcmp(id + 15, "first") ? 0 : !strcmp(id + 15, "name") ? 1 : 2;
    }
    else if (!strcmp(id, "confirm.ok"))
        save_checkin(a);
    else
        return false;
    return true;
}
