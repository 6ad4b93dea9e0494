/* record.c — validation, payload JSON and sealing of the records the
 * kiosk sends (docs/central-api.md, schema 1). */
#include "kiosk/record.h"

#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/log.h"
#include "kiosk/utf8.h"

#define MOD "record"

static const char *const type_names[REC_TYPE_COUNT] = {
    [REC_CHECKIN] = "checkin", [REC_CALLBACK] = "callback",
    [REC_ADVOCATE] = "advocate", [REC_FEEDBACK] = "feedback",
};

static const char *const band_names[BAND_COUNT] = {
    [BAND_PREGNANT] = "pregnant", [BAND_0_1] = "0-1", [BAND_1_4] = "1-4",
    [BAND_5_11] = "5-11", [BAND_12_16] = "12-16", [BAND_17_19] = "17-19",
    [BAND_20_25_SEND] = "20-25-send",
};

static const char *const meeting_names[MEETING_COUNT] = {
    [MEETING_NONE] = "", [MEETING_ICPC] = "icpc", [MEETING_REVIEW] = "review",
    [MEETING_CORE_GROUP] = "core-group", [MEETING_OTHER] = "other",
};

const char *record_type_name(RecordType t)
{
    return (int)t >= 0 && t < REC_TYPE_COUNT ? type_names[t] : "";
}

const char *record_band_name(AgeBand b)
{
    return (int)b >= 0 && b < BAND_COUNT ? band_names[b] : "";
}

const char *record_best_time_name(unsigned bit)
{
    switch (bit) {
    case BEST_MORNING: return "morning";
    case BEST_AFTERNOON: return "afternoon";
    case BEST_EVENING: return "evening";
    }
    return "";
}

const char *record_meeting_name(MeetingType m)
{
    return (int)m >= 0 && m < MEETING_COUNT ? meeting_names[m] : "";
}

bool record_type_sealed(RecordType t)
{
    return t == REC_CHECKIN || t == REC_CALLBACK || t == REC_ADVOCATE;
}

/* ---- field checks ---- */

static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alnum(char c)
{
    return is_digit(c) || is_upper(c) || (c >= 'a' && c <= 'z');
}

/* True when the array field of cap bytes is NUL-terminated within it and is
 * "" (when not required) or clean visitor text of at most max_cp code
 * points. */
static bool text_ok(const char *field, size_t cap, size_t max_cp, bool required)
{
    if (!memchr(field, '\0', cap))
        return false;
    if (field[0] == '\0')
        return !required;
    return utf8_is_clean_text(field, max_cp);
}

#define TEXT_OK(f, max, req) text_ok((f), sizeof(f), (max), (req))

bool record_outward_code_ok(const char *p)
{
    size_t i = 0;
    if (!is_upper(p[i++]))
        return false;
    if (is_upper(p[i]))
        i++;
    if (!is_digit(p[i++]))
        return false;
    if (is_digit(p[i]) || is_upper(p[i]))
        i++;
    return p[i] == '\0';
}

bool record_language_ok(const char *tag)
{
    if (tag[0] == '\0' || strlen(tag) > K_LANG_MAX)
        return false;
    size_t run = 0;
    bool first = true;
    for (const char *p = tag;; p++) {
        if (*p == '-' || *p == '\0') {
            if (run < (first ? 2u : 1u) || run > 8)
                return false;
            if (*p == '\0')
                return true;
            run = 0;
            first = false;
        } else if (is_alnum(*p) && !(first && is_digit(*p))) {
            run++;
        } else {
            return false;
        }
    }
}

bool record_phone_ok(const char *p)
{
    if (p[0] != '+' || p[1] < '1' || p[1] > '9')
        return false;
    size_t n = 1;
    while (is_digit(p[n]))
        n++;
    size_t digits = n - 1;
    return p[n] == '\0' && digits >= 7 && digits <= 15;
}

bool record_date_ok(const char *d)
{
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? d[i] != '-' : !is_digit(d[i]))
            return false;
    if (d[10] != '\0')
        return false;
    int y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
    int m = (d[5] - '0') * 10 + (d[6] - '0');
    int day = (d[8] - '0') * 10 + (d[9] - '0');
    if (y < 1900 || m < 1 || m > 12 || day < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return day <= mdays[m - 1] + (m == 2 && leap);
}

/* An ASCII-shaped field of cap bytes checked by ok(). */
static bool shaped_ok(const char *field, size_t cap, bool (*ok)(const char *), bool required)
{
    if (!memchr(field, '\0', cap))
        return false;
    if (field[0] == '\0')
        return !required;
    return ok(field);
}

