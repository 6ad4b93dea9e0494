/* phone_private.h — what the phone number plugin (kiosk/phone.cc, built
 * as libkiosk-phone.so and linked to libphonenumber) and its loader
 * (kiosk/phone_load.c, in the program) agree on. Only those two files and
 * kiosk/phone_alloc.cc include it.
 *
 * The plugin exports two C functions, looked up by name after dlopen. The
 * loader refuses a plugin whose phone_plugin_abi() is not PHONE_PLUGIN_ABI
 * (one from another version of the kiosk, whose verdicts may differ). */
#ifndef KIOSK_PHONE_PRIVATE_H
#define KIOSK_PHONE_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/phone.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The plugin's file name, beside the program in a build tree and under
 * PREFIX/lib/family-hub-kiosk/ once installed. */
#define PHONE_PLUGIN_FILE "libkiosk-phone.so"
#define PHONE_PLUGIN_ABI 1

/* The plugin's answer to phone_plugin_abi (the loader compares it). */
typedef int PhonePluginAbi(void);

/* phone_check of phone.h, done by libphonenumber: the same contract,
 * except that it never returns PHONE_UNAVAILABLE. */
typedef PhoneVerdict PhonePluginCheck(const char *typed, char *e164, size_t cap, char *shown,
                                      size_t shown_cap);

/* The names the loader looks up. */
#define PHONE_PLUGIN_ABI_SYM "phone_plugin_abi"
#define PHONE_PLUGIN_CHECK_SYM "phone_plugin_check"

/* Defined in the program (kiosk/phone_alloc.cc) with C++'s operator new
 * and delete, so that the program links them: true. The loader calls it
 * once; it has nothing else to do. */
bool phone_alloc_wipes(void);

#ifdef __cplusplus
}
#endif

#endif
