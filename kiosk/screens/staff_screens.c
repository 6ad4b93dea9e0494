/* staff_screens.c — the staff PIN pad and the staff view (today's
 * check-ins, the device's state). In English: staff are trained in it.
 * Every failure to read says so, with its cause, so that staff can tell IT;
 * nothing that could not be read is shown as zero or empty. */
#include "layout.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>

#include "kiosk/clock.h"
#include "kiosk/log.h"

/* ---- the PIN pad ---------------------------------------------------- */

/* Reads whether a PIN is stored, telling "none" from "could not read". */
static void read_pin_state(App *a)
{
    bool set = false;
    k_err rc = staff_pin_state(a->store, &set);
    a->pin_error[0] = '\0';
    if (rc == K_OK)
        a->pin_state = set ? PIN_STATE_SET : PIN_STATE_NONE;
    else {
        a->pin_state = PIN_STATE_UNREADABLE;
        snprintf(a->pin_error, sizeof a->pin_error, "%s", k_strerror(rc));
        LOG_E("app", "staff PIN state could not be read: %s", k_strerror(rc));
    }
    time_t now = clock_now();
    long secs = 0;
    rc = staff_lock_state(a->store, now, &secs);
    if (rc != K_OK && a->pin_state != PIN_STATE_UNREADABLE) {
        a->pin_state = PIN_STATE_UNREADABLE;
        snprintf(a->pin_error, sizeof a->pin_error, "%s", k_strerror(rc));
        LOG_E("app", "staff PIN lock could not be read: %s", k_strerror(rc));
    }
    a->pin_locked_for = secs;
    a->pin_read_second = (long)now;
}

void pin_enter(App *a, Screen from)
{
    (void)from;
    sodium_memzero(a->pin, sizeof a->pin);
    a->pin_message[0] = '\0';
    read_pin_state(a);
}

void pin_tick(App *a)
{
    time_t now = clock_now();
    if ((long)now == a->pin_read_second)
        return;
    long was = a->pin_locked_for;
    a->pin_locked_for = staff_locked_for(a->store, now);
    a->pin_read_second = (long)now;
    if (a->pin_locked_for != was || a->pin_locked_for > 0)
        a->dirty = true;
}

void pin_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int bw = T * 5 / 2;
    ui_button_icon(ui, "staff.pin.cancel", "Cancel", R(U, U, bw, T), LOOK_SECONDARY, ICON_BACK);
    int y = U + T + U;
    y = lay_heading(a, "staff.pin.title", "Staff: enter your PIN", y);
    char dots[64] = "";
    for (size_t i = 0; i < strlen(a->pin); i++)
        strcat(dots, "●");
    long locked = a->pin_locked_for;
    char msg[900];
    bool error = locked > 0;
    if (locked > 0) {
        char n[24];
        snprintf(n, sizeof n, "%ld", locked);
        const char *k[] = { "seconds" }, *v[] = { n };
        i18n_format(msg, sizeof msg,
                    SP_("Too many wrong tries. Try again in {seconds} second.",
                        "Too many wrong tries. Try again in {seconds} seconds.", locked),
                    k, v, 1);
    } else if (a->pin_state == PIN_STATE_UNREADABLE) {
        snprintf(msg, sizeof msg, "The staff PIN could not be read from the kiosk's database (%s). "
                 "Tell IT.", a->pin_error);
        error = true;
    } else if (a->pin_state == PIN_STATE_NONE) {
        /* a PIN lost with a damaged database: say so, not only "none set" */
        snprintf(msg, sizeof msg,
                 "No staff PIN is set on this kiosk yet. Ask IT to set one.%s%.600s",
                 a->db_problem[0] ? " " : "", a->db_problem);
        error = a->db_problem[0] != '\0';
    } else {
        snprintf(msg, sizeof msg, "%s", a->pin_message);
    }
    int padw = 3 * T * 3 / 2 + 2 * U;
    int side = portrait(a) ? ui->w - 2 * U : ui->w - 3 * U - padw;
    UiWidget v = ui_proto("staff.pin.value", ROLE_FIELD);
    v.look = LOOK_KEY;
    v.rect = R(U, y, side, T);
    v.enabled = false;
    v.align = TEXT_ALIGN_CENTER;
    ui_add(ui, &v);
    /* one drawn dot per digit typed (the text font has no U+25CF) */
    int nd = (int)strlen(dots) / 3, d = T / 3, gap = d / 2;
    for (int i = 0; i < nd; i++) {
        UiWidget dot = ui_proto("", ROLE_PANEL);
        snprintf(dot.id, sizeof dot.id, "staff.pin.dot.%d", i);
        dot.look = LOOK_PRIMARY;
        dot.round = true;
        int x0 = U + (side - nd * d - (nd - 1) * gap) / 2;
        dot.rect = R(x0 + i * (d + gap), y + (T - d) / 2, d, d);
        ui_add(ui, &dot);
    }
    if (msg[0])
        lay_paragraph(a, "staff.pin.message", msg, U, y + T + U, side,
                      error ? LOOK_ERROR : LOOK_PLAIN);
    int px = portrait(a) ? (ui->w - padw) / 2 : ui->w - U - padw;
    int py = portrait(a) ? y + 3 * T : y;
    int kh = (ui->h - py - U) / 4 - U / 2;
    if (kh > T * 3 / 2)
        kh = T * 3 / 2;
    int kw = T * 3 / 2;
    const char *keys[12] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "enter" };
    for (int i = 0; i < 12; i++) {
        UiWidget k = ui_proto("", ROLE_KEY);
        snprintf(k.id, sizeof k.id, "staff.pin.%s", keys[i]);
        k.look = i == 11 ? LOOK_PRIMARY : LOOK_KEY;
        snprintf(k.text, sizeof k.text, "%s", i == 9 ? "Clear" : i == 11 ? "Enter" : keys[i]);
        k.rect = R(px + (i % 3) * (kw + U), py + (i / 3) * (kh + U / 2), kw, kh);
        k.enabled = locked == 0 && a->pin_state == PIN_STATE_SET;
        k.no_mirror = true;
        ui_add(ui, &k);
    }
}

