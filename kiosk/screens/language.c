/* language.c — the list of languages, each in its own words. Choosing one
 * returns to the screen it was opened from, keeping what was entered. */
#include "layout.h"

#include <stdio.h>
#include <string.h>

void language_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int y = lay_top_bar(a, true);
    y = lay_heading(a, "language.title", _("Choose your language"), y);
    int n = i18n_count(a->i18n);
    int cols = portrait(a) ? 1 : 2, rows = (n + cols - 1) / cols;
    int gw = (ui->w - U * (cols + 1)) / cols;
    int gh = (ui->h - y - U * rows) / rows;
    if (gh > T * 2)
        gh = T * 2;
    for (int i = 0; i < n; i++) {
        const LangInfo *li = i18n_lang(a->i18n, i);
        UiWidget w = ui_proto("", ROLE_BUTTON);
        snprintf(w.id, sizeof w.id, "lang.%s", li->tag);
        w.look = LOOK_SECONDARY;
        w.checked = i == a->lang;
        ui_copy_text(w.text, sizeof w.text, li->native_name);
        if (strcmp(li->native_name, li->english_name))
            ui_copy_text(w.sub, sizeof w.sub, li->english_name);
        w.rect = R(U + (i % cols) * (gw + U), y + (i / cols) * (gh + U), gw, gh);
        w.lang = li->tag;
        ui_add(ui, &w);
    }
}

bool language_tap(App *a, const char *id)
{
    if (strncmp(id, "lang.", 5) != 0)
        return false;
    app_set_language(a, id + 5);
    app_go(a, a->back_to == SCR_LANGUAGE ? SCR_HOME : a->back_to);
    return true;
}
