/* ui.c — widget list: build, fit, mirror, hit-test (drawing is in
 * ui_draw.c, the dump in ui_dump.c). */
#include "ui_private.h"

#include <hb.h>
#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/log.h"

static const char *role_names[] = { "button", "key", "field", "text", "heading", "value", "qr",
                                     "panel", "progress" };

const char *ui_role_name(UiRole role)
{
    return (unsigned)role < sizeof role_names / sizeof role_names[0] ? role_names[role] : "?";
}

/* The engine whose icon font was last checked, and the answer. */
static const TextEngine *icons_checked;
static bool icons_answer;

bool ui_icons_check(TextEngine *te, char *err, size_t errlen)
{
    for (int g = GLYPH_NONE + 1; g < GLYPH_COUNT; g++) {
        char s[5];
        unsigned missing = 0;
        theme_glyph_utf8((ThemeGlyph)g, false, s);
        if (!text_covers(te, s, THEME_ICON_LANG, &missing)) {
            snprintf(err, errlen, "the icon font has no glyph U+%04X for icon %d", missing, g);
            return false;
        }
    }
    return true;
}

/* px times the build's fit factor, never under the floor. */
static int fitted(const Ui *ui, int px)
{
    if (ui->fit <= 0 || ui->fit >= 1.0)
        return px;
    int out = (int)lround(px * ui->fit), floor_px = theme_floor_px(ui->scale);
    return out < floor_px ? floor_px : out;
}

static void set_sizes(Ui *ui)
{
    double s = ui->scale;
    const char *l = ui->lang;
    unsigned m = ui->look;
    double lg = ui->large > 0 ? ui->large : 1.5;
    ui->font_small = fitted(ui, theme_type_px_at(TYPE_SECONDARY, s, l, m, lg));
    ui->font_body = fitted(ui, theme_type_px_at(TYPE_BODY, s, l, m, lg));
    ui->font_button = fitted(ui, theme_type_px_at(TYPE_BUTTON, s, l, m, lg));
    ui->font_heading = fitted(ui, theme_type_px_at(TYPE_HEADING, s, l, m, lg));
    ui->font_title = fitted(ui, theme_type_px_at(TYPE_TITLE, s, l, m, lg));
    ui->font_icon = theme_type_px_at(TYPE_ICON, s, l, m, lg);
    ui->font_tile_icon = theme_type_px_at(TYPE_TILE_ICON, s, l, m, lg);
    ui->font_display = theme_type_px_at(TYPE_DISPLAY, s, l, m, lg);
}

void ui_init(Ui *ui, TextEngine *te, int w, int h, double diagonal_in)
{
    UiWidget *keep = ui->w_list;
    int cap = ui->cap;
    unsigned mode = ui->mode;
    memset(ui, 0, sizeof *ui);
    ui->w_list = keep;
    ui->cap = cap;
    ui->mode = mode;
    ui->te = te;
    ui->w = w;
    ui->h = h;
    ui->pressed = -1;
    ui->page_screen = -1;
    ui->px_per_mm = sqrt((double)w * w + (double)h * h) / (diagonal_in * 25.4);
    int nine_mm = (int)ceil(ui->px_per_mm * 9.0);
    /* The short side sets the scale: 480 px is the smallest screen. */
    int short_side = w < h ? w : h;
    double s = short_side / 480.0;
    if (w < h)
        s = (w / 800.0) * 1.6 < s ? (w / 800.0) * 1.6 : s;
    if (s < 1.0)
        s = 1.0;
    ui->scale = s;
    ui->unit = (int)lround(8 * s);
    ui->target = nine_mm > (int)lround(52 * s) ? nine_mm : (int)lround(52 * s);
    ui->base_target = ui->target;
    set_sizes(ui);
    if (te && icons_checked != te) {
        char err[160];
        icons_answer = ui_icons_check(te, err, sizeof err);
        icons_checked = te;
        if (!icons_answer)
            LOG_E("ui", "%s: icons are drawn as plain shapes", err);
    }
    ui->icons_ok = te && icons_answer;
}