#define SHAPED_OK(f, fn, req) shaped_ok((f), sizeof(f), (fn), (req))
/* Returns the field name from the checking function when cond fails. */
#define CHECK(cond, name) do { if (!(cond)) return (name); } while (0)

static const char *checkin_bad(const CheckinRecord *r)
{
    CHECK(r->adults >= 1 && r->adults <= RECORD_MAX_PARTY, "adults");
    for (int b = 0; b < BAND_COUNT; b++)
        CHECK(r->children[b] >= 0 && r->children[b] <= RECORD_MAX_PARTY, "children");
    CHECK(TEXT_OK(r->session_id, K_ID_MAX_CP, true), "session_id");
    CHECK(TEXT_OK(r->session_name, K_NAME_MAX_CP, true), "session_name");
    CHECK(SHAPED_OK(r->language, record_language_ok, true), "language");
    CHECK(TEXT_OK(r->first_name, K_FIRST_NAME_MAX_CP, false), "first_name");
    CHECK(SHAPED_OK(r->postcode_district, record_outward_code_ok, false), "postcode_district");
    CHECK(TEXT_OK(r->consent_version, K_CONSENT_MAX_CP, true), "consent_version");
    return NULL;
}

static const char *callback_bad(const CallbackRecord *r)
{
    CHECK(TEXT_OK(r->first_name, K_FIRST_NAME_MAX_CP, true), "first_name");
    CHECK(SHAPED_OK(r->phone, record_phone_ok, true), "phone");
    CHECK(TEXT_OK(r->need_id, K_ID_MAX_CP, true), "need_id");
    CHECK(r->best_times != 0 && (r->best_times & ~(unsigned)BEST_ALL) == 0, "best_times");
    CHECK(SHAPED_OK(r->language, record_language_ok, true), "language");
    CHECK(TEXT_OK(r->note, K_NOTE_MAX_CP, false), "note");
    CHECK(TEXT_OK(r->consent_version, K_CONSENT_MAX_CP, true), "consent_version");
    return NULL;
}

static const char *advocate_bad(const AdvocateRecord *r)
{
    const char *bad = callback_bad(&r->call);
    if (bad)
        return bad;
    CHECK(SHAPED_OK(r->meeting_date, record_date_ok, false), "meeting_date");
    CHECK((int)r->meeting_type >= 0 && r->meeting_type < MEETING_COUNT, "meeting_type");
    return NULL;
}

static const char *feedback_bad(const FeedbackRecord *r)
{
    CHECK(r->rating >= 1 && r->rating <= 5, "rating");
    CHECK(TEXT_OK(r->comment, K_NOTE_MAX_CP, false), "comment");
    CHECK(SHAPED_OK(r->language, record_language_ok, true), "language");
    CHECK(TEXT_OK(r->session_id, K_ID_MAX_CP, false), "session_id");
    return NULL;
}

k_err record_validate(const Record *r, const char **field)
{
    const char *bad;
    switch (r->type) {
    case REC_CHECKIN: bad = checkin_bad(&r->u.checkin); break;
    case REC_CALLBACK: bad = callback_bad(&r->u.callback); break;
    case REC_ADVOCATE: bad = advocate_bad(&r->u.advocate); break;
    case REC_FEEDBACK: bad = feedback_bad(&r->u.feedback); break;
    default: bad = "type"; break;
    }
    if (field)
        *field = bad;
    return bad ? K_ERR_INVALID : K_OK;
}

/* ---- payloads ---- */

/* Adds key: string to o; records a failure in *bad. */
static void put_str(json_t *o, const char *key, const char *v, int *bad)
{
    *bad |= json_object_set_new(o, key, json_string(v));
}

static void put_opt(json_t *o, const char *key, const char *v, int *bad)
{
    if (v[0])
        put_str(o, key, v, bad);
}

static void put_new(json_t *o, const char *key, json_t *v, int *bad)
{
    *bad |= json_object_set_new(o, key, v);
}

static void checkin_fields(json_t *o, const CheckinRecord *r, int *bad)
{
    json_t *kids = json_array();
    for (int b = 0; kids && b < BAND_COUNT; b++)
        for (int n = 0; n < r->children[b]; n++)
            *bad |= json_array_append_new(kids, json_string(band_names[b]));
    put_str(o, "session_id", r->session_id, bad);
    put_str(o, "session_name", r->session_name, bad);
    put_new(o, "adults", json_integer(r->adults), bad);
    put_new(o, "children", kids, bad);
    put_new(o, "first_visit", json_boolean(r->first_visit), bad);
    put_str(o, "language", r->language, bad);
    put_opt(o, "first_name", r->first_name, bad);
    put_opt(o, "postcode_district", r->postcode_district, bad);
    put_str(o, "consent_version", r->consent_version, bad);
}

