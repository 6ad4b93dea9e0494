/* kbd_screen.c — the on-screen keyboard for the field being typed
 * (a->v.field): its prompt or a message, the field, and the keys of the
 * layout the field asks for (or the language's own). What a key types goes
 * through the field's declaration (visitor.c). */
#include "layout.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/log.h"

static void load_layout(App *a, const char *id)
{
    char dir[600], err[256];
    snprintf(dir, sizeof dir, "%s/keyboards", a->cfg.assets_dir);
    if (!kb_load(dir, id, &a->v.kb, err, sizeof err)) {
        LOG_E("app", "%s", err);
        if (strcmp(id, "en") != 0 && kb_load(dir, "en", &a->v.kb, err, sizeof err))
            snprintf(a->v.kb_id, sizeof a->v.kb_id, "en");
        a->v.kb_page = 0;
        return;
    }
    snprintf(a->v.kb_id, sizeof a->v.kb_id, "%s", id);
    a->v.kb_page = 0;
}

static const char *own_layout(const App *a)
{
    const LangInfo *li = cur_lang(a);
    return li && li->keyboard[0] ? li->keyboard : "en";
}

void keyboard_open(App *a, VisitorField f)
{
    a->v.field = f;
    a->kb_return = a->screen;
    app_go(a, SCR_KEYBOARD);
}

void keyboard_enter(App *a, Screen from)
{
    (void)from;
    const FieldDecl *d = visitor_field(a->v.field);
    a->v.message = NULL;
    a->v.kb_shift_once = false;
    load_layout(a, d && d->keyboard ? d->keyboard : own_layout(a));
}

void keyboard_text(App *a, const char *text)
{
    const char *msg = visitor_type(&a->v, a->v.field, text);
    if (msg)
        a->v.message = msg;
    a->dirty = true;
}

void keyboard_key(App *a, HardKey key)
{
    if (key == HARD_BACKSPACE) {
        visitor_backspace(&a->v, a->v.field);
        a->v.message = NULL;
    } else {
        const char *msg = visitor_finish(&a->v, a->v.field);
        if (msg)
            a->v.message = msg;
        else
            app_go(a, a->kb_return);
    }
    a->dirty = true;
}

static const char *key_label(App *a, const Key *k)
{
    switch (k->kind) {
    case KEY_SPACE: return _("space");
    case KEY_DONE: return _("Done");
    case KEY_BACK: return "";
    case KEY_SHIFT: return "";
    case KEY_SWITCH:
        return a->v.kb.latin[0] ? "ABC" : (cur_lang(a) ? cur_lang(a)->native_name : "");
    case KEY_PAGE: return k->label[0] ? k->label : k->text;
    default: return k->label[0] ? k->label : k->text;
    }
}

/* Width of a key in units of a letter key. */
static double key_units(const Key *k)
{
    switch (k->kind) {
    case KEY_TEXT: return 1.0;
    case KEY_SPACE: return 3.5;
    case KEY_SWITCH: return 2.5;
    case KEY_DONE: return 2.5;
    default: return 1.5;
    }
}

static void key_id(const Key *key, int r, int k, char *id, size_t cap)
{
    switch (key->kind) {
    case KEY_TEXT: snprintf(id, cap, "kbd.key.%d.%d", r, k); break;
    case KEY_SHIFT: snprintf(id, cap, "kbd.shift"); break;
    case KEY_PAGE: snprintf(id, cap, "kbd.page.%.30s", key->text); break;
    case KEY_BACK: snprintf(id, cap, "kbd.back"); break;
    case KEY_SPACE: snprintf(id, cap, "kbd.space"); break;
    case KEY_DONE: snprintf(id, cap, "kbd.done"); break;
    case KEY_SWITCH: snprintf(id, cap, "kbd.switch"); break;
    }
}

/* The row of a page that holds Done (the last such), or -1. */
static int action_row(const KeyPage *pg)
{
    int row = -1;
    for (int r = 0; r < pg->nrows; r++)
        for (int k = 0; k < pg->nkeys[r]; k++)
            if (pg->keys[r][k].kind == KEY_DONE)
                row = r;
    return row;
}

/* The keys of row r of pg across the room x, w at y, kh tall: every key
 * at least 9 mm wide (the gaps shrink first, then function keys to a
 * letter's width), the row spanning the room unless its keys would grow
 * past twice a target. */
