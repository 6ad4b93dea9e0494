/* content_requests.h — what a content pack says for callback and advocate
 * requests (docs/requests.md):
 *
 *   "bank_holidays"?: ["2029-01-01", ...]   days added to the built-in
 *                                            bank holidays (workdays.h)
 *   "hub": { ...,
 *     "phones"?: [{ "number": "020 7946 0999" }],  ORUK-style; the first is
 *                                            the hub's number on the QR code
 *     "callback_promise"?: "Someone will call you within 2 working days."
 *   }                                        what happens next, in English;
 *                                            translated like the hub's name
 *
 * content_requests_problem is called by the pack's validation (content.c):
 * a pack with a bad entry is refused whole, like any other. */
#ifndef KIOSK_CONTENT_REQUESTS_H
#define KIOSK_CONTENT_REQUESTS_H

#include <jansson.h>
#include <stddef.h>
#include "kiosk/content.h"
#include "kiosk/workdays.h"

/* NULL when root's request keys are well formed; otherwise what is wrong,
 * with the JSON path ("bank_holidays[2]") written to path (cap bytes). */
const char *content_requests_problem(const json_t *root, char *path, size_t cap);

/* Adds the pack's bank holidays to c (a NULL pack adds none). Returns how
 * many were added; days beyond WORKDAYS_EXTRA_MAX are left out and logged. */
size_t content_bank_holidays(const ContentPack *p, WorkCalendar *c);

/* The hub's phone number as the pack writes it; "" when it has none or p
 * is NULL. Never NULL. */
const char *content_hub_phone(const ContentPack *p);

/* The hub's "callback_promise" in language lang (content_text), or
 * fallback when the pack has none. */
const char *content_hub_promise(const ContentPack *p, const char *lang, const char *fallback);

#endif
