/* i18n.c — the set of languages read from gettext .po files, and message
 * lookup. The other parts of the module are listed in i18n_private.h.
 *
 * The .po files are parsed here rather than by the C library's gettext,
 * which needs system locales that a kiosk image may not have. */
#include "i18n_private.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kiosk/log.h"

#define MOD "i18n"

/* ---- languages --------------------------------------------------------- */

void i18n_entry_free(Entry *e)
{
    free(e->ctx);
    free(e->msgid);
    free(e->plural);
    for (int k = 0; k < e->nforms; k++)
        free(e->msgstr[k]);
}

void i18n_lang_free(Lang *l)
{
    for (size_t k = 0; k < l->n; k++)
        i18n_entry_free(&l->entries[k]);
    free(l->entries);
    free(l->sorted);
    free(l->path);
    memset(l, 0, sizeof *l);
}

static int key_cmp(const char *ctx1, const char *id1, const char *ctx2, const char *id2)
{
    if (!ctx1 != !ctx2)
        return ctx1 ? 1 : -1;
    if (ctx1) {
        int c = strcmp(ctx1, ctx2);
        if (c)
            return c;
    }
    return strcmp(id1, id2);
}

int i18n_entry_order(const void *a, const void *b)
{
    const Entry *x = *(Entry *const *)a, *y = *(Entry *const *)b;
    return key_cmp(x->ctx, x->msgid, y->ctx, y->msgid);
}

static const Entry *find_entry(const Lang *l, const char *ctx, const char *msgid)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const Entry *e = l->sorted[mid];
        int c = key_cmp(ctx, msgid, e->ctx, e->msgid);
        if (c == 0)
            return e;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* ---- the set of languages ---------------------------------------------- */

static int find_exact(const I18n *i, const char *tag)
{
    for (int k = 0; k < i->count; k++)
        if (strcasecmp(i->langs[k].info.tag, tag) == 0)
            return k;
    return -1;
}

static int lang_cmp(const void *a, const void *b)
{
    const Lang *x = a, *y = b;
    return strcmp(x->info.tag, y->info.tag);
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the *.po files in dir, sorted; NULL on failure. */
static char **list_po(const char *dir, int *count, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        if (err && errlen)
            snprintf(err, errlen, "%s: cannot open (%s)", dir, strerror(errno));
        return NULL;
    }
    char **names = NULL;
    int n = 0, cap = 0;
    bool ok = true;
    struct dirent *de;
    while (ok && (de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] == '.' || len <= 3 || strcmp(de->d_name + len - 3, ".po") != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **nn = realloc(names, (size_t)cap * sizeof *nn);
            ok = nn != NULL;
            if (ok)
                names = nn;
        }
        if (ok)
            ok = (names[n] = strdup(de->d_name)) != NULL;
        if (ok)
            n++;
    }
    closedir(d);
    if (!ok) {
        for (int k = 0; k < n; k++)
            free(names[k]);
        free(names);
        if (err && errlen)
            snprintf(err, errlen, "%s: out of memory", dir);
        return NULL;
    }
    if (n == 0) {
        if (err && errlen)
            snprintf(err, errlen, "%s: no .po files", dir);
        free(names);
        return NULL;
    }
    qsort(names, (size_t)n, sizeof *names, name_cmp);
    *count = n;
    return names;
}

/* Loads every *.po in dir: all of each file, or with lazy only its header
 * (the file's path is kept for reading its entries on first use). */
static I18n *open_dir(const char *dir, const char *source_tag, bool lazy, char *err,
                      size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    int nfiles = 0;
    char **names = list_po(dir, &nfiles, err, errlen);
    if (!names) {
        LOG_E(MOD, "%s", err && errlen ? err : "cannot list languages");
        return NULL;
    }
    I18n *i = calloc(1, sizeof *i);
    if (i)
        i->langs = calloc((size_t)nfiles, sizeof *i->langs);
    k_err rc = i && i->langs ? K_OK : K_ERR_NOMEM;
    if (rc != K_OK && err && errlen)
        snprintf(err, errlen, "%s: out of memory", dir);
    for (int k = 0; rc == K_OK && k < nfiles; k++) {
        size_t len = strlen(names[k]);
        char *path = malloc(strlen(dir) + len + 2);
        if (!path) {
            rc = K_ERR_NOMEM;
            if (err && errlen)
                snprintf(err, errlen, "%s: out of memory", dir);
            break;
        }
        sprintf(path, "%s/%s", dir, names[k]);
        names[k][len - 3] = '\0';
        if (lazy) {
            rc = i18n_po_load_header(path, names[k], &i->langs[k], err, errlen);
            if (rc == K_OK)
                i->langs[k].path = path;
            else
                free(path);
        } else {
            rc = i18n_po_load(path, names[k], &i->langs[k], err, errlen);
            free(path);
        }
        if (rc == K_OK)
            i->count++;
    }
    for (int k = 0; k < nfiles; k++)
        free(names[k]);
    free(names);
    if (rc == K_OK && source_tag && find_exact(i, source_tag) < 0) {
        rc = K_ERR_NOT_FOUND;
        if (err && errlen)
            snprintf(err, errlen, "%s/%s.po: missing (the source language)", dir, source_tag);
    }
    if (rc != K_OK) {
        LOG_E(MOD, "%s", err && errlen ? err : k_strerror(rc));
        i18n_close(i);
        return NULL;
    }
    qsort(i->langs, (size_t)i->count, sizeof *i->langs, lang_cmp);
    int src = source_tag ? find_exact(i, source_tag) : -1;
    if (src > 0) {               /* the source language first */
        Lang first = i->langs[src];
        memmove(&i->langs[1], &i->langs[0], (size_t)src * sizeof *i->langs);
        i->langs[0] = first;
    }
    LOG_I(MOD, "%d languages from %s", i->count, dir);
    return i;
}