static void key_row(App *a, const KeyPage *pg, int r, int x0, int room, int y, int kh)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int min_key = (int)(ui->px_per_mm * 9.0 + 0.999);
    int nk = pg->nkeys[r];
    double units = 0;
    for (int k = 0; k < nk; k++)
        units += key_units(&pg->keys[r][k]);
    int gap = U / 2;
    double kw = (room - (nk - 1) * gap) / (units > 0 ? units : 1);
    bool narrow = false;
    if (kw < min_key) {
        gap = 2;
        if (room == ui->w - 2 * U) {   /* a row across the screen: its margins too */
            x0 = 2;
            room = ui->w - 4;
        }
        kw = (room - (nk - 1) * gap) / (units > 0 ? units : 1);
    }
    if (kw < min_key) {
        narrow = true;
        units = 0;
        for (int k = 0; k < nk; k++)
            units += pg->keys[r][k].kind == KEY_SPACE ? 2.0 : 1.0;
        kw = (room - (nk - 1) * gap) / (units > 0 ? units : 1);
    }
    if (kw > T * 2.2)
        kw = T * 2.2;
    double row_w = kw * units + (nk - 1) * gap;
    double x = x0 + (room - row_w) / 2;
    for (int k = 0; k < nk; k++) {
        const Key *key = &pg->keys[r][k];
        double u = narrow ? (key->kind == KEY_SPACE ? 2.0 : 1.0) : key_units(key);
        UiWidget w = { 0 };
        key_id(key, r, k, w.id, sizeof w.id);
        w.role = ROLE_KEY;
        w.font_px = ui->font_button * 9 / 10;
        /* a narrow key (a tall script, larger text, many keys a row): its
         * letter starts smaller, as keys may be set */
        if (key->kind == KEY_TEXT && kw * 3 / 5 < w.font_px)
            w.font_px = (int)(kw * 3 / 5);
        /* a wide sign (a vowel sign shown on its dotted circle) starts at
         * the size its key's width allows */
        TextStyle ks = { .size_px = w.font_px, .weight = TEXT_REGULAR, .lang = ui->lang };
        TextExtent ke = { 0 };
        int avail = (int)(kw * u) - 6;
        if (key->kind == KEY_TEXT && ui->te && avail > 0 &&
            text_measure(ui->te, key_label(a, key), &ks, 0, &ke) == K_OK && ke.w > avail)
            w.font_px = w.font_px * avail / ke.w;
        w.look = key->kind == KEY_DONE ? LOOK_PRIMARY : LOOK_KEY;
        ui_copy_text(w.text, sizeof w.text, key_label(a, key));
        w.rect = R((int)x, y, (int)(kw * u), kh);
        w.enabled = true;
        w.no_mirror = true;
        w.align = TEXT_ALIGN_CENTER;
        w.icon = key->kind == KEY_BACK ? ICON_DELETE : key->kind == KEY_SHIFT ? ICON_SHIFT
                                                                             : ICON_NONE;
        ui_add(ui, &w);
        x += kw * u + gap;
    }
}

/* The keys of the page shown from y to the bottom, but row skip (-1:
 * none). Returns false when the rows are not least px tall (at least
 * 9 mm). */
static bool build_keys(App *a, int y, int skip, int least)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    const KeyPage *pg = &a->v.kb.pages[a->v.kb_page < a->v.kb.npages ? a->v.kb_page : 0];
    int rows = pg->nrows - (skip >= 0 && skip < pg->nrows ? 1 : 0);
    if (rows < 1)
        return true;
    int min_key = (int)(ui->px_per_mm * 9.0 + 0.999);
    /* rows closer together before keys under 9 mm */
    int vgap = U / 2, kh = (ui->h - y - U + vgap) / rows - vgap;
    if (kh < min_key) {
        vgap = 2;
        kh = (ui->h - y - U + vgap) / rows - vgap;
    }
    bool ok = kh >= min_key && kh >= least;
    if (kh < min_key)
        kh = min_key;
    /* taller keys on a tall screen, and the keyboard at its bottom, where
     * thumbs reach, with the field and its words at the top */
    int most = portrait(a) ? T * 9 / 5 : T * 3 / 2;
    if (kh > most)
        kh = most;
    int total = rows * (kh + vgap) - vgap;
    if (portrait(a) && ui->h - U - total > y)
        y = ui->h - U - total;
    for (int r = 0, shown = 0; r < pg->nrows; r++) {
        if (r == skip)
            continue;
        key_row(a, pg, r, U, ui->w - 2 * U, y + shown * (kh + vgap), kh);
        shown++;
    }
    return ok;
}