static void callback_fields(json_t *o, const CallbackRecord *r, int *bad)
{
    json_t *times = json_array();
    for (unsigned bit = BEST_MORNING; times && bit <= BEST_EVENING; bit <<= 1)
        if (r->best_times & bit)
            *bad |= json_array_append_new(times, json_string(record_best_time_name(bit)));
    put_str(o, "first_name", r->first_name, bad);
    put_str(o, "phone", r->phone, bad);
    put_str(o, "need_id", r->need_id, bad);
    put_new(o, "best_times", times, bad);
    put_str(o, "language", r->language, bad);
    put_new(o, "interpreter", json_boolean(r->interpreter), bad);
    put_new(o, "safe_to_leave_message", json_boolean(r->safe_to_leave_message), bad);
    put_new(o, "safe_to_say_caller", json_boolean(r->safe_to_say_caller), bad);
    put_opt(o, "note", r->note, bad);
    put_str(o, "consent_version", r->consent_version, bad);
}

static void feedback_fields(json_t *o, const FeedbackRecord *r, int *bad)
{
    put_new(o, "rating", json_integer(r->rating), bad);
    put_opt(o, "comment", r->comment, bad);
    put_str(o, "language", r->language, bad);
    put_opt(o, "session_id", r->session_id, bad);
}

k_err record_payload_json(const Record *r, char **out)
{
    *out = NULL;
    if (record_validate(r, NULL) != K_OK)
        return K_ERR_INVALID;
    json_t *o = json_object();
    int bad = o == NULL;
    if (!bad) {
        switch (r->type) {
        case REC_CHECKIN: checkin_fields(o, &r->u.checkin, &bad); break;
        case REC_CALLBACK: callback_fields(o, &r->u.callback, &bad); break;
        case REC_ADVOCATE:
            callback_fields(o, &r->u.advocate.call, &bad);
            put_opt(o, "meeting_date", r->u.advocate.meeting_date, &bad);
            if (r->u.advocate.meeting_type != MEETING_NONE)
                put_str(o, "meeting_type", record_meeting_name(r->u.advocate.meeting_type), &bad);
            break;
        case REC_FEEDBACK: feedback_fields(o, &r->u.feedback, &bad); break;
        default: bad = 1; break;
        }
    }
    if (!bad)
        *out = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return *out ? K_OK : K_ERR_NOMEM;
}

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;
static bool sodium_ready;

static void sodium_start(void)
{
    sodium_ready = sodium_init() >= 0;
    if (!sodium_ready)
        LOG_E(MOD, "libsodium could not start");
}

k_err record_seal(const unsigned char *pk, const char *clear, char **out)
{
    *out = NULL;
    pthread_once(&sodium_once, sodium_start);
    if (!sodium_ready)
        return K_ERR_NOMEM;
    size_t mlen = strlen(clear);
    size_t clen = crypto_box_SEALBYTES + mlen;
    size_t b64len = sodium_base64_ENCODED_LEN(clen, sodium_base64_VARIANT_ORIGINAL);
    unsigned char *c = malloc(clen);
    char *b64 = malloc(b64len);
    k_err e = K_ERR_NOMEM;
    if (!c || !b64)
        goto out_free;
    if (crypto_box_seal(c, (const unsigned char *)clear, mlen, pk) != 0) {
        e = K_ERR_INVALID;
        goto out_free;
    }
    sodium_bin2base64(b64, b64len, c, clen, sodium_base64_VARIANT_ORIGINAL);
    json_t *o = json_pack("{s:s}", "sealed", b64);
    if (o)
        *out = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    if (*out)
        e = K_OK;
out_free:
    free(b64);
    free(c);
    return e;
}

k_err record_payload(const Record *r, const unsigned char *pk, char **out)
{
    char *clear;
    k_err e = record_payload_json(r, &clear);
    if (e != K_OK || !pk || !record_type_sealed(r->type)) {
        *out = clear;
        return e;
    }
    e = record_seal(pk, clear, out);
    record_free_text(clear);
    return e;
}

void record_free_text(char *s)
{
    if (s) {
        sodium_memzero(s, strlen(s));
        free(s);
    }
}

void record_wipe(Record *r)
{
    sodium_memzero(r, sizeof *r);
}