void pin_text(App *a, const char *text)
{
    for (const char *p = text; *p; p++)
        if (*p >= '0' && *p <= '9' && strlen(a->pin) < STAFF_PIN_MAX) {
            size_t n = strlen(a->pin);
            a->pin[n] = *p;
            a->pin[n + 1] = '\0';
        }
    a->dirty = true;
}

static void pin_submit(App *a)
{
    k_err rc = staff_check_pin(a->store, a->pin, clock_now());
    sodium_memzero(a->pin, sizeof a->pin);
    a->pin_message[0] = '\0';
    switch (rc) {
    case K_OK:
        LOG_I("app", "staff view opened");
        app_go(a, SCR_STAFF);
        return;
    case K_ERR_DENIED:
        snprintf(a->pin_message, sizeof a->pin_message, "That PIN is not right. Please try again.");
        break;
    case K_ERR_LOCKED:
        break;
    case K_ERR_NOT_FOUND:
        /* no PIN is set: the state read below says so */
        break;
    case K_ERR_FULL:
        snprintf(a->pin_message, sizeof a->pin_message,
                 "The PIN could not be checked: the kiosk's storage is full. Tell IT.");
        break;
    default:
        snprintf(a->pin_message, sizeof a->pin_message,
                 "The PIN could not be checked (%s). Tell IT.", k_strerror(rc));
        break;
    }
    read_pin_state(a);
    a->dirty = true;
}

void pin_key(App *a, HardKey key)
{
    if (key == HARD_BACKSPACE) {
        size_t n = strlen(a->pin);
        if (n)
            a->pin[n - 1] = '\0';
    } else {
        pin_submit(a);
    }
    a->dirty = true;
}

bool pin_tap(App *a, const char *id)
{
    if (!strcmp(id, "staff.pin.cancel"))
        app_go_home(a);
    else if (!strcmp(id, "staff.pin.clear"))
        a->pin[0] = '\0';
    else if (!strcmp(id, "staff.pin.enter"))
        pin_submit(a);
    else if (!strncmp(id, "staff.pin.", 10) && id[10] >= '0' && id[10] <= '9' && !id[11])
        pin_text(a, id + 10);
    else
        return false;
    return true;
}

/* ---- the staff view ------------------------------------------------- */

