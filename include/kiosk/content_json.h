/* content_json.h — the JSON a content pack was read from, for the import
 * (kiosk/import.c): it writes each service's object as the pack gave it
 * and the pack less its services, from the tree content_load_buffer
 * already read and checked, so that a large pack is parsed once. */
#ifndef KIOSK_CONTENT_JSON_H
#define KIOSK_CONTENT_JSON_H

#include <jansson.h>

#include "kiosk/content.h"

/* The pack's top-level object as read and checked. It belongs to the pack
 * and lives as long as it; it must not be changed. NULL for a NULL pack.
 * Never fails. */
const json_t *content_json(const ContentPack *p);

#endif
