/* directory_fixture.h — a generated content pack for the directory's tests
 * and benchmark: n services for the demo hub, their names and
 * descriptions in English and six more languages (pl ta ur bg ro uk) made
 * from small word lists of each script, 28 needs gathering them by
 * taxonomy term, one service in ten at the hub. */
#ifndef DIRECTORY_FIXTURE_H
#define DIRECTORY_FIXTURE_H

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FX_LANGS 6
static const char *const fx_lang[FX_LANGS] = { "pl", "ta", "ur", "bg", "ro", "uk" };
static const char *const fx_words[FX_LANGS + 1][8] = {
    { "family", "support", "advice", "children", "parents", "housing", "money", "health" },
    { "rodzina", "wsparcie", "porada", "dzieci", "żywność", "mieszkanie", "pieniądze",
      "zdrowie" },
    { "குடும்பம்", "உதவி", "ஆலோசனை", "குழந்தைகள்", "பெற்றோர்", "வீடு", "பணம்", "உடல்நலம்" },
    { "خاندان", "مدد", "مشورہ", "بچے", "والدین", "رہائش", "پیسہ", "صحت" },
    { "семейство", "подкрепа", "съвет", "деца", "родители", "жилище", "пари", "здраве" },
    { "familie", "sprijin", "consiliere", "copii", "părinți", "locuință", "bani", "sănătate" },
    { "родина", "підтримка", "порада", "діти", "батьки", "житло", "гроші", "здоров'я" },
};

/* Words of language l (0 English) picked from seed, n of them. */
static inline void fx_text(char *out, size_t cap, int l, unsigned seed, int n)
{
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < n && len + 64 < cap; i++) {
        seed = seed * 1103515245u + 12345u;
        len += (size_t)snprintf(out + len, cap - len, "%s%s", i ? " " : "",
                                fx_words[l][(seed >> 16) % 8]);
    }
}

static inline json_t *fx_service(int i)
{
    char id[32], name[400], desc[2000], org[200];
    snprintf(id, sizeof id, "svc-%05d", i);
    fx_text(name, sizeof name, 0, (unsigned)i * 7u, 3);
    snprintf(name + strlen(name), sizeof name - strlen(name), " %d", i);
    fx_text(desc, sizeof desc, 0, (unsigned)i * 13u, 40);
    snprintf(org, sizeof org, "Organisation %d", i % 300);
    char term[16];
    snprintf(term, sizeof term, "term-%d", i % 28);
    return json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s}, s:[{s:{s:s}}], s:[{s:{s:s, s:s}}],"
                     " s:[{s:s, s:s, s:s, s:s}], s:i, s:i}",
                     "id", id, "name", name, "description", desc, "status", "active",
                     "organization", "id", org, "name", org,
                     "service_at_locations", "location", "id",
                     i % 10 == 0 ? "sutton-library" : "elsewhere",
                     "attributes", "taxonomy_term", "id", term, "name", term,
                     "schedules", "freq", "WEEKLY", "byday", "MO,WE", "opens_at", "09:00",
                     "closes_at", "12:00", "minimum_age", 0, "maximum_age", 18);
}

/* Writes the generated pack with version to path; 0 on success. */
static inline int fx_write_pack(const char *path, int n, const char *version)
{
    json_t *services = json_array(), *needs = json_array(), *tr = json_object();
    for (int i = 0; i < n; i++)
        json_array_append_new(services, fx_service(i));
    for (int k = 0; k < 28; k++) {
        char id[16], term[16], name[64];
        snprintf(id, sizeof id, "need-%d", k);
        snprintf(term, sizeof term, "term-%d", k);
        snprintf(name, sizeof name, "Need number %d", k);
        json_array_append_new(needs, json_pack("{s:s, s:s, s:s, s:s, s:[s]}", "id", id, "name",
                                               name, "icon", "savings", "group", "all",
                                               "taxonomy_ids", term));
    }
    for (int l = 0; l < FX_LANGS; l++) {
        json_t *texts = json_object();
        for (int i = 0; i < n; i++) {
            char id[32], name[600], desc[3000];
            snprintf(id, sizeof id, "svc-%05d", i);
            fx_text(name, sizeof name, l + 1, (unsigned)i * 7u, 3);
            snprintf(name + strlen(name), sizeof name - strlen(name), " %d", i);
            fx_text(desc, sizeof desc, l + 1, (unsigned)i * 13u, 40);
            json_object_set_new(texts, id, json_pack("{s:s, s:s}", "name", name,
                                                     "description", desc));
        }
        json_object_set_new(tr, fx_lang[l], texts);
    }
    json_t *pack = json_pack(
        "{s:s, s:s, s:b, s:{s:s, s:s, s:{s:s, s:s}}, s:[], s:[{s:s, s:s, s:s}], s:o, s:o,"
        " s:o}",
        "format", "family-hub-content/1", "version", version, "demo", 1,
        "hub", "id", "central-sutton", "name", "Central Sutton Family Hub", "location", "id",
        "sutton-library", "name", "Sutton Library", "sessions",
        "need_groups", "id", "all", "name", "Everything", "icon", "savings",
        "needs", needs, "services", services, "translations", tr);
    int rc = pack && json_dump_file(pack, path, JSON_COMPACT) == 0 ? 0 : -1;
    json_decref(pack);
    return rc;
}

#endif
