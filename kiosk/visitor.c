/* visitor.c — the visitor's entries and the declaration of every field
 * they type into (see include/kiosk/visitor.h). */
#include "kiosk/visitor.h"

#include <hb.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/i18n.h"
#include "kiosk/mem_wipe.h"
#include "kiosk/phone.h"
#include "kiosk/utf8.h"

static const char MSG_BAD_TEXT[] = N_("That text can't be used. Please try again.");
static const char MSG_BAD_CHAR[] = N_("That character can't be used. Please try again.");

/* ---- character classes ---------------------------------------------- */

static hb_unicode_general_category_t category(uint32_t cp)
{
    return hb_unicode_general_category(hb_unicode_funcs_get_default(), cp);
}

static bool is_letter(uint32_t cp)
{
    switch (category(cp)) {
    case HB_UNICODE_GENERAL_CATEGORY_UPPERCASE_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_LOWERCASE_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_TITLECASE_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_MODIFIER_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_OTHER_LETTER:
        return true;
    default:
        return false;
    }
}

static bool is_mark(uint32_t cp)
{
    switch (category(cp)) {
    case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
        return true;
    default:
        return false;
    }
}

static bool is_joiner(uint32_t cp)
{
    return cp == 0x200C || cp == 0x200D;   /* ZWNJ, ZWJ: inside Indic and Perso-Arabic names */
}

/* Every kind of space becomes a plain one. */
static uint32_t fold_space(uint32_t cp)
{
    return category(cp) == HB_UNICODE_GENERAL_CATEGORY_SPACE_SEPARATOR ? ' ' : cp;
}

static uint32_t fold_upper_ascii(uint32_t cp)
{
    cp = fold_space(cp);
    return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
}

bool visitor_name_char(uint32_t cp)
{
    if (is_letter(cp) || is_mark(cp) || is_joiner(cp))
        return true;
    return cp == ' ' || cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == '\'' ||
           cp == 0x2019;
}

/* Words to search for: a name's characters and digits. */
static bool search_char(uint32_t cp)
{
    if (visitor_name_char(cp))
        return true;
    hb_unicode_general_category_t c = category(cp);
    return c == HB_UNICODE_GENERAL_CATEGORY_DECIMAL_NUMBER || cp == '&' || cp == '.';
}

