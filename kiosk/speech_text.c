/* speech_text.c — what a screen says, from its own widget list, and the
 * names of the hub's recordings. */
#include "kiosk/speech.h"
#include "kiosk/theme.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* The three groups a screen is read in: its question, what it tells, what
 * the visitor can choose. */
enum { GROUP_HEADING = 0, GROUP_TEXT, GROUP_CHOICE, GROUP_NONE };

static int group_of(const UiWidget *w)
{
    if (!strncmp(w->id, "nav.", 4))
        return GROUP_NONE;   /* Back, Language, Quick exit, Listen: the same on every screen */
    if (w->lang && !strcmp(w->lang, THEME_ICON_LANG))
        return GROUP_NONE;   /* a picture drawn from the icon font: no words */
    switch (w->role) {
    case ROLE_HEADING: return GROUP_HEADING;
    case ROLE_TEXT:
    case ROLE_VALUE: return GROUP_TEXT;
    case ROLE_BUTTON:
    case ROLE_FIELD: return GROUP_CHOICE;
    default: return GROUP_NONE;   /* keys, panels, QR codes, progress */
    }
}

typedef struct {
    const char *text;
    const char *found_ctx, *found_id;
} Lookup;

static void match_entry(void *ud, const char *ctx, const char *msgid, const char *plural,
                        const char *const *msgstr, int nforms, bool fuzzy)
{
    Lookup *l = ud;
    (void)plural;
    if (l->found_id || fuzzy)
        return;
    const char *shown = nforms > 0 && msgstr[0] && msgstr[0][0] ? msgstr[0] : msgid;
    if (!strcmp(shown, l->text)) {
        l->found_ctx = ctx;
        l->found_id = msgid;
    }
}

void speech_recording_name(const char *ctx, const char *msgid, char out[17])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    if (ctx) {
        crypto_hash_sha256_update(&st, (const unsigned char *)ctx, strlen(ctx));
        crypto_hash_sha256_update(&st, (const unsigned char *)"\x04", 1);
    }
    crypto_hash_sha256_update(&st, (const unsigned char *)msgid, strlen(msgid));
    crypto_hash_sha256_final(&st, h);
    for (int i = 0; i < 8; i++)
        snprintf(out + 2 * i, 3, "%02x", h[i]);
}

static void add_part(SpeechText *out, const char *lang, const char *text, bool personal,
                     const I18n *i18n, int lang_idx, bool has_recordings)
{
    if (!text[0] || out->n >= SPEECH_MAX_PARTS)
        return;
    SpeechPart *p = &out->parts[out->n++];
    snprintf(p->lang, sizeof p->lang, "%s", lang);
    snprintf(p->text, sizeof p->text, "%s", text);
    p->personal = personal;
    p->recording[0] = '\0';
    out->personal |= personal;
    if (personal || !has_recordings || !i18n || strcmp(lang, out->lang) != 0)
        return;
    Lookup l = { text, NULL, NULL };
    i18n_each(i18n, lang_idx, match_entry, &l);
    /* the source language's messages have no entries: its words are the
     * msgid */
    speech_recording_name(l.found_id ? l.found_ctx : NULL, l.found_id ? l.found_id : text,
                          p->recording);
}

k_err speech_text_from_ui(const Ui *ui, const char *screen, bool with_personal,
                          const I18n *i18n, int lang_idx, bool has_recordings,
                          SpeechText *out)
{
    out->n = 0;
    out->personal = false;
    snprintf(out->screen, sizeof out->screen, "%s", screen);
    snprintf(out->lang, sizeof out->lang, "%s", ui->lang ? ui->lang : "en-GB");
    for (int g = GROUP_HEADING; g < GROUP_NONE; g++)
        for (int i = 0; i < ui->n; i++) {
            const UiWidget *w = &ui->w_list[i];
            if (group_of(w) != g || (w->personal && !with_personal))
                continue;
            /* a placeholder is a hint ("Tap to type"), spoken as one */
            const char *lang = w->lang ? w->lang : out->lang;
            /* a control drawn as its icon alone says the words it stands for */
            const char *words = w->text[0] ? w->text : w->label;
            add_part(out, lang, words, w->personal, i18n, lang_idx, has_recordings);
            add_part(out, out->lang, w->sub, false, i18n, lang_idx, has_recordings);
        }
    return out->n > 0 ? K_OK : K_ERR_NOT_FOUND;
}
