/* ui_private.h — what ui.c (the widget list) and ui_draw.c (drawing) share.
 * Private to kiosk/ui*.c and the tests. */
#ifndef KIOSK_UI_PRIVATE_H
#define KIOSK_UI_PRIVATE_H

#include "kiosk/ui.h"

/* The widget draws a box (a button, key, field, panel, notice, error). */
bool ui_has_box(const UiWidget *w);

/* Room between the box's edge and its text, across and down. */
int ui_pad_x(const Ui *ui, const UiWidget *w);
int ui_pad_y(const Ui *ui, const UiWidget *w);

/* The side of w's icon in pixels (0 without an icon). */
int ui_icon_side(const Ui *ui, const UiWidget *w);

/* Width the icon takes beside the text, and height above it (a tile). */
int ui_icon_across(const Ui *ui, const UiWidget *w);
int ui_icon_above(const Ui *ui, const UiWidget *w);

/* The size of w's second line when its first is at px: three quarters,
 * never under the floor of secondary text. */
int ui_sub_px(const Ui *ui, int px);

/* The text style of w at px (sub: its second line). */
TextStyle ui_style_for(const Ui *ui, const UiWidget *w, int px, bool sub);

/* Fill, ink and border of w in the current look (pressed darkens the
 * fill); filled is false for text with no box of its own. */
void ui_colours(const Ui *ui, const UiWidget *w, bool pressed, ThemeRgb *fill, ThemeRgb *ink,
                ThemeRgb *border, bool *filled);

#endif