static bool postcode_char(uint32_t cp)
{
    return (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == ' ';
}

/* Digits, + and the signs people write between them: (020) 7946-0000. */
static bool phone_char(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || cp == '+' || cp == ' ' || cp == '(' || cp == ')' ||
           cp == '-' || cp == '.';
}

static bool date_char(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || cp == '/';
}

static bool note_char(uint32_t cp)
{
    if (visitor_name_char(cp))
        return true;
    switch (category(cp)) {
    case HB_UNICODE_GENERAL_CATEGORY_DECIMAL_NUMBER:
    case HB_UNICODE_GENERAL_CATEGORY_OTHER_NUMBER:
    case HB_UNICODE_GENERAL_CATEGORY_CONNECT_PUNCTUATION:
    case HB_UNICODE_GENERAL_CATEGORY_DASH_PUNCTUATION:
    case HB_UNICODE_GENERAL_CATEGORY_OPEN_PUNCTUATION:
    case HB_UNICODE_GENERAL_CATEGORY_CLOSE_PUNCTUATION:
    case HB_UNICODE_GENERAL_CATEGORY_INITIAL_PUNCTUATION:
    case HB_UNICODE_GENERAL_CATEGORY_FINAL_PUNCTUATION:
    case HB_UNICODE_GENERAL_CATEGORY_OTHER_PUNCTUATION:
    case HB_UNICODE_GENERAL_CATEGORY_CURRENCY_SYMBOL:
        return true;
    default:
        return false;
    }
}

/* ---- whole-value checks --------------------------------------------- */

/* The code point that ends s[0..end) (end > 0); *start is where it
 * begins. */
static uint32_t prev_cp(const char *s, size_t end, size_t *start)
{
    size_t k = end - 1;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    *start = k;
    return utf8_next(s, end, &k);
}

/* Trims spaces, joiners and hyphens at both ends and runs of spaces
 * inside to one, in place. */
static void tidy(char *buf)
{
    size_t len = strlen(buf), i = 0, o = 0;
    bool space = false, started = false;
    char out[sizeof ((Visitor *)0)->cb_note];
    while (i < len && o + 5 < sizeof out) {
        size_t at = i;
        uint32_t cp = utf8_next(buf, len, &i);
        if (cp == ' ' || (!started && (is_joiner(cp) || cp == '-'))) {
            space = cp == ' ' && started;
            continue;
        }
        if (space)
            out[o++] = ' ';
        space = false;
        started = true;
        memcpy(out + o, buf + at, i - at);
        o += i - at;
    }
    /* joiners and hyphens at the end go too */
    while (o > 0) {
        size_t k;
        uint32_t cp = prev_cp(out, o, &k);
        if (!is_joiner(cp) && cp != '-' && cp != ' ')
            break;
        o = k;
    }
    out[o] = '\0';
    memcpy(buf, out, o + 1);
    sodium_memzero(out, sizeof out);
}

bool visitor_shows_letter(const char *s)
{
    size_t len = strlen(s), i = 0;
    while (i < len)
        if (is_letter(utf8_next(s, len, &i)))
            return true;
    return false;
}

static const char *finish_name(char *buf, size_t cap)
{
    bool typed = buf[0] != '\0';
    tidy(buf);
    if (typed && !visitor_shows_letter(buf)) {
        sodium_memzero(buf, cap);
        return N_("Please type your name with letters, or leave it empty.");
    }
    return NULL;
}

bool visitor_outward_code(const char *p)
{
    size_t n = strlen(p), i = 0;
    if (n < 2 || n > 4)
        return false;
    int letters = 0;
    while (i < n && p[i] >= 'A' && p[i] <= 'Z' && letters < 2) {
        i++;
        letters++;
    }
    if (letters == 0 || i >= n || p[i] < '0' || p[i] > '9')
        return false;
    i++;
    if (i < n && ((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'A' && p[i] <= 'Z')))
        i++;
    return i == n;
}

static bool inward_code(const char *p)
{
    return strlen(p) == 3 && p[0] >= '0' && p[0] <= '9' && p[1] >= 'A' && p[1] <= 'Z' &&
           p[2] >= 'A' && p[2] <= 'Z';
}

/* Keeps the outward code of a full postcode ("SM1 4AB", "SM14AB") or a
 * first half on its own ("SM1"); refuses anything else. */
static const char *finish_postcode(char *buf, size_t cap)
{
    tidy(buf);
    const char *refuse = N_("Please type just the first half, like SM1 or SM5. You can also leave "
                            "it empty.");
    char out[8] = "", in[8] = "";
    const char *sp = strchr(buf, ' ');
    if (!buf[0])
        return NULL;
    if (sp) {
        size_t ol = (size_t)(sp - buf);
        if (ol >= sizeof out || strlen(sp + 1) >= sizeof in || strchr(sp + 1, ' '))
            return refuse;
        memcpy(out, buf, ol);
        out[ol] = '\0';
        snprintf(in, sizeof in, "%s", sp + 1);
        if (!inward_code(in))
            return refuse;
    } else if (!visitor_outward_code(buf)) {
        size_t n = strlen(buf);
        if (n < 5 || n > 7)
            return refuse;
        memcpy(out, buf, n - 3);
        out[n - 3] = '\0';
        snprintf(in, sizeof in, "%s", buf + n - 3);
        if (!inward_code(in))
            return refuse;
    } else {
        snprintf(out, sizeof out, "%s", buf);
    }
    if (!visitor_outward_code(out))
        return refuse;
    sodium_memzero(buf, cap);
    snprintf(buf, cap, "%s", out);
    return NULL;
}

/* The message beside the phone field for each way a number can be wrong
 * (phone.h). */
static const char *phone_message(PhoneVerdict v)
{
    switch (v) {
    case PHONE_OK:
    case PHONE_EMPTY: return NULL;
    case PHONE_NOT_DIGITS: return N_("A phone number has only numbers. Please check it.");
    case PHONE_PLUS_PLACE: return N_("A + can only go at the start, like +44 7700 900123.");
    case PHONE_TOO_SHORT: return N_("This number is too short. Please check it.");
    case PHONE_TOO_LONG: return N_("This number is too long. Please check it.");
    case PHONE_AREA_CODE: return N_("Please add the area code, like 020 7946 0000.");
    case PHONE_COUNTRY: return N_("Please check the country code after the +, like +48.");
    case PHONE_UNAVAILABLE:   /* the plugin is missing: logged for staff (phone.h) */
        return N_("Phone numbers cannot be checked just now. Please ask at the desk.");
    default: return N_("This is not a number that can be called. Please check it.");
    }
}

/* Keeps the number as its country writes it ("07700 900123"); the record
 * takes it as E.164 (phone_check again when it is saved). */
static const char *finish_phone(char *buf, size_t cap)
{
    char e164[17], shown[48];
    PhoneVerdict v = phone_check(buf, e164, sizeof e164, shown, sizeof shown);
    if (v == PHONE_OK && strlen(shown) < cap) {
        sodium_memzero(buf, cap);
        memcpy(buf, shown, strlen(shown) + 1);
    } else if (v == PHONE_EMPTY) {
        buf[0] = '\0';
    }
    sodium_memzero(e164, sizeof e164);
    sodium_memzero(shown, sizeof shown);
    return phone_message(v);
}

static const char *finish_date(char *buf, size_t cap)
{
    (void)cap;
    tidy(buf);
    if (!buf[0])
        return NULL;
    int d, m, y;
    char extra;
    static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (sscanf(buf, "%2d/%2d/%4d%c", &d, &m, &y, &extra) != 3 || y < 2000 || y > 2099 || m < 1 ||
        m > 12 || d < 1 || d > days[m - 1] || (m == 2 && d == 29 && y % 4 != 0))
        return N_("Please type the date like 25/12/2026.");
    return NULL;
}

static const char *finish_note(char *buf, size_t cap)
{
    (void)cap;
    tidy(buf);
    return NULL;
}

/* ---- the declarations ----------------------------------------------- */

#define BUF(member) offsetof(Visitor, member), sizeof(((Visitor *)0)->member)

static const FieldDecl fields[VF_COUNT] = {
    [VF_FIRST_NAME] = { "first-name", BUF(first_name), VISITOR_NAME_CP, fold_space,
                        visitor_name_char, finish_name, NULL, N_("Type your first name"),
                        MSG_BAD_CHAR, N_("That is as long as a name can be here.") },
    [VF_POSTCODE] = { "postcode", BUF(postcode), 8, fold_upper_ascii, postcode_char,
                      finish_postcode, "postcode", N_("Type the first half of your postcode"),
                      N_("Only letters and numbers, like SM1."),
                      N_("That is as long as a postcode can be.") },
    [VF_CB_NAME] = { "callback-name", BUF(cb_name), VISITOR_NAME_CP, fold_space,
                     visitor_name_char, finish_name, NULL, N_("Type your first name"),
                     MSG_BAD_CHAR, N_("That is as long as a name can be here.") },
    [VF_CB_PHONE] = { "callback-phone", BUF(cb_phone), 20, fold_space, phone_char, finish_phone,
                      "digits", N_("Type your phone number"),
                      N_("Only numbers, + and spaces, like 07700 900123."),
                      N_("That is as long as this can be here.") },
    [VF_CB_NOTE] = { "callback-note", BUF(cb_note), VISITOR_NOTE_CP, fold_space, note_char,
                     finish_note, NULL, N_("Type a short note"), MSG_BAD_CHAR,
                     N_("That is as long as this can be here.") },
    [VF_ADV_DATE] = { "advocate-date", BUF(adv_date), 10, NULL, date_char, finish_date, "date",
                      N_("Type the date of the meeting"), MSG_BAD_CHAR,
                      N_("That is as long as this can be here.") },
    [VF_FB_COMMENT] = { "feedback-comment", BUF(fb_comment), VISITOR_NOTE_CP, fold_space,
                        note_char, finish_note, NULL, N_("Type a short comment"), MSG_BAD_CHAR,
                        N_("That is as long as this can be here.") },
    [VF_SEARCH] = { "search", BUF(search), VISITOR_SEARCH_CP, fold_space, search_char,
                    finish_note, NULL, N_("Type a word to search for"), MSG_BAD_CHAR,
                    N_("That is as long as this can be here.") },
};

const FieldDecl *visitor_field(VisitorField f)
{
    return f > VF_NONE && f < VF_COUNT ? &fields[f] : NULL;
}

char *visitor_buf(Visitor *v, VisitorField f)
{
    const FieldDecl *d = visitor_field(f);
    return d ? (char *)v + d->offset : NULL;
}

const char *visitor_value(const Visitor *v, VisitorField f)
{
    const FieldDecl *d = visitor_field(f);
    return d ? (const char *)v + d->offset : "";
}

void visitor_wipe(Visitor *v)
{
    sodium_memzero(v, sizeof *v);
    mem_wipe_stack();
    v->session = -1;
    v->adults = 1;
    v->first_visit = -1;
    v->field = VF_NONE;
    v->message = NULL;
    v->req_kind = -1;
    v->req_interpreter = v->req_voicemail = v->req_say_hub = -1;
    v->done_kind = -1;
}

/* The last code point of s, or 0 when s is empty. */
static uint32_t last_cp(const char *s)
{
    size_t end = strlen(s), k;
    return end == 0 ? 0 : prev_cp(s, end, &k);
}

/* What a mark or joiner at the end of s would sit on: the number of marks
 * and joiners already at the end (*run), and whether a letter or digit comes
 * before them (the character they combine with). */
static bool mark_base(const char *s, int *run)
{
    size_t end = strlen(s);
    *run = 0;
    while (end > 0) {
        size_t k;
        uint32_t cp = prev_cp(s, end, &k);
        if (!is_mark(cp) && !is_joiner(cp)) {
            hb_unicode_general_category_t c = category(cp);
            return is_letter(cp) || c == HB_UNICODE_GENERAL_CATEGORY_DECIMAL_NUMBER ||
                   c == HB_UNICODE_GENERAL_CATEGORY_OTHER_NUMBER;
        }
        (*run)++;
        end = k;
    }
    return false;
}

/* A mark or joiner is taken only on a letter or digit, not on a character
 * that was left out (an emoji's joiners and variation selectors, a skin
 * tone's), and at most VISITOR_MARKS_MAX on one letter: marks stacked a
 * hundred deep draw over the controls around the field. */
static bool mark_fits(const char *next, uint32_t cp, bool after_refused)
{
    if (!is_mark(cp) && !is_joiner(cp))
        return true;
    if (after_refused)
        return false;
    int run = 0;
    if (!mark_base(next, &run) || run >= VISITOR_MARKS_MAX)
        return false;
    return !(is_joiner(cp) && run > 0 && is_joiner(last_cp(next)));
}

const char *visitor_type(Visitor *v, VisitorField f, const char *text)
{
    const FieldDecl *d = visitor_field(f);
    if (!d)
        return NULL;
    if (!utf8_valid(text, strlen(text)))
        return MSG_BAD_TEXT;
    char *buf = (char *)v + d->offset;
    char next[sizeof v->cb_note];
    snprintf(next, sizeof next, "%s", buf);
    const char *msg = NULL;
    size_t i = 0, len = strlen(text);
    bool refused = false;
    while (i < len) {
        uint32_t cp = utf8_next(text, len, &i);
        if (d->fold)
            cp = d->fold(cp);
        char one[8] = "";
        utf8_append(one, sizeof one, cp);
        if (!d->accepts(cp) || !utf8_is_clean_text(one, 1) || !mark_fits(next, cp, refused)) {
            msg = d->msg_refused;
            refused = true;
            continue;
        }
        refused = false;
        if (utf8_count(next) + 1 > d->max_cp || !utf8_append(next, d->cap, cp)) {
            msg = d->msg_full;
            break;
        }
    }
    memcpy(buf, next, d->cap);
    sodium_memzero(next, sizeof next);
    return msg;
}

void visitor_backspace(Visitor *v, VisitorField f)
{
    char *buf = visitor_buf(v, f);
    if (buf)
        utf8_pop(buf);
}

const char *visitor_finish(Visitor *v, VisitorField f)
{
    const FieldDecl *d = visitor_field(f);
    if (!d || !d->finish)
        return NULL;
    return d->finish((char *)v + d->offset, d->cap);
}
