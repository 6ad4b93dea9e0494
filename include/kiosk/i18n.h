/* i18n.h — the kiosk's languages, read from gettext .po files at start-up.
 *
 * Every file locales/<tag>.po is one language; nothing about a language is
 * in the code. Its header carries, besides the usual gettext fields:
 *     Language: ta
 *     Plural-Forms: nplurals=2; plural=(n != 1);
 *     X-Kiosk-Native-Name: தமிழ்
 *     X-Kiosk-English-Name: Tamil
 *     X-Kiosk-Direction: ltr | rtl
 *     X-Kiosk-Keyboard: ta            (layout in assets/keyboards/<name>.kbd)
 *     X-Kiosk-Digits: western | native
 *     X-Kiosk-Native-Digits: ௦௧௨௩௪௫௬௭௮௯   (needed only for native)
 * The source language (English, en-GB.po) has a header and no translations:
 * its strings are the msgids. Entries marked fuzzy or with an empty msgstr
 * are ignored (the English is shown) — tests refuse such files.
 *
 * Placeholders in messages are named, in braces — "{count} children" — so
 * a translator may move them; i18n_format fills them in. */
#ifndef KIOSK_I18N_H
#define KIOSK_I18N_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "kiosk/error.h"

/* Marks strings for xgettext (make pot). The lookup is done by the caller
 * with the current language: tr(app, "Check in"). */
#define N_(s) (s)
#define NC_(ctx, s) (s)

/* Messages looked up through variables (dates, the greeting), listed for
 * xgettext; NULL-terminated. Defined in words.c. */
extern const char *const kiosk_indirect_words[];

typedef struct I18n I18n;

typedef struct {
    char tag[16];            /* BCP 47, e.g. "en-GB", "ta", "ur" */
    char native_name[64];    /* the language named in its own script */
    char english_name[64];
    bool rtl;
    char keyboard[16];       /* keyboard layout name */
    bool native_digits;
    char digits[10][5];      /* UTF-8 of digits 0..9 to show */
} LangInfo;

/* Loads every *.po in dir; a language's tag is its file name without
 * ".po". Returns NULL on failure with one line naming the file and line and
 * the problem in err (errlen bytes): an unreadable file, malformed syntax,
 * invalid UTF-8, a missing or unparsable Plural-Forms (or one giving a form
 * >= nplurals), a missing X-Kiosk-Native-Name, a Language field that differs
 * from the file name, a plural entry whose msgstr[] count is not nplurals, a
 * duplicate message, or no source_tag.po in dir (when source_tag is not
 * NULL). Problems in header fields are reported at the header's first line.
 * Languages are ordered: source_tag first, then by tag. X-Kiosk-English-Name
 * defaults to the native name, X-Kiosk-Keyboard to "", X-Kiosk-Direction to
 * ltr and X-Kiosk-Digits to western. */
I18n *i18n_open(const char *dir, const char *source_tag, char *err, size_t errlen);

/* As i18n_open, but reads only each file's header now (what the language
 * list, directions, digits and plural rules need) and a language's
 * entries on its first lookup. It fails as i18n_open does on a problem in
 * a header or before it ends, and not on one in a file's entries: a file
 * whose entries cannot be read at first use is logged and its messages are
 * shown in English. i18n_load_all reads them all now. */
I18n *i18n_open_lazy(const char *dir, const char *source_tag, char *err, size_t errlen);

/* Reads the entries of every language not read yet. Returns the first
 * failure, with the same line in err (errlen bytes) as i18n_open gives for
 * it; the languages that failed keep their headers and show English. i may
 * be NULL (K_OK). */
k_err i18n_load_all(I18n *i, char *err, size_t errlen);

/* Frees everything i18n_open made; i may be NULL. Never fails. */
void i18n_close(I18n *i);

/* Number of languages loaded; 0 for NULL. */
int i18n_count(const I18n *i);

/* Language idx (0 <= idx < count); NULL when out of range. */
const LangInfo *i18n_lang(const I18n *i, int idx);

