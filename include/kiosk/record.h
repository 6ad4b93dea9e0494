/* record.h — the records the kiosk sends to the central service
 * (docs/central-api.md, schema 1): one struct per type, the validation of
 * every field, the exact payload JSON, and sealing.
 *
 * Types: checkin (a party checking into a drop-in session), callback (a
 * request for a hub worker to call back), advocate (a request for an
 * independent parental advocate: a callback and a coming meeting) and
 * feedback (a rating of the visit). The payloads of checkin, callback and
 * advocate are sealed to the central service's record key when one is set
 * (libsodium sealed box): {"sealed": "<base64>"}; feedback is never sealed.
 *
 * Every text field is a NUL-terminated array sized from include/kiosk/
 * limits.h; its limit is in characters. "" means "not given" for optional
 * fields. Validation refuses: a field not NUL-terminated within its array,
 * text that is not clean UTF-8 (utf8_is_clean_text: no controls, bidi
 * overrides or non-characters), text over its limit, a required field
 * left empty, numbers out of range and unknown enum values. */
#ifndef KIOSK_RECORD_H
#define KIOSK_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include "kiosk/error.h"
#include "kiosk/limits.h"

#define RECORD_SCHEMA 1
#define RECORD_MAX_PARTY 20   /* adults, and children in each band */

typedef enum {
    REC_CHECKIN = 0, REC_CALLBACK, REC_ADVOCATE, REC_FEEDBACK, REC_TYPE_COUNT
} RecordType;

/* Age bands, in the order the kiosk shows them. */
typedef enum {
    BAND_PREGNANT = 0, BAND_0_1, BAND_1_4, BAND_5_11, BAND_12_16, BAND_17_19,
    BAND_20_25_SEND, BAND_COUNT
} AgeBand;

/* Best times to call (a set: bits may be combined). */
enum {
    BEST_MORNING = 1u << 0, BEST_AFTERNOON = 1u << 1, BEST_EVENING = 1u << 2,
    BEST_ALL = BEST_MORNING | BEST_AFTERNOON | BEST_EVENING
};

typedef enum {
    MEETING_NONE = 0,         /* not given */
    MEETING_ICPC, MEETING_REVIEW, MEETING_CORE_GROUP, MEETING_OTHER,
    MEETING_COUNT
} MeetingType;

typedef struct {
    char session_id[K_ID_BUF];          /* <= K_ID_MAX_CP */
    char session_name[K_NAME_BUF];      /* <= K_NAME_MAX_CP */
    int adults;                         /* 1..RECORD_MAX_PARTY */
    int children[BAND_COUNT];           /* each 0..RECORD_MAX_PARTY */
    bool first_visit;
    char language[K_LANG_BUF];          /* BCP 47 tag the kiosk was shown in */
    char first_name[K_FIRST_NAME_BUF];  /* optional; <= K_FIRST_NAME_MAX_CP */
    char postcode_district[8];          /* optional; outward code, e.g. "SM1" */
    char consent_version[K_CONSENT_BUF];
} CheckinRecord;

typedef struct {
    char first_name[K_FIRST_NAME_BUF];  /* required */
    char phone[K_PHONE_BUF];            /* E.164: +[1-9][0-9]{6,14} */
    char need_id[K_ID_BUF];             /* required; what it is about */
    unsigned best_times;                /* BEST_* bits, at least one */
    char language[K_LANG_BUF];
    bool interpreter;
    bool safe_to_leave_message;
    bool safe_to_say_caller;
    char note[K_NOTE_BUF];              /* optional; <= K_NOTE_MAX_CP */
    char consent_version[K_CONSENT_BUF];
} CallbackRecord;

typedef struct {
    CallbackRecord call;                /* the callback fields */
    char meeting_date[K_DATE_BUF];      /* optional; YYYY-MM-DD, a real date */
    MeetingType meeting_type;           /* optional (MEETING_NONE) */
} AdvocateRecord;

typedef struct {
    int rating;                         /* 1..5 */
    char comment[K_NOTE_BUF];           /* optional; <= K_NOTE_MAX_CP */
    char language[K_LANG_BUF];
    char session_id[K_ID_BUF];          /* optional */
} FeedbackRecord;

/* One record of any type. */
typedef struct {
    RecordType type;
    union {
        CheckinRecord checkin;
        CallbackRecord callback;
        AdvocateRecord advocate;
        FeedbackRecord feedback;
    } u;
} Record;

/* The wire name of a type ("checkin", "callback", "advocate",
 * "feedback"); "" for a value out of range. */
const char *record_type_name(RecordType t);

/* The wire names of age bands ("pregnant", "0-1", ... "20-25-send"),
 * best times ("morning", "afternoon", "evening": pass one bit) and meeting
 * types ("icpc", "review", "core-group", "other"); "" out of range. */
const char *record_band_name(AgeBand b);
const char *record_best_time_name(unsigned bit);
const char *record_meeting_name(MeetingType m);

/* True when the type's payload is sealed when a record key is set. */
bool record_type_sealed(RecordType t);

/* Validates every field of r. K_OK, or K_ERR_INVALID with *field (when
 * field is not NULL) set to the wire name of the first field refused (a
 * static string, e.g. "phone"; "type" for an unknown type). Never logs the
 * value. */
k_err record_validate(const Record *r, const char **field);

/* Field checks, also for the screens that take these values. */
bool record_phone_ok(const char *phone);          /* +[1-9][0-9]{6,14} */
bool record_date_ok(const char *date);            /* YYYY-MM-DD, a real day */
bool record_outward_code_ok(const char *code);    /* A9 A99 A9A AA9 AA99 AA9A */
bool record_language_ok(const char *tag);         /* BCP 47 shape */

/* Builds the payload JSON (compact, field names exactly as the contract,
 * optional fields absent when not given) of a valid r into a malloc'd string
 * at *out. K_ERR_INVALID (and *out NULL) when r does not validate,
 * K_ERR_NOMEM when memory ran out. Free with record_free_text. */
k_err record_payload_json(const Record *r, char **out);

/* Seals clear text to the public key pk (crypto_box_PUBLICKEYBYTES) as
 * {"sealed":"<base64 of crypto_box_seal(clear)>"} in a malloc'd string at
 * *out. K_ERR_NOMEM when memory ran out, K_ERR_INVALID when pk is not a key
 * a box can be sealed to (*out NULL on error). */
k_err record_seal(const unsigned char *pk, const char *clear, char **out);

/* The payload as stored and sent: validated, built, and sealed when pk is
 * not NULL and the type is sealed. Errors as the two above. */
k_err record_payload(const Record *r, const unsigned char *pk, char **out);

/* Zeroes and frees a string made here (NULL is fine). */
void record_free_text(char *s);

/* Zeroes a record (after a save, or when a visit is wiped). */
void record_wipe(Record *r);

#endif