static void staff_row_cb(void *ud, const AttendanceRow *row)
{
    StaffRows *sr = ud;
    if (sr->n < sr->cap)
        sr->rows[sr->n++] = *row;
}

void staff_enter(App *a, Screen from)
{
    (void)from;
    a->staff_sending = false;
    clock_local_day(clock_now(), a->staff_day);
    a->staff.n = 0;
    a->staff_page = 0;
    a->staff_rows_rc = store_attendance(a->store, a->staff_day, staff_row_cb, &a->staff);
    if (a->staff_rows_rc != K_OK) {
        LOG_E("app", "cannot read today's attendance: %s", k_strerror(a->staff_rows_rc));
        sodium_memzero(a->staff.rows, (size_t)a->staff.cap * sizeof *a->staff.rows);
        a->staff.n = 0;
    }
    a->counts_rc = store_outbox_counts(a->store, &a->counts);
    if (a->counts_rc != K_OK)
        LOG_E("app", "cannot count the outbox: %s", k_strerror(a->counts_rc));
    /* callback and advocate requests: how many, urgent, delivered; their
     * contents go only to the central service */
    if (store_request_summary(a->store, a->staff_day, a->requests_line,
                              sizeof a->requests_line) != K_OK)
        snprintf(a->requests_line, sizeof a->requests_line,
                 "Today's callback and advocate requests could not be counted. Tell IT.");
    struct statvfs fs;
    a->free_mb = statvfs(a->cfg.data_dir, &fs) == 0
                     ? (double)fs.f_bavail * (double)fs.f_frsize / 1048576.0 : -1;
    staff_speech_enter(a);
}

/* "N thing" / "N things" by the English plural rule. */
static void count_of(App *a, char *out, size_t cap, int n, const char *one, const char *many)
{
    char num[16];
    snprintf(num, sizeof num, "%d", n);
    const char *k[] = { "count" }, *v[] = { num };
    i18n_format(out, cap, SP_(one, many, n), k, v, 1);
}

typedef struct { const char *id, *name; int fam, adults, kids, first; } Tot;

static int session_totals(const App *a, Tot *tot, int cap)
{
    int nt = 0;
    for (int i = 0; i < a->staff.n; i++) {
        const AttendanceRow *r = &a->staff.rows[i];
        int k = 0;
        while (k < nt && strcmp(tot[k].id, r->session_id))
            k++;
        if (k == nt) {
            if (nt == cap)
                continue;
            tot[nt++] = (Tot){ r->session_id, r->session_name, 0, 0, 0, 0 };
        }
        tot[k].fam++;
        tot[k].adults += r->adults;
        tot[k].kids += r->children;
        tot[k].first += r->first_visit;
    }
    return nt;
}

static void device_line(App *a, char *line, size_t cap)
{
    char waiting[160], rejected[120], storage[80];
    if (a->counts_rc == K_OK) {
        count_of(a, waiting, sizeof waiting, a->counts.pending, "{count} record waiting to upload",
                 "{count} records waiting to upload");
        count_of(a, rejected, sizeof rejected, a->counts.rejected,
                 "{count} not accepted by the server", "{count} not accepted by the server");
    } else {
        snprintf(waiting, sizeof waiting, "the records waiting to upload could not be read (%s)",
                 k_strerror(a->counts_rc));
        snprintf(rejected, sizeof rejected, "tell IT");
    }
    if (a->free_mb >= 1024)
        snprintf(storage, sizeof storage, "%.0f GB free", a->free_mb / 1024);
    else if (a->free_mb >= 0)
        snprintf(storage, sizeof storage, "%.0f MB free%s", a->free_mb,
                 a->free_mb < 50 ? " (LOW: tell IT)" : "");
    else
        snprintf(storage, sizeof storage, "could not be read");
    snprintf(line, cap, "Device: %s, %s. Content %s%s. Storage: %s. Kiosk %s.", waiting,
             rejected, content_version(a->pack), content_is_demo(a->pack) ? " (demo)" : "",
             storage, KIOSK_VERSION);
    if (a->content_problem[0]) {
        size_t used = strlen(line);
        snprintf(line + used, cap - used, " The new content pack was refused, so the "
                 "last good one is in use: %.300s", a->content_problem);
    }
    if (a->db_problem[0]) {
        size_t used = strlen(line);
        snprintf(line + used, cap - used, " %s", a->db_problem);
    }
    /* services of the pack that failed their own checks (app_directory.c) */
    size_t nleft = app_left_out_count(a);
    for (size_t i = 0; i < nleft && i < 3; i++) {
        char one[200];
        size_t used = strlen(line);
        if (!app_left_out_line(a, i, one, sizeof one))
            break;
        if (i == 0)
            snprintf(line + used, cap - used, " %zu service%s left out of the directory:",
                     nleft, nleft == 1 ? "" : "s");
        used = strlen(line);
        snprintf(line + used, cap - used, " %s%s", one, i + 1 < nleft && i < 2 ? ";" : ".");
    }
    if (nleft > 3) {
        size_t used = strlen(line);
        snprintf(line + used, cap - used, " And %zu more.", nleft - 3);
    }
}