/* Index of the language with this tag (exact, then by primary subtag:
 * "en" finds "en-GB"), or -1. */
int i18n_find(const I18n *i, const char *tag);

/* The translation of msgid (in context ctx, which may be NULL) in language
 * lang; msgid itself when there is none. Never NULL. */
const char *i18n_get(const I18n *i, int lang, const char *ctx, const char *msgid);

/* The plural form for n of (msgid, plural) in language lang, chosen by the
 * file's Plural-Forms expression; English rules when untranslated. */
const char *i18n_nget(const I18n *i, int lang, const char *ctx, const char *msgid,
                      const char *plural, unsigned long n);

/* Evaluates a Plural-Forms expression (C syntax over n: ?: || && == != < >
 * <= >= + - * / % ! and parentheses). Returns the form index, or -1 for a
 * malformed expression. Exposed for tests. */
int i18n_plural_eval(const char *expr, unsigned long n);

/* Fills {name} placeholders of tmpl from the pairs keys[k] -> vals[k]
 * (n pairs) into out (cap bytes). An unknown placeholder is copied as is.
 * Returns K_ERR_TOO_LONG (out truncated at a code point boundary) when it
 * does not fit. */
k_err i18n_format(char *out, size_t cap, const char *tmpl,
                  const char *const *keys, const char *const *vals, int n);

/* Writes a count into its message: the plural form of (msgid, plural) for
 * n, chosen as i18n_nget does, with {count} filled by n written as
 * i18n_number writes it; other placeholders are copied as they are. With i
 * NULL or lang out of range it uses the English rule (msgid for 1, plural
 * otherwise) and ASCII digits: that is how English-only staff text counts,
 * e.g. i18n_format_count(NULL, 0, NULL, "Try again in {count} second.",
 * "Try again in {count} seconds.", 1, out, cap). A negative n takes the
 * form of its magnitude. Returns K_ERR_TOO_LONG (out cut at a code point
 * boundary) when the result does not fit in cap bytes. */
k_err i18n_format_count(const I18n *i, int lang, const char *ctx, const char *msgid,
                        const char *plural, long n, char *out, size_t cap);

/* Writes the decimal n with the language's digits (ASCII digits for an
 * unknown lang). out is "" when the number does not fit in cap bytes. */
void i18n_number(const I18n *i, int lang, long n, char *out, size_t cap);

/* Writes a local time "09:30" (24-hour, the language's digits) for the
 * minutes since midnight (taken modulo a day). out is "" when it does not
 * fit. */
void i18n_time_of_day(const I18n *i, int lang, int minutes, char *out, size_t cap);

/* Writes the date of tm (local) as the language writes it, e.g.
 * "Monday 23 November", "poniedziałek, 23 listopada", from the translated
 * pattern (context "date", msgid "{weekday} {day} {month}") and the
 * translated weekday (context "weekday") and month (context
 * "month-in-date") names; each falls back to English on its own. out is
 * "" when tm's weekday or month is out of range, and cut at a code point
 * boundary when it does not fit. */
void i18n_date(const I18n *i, int lang, const struct tm *tm, char *out, size_t cap);

/* Names of placeholders used in a message, for tests: writes up to max
 * distinct names (each at most 31 bytes of [A-Za-z0-9_]; "{ x }" is not a
 * placeholder) into names in order of first use, returns the count written. */
int i18n_placeholders(const char *msg, char names[][32], int max);

/* For tests: calls fn for every message of language lang (translated or
 * not; not the header, not obsolete #~ entries), in file order, with its
 * context (or NULL), msgid, plural msgid (or NULL), the msgstr forms and
 * whether it is marked fuzzy. Does nothing when lang is out of range. */
typedef void (*I18nEntryFn)(void *ud, const char *ctx, const char *msgid,
                            const char *plural, const char *const *msgstr,
                            int nforms, bool fuzzy);
void i18n_each(const I18n *i, int lang, I18nEntryFn fn, void *ud);

/* nplurals of language lang; 0 when lang is out of range. */
int i18n_nplurals(const I18n *i, int lang);

#endif
