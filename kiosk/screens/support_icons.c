/* support_icons.c — the Material Icons names a content pack may give its
 * needs and need groups, and their code points in the icon font
 * (fonts-material-design-icons-iconfont). A name not listed is drawn as
 * the support icon. */
#include "support.h"

#include <string.h>

static const struct { const char *name; uint32_t cp; } icons[] = {
    { "accessibility_new", 0xE92C }, { "accessible", 0xE914 },
    { "account_balance_wallet", 0xE850 }, { "apartment", 0xEA40 },
    { "auto_stories", 0xE666 },      { "badge", 0xEA67 },
    { "bed", 0xEFDF },               { "boy", 0xEB67 },
    { "business_center", 0xEB3F },   { "category", 0xE574 },
    { "chat", 0xE0B7 },              { "child_care", 0xEB41 },
    { "child_friendly", 0xEB42 },    { "cottage", 0xE587 },
    { "crib", 0xE588 },              { "currency_pound", 0xEAF1 },
    { "directions_run", 0xE566 },    { "directions_walk", 0xE536 },
    { "elderly", 0xF21A },
    { "emergency", 0xE1EB },         { "emoji_people", 0xEA1D },
    { "engineering", 0xEA3D },       { "escalator_warning", 0xF1AC },
    { "face", 0xE87C },              { "family_restroom", 0xF1A2 },
    { "favorite", 0xE87D },          { "food_bank", 0xF1F2 },
    { "forum", 0xE0BF },             { "gavel", 0xE90E },
    { "girl", 0xEB68 },              { "group", 0xE7EF },
    { "groups", 0xF233 },            { "handshake", 0xEBCB },
    { "healing", 0xE3F3 },           { "health_and_safety", 0xE1D5 },
    { "hearing", 0xE023 },           { "heart_broken", 0xEAC2 },
    { "help", 0xE887 },              { "home", 0xE88A },
    { "home_work", 0xEA09 },         { "hotel", 0xE53A },
    { "house", 0xEA44 },             { "hub", 0xE9F4 },
    { "info", 0xE88E },              { "interests", 0xE7C8 },
    { "liquor", 0xEA60 },            { "local_bar", 0xE540 },
    { "local_dining", 0xE556 },      { "local_hospital", 0xE548 },
    { "local_police", 0xEF56 },      { "luggage", 0xF235 },
    { "man", 0xE4EB },               { "medical_services", 0xF109 },
    { "medication", 0xF033 },        { "menu_book", 0xEA19 },
    { "mood_bad", 0xE7F3 },          { "night_shelter", 0xF1F1 },
    { "no_drinks", 0xF1A5 },         { "park", 0xEA63 },
    { "payments", 0xEF63 },          { "people", 0xE7FB },
    { "person_search", 0xF106 },     { "pets", 0xE91D },
    { "phone_in_talk", 0xE61D },     { "policy", 0xEA17 },
    { "pregnant_woman", 0xE91E },    { "psychology", 0xEA4A },
    { "real_estate_agent", 0xE73A }, { "record_voice_over", 0xE91F },
    { "report", 0xE160 },            { "report_problem", 0xE8B2 },
    { "restaurant", 0xE56C },        { "run_circle", 0xEF6F },
    { "savings", 0xE2EB },           { "school", 0xE80C },
    { "security", 0xE32A },          { "self_improvement", 0xEA78 },
    { "sentiment_dissatisfied", 0xE811 }, { "shield", 0xE9E0 },
    { "shopping_basket", 0xE8CB },   { "sick", 0xF220 },
    { "sign_language", 0xEBE5 },     { "smoke_free", 0xEB4A },
    { "sos", 0xEBF7 },               { "spa", 0xEB4C },
    { "sports_soccer", 0xEA2F },     { "stroller", 0xF1AE },
    { "support_agent", 0xF0E2 },     { "travel_explore", 0xE2DB },
    { "vaccines", 0xE138 },          { "volunteer_activism", 0xEA70 },
    { "warning", 0xE002 },           { "woman", 0xE13E },
    { "work", 0xE8F9 },              { "work_history", 0xEC09 },
    { "work_outline", 0xE943 },
    /* the facts of a service page */
    { "email", 0xE0BE },             { "language", 0xE894 },
    { "phone", 0xE0CD },             { "place", 0xE55F },
    { "public", 0xE80B },            { "schedule", 0xE8B5 },
    { "search", 0xE8B6 },            { "translate", 0xE8E2 },
    { "verified", 0xEF76 },
};

uint32_t sup_icon_cp(const char *name)
{
    for (size_t i = 0; name && i < sizeof icons / sizeof icons[0]; i++)
        if (!strcmp(icons[i].name, name))
            return icons[i].cp;
    return theme_glyph_cp(GLYPH_SUPPORT);
}

const char *sup_icon_name(size_t i)
{
    return i < sizeof icons / sizeof icons[0] ? icons[i].name : NULL;
}

void sup_icon_utf8(const char *name, char out[5])
{
    uint32_t cp = sup_icon_cp(name);
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    out[3] = '\0';
}
