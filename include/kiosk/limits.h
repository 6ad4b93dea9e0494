/* limits.h — the kiosk's text limits, in characters (Unicode code points),
 * defined once. The content pack is refused at import when an id or name is
 * longer (content.c); records, the store and the staff view hold any text
 * within the limit whole. Byte buffers are derived: at most 4 bytes per
 * code point in UTF-8, and the terminating NUL. */
#ifndef KIOSK_LIMITS_H
#define KIOSK_LIMITS_H

/* Bytes that hold n code points of UTF-8 and a NUL. */
#define K_UTF8_BUF(n) ((n) * 4 + 1)

/* An id in the content pack (hub, session, service, need). */
#define K_ID_MAX_CP 200
/* A name in the content pack (hub, session, service, need). */
#define K_NAME_MAX_CP 200
/* A visitor's first name. */
#define K_FIRST_NAME_MAX_CP 40
/* A visitor's short note or comment (callback, advocate, feedback). */
#define K_NOTE_MAX_CP 500
/* A consent text version, e.g. "checkin-1" (ASCII-shaped, but checked as
 * text). */
#define K_CONSENT_MAX_CP 31
/* A BCP 47 language tag, ASCII. */
#define K_LANG_MAX 15

#define K_ID_BUF K_UTF8_BUF(K_ID_MAX_CP)
#define K_NAME_BUF K_UTF8_BUF(K_NAME_MAX_CP)
/* 192, not K_UTF8_BUF(40) = 161, while the visit's own buffer is 192 bytes:
 * a copy into the record must never be cut. */
#define K_FIRST_NAME_BUF 192
_Static_assert(K_FIRST_NAME_BUF >= K_UTF8_BUF(K_FIRST_NAME_MAX_CP),
               "a first name of K_FIRST_NAME_MAX_CP characters fits");
#define K_NOTE_BUF K_UTF8_BUF(K_NOTE_MAX_CP)
#define K_CONSENT_BUF K_UTF8_BUF(K_CONSENT_MAX_CP)
#define K_LANG_BUF (K_LANG_MAX + 1)
/* E.164: "+" and at most 15 digits. */
#define K_PHONE_BUF 17
/* YYYY-MM-DD */
#define K_DATE_BUF 11

#endif