I18n *i18n_open(const char *dir, const char *source_tag, char *err, size_t errlen)
{
    return open_dir(dir, source_tag, false, err, errlen);
}

I18n *i18n_open_lazy(const char *dir, const char *source_tag, char *err, size_t errlen)
{
    return open_dir(dir, source_tag, true, err, errlen);
}

/* Reads the entries of l if they are still unread. On failure l keeps its
 * header and no entries (its messages are shown in English). */
static k_err read_entries(Lang *l, char *err, size_t errlen)
{
    if (!l->path)
        return K_OK;
    Lang full = { 0 };
    k_err rc = i18n_po_load(l->path, l->info.tag, &full, err, errlen);
    free(l->path);
    l->path = NULL;
    if (rc != K_OK)
        return rc;
    i18n_lang_free(l);
    *l = full;
    return K_OK;
}

k_err i18n_load_all(I18n *i, char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    k_err first = K_OK;
    for (int k = 0; i && k < i->count; k++) {
        char e[512];
        k_err rc = read_entries(&i->langs[k], e, sizeof e);
        if (rc != K_OK && first == K_OK) {
            first = rc;
            if (err && errlen)
                snprintf(err, errlen, "%s", e);
        }
    }
    return first;
}

void i18n_close(I18n *i)
{
    if (!i)
        return;
    for (int k = 0; k < i->count; k++)
        i18n_lang_free(&i->langs[k]);
    free(i->langs);
    free(i);
}

int i18n_count(const I18n *i)
{
    return i ? i->count : 0;
}

static const Lang *get_lang(const I18n *i, int idx)
{
    return i && idx >= 0 && idx < i->count ? &i->langs[idx] : NULL;
}

/* Language idx with its entries read (on the first use of a language
 * opened lazily); a file that has become unreadable or malformed since
 * i18n_open_lazy is logged once and its messages are shown in English. */
static const Lang *get_entries(const I18n *i, int idx)
{
    if (!get_lang(i, idx))
        return NULL;
    Lang *l = &i->langs[idx];
    if (l->path) {
        char err[512];
        if (read_entries(l, err, sizeof err) != K_OK)
            LOG_E(MOD, "%s (shown in English)", err);
    }
    return l;
}

const LangInfo *i18n_lang(const I18n *i, int idx)
{
    const Lang *l = get_lang(i, idx);
    return l ? &l->info : NULL;
}

static size_t primary_len(const char *tag)
{
    return strcspn(tag, "-_");
}

int i18n_find(const I18n *i, const char *tag)
{
    if (!i || !tag)
        return -1;
    int exact = find_exact(i, tag);
    if (exact >= 0)
        return exact;
    size_t pl = primary_len(tag);
    for (int k = 0; k < i->count; k++) {
        const char *t = i->langs[k].info.tag;
        if (pl > 0 && primary_len(t) == pl && strncasecmp(t, tag, pl) == 0)
            return k;
    }
    return -1;
}

const char *i18n_get(const I18n *i, int lang, const char *ctx, const char *msgid)
{
    if (!msgid)
        return "";
    const Lang *l = get_entries(i, lang);
    const Entry *e = l ? find_entry(l, ctx, msgid) : NULL;
    return e && e->usable ? e->msgstr[0] : msgid;
}

const char *i18n_nget(const I18n *i, int lang, const char *ctx, const char *msgid,
                      const char *plural, unsigned long n)
{
    const char *english = n == 1 ? msgid : plural;
    const Lang *l = get_entries(i, lang);
    const Entry *e = l && msgid ? find_entry(l, ctx, msgid) : NULL;
    if (e && e->usable && e->plural) {
        int f = i18n_plural_form(&l->plural, n);
        if (f >= 0 && f < e->nforms)
            return e->msgstr[f];
    }
    return english ? english : "";
}

int i18n_nplurals(const I18n *i, int lang)
{
    const Lang *l = get_lang(i, lang);
    return l ? l->nplurals : 0;
}

void i18n_each(const I18n *i, int lang, I18nEntryFn fn, void *ud)
{
    const Lang *l = get_entries(i, lang);
    if (!l || !fn)
        return;
    for (size_t k = 0; k < l->n; k++) {
        const Entry *e = &l->entries[k];
        fn(ud, e->ctx, e->msgid, e->plural, (const char *const *)e->msgstr, e->nforms, e->fuzzy);
    }
}
