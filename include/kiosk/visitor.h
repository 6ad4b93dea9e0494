/* visitor.h — everything one visitor has entered, in every flow (check-in,
 * callback, advocate), and the declared fields they type into.
 *
 * Each field is declared once (visitor.c): its buffer, its limit in
 * characters, which characters it takes (a test per code point, after an
 * optional folding such as upper case), how the whole value is checked when
 * the visitor says it is done, the keyboard it wants, and its messages
 * (msgids, shown translated in the visitor's language). Typing from any
 * source (on-screen keys, a hardware keyboard, a headless script) goes
 * through visitor_type, so no screen has field-specific typing code.
 *
 * The Visitor lives only in memory. visitor_wipe zeroes all of it (every
 * field of every flow, the choices, the keyboard and its message) with
 * sodium_memzero; Quick exit, the idle wipe, a saved check-in and the staff
 * lock all call it. */
#ifndef KIOSK_VISITOR_H
#define KIOSK_VISITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kiosk/keyboard.h"
#include "kiosk/limits.h"
#include "kiosk/store.h"

#define VISITOR_NAME_CP K_FIRST_NAME_MAX_CP
#define VISITOR_NOTE_CP 200     /* a short note: fewer than a record may hold */
#define VISITOR_SEARCH_CP 40    /* words to search the support directory for */
/* Marks and joiners one letter may carry: enough for a syllable in any of
 * the kiosk's scripts (Vietnamese two, Tamil two, Urdu's harakat three);
 * five acute accents on one letter already outgrow a field's line. */
#define VISITOR_MARKS_MAX 4
_Static_assert(VISITOR_NOTE_CP <= K_NOTE_MAX_CP, "a note the record would refuse");

typedef enum {
    VF_NONE = 0,
    VF_FIRST_NAME,   /* check-in: first name (optional) */
    VF_POSTCODE,     /* check-in: postcode; its outward code is kept ("SM1") */
    VF_CB_NAME,      /* callback: first name */
    VF_CB_PHONE,     /* callback: phone number */
    VF_CB_NOTE,      /* callback: a short note */
    VF_ADV_DATE,     /* advocate: date of the meeting, DD/MM/YYYY */
    VF_FB_COMMENT,   /* feedback: a short comment */
    VF_SEARCH,       /* find support: words to search the directory for */
    VF_COUNT
} VisitorField;

typedef struct {
    /* check-in */
    int session;                  /* index into the day's sessions, or -1 */
    char session_id[K_ID_BUF];
    char session_name[K_NAME_BUF];  /* English, for the record */
    int adults;
    int children[BAND_COUNT];
    int first_visit;              /* -1 not answered, 0 no, 1 yes */
    char first_name[K_FIRST_NAME_BUF];
    char postcode[16];            /* as typed until done, then the outward code */
    /* callback */
    char cb_name[K_FIRST_NAME_BUF];
    char cb_phone[32];            /* as typed; stored as E.164 */
    char cb_note[VISITOR_NOTE_CP * 4 + 1];
    /* advocate */
    char adv_date[16];
    /* callback and advocate requests (kiosk/screens/request*.c) */
    int req_kind;                 /* REC_CALLBACK or REC_ADVOCATE; -1 none */
    char req_need[K_ID_BUF];      /* what it is about: a need's id, "" not chosen */
    bool req_need_sensitive;      /* a need that leaves no trace (never cached) */
    int req_need_page;
    int req_need_group;           /* the callback's group shown + 1; 0 the groups */
    unsigned req_times;           /* BEST_* bits */
    char req_lang[16];            /* the language to speak, a tag; "" = the kiosk's */
    int req_interpreter;          /* -1 not answered, 0 no, 1 yes */
    int req_voicemail;            /* may we leave a voicemail: -1, 0, 1 */
    int req_say_hub;              /* may the caller say the family hub: -1, 0, 1 */
    int req_meeting;              /* MeetingType */
    const char *req_date_msg;     /* msgid about the meeting's date, or NULL */
    /* after a saved request: what the confirmation shows (nothing typed) */
    char done_ref[10];
    int done_kind;
    bool done_urgent;
    /* feedback */
    int fb_rating;                /* 1..5, 0 none */
    char fb_id[37];               /* the saved rating's record, for its comment */
    char fb_comment[VISITOR_NOTE_CP * 4 + 1];
    bool fb_sent;                 /* the comment was saved */
    /* find support: where the visitor is in the directory. Which need or
     * service someone looked at can say as much as what they typed (a
     * sensitive need: domestic abuse, abuse, exploitation), so it lives
     * here and goes with every wipe. */
    char search[VISITOR_SEARCH_CP * 4 + 1];
    char sup_group[K_ID_BUF];     /* the need group shown, or "" */
    char sup_need[K_ID_BUF];      /* the need whose services are listed, or "" */
    char sup_service[K_ID_BUF];   /* the service shown, or "" */
    bool sup_sensitive;           /* what is shown belongs to a sensitive need */
    bool sup_from_search;         /* the service was reached from the search */
    bool sup_need_from_search;    /* the need was reached from the search */
    bool sup_typing;              /* the search shows its keys */
    int sup_page;                 /* page of a group's needs */
    int sup_list_page;            /* page of a need's services or of the results */
    int sup_text_page;            /* page of the service's description */
    /* the on-screen keyboard */
    VisitorField field;           /* the field being typed, or VF_NONE */
    const char *message;          /* msgid about what was typed, or NULL */
    KeyLayout kb;
    char kb_id[16];
    int kb_page;
    bool kb_shift_once;
} Visitor;