void keyboard_keys(App *a, int y)
{
    build_keys(a, y, -1, 0);
}

bool keyboard_keys_but(App *a, int y, int skip, int least)
{
    return build_keys(a, y, skip, least);
}

int keyboard_done_row(const App *a)
{
    return action_row(&a->v.kb.pages[a->v.kb_page < a->v.kb.npages ? a->v.kb_page : 0]);
}

void keyboard_row(App *a, int r, int x, int w, int y, int h)
{
    const KeyPage *pg = &a->v.kb.pages[a->v.kb_page < a->v.kb.npages ? a->v.kb_page : 0];
    if (r >= 0 && r < pg->nrows)
        key_row(a, pg, r, x, w, y, h);
}

/* The prompt (or the message) above the field, or beside it, and the keys
 * under them. Returns true when it all fits. */
static bool keyboard_stacked(App *a, int y, bool beside, int least)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, mark = ui->n;
    const FieldDecl *d = visitor_field(a->v.field);
    const char *prompt = d ? _(d->prompt) : "";
    bool msg = a->v.message != NULL;
    UiWidget m = { 0 };
    snprintf(m.id, sizeof m.id, "%s", msg ? "kbd.message" : "kbd.title");
    m.role = msg ? ROLE_TEXT : ROLE_HEADING;
    m.look = LOOK_PLAIN;
    ui_copy_text(m.text, sizeof m.text, msg ? _(a->v.message) : prompt);
    m.font_px = msg ? ui->font_body : ui->font_heading;
    m.weight = msg ? TEXT_REGULAR : TEXT_BOLD;
    int half = (ui->w - 3 * U) / 2, side_h = T;
    int mh = ui_text_height(ui, m.text, m.font_px, m.weight, ui->w - 2 * U, false);
    int slot = ui_text_height(ui, prompt, ui->font_heading, TEXT_BOLD, ui->w - 2 * U, false);
    if (slot < mh)
        slot = mh;
    if (beside) {   /* the prompt as tall as its words at the body size */
        m.font_px = ui->font_body;
        int need = ui_text_height(ui, m.text, m.font_px, m.weight, half - 2, false);
        side_h = need > T ? need : T;
    }
    m.rect = beside ? R(U, y, half, side_h) : R(U, y, ui->w - 2 * U, slot);
    m.enabled = true;
    ui_add(ui, &m);
    if (!beside)
        y += slot + U / 2;
    UiWidget f = ui_proto("kbd.field", ROLE_FIELD);
    f.look = msg ? LOOK_ERROR : LOOK_KEY;
    f.personal = true;
    ui_copy_text(f.text, sizeof f.text, visitor_value(&a->v, a->v.field));
    f.rect = beside ? R(2 * U + half, y, half, T) : R(U, y, ui->w - 2 * U, T);
    f.weight = TEXT_BOLD;
    f.cursor = true;   /* the field being typed into shows where the text goes */
    ui_add(ui, &f);
    y += (beside ? side_h : T) + U;
    bool keys = build_keys(a, y, -1, least);
    return keys && lay_fits_since(ui, mark, ui->h);
}

/* The shortest arrangements: the field with the prompt inside it as its
 * hint and the keys under it; then (side) the row with Done (space, the
 * script switch) beside the field, the other rows under them. Used
 * without a message only. Returns true when it all fits. */
