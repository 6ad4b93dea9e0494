/* language.c — the list of languages, each in its own words. Choosing one
 * returns to the screen it was opened from, keeping what was entered. */
#include "layout.h"

#include <stdio.h>
#include <string.h>

/* The languages' names as the translators see them (context "language"),
 * so each list shows every language's name in the screen's own language
 * under its own words. A language added later with no name here shows its
 * English name. */
static const char *const names[] = {
    NC_("language", "English"),   NC_("language", "Tamil"),    NC_("language", "Polish"),
    NC_("language", "Urdu"),      NC_("language", "Bulgarian"), NC_("language", "Romanian"),
    NC_("language", "Ukrainian"),
};

static const char *name_here(App *a, const LangInfo *li)
{
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(names[i], li->english_name))
            return C_("language", names[i]);
    return li->english_name;
}

/* The list in cols columns from y, each language's name in the screen's
 * language under its own when sub is true. */
static void language_list(App *a, int y, int cols, bool sub)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int n = i18n_count(a->i18n), rows = (n + cols - 1) / cols;
    int gw = (ui->w - U * (cols + 1)) / cols;
    int gh = (ui->h - y - U * rows) / rows;
    if (gh > T * 5 / 2)
        gh = T * 5 / 2;
    for (int i = 0; i < n; i++) {
        const LangInfo *li = i18n_lang(a->i18n, i);
        UiWidget w = ui_proto("", ROLE_BUTTON);
        snprintf(w.id, sizeof w.id, "lang.%s", li->tag);
        w.look = LOOK_SECONDARY;
        w.checked = i == a->lang;
        ui_copy_text(w.text, sizeof w.text, li->native_name);
        /* the name in the screen's language under the language's own
         * name, unless they are the same words */
        const char *here = name_here(a, li);
        if (sub && i != a->lang && strcmp(li->native_name, here))
            ui_copy_text(w.sub, sizeof w.sub, here);
        w.icon = i == a->lang ? GLYPH_RADIO_ON : GLYPH_RADIO_OFF;
        w.rect = R(U + (i % cols) * (gw + U), y + (i / cols) * (gh + U), gw, gh);
        w.lang = li->tag;
        ui_add(ui, &w);
    }
}

void language_build(App *a)
{
    Ui *ui = &a->ui;
    int y = lay_top_bar(a, true);
    y = lay_heading(a, "language.title", _("Choose your language"), y);
    /* more columns, then the names in their own words only, until every
     * name fits (larger text, a small screen) */
    static const struct { int cols; bool sub; } landscape[] = {
        { 2, true }, { 3, true }, { 2, false }, { 3, false }, { 4, false },
    }, tall[] = { { 1, true }, { 2, true }, { 1, false }, { 2, false } };
    bool p = portrait(a);
    size_t ntry = p ? sizeof tall / sizeof tall[0] : sizeof landscape / sizeof landscape[0];
    for (size_t k = 0; k < ntry; k++) {
        int mark = ui->n, cols = p ? tall[k].cols : landscape[k].cols;
        language_list(a, y, cols, p ? tall[k].sub : landscape[k].sub);
        if (k + 1 == ntry || lay_fits_since(ui, mark, ui->h))
            break;
        ui->n = mark;
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