typedef struct {
    const char *key;              /* short name: "first-name", "postcode" ... */
    size_t offset, cap;           /* its buffer inside Visitor */
    size_t max_cp;                /* limit in characters (code points) */
    uint32_t (*fold)(uint32_t cp);   /* applied before accepts; NULL = none */
    bool (*accepts)(uint32_t cp);    /* a character the field takes */
    /* Checks and tidies the whole value in place (buf, cap bytes) when the
     * visitor is done. Returns NULL when it is fine, or the msgid of what to
     * tell the visitor (the value may have been cleared). */
    const char *(*finish)(char *buf, size_t cap);
    const char *keyboard;         /* layout id, or NULL for the language's own */
    const char *prompt;           /* msgid: the heading over the keyboard */
    const char *msg_refused;      /* msgid: a character it does not take */
    const char *msg_full;         /* msgid: the limit is reached */
} FieldDecl;

/* Zeroes the whole Visitor (sodium_memzero) and the calling thread's stack
 * below it (mem_wipe_stack: the widgets screens built there held the typed
 * text) and sets the starting choices: no session, one adult, first visit
 * not answered, no field. Call it on the main thread. */
void visitor_wipe(Visitor *v);

/* The declaration of field f, or NULL for VF_NONE or out of range. */
const FieldDecl *visitor_field(VisitorField f);

/* The buffer of field f inside v, or NULL for VF_NONE. */
char *visitor_buf(Visitor *v, VisitorField f);
const char *visitor_value(const Visitor *v, VisitorField f);

/* Adds text (UTF-8) to field f, one character at a time through the
 * field's declaration. Characters it does not take are left out; so are
 * a mark or joiner with no letter or digit to sit on, one straight after a
 * character left out (an emoji's joiners), a joiner after a joiner, and
 * marks beyond VISITOR_MARKS_MAX on one letter. Typing stops at the limit.
 * Returns NULL when everything was taken, or the msgid of the last problem
 * (invalid UTF-8 adds nothing). */
const char *visitor_type(Visitor *v, VisitorField f, const char *text);

/* Removes the last character of field f. */
void visitor_backspace(Visitor *v, VisitorField f);

/* Runs the field's whole-value check (see FieldDecl.finish). */
const char *visitor_finish(Visitor *v, VisitorField f);

/* Tests of the declarations, exposed for the unit tests. */
bool visitor_name_char(uint32_t cp);
/* True when s has a letter that shows (a name that is not only spaces,
 * marks, joiners or punctuation). */
bool visitor_shows_letter(const char *s);
/* True when s (upper case, no spaces) is a UK outward code: A9, A99, AA9,
 * AA99, A9A or AA9A. */
bool visitor_outward_code(const char *s);

#endif
