/* ui.c — widget list: build, fit, mirror, hit-test, draw, dump. */
#include "kiosk/ui.h"

#include <hb.h>
#include <jansson.h>
#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/log.h"
#include "kiosk/qr.h"

typedef struct { Uint8 r, g, b; } Rgb;

/* Calm, high-contrast colours (text on fill is at least 7:1). */
static const Rgb C_BG = { 0xF7, 0xF5, 0xF0 }, C_INK = { 0x1B, 0x1B, 0x1B },
                 C_TEAL = { 0x12, 0x55, 0x52 }, C_WHITE = { 0xFF, 0xFF, 0xFF },
                 C_EXIT = { 0x9E, 0x1B, 0x1B }, C_SEL = { 0xD7, 0xEE, 0xEA },
                 C_NOTICE = { 0xFF, 0xF1, 0xC6 }, C_ERRBG = { 0xFB, 0xE3, 0xE1 },
                 C_KEY = { 0xFF, 0xFF, 0xFF }, C_LINE = { 0x5F, 0x6B, 0x6A },
                 C_QUIET = { 0x44, 0x4B, 0x4A }, C_DIS = { 0xB8, 0xBD, 0xBC };

static const char *role_names[] = { "button", "key", "field", "text", "heading", "value", "qr",
                                     "panel", "progress" };

const char *ui_role_name(UiRole role)
{
    return (unsigned)role < sizeof role_names / sizeof role_names[0] ? role_names[role] : "?";
}

void ui_init(Ui *ui, TextEngine *te, int w, int h, double diagonal_in)
{
    UiWidget *keep = ui->w_list;
    int cap = ui->cap;
    memset(ui, 0, sizeof *ui);
    ui->w_list = keep;
    ui->cap = cap;
    ui->te = te;
    ui->w = w;
    ui->h = h;
    ui->pressed = -1;
    ui->px_per_mm = sqrt((double)w * w + (double)h * h) / (diagonal_in * 25.4);
    int nine_mm = (int)ceil(ui->px_per_mm * 9.0);
    /* The short side sets the scale: 480 px is the smallest screen. */
    int short_side = w < h ? w : h;
    double s = short_side / 480.0;
    if (w < h)
        s = (w / 800.0) * 1.6 < s ? (w / 800.0) * 1.6 : s;
    if (s < 1.0)
        s = 1.0;
    ui->unit = (int)lround(8 * s);
    ui->target = nine_mm > (int)lround(52 * s) ? nine_mm : (int)lround(52 * s);
    ui->base_target = ui->target;
    ui->font_small = (int)lround(16 * s);
    ui->font_body = (int)lround(20 * s);
    ui->font_button = (int)lround(22 * s);
    ui->font_heading = (int)lround(26 * s);
    ui->font_title = (int)lround(30 * s);
}

