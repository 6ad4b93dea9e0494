// phone.cc — phone numbers checked with libphonenumber: the plugin
// libkiosk-phone.so, opened by kiosk/phone_load.c on the first check that
// needs it, so that a kiosk's start maps neither libphonenumber nor the
// protobuf and abseil libraries it brings. Its two entry points are in
// phone_private.h. The operator new and delete its libraries use are the
// program's (kiosk/phone_alloc.cc), which wipe every freed block.
#include "phone_private.h"

#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumberutil.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

using i18n::phonenumbers::NullLogger;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

bool loaded;

const PhoneNumberUtil *util()
{
    if (!loaded) {
        PhoneNumberUtil *u = PhoneNumberUtil::GetInstance();
        u->SetLogger(new NullLogger());   // nothing about a number in any log
        loaded = true;
    }
    return PhoneNumberUtil::GetInstance();
}

void wipe(std::string &s)
{
    std::fill(s.begin(), s.end(), '\0');
}

// The ranges Ofcom keeps for drama and tests, national significant numbers.
bool drama_number(const std::string &e164)
{
    static const char *const ranges[] = { "+447700900", "+441632960" };
    for (const char *r : ranges)
        if (e164.size() == std::strlen(r) + 3 && e164.compare(0, std::strlen(r), r) == 0)
            return true;
    return false;
}

// A UK mobile (07...) has ten digits after the 0: say which way it is wrong
// rather than "not in use".
PhoneVerdict uk_mobile_length(const std::string &e164)
{
    if (e164.compare(0, 4, "+447") != 0)
        return PHONE_NOT_IN_USE;
    size_t nsn = e164.size() - 3;
    return nsn < 10 ? PHONE_TOO_SHORT : nsn > 10 ? PHONE_TOO_LONG : PHONE_NOT_IN_USE;
}

// Letters, other signs and a + out of place, before libphonenumber reads
// the number (it would take letters for keypad digits).
PhoneVerdict characters(const char *typed, std::string &kept)
{
    bool any = false;
    for (const char *p = typed; *p; p++) {
        char c = *p;
        if (c >= '0' && c <= '9') {
            any = true;
            kept.push_back(c);
        } else if (c == '+') {
            if (p != typed && std::strspn(typed, " ") != (size_t)(p - typed))
                return PHONE_PLUS_PLACE;
            if (kept.find('+') != std::string::npos)
                return PHONE_PLUS_PLACE;
            kept.push_back(c);
        } else if (c != ' ' && c != '(' && c != ')' && c != '-' && c != '.') {
            return PHONE_NOT_DIGITS;
        }
    }
    if (!any)
        return kept.empty() && typed[std::strspn(typed, " ")] == '\0' ? PHONE_EMPTY
                                                                    : PHONE_NOT_DIGITS;
    return PHONE_OK;
}

PhoneVerdict verdict(const char *typed, std::string &e164, std::string &shown)
{
    std::string kept;
    kept.reserve(64);
    PhoneVerdict v = characters(typed, kept);
    if (v == PHONE_OK && kept.size() > 20)
        v = PHONE_TOO_LONG;
    if (v != PHONE_OK) {
        wipe(kept);
        return v;
    }
    const PhoneNumberUtil *u = util();
    bool local = kept[0] != '0' && kept[0] != '+';   // no trunk or international prefix
    PhoneNumber n;
    switch (u->Parse(kept, "GB", &n)) {
    case PhoneNumberUtil::NO_PARSING_ERROR: break;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR: v = PHONE_COUNTRY; break;
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
    case PhoneNumberUtil::TOO_SHORT_NSN: v = PHONE_TOO_SHORT; break;
    case PhoneNumberUtil::TOO_LONG_NSN: v = PHONE_TOO_LONG; break;
    default: v = PHONE_NOT_DIGITS; break;
    }
    wipe(kept);
    if (v != PHONE_OK)
        return v;
    u->Format(n, PhoneNumberUtil::E164, &e164);
    if (!drama_number(e164)) {
        switch (u->IsPossibleNumberWithReason(n)) {
        case PhoneNumberUtil::IS_POSSIBLE: break;
        case PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY:   // "7946 0000", not "0770"
            v = local ? PHONE_AREA_CODE : PHONE_TOO_SHORT;
            break;
        case PhoneNumberUtil::INVALID_COUNTRY_CODE: v = PHONE_COUNTRY; break;
        case PhoneNumberUtil::TOO_SHORT: v = PHONE_TOO_SHORT; break;
        case PhoneNumberUtil::TOO_LONG: v = PHONE_TOO_LONG; break;
        default: v = PHONE_BAD_LENGTH; break;
        }
        if (v == PHONE_OK && !u->IsValidNumber(n))
            v = uk_mobile_length(e164);

    }
    if (v == PHONE_OK)
        u->Format(n, n.country_code() == 44 ? PhoneNumberUtil::NATIONAL
                                            : PhoneNumberUtil::INTERNATIONAL, &shown);
    n.Clear();
    return v;
}

void put(char *out, size_t cap, const std::string &s)
{
    if (out && cap)
        std::snprintf(out, cap, "%s", s.size() < cap ? s.c_str() : "");
}

} // namespace

extern "C" __attribute__((visibility("default"))) int phone_plugin_abi(void)
{
    return PHONE_PLUGIN_ABI;
}

extern "C" __attribute__((visibility("default"))) PhoneVerdict
phone_plugin_check(const char *typed, char *e164, size_t cap, char *shown, size_t shown_cap)
{
    put(e164, cap, "");
    put(shown, shown_cap, "");
    std::string e, s;
    e.reserve(32);
    s.reserve(48);
    PhoneVerdict v;
    try {
        v = verdict(typed ? typed : "", e, s);
    } catch (...) {
        v = PHONE_NOT_IN_USE;
    }
    if (v == PHONE_OK && (e.size() >= cap || (shown && s.size() >= shown_cap)))
        v = PHONE_TOO_LONG;
    if (v == PHONE_OK) {
        put(e164, cap, e);
        put(shown, shown_cap, s);
    }
    wipe(e);
    wipe(s);
    return v;
}
