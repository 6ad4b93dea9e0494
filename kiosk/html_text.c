/* html_text.c — plain text from a feed's HTML descriptions, with libxml2's
 * HTML parser doing the reading (tags, entities, broken markup) and this
 * file deciding where paragraphs end and which characters are kept.
 *
 * libxml2 is not linked: it is opened with dlopen on the first text that
 * holds markup (an import, or a service's page) and the five functions used
 * are looked up then, so a kiosk's start does not map it. The libxml2
 * headers are included for the tree's types only. */
#include "kiosk/html_text.h"

#include <dlfcn.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kiosk/log.h"
#include "kiosk/strbuf.h"
#include "kiosk/utf8.h"

#define MOD "html"
#define LIBXML2_FILE "libxml2.so.2"

/* The libxml2 functions this file calls, looked up once. */
static struct {
    void (*InitParser)(void);
    htmlDocPtr (*ReadMemory)(const char *buf, int size, const char *url, const char *encoding,
                             int options);
    void (*ResetLastError)(void);
    xmlNodePtr (*DocGetRootElement)(const xmlDoc *doc);
    void (*FreeDoc)(xmlDocPtr doc);
} xml;

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static bool xml_ready;

/* Opens libxml2 (KIOSK_LIBXML2 names another file, for tests) and looks
 * up its functions; on failure logs why, once. */
static void open_libxml2(void)
{
    const char *file = getenv("KIOSK_LIBXML2");
    if (!file || !*file)
        file = LIBXML2_FILE;
    void *h = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        LOG_E(MOD, "libxml2 could not be loaded: %.200s; text with HTML in it cannot be read",
              why ? why : file);
        return;
    }
    *(void **)&xml.InitParser = dlsym(h, "xmlInitParser");
    *(void **)&xml.ReadMemory = dlsym(h, "htmlReadMemory");
    *(void **)&xml.ResetLastError = dlsym(h, "xmlResetLastError");
    *(void **)&xml.DocGetRootElement = dlsym(h, "xmlDocGetRootElement");
    *(void **)&xml.FreeDoc = dlsym(h, "xmlFreeDoc");
    if (!xml.InitParser || !xml.ReadMemory || !xml.ResetLastError || !xml.DocGetRootElement ||
        !xml.FreeDoc) {
        LOG_E(MOD, "%.200s lacks a function of libxml2's HTML parser; text with HTML in it "
              "cannot be read", file);
        memset(&xml, 0, sizeof xml);
        dlclose(h);
        return;
    }
    xml.InitParser();
    xml_ready = true;   /* the library stays loaded until the process ends */
}

typedef struct {
    StrBuf out;
    bool space, brk; /* a blank or a paragraph end is pending */
    bool oom;
} Writer;

static bool is_blank(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

static bool is_line_end(uint32_t c)
{
    return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* Characters that never reach the screen: controls, direction controls,
 * the byte order mark, noncharacters and what could not be decoded. */
static bool is_dropped(uint32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C ||
           c == 0xFEFF || c == 0xFFFD || (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

static void put(Writer *w, const char *s, size_t n)
{
    if (!w->oom && !strbuf_add(&w->out, s, n))
        w->oom = true;
}

static void paragraph_end(Writer *w)
{
    w->brk = true;
    w->space = false;
}

static void text(Writer *w, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        uint32_t c = utf8_next(s, len, &i);
        if (is_line_end(c)) {
            paragraph_end(w);
            continue;
        }
        if (is_blank(c)) {
            w->space = true;
            continue;
        }
        if (is_dropped(c))
            continue;
        if (w->out.len > 0) {
            if (w->brk)
                put(w, "\n\n", 2);
            else if (w->space)
                put(w, " ", 1);
        }
        w->brk = w->space = false;
        put(w, s + start, i - start);
    }
}

/* Elements that end the paragraph before and after them. */
static bool is_block(const char *name)
{
    static const char *const blocks[] = {
        "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5",
        "h6", "tr", "table", "blockquote", "section", "article", "header", "footer", "pre",
        "hr", "address", "aside", "nav", "figure", "figcaption", "main", "form", "fieldset",
    };
    for (size_t k = 0; k < sizeof blocks / sizeof *blocks; k++)
        if (strcasecmp(name, blocks[k]) == 0)
            return true;
    return false;
}

static bool is_skipped(const char *name)
{
    return strcasecmp(name, "script") == 0 || strcasecmp(name, "style") == 0 ||
           strcasecmp(name, "head") == 0 || strcasecmp(name, "template") == 0;
}

static void walk(Writer *w, const xmlNode *n)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                text(w, (const char *)n->content, strlen((const char *)n->content));
            continue;
        }
        if (n->type != XML_ELEMENT_NODE || !n->name)
            continue;
        const char *name = (const char *)n->name;
        if (is_skipped(name))
            continue;
        bool block = is_block(name);
        if (block)
            paragraph_end(w);
        if (strcasecmp(name, "li") == 0)
            text(w, "\xE2\x80\xA2 ", 4);    /* BULLET */
        walk(w, n->children);
        if (block)
            paragraph_end(w);
    }
}

char *html_text_to_plain(const char *in, size_t len)
{
    if (!in)
        return NULL;
    Writer w = { { NULL, 0, 0 }, false, false, false };
    bool markup = memchr(in, '<', len) || memchr(in, '&', len);
    htmlDocPtr doc = NULL;
    if (markup) {
        pthread_once(&xml_once, open_libxml2);
        if (!xml_ready)
            return NULL;
    }
    if (markup && len <= INT_MAX)
        doc = xml.ReadMemory(in, (int)len, NULL, "UTF-8",
                             HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                             HTML_PARSE_NONET);
    if (markup)
        xml.ResetLastError();    /* the parser keeps its last complaint: let it go */
    if (doc) {
        walk(&w, xml.DocGetRootElement(doc));
        xml.FreeDoc(doc);
    } else {
        text(&w, in, len);
    }
    if (!w.oom)
        put(&w, "", 0);
    if (w.oom || !w.out.p) {
        free(w.out.p);
        return w.oom ? NULL : strdup("");
    }
    return w.out.p;
}
