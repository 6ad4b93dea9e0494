/* phone_load.c — phone.h in the program: the checks are done by the plugin
 * libkiosk-phone.so (kiosk/phone.cc, linked to libphonenumber), opened with
 * dlopen on the first check of something typed. A kiosk's start so maps
 * none of libphonenumber, protobuf and the eight abseil libraries they
 * bring (a first check costs some 45 ms and 12 MiB: make bench). Where the
 * plugin is looked for, and what happens when it is not there: phone.h. */
#include "kiosk/phone.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/log.h"
#include "phone_private.h"

#define MOD "phone"
#define PHONE_LIBDIR "lib/family-hub-kiosk"
#define PHONE_SYSTEM_DIR "/usr/" PHONE_LIBDIR

static pthread_once_t plugin_once = PTHREAD_ONCE_INIT;
static PhonePluginCheck *plugin_check;   /* NULL until opened, or when it cannot be */
static char problem[1200];               /* why not, for the log and --check */

/* The directory of the running program into dir; "" when unknown. */
static void program_dir(char *dir, size_t cap)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    dir[0] = '\0';
    if (n <= 0)
        return;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) {
        *slash = '\0';
        snprintf(dir, cap, "%s", exe);
    }
}

/* Opens file and takes its check function. On failure, says why in
 * problem when nothing was said yet, and returns false. */
static bool try_file(const char *file)
{
    void *h = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        if (!problem[0])
            snprintf(problem, sizeof problem, "%.300s could not be opened: %.250s", file,
                     why ? why : "no reason given");
        return false;
    }
    PhonePluginAbi *abi;
    PhonePluginCheck *check;
    *(void **)&abi = dlsym(h, PHONE_PLUGIN_ABI_SYM);
    *(void **)&check = dlsym(h, PHONE_PLUGIN_CHECK_SYM);
    if (!abi || !check || abi() != PHONE_PLUGIN_ABI) {
        if (!problem[0])
            snprintf(problem, sizeof problem, "%.300s is not this version's phone plugin "
                     "(it lacks %s or %s %d)", file, PHONE_PLUGIN_CHECK_SYM, PHONE_PLUGIN_ABI_SYM,
                     PHONE_PLUGIN_ABI);
        dlclose(h);
        return false;
    }
    plugin_check = check;   /* the plugin stays loaded until the process ends */
    return true;
}

/* Tries the places phone.h lists, in its order, once per process. */
static void open_plugin(void)
{
    (void)phone_alloc_wipes();   /* the program's wiping delete, for the plugin's libraries */
    const char *env = getenv("KIOSK_PHONE_PLUGIN");
    char dir[PATH_MAX], tried[3][PATH_MAX + 64];
    int n = 0;
    if (env && *env) {
        snprintf(tried[n++], sizeof tried[0], "%.4000s", env);
    } else {
        program_dir(dir, sizeof dir);
        if (dir[0]) {
            snprintf(tried[n++], sizeof tried[0], "%.4000s/%s", dir, PHONE_PLUGIN_FILE);
            snprintf(tried[n++], sizeof tried[0], "%.4000s/../%s/%s", dir, PHONE_LIBDIR,
                     PHONE_PLUGIN_FILE);
        }
        snprintf(tried[n++], sizeof tried[0], "%s/%s", PHONE_SYSTEM_DIR, PHONE_PLUGIN_FILE);
    }
    for (int i = 0; i < n; i++)
        if (access(tried[i], R_OK) == 0 && try_file(tried[i]))
            return;
    if (!problem[0])
        snprintf(problem, sizeof problem, "%s was not found (tried %.360s%s%.360s%s%.360s)",
                 PHONE_PLUGIN_FILE, tried[0], n > 1 ? ", " : "", n > 1 ? tried[1] : "",
                 n > 2 ? ", " : "", n > 2 ? tried[2] : "");
    LOG_E(MOD, "phone numbers cannot be checked: %s; callback and advocate requests cannot be "
          "sent", problem);
}

PhoneVerdict phone_check(const char *typed, char *e164, size_t cap, char *shown,
                         size_t shown_cap)
{
    if (e164 && cap)
        e164[0] = '\0';
    if (shown && shown_cap)
        shown[0] = '\0';
    if (!typed || typed[strspn(typed, " ")] == '\0')
        return PHONE_EMPTY;
    pthread_once(&plugin_once, open_plugin);
    if (!plugin_check)
        return PHONE_UNAVAILABLE;
    return plugin_check(typed, e164, cap, shown, shown_cap);
}

const char *phone_verdict_name(PhoneVerdict v)
{
    static const char *const names[PHONE_VERDICT_COUNT] = {
        "ok", "empty", "not-digits", "plus-place", "too-short", "too-long", "area-code",
        "bad-length", "country", "not-in-use", "unavailable",
    };
    return (int)v >= 0 && v < PHONE_VERDICT_COUNT ? names[v] : "";
}

bool phone_loaded(void)
{
    return plugin_check != NULL;
}

bool phone_ready(char *why, size_t cap)
{
    pthread_once(&plugin_once, open_plugin);
    if (why && cap)
        snprintf(why, cap, "%s", plugin_check ? "" : problem);
    return plugin_check != NULL;
}