void ui_set_look(Ui *ui, unsigned look, double large)
{
    ui->look = look;
    ui->large = large;
}

void ui_wipe(Ui *ui)
{
    if (ui->w_list)
        sodium_memzero(ui->w_list, (size_t)ui->cap * sizeof *ui->w_list);
    ui->n = 0;
    ui->pressed = -1;
    ui->mode = 0;
    ui->look = 0;
    ui->access_open = false;
    ui->page = 0;
    ui->page_screen = -1;
}

void ui_free(Ui *ui)
{
    ui_wipe(ui);
    free(ui->w_list);
    ui->w_list = NULL;
    ui->n = ui->cap = 0;
}

void ui_begin(Ui *ui, const char *lang, bool rtl)
{
    /* a visitor's own words do not linger in the old widget list */
    if (ui->w_list && ui->n > 0)
        sodium_memzero(ui->w_list, (size_t)ui->n * sizeof *ui->w_list);
    ui->n = 0;
    ui->lang = lang;
    ui->rtl = rtl;
    set_sizes(ui);
}

static int default_font(const Ui *ui, const UiWidget *w)
{
    switch (w->role) {
    case ROLE_HEADING: return ui->font_heading;
    case ROLE_BUTTON: case ROLE_FIELD: return ui->font_button;
    case ROLE_KEY: return ui->font_button;
    case ROLE_VALUE: return ui->font_heading;
    default: return ui->font_body;
    }
}

bool ui_has_box(const UiWidget *w)
{
    return w->role == ROLE_BUTTON || w->role == ROLE_KEY || w->role == ROLE_FIELD ||
           w->role == ROLE_PANEL || w->look == LOOK_NOTICE || w->look == LOOK_ERROR;
}

int ui_pad_x(const Ui *ui, const UiWidget *w)
{
    if (w->role == ROLE_KEY)
        return 2;
    if (w->role == ROLE_BUTTON || w->role == ROLE_FIELD)
        return ui->unit;
    return ui_has_box(w) ? ui->unit * 2 : 0;
}

int ui_pad_y(const Ui *ui, const UiWidget *w)
{
    if (!ui_has_box(w) || w->role == ROLE_KEY)
        return 0;
    /* a script with tall marks (Tamil) has taller lines of its own
     * (theme_line_height), not more padding */
    return ui->unit;
}

int ui_icon_side(const Ui *ui, const UiWidget *w)
{
    if (w->icon == ICON_NONE)
        return 0;
    if (w->icon_px)
        return w->icon_px;
    if (w->icon_above)
        return ui->font_tile_icon;
    if (!w->text[0] && !w->sub[0]) {
        int s = w->rect.h < w->rect.w ? w->rect.h : w->rect.w;
        return s * 3 / 5 > ui->font_icon ? s * 3 / 5 : ui->font_icon;
    }
    return ui->font_icon;
}

int ui_icon_across(const Ui *ui, const UiWidget *w)
{
    if (w->icon == ICON_NONE || w->icon_above || (!w->text[0] && !w->sub[0]))
        return 0;
    return ui_icon_side(ui, w) + ui->unit;
}

int ui_icon_above(const Ui *ui, const UiWidget *w)
{
    return w->icon != ICON_NONE && w->icon_above ? ui_icon_side(ui, w) + ui->unit / 2 : 0;
}

int ui_sub_px(const Ui *ui, int px)
{
    int floor_px = theme_floor_px(ui->scale);
    return px * 3 / 4 > floor_px ? px * 3 / 4 : floor_px;
}

int ui_sub_px_of(const Ui *ui, int px)
{
    return ui_sub_px(ui, px);
}