void ui_wipe(Ui *ui)
{
    if (ui->w_list)
        sodium_memzero(ui->w_list, (size_t)ui->cap * sizeof *ui->w_list);
    ui->n = 0;
    ui->pressed = -1;
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

static bool has_box(const UiWidget *w)
{
    return w->role == ROLE_BUTTON || w->role == ROLE_KEY || w->role == ROLE_FIELD ||
           w->role == ROLE_PANEL || w->look == LOOK_NOTICE || w->look == LOOK_ERROR;
}

static int pad_x(const Ui *ui, const UiWidget *w)
{
    if (w->role == ROLE_KEY)
        return 2;
    if (w->role == ROLE_BUTTON || w->role == ROLE_FIELD)
        return ui->unit;
    return has_box(w) ? ui->unit * 2 : 0;
}

static int pad_y(const Ui *ui, const UiWidget *w)
{
    return has_box(w) && w->role != ROLE_KEY ? ui->unit : 0;
}

static int icon_space(const Ui *ui, const UiWidget *w)
{
    return w->icon == ICON_NONE ? 0 : (w->text[0] ? ui->font_button + ui->unit : 0);
}

static TextStyle style_for(const Ui *ui, const UiWidget *w, int px, bool sub)
{
    TextStyle st = { 0 };
    st.size_px = px;
    st.weight = sub ? TEXT_REGULAR : w->weight;
    st.align = w->align;
    st.lang = w->lang ? w->lang : ui->lang;
    /* text in the screen's language takes the screen's direction, so a
     * Latin name on an Urdu screen still sits at the right; a widget in a
     * language of its own (the language list, the greeting) finds its own */
    st.dir = w->lang ? TEXT_DIR_AUTO : ui->rtl ? TEXT_DIR_RTL : TEXT_DIR_LTR;
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
    int avail_w = w->rect.w - 2 * pad_x(ui, w) - icon_space(ui, w);
    int avail_h = w->rect.h - 2 * pad_y(ui, w);
    if (avail_w <= 0 || avail_h <= 0)
        return false;
    TextExtent e = { 0 }, es = { 0 };
    TextStyle st = style_for(ui, w, px, false);
    if (w->text[0] && text_measure(ui->te, w->text, &st, avail_w, &e) != K_OK)
        return false;
    if (w->sub[0]) {
        TextStyle ss = style_for(ui, w, px * 3 / 4, true);
        if (text_measure(ui->te, w->sub, &ss, avail_w, &es) != K_OK)
            return false;
    }
    bool ok_w = (!w->text[0] || e.fits) && (!w->sub[0] || es.fits);
    bool ok = ok_w && e.h + es.h <= avail_h;
    if (!ok && scale) {
        /* A text that would fit on one line if narrower shrinks by the
         * width; otherwise by the height it overflows. */
        double f = e.h + es.h > avail_h ? (double)avail_h / (e.h + es.h) : 1.0;
        TextExtent one = { 0 };
        if (w->text[0] && text_measure(ui->te, w->text, &st, 0, &one) == K_OK &&
            one.w > avail_w && one.h + es.h <= avail_h)
            f = (double)avail_w / one.w;
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
        int sizes[4] = { px, px * 9 / 10, px * 4 / 5, min_px };
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
        if (!w->fits)
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

static void set_colour(SDL_Renderer *r, Rgb c)
{
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, 255);
}

/* A filled rectangle with rounded corners of radius rad. */
static void fill_round(SDL_Renderer *r, SDL_Rect b, int rad)
{
    if (rad * 2 > b.h)
        rad = b.h / 2;
    if (rad * 2 > b.w)
        rad = b.w / 2;
    SDL_RenderFillRect(r, &(SDL_Rect){ b.x, b.y + rad, b.w, b.h - 2 * rad });
    for (int i = 0; i < rad; i++) {
        double dy = rad - i - 0.5;
        int dx = rad - (int)lround(sqrt((double)rad * rad - dy * dy));
        SDL_RenderDrawLine(r, b.x + dx, b.y + i, b.x + b.w - 1 - dx, b.y + i);
        SDL_RenderDrawLine(r, b.x + dx, b.y + b.h - 1 - i, b.x + b.w - 1 - dx, b.y + b.h - 1 - i);
    }
}

static void triangle(SDL_Renderer *r, Rgb c, float x0, float y0, float x1, float y1, float x2,
                     float y2)
{
    SDL_Color col = { c.r, c.g, c.b, 255 };
    SDL_Vertex v[3] = { { { x0, y0 }, col, { 0, 0 } }, { { x1, y1 }, col, { 0, 0 } },
                        { { x2, y2 }, col, { 0, 0 } } };
    SDL_RenderGeometry(r, NULL, v, 3, NULL, 0);
}

/* Draws an icon in the square at (x, y) of side s; back/next point along
 * the reading direction (they mirror under RTL). */
static void draw_icon(SDL_Renderer *r, UiIcon icon, int x, int y, int s, Rgb c, bool rtl)
{
    float cx = x + s / 2.0f, cy = y + s / 2.0f, h = s * 0.32f;
    set_colour(r, c);
    int t = s / 9 > 2 ? s / 9 : 2;
    switch (icon) {
    case ICON_BACK:
    case ICON_NEXT: {
        bool left = (icon == ICON_BACK) != rtl;
        float d = left ? -1.0f : 1.0f;
        triangle(r, c, cx + d * h, cy, cx - d * h * 0.6f, cy - h, cx - d * h * 0.6f, cy + h);
        break;
    }
    case ICON_PLUS:
        SDL_RenderFillRect(r, &(SDL_Rect){ (int)(cx - h), (int)cy - t / 2, (int)(2 * h), t });
        SDL_RenderFillRect(r, &(SDL_Rect){ (int)cx - t / 2, (int)(cy - h), t, (int)(2 * h) });
        break;
    case ICON_MINUS:
        SDL_RenderFillRect(r, &(SDL_Rect){ (int)(cx - h), (int)cy - t / 2, (int)(2 * h), t });
        break;
    case ICON_CHECK:
        triangle(r, c, cx - h, cy, cx - h * 0.3f, cy + h * 0.7f, cx - h * 0.3f, cy + h * 0.2f);
        triangle(r, c, cx - h * 0.3f, cy + h * 0.7f, cx + h, cy - h * 0.7f, cx - h * 0.3f,
                 cy + h * 0.2f);
        break;
    case ICON_SHIFT:
        triangle(r, c, cx, cy - h, cx - h, cy, cx + h, cy);
        SDL_RenderFillRect(r, &(SDL_Rect){ (int)(cx - h / 2), (int)cy, (int)h, (int)h });
        break;
    case ICON_DELETE: {
        float d = rtl ? 1.0f : -1.0f;
        triangle(r, c, cx + d * h * 1.2f, cy, cx + d * h * 0.4f, cy - h * 0.7f,
                 cx + d * h * 0.4f, cy + h * 0.7f);
        SDL_Rect body = { (int)(rtl ? cx - h : cx - h * 0.4f), (int)(cy - h * 0.7f),
                          (int)(h * 1.4f), (int)(h * 1.4f) };
        SDL_RenderFillRect(r, &body);
        break;
    }
    case ICON_NONE:
        break;
    }
}

/* Next-type icons sit at the end edge, the others at the start edge. */
static bool icon_on_left(const Ui *ui, const UiWidget *w)
{
    return (w->icon != ICON_NEXT) != ui->rtl;
}

static void colours(const UiWidget *w, bool pressed, Rgb *fill, Rgb *ink, Rgb *border,
                    bool *filled)
{
    *filled = true;
    *border = C_LINE;
    switch (w->look) {
    case LOOK_PRIMARY: *fill = C_TEAL; *ink = C_WHITE; *border = C_TEAL; break;
    case LOOK_EXIT: *fill = C_EXIT; *ink = C_WHITE; *border = C_EXIT; break;
    case LOOK_SELECTED: *fill = C_SEL; *ink = C_INK; *border = C_TEAL; break;
    case LOOK_NOTICE: *fill = C_NOTICE; *ink = C_INK; *border = C_NOTICE; break;
    case LOOK_ERROR: *fill = C_ERRBG; *ink = C_INK; *border = C_EXIT; break;
    case LOOK_KEY: *fill = C_KEY; *ink = C_INK; break;
    case LOOK_SECONDARY: *fill = C_WHITE; *ink = C_TEAL; *border = C_TEAL; break;
    case LOOK_QUIET: *fill = C_BG; *ink = C_QUIET; *filled = false; break;
    default: *fill = C_BG; *ink = C_INK; *filled = has_box(w); break;
    }
    if (w->checked && w->look != LOOK_PRIMARY) {
        *fill = C_SEL;
        *border = C_TEAL;
        *filled = true;
    }
    if (!w->enabled && (w->role == ROLE_BUTTON || w->role == ROLE_KEY)) {
        *fill = (Rgb){ 0xE4, 0xE6, 0xE5 };
        *ink = (Rgb){ 0x5A, 0x60, 0x5F };
        *border = C_DIS;
    }
    if (pressed) {
        fill->r = (Uint8)(fill->r * 3 / 4);
        fill->g = (Uint8)(fill->g * 3 / 4);
        fill->b = (Uint8)(fill->b * 3 / 4);
        *filled = true;
    }
}

static void draw_widget(Ui *ui, SDL_Renderer *r, int idx)
{
    UiWidget *w = &ui->w_list[idx];
    Rgb fill, ink, border;
    bool filled;
    colours(w, idx == ui->pressed, &fill, &ink, &border, &filled);
    int rad = w->role == ROLE_KEY ? ui->unit / 2 : ui->unit;
    if (w->role == ROLE_PROGRESS) {
        /* one segment per step, done ones filled, from the reading start */
        int step = 0, steps = 0;
        if (sscanf(w->text, "%d/%d", &step, &steps) != 2 || steps < 1)
            return;
        int gap = ui->unit / 2, sw = (w->rect.w - (steps - 1) * gap) / steps;
        for (int i = 0; i < steps; i++) {
            int k = ui->rtl ? steps - 1 - i : i;
            SDL_Rect seg = { w->rect.x + k * (sw + gap), w->rect.y, sw, w->rect.h };
            set_colour(r, i < step ? C_TEAL : C_DIS);
            fill_round(r, seg, w->rect.h / 2);
        }
        return;
    }
    if (w->look == LOOK_SHADE) {
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(r, 0x1B, 0x1B, 0x1B, 0x99);
        SDL_RenderFillRect(r, &w->rect);
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
        return;
    }
    if (w->role == ROLE_QR) {
        if (qr_draw(r, w->text, &w->rect) != K_OK)
            LOG_W("ui", "QR code %s could not be drawn", w->id);
        return;
    }
    if (filled) {
        int bw = (w->role == ROLE_FIELD || w->look == LOOK_SECONDARY || w->look == LOOK_SELECTED ||
                  w->look == LOOK_ERROR || w->checked) ? 2 : 1;
        if (w->role == ROLE_FIELD)
            border = C_INK;
        set_colour(r, border);
        fill_round(r, w->rect, rad);
        set_colour(r, fill);
        SDL_Rect in = { w->rect.x + bw, w->rect.y + bw, w->rect.w - 2 * bw, w->rect.h - 2 * bw };
        fill_round(r, in, rad - bw > 0 ? rad - bw : 0);
    }
    int px = pad_x(ui, w), py = pad_y(ui, w), is = icon_space(ui, w);
    SDL_Rect box = { w->rect.x + px, w->rect.y + py, w->rect.w - 2 * px - is, w->rect.h - 2 * py };
    if (w->icon != ICON_NONE) {
        int s = w->text[0] ? ui->font_button : (w->rect.h < w->rect.w ? w->rect.h : w->rect.w);
        /* the icon sits at the start edge: left in LTR, right in RTL */
        bool left = icon_on_left(ui, w);
        int ix = w->text[0] ? (left ? w->rect.x + px : w->rect.x + w->rect.w - px - s)
                            : w->rect.x + (w->rect.w - s) / 2;
        if (w->text[0] && left)
            box.x += is;
        draw_icon(r, w->icon, ix, w->rect.y + (w->rect.h - s) / 2, s, ink, ui->rtl);
    }
    if (!w->text[0] && !w->sub[0])
        return;
    SDL_Color col = { ink.r, ink.g, ink.b, 255 };
    TextStyle st = style_for(ui, w, w->font_px, false);
    st.colour = col;
    if (w->sub[0]) {
        TextStyle ss = style_for(ui, w, w->font_px * 3 / 4, true);
        ss.colour = col;
        TextExtent e1 = { 0 }, e2 = { 0 };
        text_measure(ui->te, w->text, &st, box.w, &e1);
        text_measure(ui->te, w->sub, &ss, box.w, &e2);
        int y = box.y + (box.h - e1.h - e2.h) / 2;
        SDL_Rect b1 = { box.x, y, box.w, e1.h }, b2 = { box.x, y + e1.h, box.w, e2.h };
        text_draw(ui->te, w->text, &st, &b1, false);
        text_draw(ui->te, w->sub, &ss, &b2, false);
    } else {
        text_draw(ui->te, w->text, &st, &box, true);
    }
}

void ui_render(Ui *ui, SDL_Renderer *r)
{
    set_colour(r, C_BG);
    SDL_RenderClear(r);
    for (int i = 0; i < ui->n; i++)
        draw_widget(ui, r, i);
}

k_err ui_dump(const Ui *ui, const char *screen, const char *path)
{
    json_t *root = json_object(), *arr = json_array();
    json_object_set_new(root, "screen", json_string(screen));
    json_object_set_new(root, "language", json_string(ui->lang ? ui->lang : ""));
    json_object_set_new(root, "rtl", json_boolean(ui->rtl));
    json_object_set_new(root, "size", json_pack("[ii]", ui->w, ui->h));
    json_object_set_new(root, "px_per_mm", json_real(ui->px_per_mm));
    for (int i = 0; i < ui->n; i++) {
        const UiWidget *w = &ui->w_list[i];
        json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:[iiii], s:b, s:b, s:b, s:i}", "id", w->id,
                              "role", ui_role_name(w->role), "text", w->text, "sub", w->sub,
                              "rect", w->rect.x, w->rect.y, w->rect.w, w->rect.h, "enabled",
                              w->enabled, "checked", w->checked, "fits", w->fits, "font_px",
                              w->font_px);
        if (o)
            json_array_append_new(arr, o);
    }
    json_object_set_new(root, "widgets", arr);
    int rc = json_dump_file(root, path, JSON_INDENT(1));
    json_decref(root);
    if (rc != 0) {
        LOG_E("ui", "cannot write dump %s", path);
        return K_ERR_IO;
    }
    return K_OK;
}
