/* ui_draw.c — drawing the widget list: colours from the theme, boxes,
 * icons (glyphs of the icon font through the text engine), text. */
#include "ui_private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/log.h"
#include "kiosk/qr.h"

static ThemeRgb col(const Ui *ui, ThemeColour c)
{
    return theme_colour(ui->look, c);
}

void ui_colours(const Ui *ui, const UiWidget *w, bool pressed, ThemeRgb *fill, ThemeRgb *ink,
                ThemeRgb *border, bool *filled)
{
    *filled = true;
    *border = col(ui, COL_LINE);
    switch (w->look) {
    case LOOK_PRIMARY:
        *fill = *border = col(ui, COL_PRIMARY);
        *ink = col(ui, COL_ON_PRIMARY);
        break;
    case LOOK_EXIT:
        *fill = col(ui, COL_EXIT);
        *ink = col(ui, COL_ON_EXIT);
        *border = ui->look & THEME_CONTRAST ? col(ui, COL_ON_EXIT) : *fill;
        break;
    case LOOK_SELECTED:
        *fill = col(ui, COL_SELECTED);
        *ink = col(ui, COL_INK);
        *border = col(ui, COL_SELECTED_LINE);
        break;
    case LOOK_NOTICE:
        *fill = *border = col(ui, COL_NOTICE);
        *ink = col(ui, COL_INK);
        if (ui->look & THEME_CONTRAST)
            *border = col(ui, COL_LINE);
        break;
    case LOOK_ERROR:
        *fill = col(ui, COL_ERROR_FILL);
        *ink = col(ui, COL_INK);
        *border = col(ui, COL_ERROR_LINE);
        break;
    case LOOK_KEY:
        *fill = col(ui, COL_SURFACE);
        *ink = col(ui, COL_INK);
        break;
    case LOOK_SECONDARY:
        *fill = col(ui, COL_SURFACE);
        *ink = *border = col(ui, COL_ACCENT);
        break;
    case LOOK_QUIET:
        *fill = col(ui, COL_PAGE);
        *ink = col(ui, COL_INK_QUIET);
        *filled = false;
        break;
    default:
        *fill = col(ui, COL_PAGE);
        *ink = col(ui, COL_INK);
        *filled = ui_has_box(w);
        break;
    }
    if (w->checked && w->look != LOOK_PRIMARY) {
        *fill = col(ui, COL_SELECTED);
        *border = col(ui, COL_SELECTED_LINE);
        *ink = col(ui, COL_INK);
        *filled = true;
    }
    if (w->role == ROLE_FIELD && w->placeholder)
        *ink = col(ui, COL_INK_QUIET);
    if (!w->enabled && (w->role == ROLE_BUTTON || w->role == ROLE_KEY)) {
        *fill = col(ui, COL_OFF_FILL);
        *ink = col(ui, COL_OFF_INK);
        *border = col(ui, COL_OFF_LINE);
    }
    if (pressed) {
        fill->r = (uint8_t)(fill->r * 3 / 4);
        fill->g = (uint8_t)(fill->g * 3 / 4);
        fill->b = (uint8_t)(fill->b * 3 / 4);
        *filled = true;
    }
}

bool ui_widget_colours(const Ui *ui, int idx, ThemeRgb *ink, ThemeRgb *back, bool *boxed)
{
    if (idx < 0 || idx >= ui->n)
        return false;
    const UiWidget *w = &ui->w_list[idx];
    ThemeRgb fill, border;
    bool filled;
    ui_colours(ui, w, false, &fill, ink, &border, &filled);
    *boxed = filled;
    if (filled) {
        *back = fill;
        return true;
    }
    /* text with no box: the topmost box drawn before it under its centre */
    *back = col(ui, COL_PAGE);
    int cx = w->rect.x + w->rect.w / 2, cy = w->rect.y + w->rect.h / 2;
    for (int i = idx - 1; i >= 0; i--) {
        const UiWidget *u = &ui->w_list[i];
        ThemeRgb f, k, b;
        bool fl;
        if (u->role == ROLE_QR || u->role == ROLE_PROGRESS || u->look == LOOK_SHADE)
            continue;
        if (cx < u->rect.x || cx >= u->rect.x + u->rect.w || cy < u->rect.y ||
            cy >= u->rect.y + u->rect.h)
            continue;
        ui_colours(ui, u, false, &f, &k, &b, &fl);
        if (fl) {
            *back = f;
            break;
        }
    }
    return true;
}