TextStyle ui_style_for(const Ui *ui, const UiWidget *w, int px, bool sub)
{
    TextStyle st = { 0 };
    st.size_px = px;
    /* words in a language of their own (a name in the language list, the
     * greeting) take their own script's scale, not the screen's */
    if (w->lang && !sub) {
        double mine = theme_script_scale(w->lang), screen = theme_script_scale(ui->lang);
        if (mine != screen)
            st.size_px = (int)(px * mine / screen + 0.5);
    }
    st.weight = sub ? TEXT_REGULAR : w->weight;
    st.align = w->align;
    /* a second line is in the screen's language (the language list names
     * each language in its own words above, in the screen's below) */
    const char *lang = w->lang && !sub ? w->lang : ui->lang;
    st.lang = lang;
    /* text in the screen's language takes the screen's direction, so a
     * Latin name on an Urdu screen still sits at the right; a widget in a
     * language of its own (the language list, the greeting) finds its own */
    st.dir = lang != ui->lang ? TEXT_DIR_AUTO : ui->rtl ? TEXT_DIR_RTL : TEXT_DIR_LTR;
    st.personal = w->personal;
    return st;
}

/* Measures w's text (and sub line) at font px; true when both fit. When
 * it does not and scale is not NULL, *scale estimates the size factor that
 * would make it fit (below 1). */
static bool fits_at_scale(Ui *ui, UiWidget *w, int px, double *scale);

static bool fits_at(Ui *ui, UiWidget *w, int px)
{
    return fits_at_scale(ui, w, px, NULL);
}

static bool fits_at_scale(Ui *ui, UiWidget *w, int px, double *scale)
{
    /* two pixels to spare: a line measured to the exact width may still
     * wrap when drawn */
    int avail_w = w->rect.w - 2 * ui_pad_x(ui, w) - ui_icon_across(ui, w) - 2;
    int avail_h = w->rect.h - 2 * ui_pad_y(ui, w) - ui_icon_above(ui, w);
    if (avail_w <= 0 || avail_h <= 0)
        return false;
    TextExtent e = { 0 }, es = { 0 };
    TextStyle st = ui_style_for(ui, w, px, false);
    if (w->text[0] && text_measure(ui->te, w->text, &st, avail_w, &e) != K_OK)
        return false;
    if (w->sub[0]) {
        TextStyle ss = ui_style_for(ui, w, ui_sub_px(ui, px), true);
        if (text_measure(ui->te, w->sub, &ss, avail_w, &es) != K_OK)
            return false;
    }
    bool ok_w = (!w->text[0] || e.fits) && (!w->sub[0] || es.fits);
    bool ok = ok_w && e.h + es.h <= avail_h;
    if (!ok && scale) {
        /* Two guesses, the larger kept (a size either allows is worth a
         * try): wrapped as now, shrunk by the height it overflows; or set
         * on one line, shrunk until that line fits both across and down
         * (a tall script's one line may be a little too tall as well as
         * too wide, and a smaller size shrinks both). */
        double f = e.h + es.h > avail_h ? (double)avail_h / (e.h + es.h) : 1.0;
        TextExtent one = { 0 };
        if (w->text[0] && text_measure(ui->te, w->text, &st, 0, &one) == K_OK &&
            one.w > avail_w && one.h > 0) {
            double across = (double)avail_w / one.w,
                   down = (double)(avail_h - es.h) / one.h,
                   f1 = across < down ? across : down;
            f = f1 > f ? f1 : f;
        }
        *scale = f < 1.0 ? f : 0.95;
    }
    return ok;
}

/* True when a character (grapheme cluster) may end before cp, which
 * follows prev; *ri counts the regional indicators in a row before cp.
 * Marks, joiners, variation selectors, emoji modifiers and tags stay with
 * what they follow; so do a consonant after a virama and the second flag
 * letter of a pair. */
static bool grapheme_break(uint32_t prev, uint32_t cp, int *ri)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    bool is_ri = cp >= 0x1F1E6 && cp <= 0x1F1FF;
    int before = *ri;
    *ri = is_ri ? *ri + 1 : 0;
    if (!prev)
        return true;
    if (is_ri && before % 2 == 1)
        return false;
    switch (hb_unicode_general_category(uf, cp)) {
    case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
        return false;
    default:
        break;
    }
    if (cp == 0x200C || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) ||
        (cp >= 0xE0100 && cp <= 0xE01EF) || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
        (cp >= 0xE0020 && cp <= 0xE007F) || prev == 0x200D)
        return false;
    if (hb_unicode_combining_class(uf, prev) == HB_UNICODE_COMBINING_CLASS_VIRAMA)
        return false;
    return true;
}