static bool keyboard_compact(App *a, int y, bool side, int least)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    const FieldDecl *d = visitor_field(a->v.field);
    const KeyPage *pg = &a->v.kb.pages[a->v.kb_page < a->v.kb.npages ? a->v.kb_page : 0];
    int row = side ? action_row(pg) : -1, fw = (ui->w - 3 * U) * 2 / 5, mark = ui->n;
    const char *value = visitor_value(&a->v, a->v.field);
    UiWidget f = ui_proto("kbd.field", ROLE_FIELD);
    f.look = LOOK_KEY;
    f.personal = value[0] != '\0';
    f.placeholder = !f.personal;
    f.weight = f.personal ? TEXT_BOLD : TEXT_REGULAR;
    ui_copy_text(f.text, sizeof f.text, f.personal ? value : d ? _(d->prompt) : "");
    if (!f.personal)
        f.font_px = ui->font_body;   /* the prompt, as a label is set */
    if (row < 0)
        fw = ui->w - 2 * U;
    /* as tall as the prompt's words */
    int h = ui_text_height(ui, f.text, f.font_px ? f.font_px : ui->font_button, f.weight,
                           fw - 2 * U - 2, f.personal) + 2 * U;
    h = h > T ? h : T;
    f.rect = R(U, y, fw, h);
    f.cursor = true;
    ui_add(ui, &f);
    /* the keys are not mirrored: the row sits where the field is not */
    if (row >= 0)
        key_row(a, pg, row, ui->rtl ? U : 2 * U + fw, ui->w - 3 * U - fw, y, h);
    /* the rows of keys close under it, as they are to each other */
    bool keys = build_keys(a, y + h + 2, row, least);
    return keys && lay_fits_since(ui, mark, ui->h);
}

void keyboard_build(App *a)
{
    Ui *ui = &a->ui;
    int y = lay_top_bar(a, true), mark = ui->n;
    /* the prompt above the field, so the keys keep four fifths of a
     * target; beside it; on a short screen (a tall script, larger text)
     * the prompt inside the field, then the row with Done beside it. In
     * larger text the first three with keys of four fifths of a target
     * before any with keys of 9 mm; in the default look the prompt stays
     * beside the field with smaller keys first. */
    bool large = (ui->look & THEME_LARGE) != 0;
    for (int k = 0; k < 2; k++) {
        int least = k ? 0 : ui->target * 4 / 5;
        for (int beside = k; beside < 2; beside++) {
            if (k == 0 && beside && !large)
                break;   /* the default look: beside, with keys of 9 mm */
            if (keyboard_stacked(a, y, beside != 0, least))
                return;
            ui->n = mark;
        }
        /* the row with Done beside the field only with keys of 9 mm */
        for (int side = 0; side <= k && !a->v.message && (large || k); side++) {
            if (keyboard_compact(a, y, side != 0, least))
                return;
            ui->n = mark;
        }
    }
    keyboard_stacked(a, y, true, 0);   /* the fallback builds smaller (screens_build) */
}

bool keyboard_tap(App *a, const char *id)
{
    Visitor *v = &a->v;
    const KeyPage *pg = &v->kb.pages[v->kb_page];
    int r, k;
    if (!strcmp(id, "nav.back")) {
        /* leaving without Done: what cannot be kept as it is goes */
        if (visitor_finish(v, v->field)) {
            const FieldDecl *d = visitor_field(v->field);
            if (d)
                sodium_memzero(visitor_buf(v, v->field), d->cap);
        }
        app_go(a, a->kb_return);
        return true;
    }
    if (sscanf(id, "kbd.key.%d.%d", &r, &k) == 2 && r >= 0 && r < pg->nrows && k >= 0 &&
        k < pg->nkeys[r]) {
        keyboard_text(a, pg->keys[r][k].text);
        if (v->kb_shift_once) {
            v->kb_shift_once = false;
            v->kb_page = 0;
        }
        return true;
    }
    if (!strcmp(id, "kbd.back"))
        keyboard_key(a, HARD_BACKSPACE);
    else if (!strcmp(id, "kbd.space"))
        keyboard_text(a, " ");
    else if (!strcmp(id, "kbd.done"))
        keyboard_key(a, HARD_ENTER);
    else if (!strcmp(id, "kbd.shift")) {
        int sp = kb_page(&v->kb, "shift");
        if (sp >= 0) {
            v->kb_page = v->kb_page == sp ? 0 : sp;
            v->kb_shift_once = v->kb_page == sp;
        }
    } else if (!strncmp(id, "kbd.page.", 9)) {
        int p = kb_page(&v->kb, id + 9);
        if (p >= 0)
            v->kb_page = p;
        v->kb_shift_once = false;
    } else if (!strcmp(id, "kbd.switch")) {
        /* the Latin/own-script key: loading a layout file is reading the
         * world, but only on the visitor's own tap */
        const char *own = own_layout(a);
        if (v->kb.latin[0]) {
            char latin[16];
            snprintf(latin, sizeof latin, "%s", v->kb.latin);
            load_layout(a, latin);
        } else if (strcmp(own, v->kb_id))
            load_layout(a, own);
    } else
        return false;
    return true;
}