static void set_colour(SDL_Renderer *r, ThemeRgb c)
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

static void triangle(SDL_Renderer *r, ThemeRgb c, float x0, float y0, float x1, float y1,
                     float x2, float y2)
{
    SDL_Color sc = { c.r, c.g, c.b, 255 };
    SDL_Vertex v[3] = { { { x0, y0 }, sc, { 0, 0 } }, { { x1, y1 }, sc, { 0, 0 } },
                        { { x2, y2 }, sc, { 0, 0 } } };
    SDL_RenderGeometry(r, NULL, v, 3, NULL, 0);
}

/* The essential icons as shapes, for a kiosk whose icon font is missing
 * (ui_init has logged it): arrows, plus, minus, tick, shift, delete. */
static void draw_shape(SDL_Renderer *r, UiIcon icon, int x, int y, int s, ThemeRgb c, bool rtl)
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
    case GLYPH_SUCCESS:
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
    default:
        break;
    }
}

/* Draws icon in the square at (x, y) of side s: a glyph of the icon font
 * through the text engine (so it is cached like any text), or a shape. */
static void draw_icon(Ui *ui, SDL_Renderer *r, UiIcon icon, int x, int y, int s, ThemeRgb c)
{
    if (!ui->icons_ok || !ui->te) {
        draw_shape(r, icon, x, y, s, c, ui->rtl);
        return;
    }
    char g[5];
    theme_glyph_utf8(icon, ui->rtl, g);
    TextStyle st = { .size_px = s, .colour = { c.r, c.g, c.b, 255 },
                     .align = TEXT_ALIGN_CENTER, .dir = TEXT_DIR_LTR, .lang = THEME_ICON_LANG };
    /* the font's line box is taller than the glyph: centre it in a taller
     * box around the square */
    SDL_Rect box = { x - s / 2, y - s / 2, 2 * s, 2 * s };
    if (text_draw(ui->te, g, &st, &box, true) != K_OK)
        draw_shape(r, icon, x, y, s, c, ui->rtl);
}

static void draw_progress(Ui *ui, SDL_Renderer *r, const UiWidget *w)
{
    /* one dot per step, done ones filled, from the reading start */
    int step = 0, steps = 0;
    if (sscanf(w->text, "%d/%d", &step, &steps) != 2 || steps < 1)
        return;
    int gap = ui->unit / 2, sw = (w->rect.w - (steps - 1) * gap) / steps;
    for (int i = 0; i < steps; i++) {
        int k = ui->rtl ? steps - 1 - i : i;
        SDL_Rect seg = { w->rect.x + k * (sw + gap), w->rect.y, sw, w->rect.h };
        set_colour(r, i < step ? col(ui, COL_ACCENT) : col(ui, COL_OFF_LINE));
        fill_round(r, seg, w->rect.h / 2);
    }
}

/* A text cursor after the field's text: a bar of the text's height at
 * the end of its last line (the field is one line, aligned to the start). */
static void draw_cursor(Ui *ui, SDL_Renderer *r, const UiWidget *w, SDL_Rect box, ThemeRgb c)
{
    TextExtent e = { 0 };
    int tw = 0;
    if (w->text[0] && !w->placeholder) {
        TextStyle st = ui_style_for(ui, w, w->font_px, false);
        if (text_measure(ui->te, w->text, &st, 0, &e) == K_OK)
            tw = e.w < box.w ? e.w : box.w;
    }
    int bar = ui->unit / 4 > 2 ? ui->unit / 4 : 2, ch = w->font_px * 5 / 4;
    int x = ui->rtl ? box.x + box.w - tw - bar - 1 : box.x + tw + 1;
    set_colour(r, c);
    SDL_RenderFillRect(r, &(SDL_Rect){ x, w->rect.y + (w->rect.h - ch) / 2, bar, ch });
}