static uint32_t next_cp(const char *s, size_t len, size_t *i)
{
    unsigned char c = (unsigned char)s[*i];
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    uint32_t cp = n == 1 ? c : c & (0x3F >> (n - 1));
    size_t k = 1;
    for (; k < (size_t)n && *i + k < len; k++)
        cp = cp << 6 | ((unsigned char)s[*i + k] & 0x3F);
    *i += k;
    return cp;
}

/* Cuts w's text (too long at font px) to as many whole characters as fit
 * before an ellipsis. Returns whether the cut text fits. */
static bool cut_with_ellipsis(Ui *ui, UiWidget *w, int px)
{
    static const char ell[] = "\xE2\x80\xA6";   /* U+2026 */
    size_t len = strlen(w->text), i = 0;
    size_t ends[sizeof w->text];
    int nends = 0, ri = 0;
    uint32_t prev = 0;
    while (i < len) {
        size_t at = i;
        uint32_t cp = next_cp(w->text, len, &i);
        if (grapheme_break(prev, cp, &ri) && at > 0 && at + sizeof ell <= sizeof w->text)
            ends[nends++] = at;
        prev = cp;
    }
    char full[sizeof w->text];
    memcpy(full, w->text, len + 1);
    /* the longest prefix that fits, by halving */
    int lo = 0, hi = nends - 1, best = -1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        size_t n = ends[mid];
        memcpy(w->text, full, n);
        memcpy(w->text + n, ell, sizeof ell);
        if (fits_at(ui, w, px)) {
            best = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    size_t n = best >= 0 ? ends[best] : 0;
    memcpy(w->text, full, n);
    memcpy(w->text + n, ell, sizeof ell);
    sodium_memzero(full, sizeof full);
    return fits_at(ui, w, px);
}

UiWidget *ui_add(Ui *ui, const UiWidget *proto)
{
    if (ui->n == ui->cap) {
        int cap = ui->cap ? ui->cap * 2 : 64;
        UiWidget *nw = realloc(ui->w_list, (size_t)cap * sizeof *nw);
        if (!nw) {
            LOG_E("ui", "out of memory adding widget %s", proto->id);
            return NULL;
        }
        ui->w_list = nw;
        ui->cap = cap;
    }
    UiWidget *w = &ui->w_list[ui->n++];
    *w = *proto;
    if (ui->rtl && !w->no_mirror)
        w->rect.x = ui->w - w->rect.x - w->rect.w;
    if (!w->font_px)
        w->font_px = default_font(ui, w);
    w->fits = true;
    if ((w->text[0] || w->sub[0]) && w->role != ROLE_QR && w->role != ROLE_PROGRESS && ui->te) {
        /* keys show one letter or sign: they may shrink further than words */
        int px = w->font_px,
            min_px = w->role == ROLE_KEY ? (w->font_px * 3 + 4) / 5 : (w->font_px * 3 + 3) / 4;
        /* A few sizes only (every size is another set of glyphs to load
         * and shape): 100%, 90%, 80%, then the least. Start from the one
         * the first measurement suggests. */
        /* words are never set under the floor (theme_floor_px) */
        int floor_px = theme_floor_px(ui->scale);
        if (w->role != ROLE_KEY && min_px < floor_px)
            min_px = floor_px < px ? floor_px : px;
        int sizes[4] = { px, px * 9 / 10, px * 4 / 5, min_px };
        for (int k = 1; k < 3; k++)
            sizes[k] = sizes[k] < min_px ? min_px : sizes[k];
        double scale = 1.0;
        bool ok = fits_at_scale(ui, w, px, &scale);
        int first = px;
        for (int k = 1; !ok && k < 4; k++) {
            if (sizes[k] >= px || (k < 3 && sizes[k] > first * scale + 0.5))
                continue;   /* the same size as tried, or clearly too big */
            px = sizes[k];
            ok = fits_at(ui, w, px);
        }
        /* a visitor's name that does not fit even at the least size is
         * cut at a character boundary, with an ellipsis */
        if (!ok && w->personal && w->text[0] && !w->sub[0])
            ok = cut_with_ellipsis(ui, w, px);
        w->fits = ok;
        if (!w->fits && !ui->trial)
            LOG_W("ui", "text of %s does not fit its %dx%d box", w->id, w->rect.w, w->rect.h);
        w->font_px = px;
    }
    return w;
}

void ui_copy_text(char *dst, size_t cap, const char *src)
{
    if (cap == 0)
        return;
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
        LOG_W("ui", "a text of %zu bytes was cut to %zu", strlen(src), n);
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

UiWidget *ui_button(Ui *ui, const char *id, const char *text, SDL_Rect r, UiLook look)
{
    return ui_button_icon(ui, id, text, r, look, ICON_NONE);
}

UiWidget ui_proto(const char *id, UiRole role)
{
    UiWidget w = { 0 };
    snprintf(w.id, sizeof w.id, "%s", id);
    w.role = role;
    w.enabled = true;
    bool button = role == ROLE_BUTTON || role == ROLE_KEY;
    w.weight = button || role == ROLE_HEADING ? TEXT_BOLD : TEXT_REGULAR;
    w.align = button || role == ROLE_VALUE ? TEXT_ALIGN_CENTER : TEXT_ALIGN_START;
    return w;
}

UiWidget *ui_button_icon(Ui *ui, const char *id, const char *text, SDL_Rect r, UiLook look,
                         UiIcon icon)
{
    UiWidget w = ui_proto(id, ROLE_BUTTON);
    w.look = look;
    ui_copy_text(w.text, sizeof w.text, text);
    w.rect = r;
    w.icon = icon;
    return ui_add(ui, &w);
}

UiWidget *ui_text(Ui *ui, const char *id, UiRole role, const char *text, SDL_Rect r)
{
    UiWidget w = ui_proto(id, role);
    ui_copy_text(w.text, sizeof w.text, text);
    w.rect = r;
    return ui_add(ui, &w);
}

static bool tappable(const UiWidget *w)
{
    return w->enabled && (w->role == ROLE_BUTTON || w->role == ROLE_KEY || w->role == ROLE_FIELD);
}

int ui_hit(const Ui *ui, int x, int y)
{
    for (int i = ui->n - 1; i >= 0; i--) {
        const UiWidget *w = &ui->w_list[i];
        if (tappable(w) && x >= w->rect.x && x < w->rect.x + w->rect.w && y >= w->rect.y &&
            y < w->rect.y + w->rect.h)
            return i;
    }
    return -1;
}

static bool tappable_role(const UiWidget *w)
{
    return w->role == ROLE_BUTTON || w->role == ROLE_KEY || w->role == ROLE_FIELD;
}

bool ui_layout_ok(const Ui *ui)
{
    for (int i = 0; i < ui->n; i++) {
        const SDL_Rect *a = &ui->w_list[i].rect;
        if (!ui->w_list[i].fits || a->x < 0 || a->y < 0 || a->x + a->w > ui->w ||
            a->y + a->h > ui->h)
            return false;
        if (!tappable_role(&ui->w_list[i]))
            continue;
        for (int j = i + 1; j < ui->n; j++) {
            const SDL_Rect *b = &ui->w_list[j].rect;
            if (tappable_role(&ui->w_list[j]) && a->x < b->x + b->w && b->x < a->x + a->w &&
                a->y < b->y + b->h && b->y < a->y + a->h)
                return false;
        }
    }
    return true;
}

int ui_find(const Ui *ui, const char *id)
{
    for (int i = 0; i < ui->n; i++)
        if (!strcmp(ui->w_list[i].id, id))
            return i;
    return -1;
}

int ui_text_height(Ui *ui, const char *text, int font_px, TextWeight weight, int width,
                   bool personal)
{
    TextStyle st = { .size_px = font_px, .weight = weight, .lang = ui->lang,
                     .dir = ui->rtl ? TEXT_DIR_RTL : TEXT_DIR_LTR, .personal = personal };
    TextExtent e;
    if (text_measure(ui->te, text, &st, width, &e) != K_OK)
        return font_px * 3 / 2;
    return e.h;
}
