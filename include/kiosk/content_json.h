/* content_json.h — the JSON a content pack was read from, for the import
 * (kiosk/import.c): it writes each service's object as the pack gave it
 * and the pack less its services, from the tree content_load_buffer
 * already read and checked, so that a large pack is parsed once. */
#ifndef KIOSK_CONTENT_JSON_H
#define KIOSK_CONTENT_JSON_H

#include <jansson.h>

#include "kiosk/content.h"

/* The pack's top-level object as read and checked. It belongs to the pack
 * and lives as long as it. NULL for a NULL pack. Never fails.
 *
 * The one change allowed, for the import to give memory back as it
 * writes: an element of "services" replaced by null, and a service's entry
 * taken out of a language's "translations" object. The pack's own lists do
 * not point into either (its services are parsed copies); what reads the
 * services' JSON or translations from the pack afterwards sees them gone. */
json_t *content_json(ContentPack *p);

#endif