void staff_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, W = ui->w - 2 * U;
    int bw = T * 5 / 2;
    if (a->staff_sending) {
        sending_build(a);
        return;
    }
    ui_button(ui, "staff.lock", "Lock", R(ui->w - U - bw, U, bw, T), LOOK_PRIMARY);
    /* no central service set: the button says so; its panel explains */
    ui_button(ui, "staff.sending", a->up ? "Sending" : "Offline",
              R(ui->w - 2 * U - 2 * bw, U, bw, T), LOOK_SECONDARY);
    /* the last four weeks' counts (staff_history.c) */
    ui_button(ui, "staff.history", "History", R(ui->w - 3 * U - 3 * bw, U, bw, T),
              LOOK_SECONDARY);
    char line[K_NAME_BUF + K_FIRST_NAME_BUF + 200];
    UiWidget h = ui_proto("staff.title", ROLE_HEADING);
    /* the day in words: "Monday 23 November" */
    char day[128] = "";
    struct tm tm;
    int en = i18n_find(a->i18n, "en-GB");
    if (en >= 0 && clock_local(a->build_wall, &tm))
        i18n_date(a->i18n, en, &tm, day, sizeof day);
    snprintf(h.text, sizeof h.text, "%s, %s", day[0] ? day : a->staff_day,
             content_hub_name(a->pack));
    /* beside Lock, Sending and History, on as many rows as it needs */
    int hw = ui->w - 5 * U - 3 * bw, ty = U;
    if (hw < ui->w / 2) {
        /* a narrow screen: under them, across the width */
        hw = W;
        ty = U + T + U;
    }
    int th = ui_text_height(ui, h.text, ui->font_heading, TEXT_BOLD, hw, false);
    h.rect = R(U, ty, hw, th > T ? th : T);
    ui_add(ui, &h);
    int y = ty + h.rect.h + U;
    Tot tot[MAX_SESSIONS];
    int nt = session_totals(a, tot, MAX_SESSIONS);
    if (a->staff_rows_rc != K_OK) {
        snprintf(line, sizeof line, "Today's check-ins could not be read (%s). Tell IT.",
                 k_strerror(a->staff_rows_rc));
        y = lay_paragraph(a, "staff.none", line, U, y, W, LOOK_ERROR);
    } else if (nt == 0) {
        y = lay_paragraph(a, "staff.none", "No check-ins yet today.", U, y, W, LOOK_PLAIN);
    }
    /* one line of body text and a little air per row */
    int sh = ui_text_height(ui, "Ag", ui->font_body, TEXT_REGULAR, 0, false) + ui->unit / 4;
    for (int k = 0; k < nt; k++) {
        char id[32], fam[48], ad[48], ki[48], fi[48];
        snprintf(id, sizeof id, "staff.session.%d", k);
        count_of(a, fam, sizeof fam, tot[k].fam, "{count} family", "{count} families");
        count_of(a, ad, sizeof ad, tot[k].adults, "{count} adult", "{count} adults");
        count_of(a, ki, sizeof ki, tot[k].kids, "{count} child", "{count} children");
        count_of(a, fi, sizeof fi, tot[k].first, "{count} first visit", "{count} first visits");
        snprintf(line, sizeof line, "%s: %s, %s, %s, %s", tot[k].name, fam, ad, ki, fi);
        /* a long session name (up to K_NAME_MAX_CP) wraps: the row grows */
        UiWidget w = ui_proto(id, ROLE_TEXT);
        w.weight = TEXT_BOLD;
        ui_copy_text(w.text, sizeof w.text, line);
        int lh = ui_text_height(ui, w.text, ui->font_body, TEXT_BOLD, W, false);
        w.rect = R(U, y, W, lh > sh ? lh : sh);
        ui_add(ui, &w);
        y += w.rect.h;
    }
    if (a->requests_line[0])
        y = lay_paragraph(a, "staff.requests", a->requests_line, U, y, W, LOOK_PLAIN);
    y += U;
    /* the device box sits above Earlier and Later, as tall as its words */
    device_line(a, line, sizeof line);
    int dev_h = ui_text_height(ui, line, ui->font_body, TEXT_REGULAR, W - 4 * U, false) + 2 * U;
    /* read-aloud's line (staff_speech.c) sits above the device box, its
     * volume between Earlier and Later when there is room */
    SDL_Rect mid = R(U + bw + 2 * U, ui->h - U - T, ui->w - 2 * bw - 6 * U, T);
    int foot = staff_speech_height(a, W, mid.w) + dev_h + T + 3 * U;
    int per = (ui->h - y - foot) / sh;
    if (per < 1)
        per = 1;
    int pages = (a->staff.n + per - 1) / per;
    if (a->staff_page >= pages)
        a->staff_page = pages > 0 ? pages - 1 : 0;
    for (int k = 0; k < per; k++) {
        int i = a->staff_page * per + k;
        if (i >= a->staff.n)
            break;
        const AttendanceRow *r = &a->staff.rows[i];
        char ad[48], ki[48];
        count_of(a, ad, sizeof ad, r->adults, "{count} adult", "{count} adults");
        count_of(a, ki, sizeof ki, r->children, "{count} child", "{count} children");
        /* a visitor's name: personal from the start, cut if too long */
        UiWidget w = ui_proto("", ROLE_TEXT);
        snprintf(w.id, sizeof w.id, "staff.row.%d", i);
        w.personal = true;
        char shown[sizeof r->first_name];
        lay_name_shown(r->first_name, shown, sizeof shown);
        snprintf(line, sizeof line, "%s  %s  ·  %s  ·  %s, %s%s", r->time_hhmm,
                 shown[0] ? shown : "no name", r->session_name, ad, ki,
                 r->first_visit ? "  ·  first visit" : "");
        sodium_memzero(shown, sizeof shown);
        ui_copy_text(w.text, sizeof w.text, line);
        w.rect = R(U, y + k * sh, W, sh);
        ui_add(ui, &w);
    }
    sodium_memzero(line, sizeof line);
    int fy = staff_speech_build(a, ui->h - foot + U, W, mid);
    device_line(a, line, sizeof line);
    bool problem = a->content_problem[0] || a->db_problem[0] || a->counts_rc != K_OK ||
                   a->free_mb < 0;
    lay_paragraph(a, "staff.device", line, U, fy, W, problem ? LOOK_ERROR : LOOK_NOTICE);
    if (pages > 1) {
        int by = ui->h - U - T;
        UiWidget *p = ui_button(ui, "staff.prev", "Earlier", R(U, by, bw, T), LOOK_SECONDARY);
        if (p)
            p->enabled = a->staff_page > 0;
        UiWidget *n = ui_button(ui, "staff.next", "Later", R(ui->w - U - bw, by, bw, T),
                                LOOK_SECONDARY);
        if (n)
            n->enabled = a->staff_page < pages - 1;
    }
}

bool staff_tap(App *a, const char *id)
{
    if (a->staff_sending && sending_tap(a, id))
        return true;
    if (!strcmp(id, "staff.sending"))
        sending_enter(a);
    else if (!strcmp(id, "staff.lock")) {
        LOG_I("app", "staff view locked");
        app_go_home(a);
    } else if (!strcmp(id, "staff.history"))
        app_go(a, SCR_STAFF_HISTORY);
    else if (staff_speech_tap(a, id))
        return true;
    else if (!strcmp(id, "staff.next"))
        a->staff_page++;
    else if (!strcmp(id, "staff.prev") && a->staff_page > 0)
        a->staff_page--;
    else
        return false;
    return true;
}