static void draw_widget(Ui *ui, SDL_Renderer *r, int idx)
{
    UiWidget *w = &ui->w_list[idx];
    ThemeRgb fill, ink, border;
    bool filled;
    ui_colours(ui, w, idx == ui->pressed, &fill, &ink, &border, &filled);
    int rad = w->round ? (w->rect.w < w->rect.h ? w->rect.w : w->rect.h) / 2
              : w->role == ROLE_KEY ? ui->unit / 2 : ui->unit;
    if (w->role == ROLE_PROGRESS) {
        draw_progress(ui, r, w);
        return;
    }
    if (w->look == LOOK_SHADE) {
        ThemeRgb s = col(ui, COL_SHADE);
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(r, s.r, s.g, s.b, 0x99);
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
        bool strong = w->role == ROLE_FIELD || w->look == LOOK_SECONDARY ||
                      w->look == LOOK_SELECTED || w->look == LOOK_ERROR || w->checked;
        int bw = strong ? 2 : 1;
        if (w->checked || (ui->look & THEME_CONTRAST))
            bw = ui->unit / 2 > 3 ? ui->unit / 2 : 3;
        if (w->role == ROLE_FIELD)
            border = w->look == LOOK_ERROR ? col(ui, COL_ERROR_LINE) : col(ui, COL_INK);
        set_colour(r, border);
        fill_round(r, w->rect, rad);
        set_colour(r, fill);
        SDL_Rect in = { w->rect.x + bw, w->rect.y + bw, w->rect.w - 2 * bw, w->rect.h - 2 * bw };
        fill_round(r, in, rad - bw > 0 ? rad - bw : 0);
    }
    int px = ui_pad_x(ui, w), py = ui_pad_y(ui, w), across = ui_icon_across(ui, w),
        above = ui_icon_above(ui, w);
    SDL_Rect box = { w->rect.x + px, w->rect.y + py, w->rect.w - 2 * px - across,
                     w->rect.h - 2 * py };
    ThemeRgb ic = w->icon_colour != COL_PAGE && w->enabled ? col(ui, w->icon_colour) : ink;
    if (w->icon != ICON_NONE) {
        int s = ui_icon_side(ui, w);
        if (above) {
            /* a tile: the icon and the words as one block, centred */
            TextStyle st = ui_style_for(ui, w, w->font_px, false);
            TextExtent e = { 0 };
            text_measure(ui->te, w->text, &st, box.w, &e);
            int top = w->rect.y + (w->rect.h - s - ui->unit / 2 - e.h) / 2;
            draw_icon(ui, r, w->icon, w->rect.x + (w->rect.w - s) / 2, top, s, ic);
            box.y = top + s + ui->unit / 2;
            box.h = e.h;
        } else if (w->text[0]) {
            /* beside the words: back and the rest at the start edge, next
             * at the end edge */
            bool left = (w->icon != ICON_NEXT) != ui->rtl;
            int ix = left ? w->rect.x + px : w->rect.x + w->rect.w - px - s;
            if (left)
                box.x += across;
            draw_icon(ui, r, w->icon, ix, w->rect.y + (w->rect.h - s) / 2, s, ic);
        } else {
            draw_icon(ui, r, w->icon, w->rect.x + (w->rect.w - s) / 2,
                      w->rect.y + (w->rect.h - s) / 2, s, ic);
        }
    }
    if (w->cursor)
        draw_cursor(ui, r, w, box, col(ui, COL_INK));
    if (!w->text[0] && !w->sub[0])
        return;
    SDL_Color c = { ink.r, ink.g, ink.b, 255 };
    TextStyle st = ui_style_for(ui, w, w->font_px, false);
    st.colour = c;
    if (w->sub[0]) {
        TextStyle ss = ui_style_for(ui, w, ui_sub_px(ui, w->font_px), true);
        ss.colour = c;
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
    set_colour(r, col(ui, COL_PAGE));
    SDL_RenderClear(r);
    for (int i = 0; i < ui->n; i++)
        draw_widget(ui, r, i);
}
