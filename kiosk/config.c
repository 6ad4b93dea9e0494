/* config.c — defaults, INI file and command-line settings. */
#include "kiosk/config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/day_end.h"
#include "kiosk/parse.h"
#include "kiosk/utf8.h"

typedef enum { T_STR, T_INT, T_DOUBLE, T_BOOL, T_SIZE, T_HHMM } KeyType;

typedef struct {
    const char *section, *key;
    KeyType type;
    size_t offset, cap;   /* cap: string capacity */
    long min, max;
    const char *doc;
} KeyDef;

#define S(sec, k, field, doc) \
    { sec, k, T_STR, offsetof(Config, field), sizeof(((Config *)0)->field), 0, 0, doc }
#define I(sec, k, field, lo, hi, doc) { sec, k, T_INT, offsetof(Config, field), 0, lo, hi, doc }

static const KeyDef keys[] = {
    S("hub", "content_pack", content_pack,
      "Path of the hub's content pack (JSON; docs/content-pack.md). Default: the demo pack."),
    S("hub", "default_language", default_language,
      "Language tag the kiosk starts in and returns to after each visitor (default en-GB)."),
    S("hub", "device_id", device_id, "This device's id, as provisioned (default: demo-device)."),
    S("hub", "hub_id", hub_id,
      "The hub's id at the central service (default: the content pack's hub id)."),
    { "hub", "closing_time", T_HHMM, offsetof(Config, closing_min), 0, 0, 0,
      "Local time HH:MM the hub's day ends: the day's names and delivered records are "
      "deleted and only its counts kept (default 18:00)." },
    { "screen", "size", T_SIZE, 0, 0, 0, 0, "Window size WxH in pixels (default 800x480)." },
    { "screen", "fullscreen", T_BOOL, offsetof(Config, fullscreen), 0, 0, 1,
      "true to fill the screen (the appliance), false for a window (default false)." },
    { "screen", "diagonal_in", T_DOUBLE, offsetof(Config, diagonal_in), 0, 3, 100,
      "Physical screen diagonal in inches, used to keep touch targets at least 9 mm (default 7)." },
    S("screen", "renderer", renderer,
      "Display path: auto (software into the window surface on X11, the GPU on KMSDRM and "
      "Wayland), software or gpu (default auto)."),
    I("timeouts", "idle_s", idle_s, 15, 3600,
      "Seconds without a touch before a visitor's entries are wiped and the kiosk goes home "
      "(default 60)."),
    I("timeouts", "idle_prompt_s", idle_prompt_s, 3, 120,
      "Seconds the \"are you still there?\" prompt shows before that wipe (default 10)."),
    I("timeouts", "staff_idle_s", staff_idle_s, 10, 3600,
      "Seconds without a touch before the staff view locks itself (default 60)."),
    I("timeouts", "thanks_s", thanks_s, 2, 60,
      "Seconds the \"thank you\" screen shows before going home (default 6)."),
    S("paths", "data_dir", data_dir, "Directory for the database and device state."),
    S("paths", "assets_dir", assets_dir, "Directory holding fonts.conf, keyboards/ and content/."),
    S("paths", "locales_dir", locales_dir, "Directory of the translation files (*.po)."),
    S("paths", "font_dir", font_dir, "Directory where the font files named in fonts.conf live."),
    S("central", "record_key_file", record_key_file,
      "File holding the central service's record public key (base64, 32 bytes). When set, "
      "personal payloads are sealed with it before they are stored."),
    S("central", "url", central_url,
      "Base URL of the central service (https://...; http:// only to 127.0.0.1 or "
      "localhost). Not set: the kiosk runs offline and keeps every record."),
    S("central", "token_file", token_file,
      "File holding the device token (one line). Must not be readable by group or others."),
    S("central", "ca_file", ca_file,
      "PEM file of the CA(s) the server's certificate must verify against (default: the "
      "system's)."),
    S("central", "pin_sha256", pin_sha256,
      "Optional pin of the server's public key: sha256//BASE64 (several joined by ;)."),
    I("central", "content_interval_s", content_interval_s, 10, 86400,
      "Seconds between checks for a new content pack (default 900)."),
    I("speech", "volume", speech_volume, 0, 100,
      "Volume of Listen (read-aloud), 0 (silent) to 100 (default 80); staff can change it."),
};

static void copy(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src);
}

void config_defaults(Config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    copy(cfg->default_language, sizeof cfg->default_language, "en-GB");
    copy(cfg->device_id, sizeof cfg->device_id, "demo-device");
    cfg->width = 800;
    cfg->height = 480;
    cfg->diagonal_in = 7.0;
    copy(cfg->renderer, sizeof cfg->renderer, "auto");
    cfg->idle_s = 60;
    cfg->idle_prompt_s = 10;
    cfg->staff_idle_s = 60;
    cfg->thanks_s = 6;
    cfg->closing_min = DAY_END_DEFAULT_MIN;
    cfg->content_interval_s = 900;
    cfg->speech_volume = 80;
    copy(cfg->font_dir, sizeof cfg->font_dir, "/usr/share/fonts/truetype/noto");

    const char *env = getenv("KIOSK_DATA_DIR"), *xdg = getenv("XDG_STATE_HOME"),
               *home = getenv("HOME");
    if (env && *env)
        copy(cfg->data_dir, sizeof cfg->data_dir, env);
    else if (xdg && *xdg)
        snprintf(cfg->data_dir, sizeof cfg->data_dir, "%s/family-hub-kiosk", xdg);
    else
        snprintf(cfg->data_dir, sizeof cfg->data_dir, "%s/.local/state/family-hub-kiosk",
                 home && *home ? home : "/tmp");

    /* Assets beside the program (a build tree), else the installed ones. */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    copy(cfg->assets_dir, sizeof cfg->assets_dir, "/usr/share/family-hub-kiosk/assets");
    copy(cfg->locales_dir, sizeof cfg->locales_dir, "/usr/share/family-hub-kiosk/locales");
    if (n > 0) {
        exe[n] = '\0';
        for (int up = 0; up < 3; up++) {
            char *slash = strrchr(exe, '/');
            if (!slash)
                break;
            *slash = '\0';
            char probe[PATH_MAX + 64];
            snprintf(probe, sizeof probe, "%s/assets/fonts.conf", exe);
            if (access(probe, R_OK) == 0) {
                snprintf(cfg->assets_dir, sizeof cfg->assets_dir, "%.400s/assets", exe);
                snprintf(cfg->locales_dir, sizeof cfg->locales_dir, "%.400s/locales", exe);
                break;
            }
            /* installed under a prefix: PREFIX/bin and PREFIX/share */
            snprintf(probe, sizeof probe, "%s/share/family-hub-kiosk/assets/fonts.conf", exe);
            if (access(probe, R_OK) == 0) {
                snprintf(cfg->assets_dir, sizeof cfg->assets_dir,
                         "%.400s/share/family-hub-kiosk/assets", exe);
                snprintf(cfg->locales_dir, sizeof cfg->locales_dir,
                         "%.400s/share/family-hub-kiosk/locales", exe);
                break;
            }
        }
    }
    snprintf(cfg->content_pack, sizeof cfg->content_pack, "%.400s/content/demo-central-sutton.json",
             cfg->assets_dir);
}

bool config_parse_size(const char *s, int *w, int *h)
{
    char width[16];
    const char *x = s ? strpbrk(s, "xX") : NULL;
    if (!x || (size_t)(x - s) >= sizeof width)
        return false;
    memcpy(width, s, (size_t)(x - s));
    width[x - s] = '\0';
    int a, b;
    if (parse_int(width, 320, 7680, &a) != K_OK || parse_int(x + 1, 320, 7680, &b) != K_OK)
        return false;
    *w = a;
    *h = b;
    return true;
}

static const KeyDef *find_key(const char *section, const char *key)
{
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if ((!section || !strcmp(keys[i].section, section)) && !strcmp(keys[i].key, key))
            return &keys[i];
    return NULL;
}

static k_err apply(Config *cfg, const KeyDef *k, const char *value, char *why, size_t whylen)
{
    char *base = (char *)cfg;
    switch (k->type) {
    case T_STR:
        if (!utf8_valid(value, strlen(value)) || strlen(value) >= k->cap) {
            snprintf(why, whylen, "%s.%s is too long or not UTF-8", k->section, k->key);
            return K_ERR_INVALID;
        }
        copy(base + k->offset, k->cap, value);
        return K_OK;
    case T_INT: {
        long v;
        if (parse_long(value, k->min, k->max, &v) != K_OK) {
            snprintf(why, whylen, "%s.%s must be a whole number from %ld to %ld, not \"%.40s\"",
                     k->section, k->key, k->min, k->max, value);
            return K_ERR_INVALID;
        }
        *(int *)(base + k->offset) = (int)v;
        return K_OK;
    }
    case T_DOUBLE: {
        double v;
        if (parse_double(value, (double)k->min, (double)k->max, &v) != K_OK) {
            snprintf(why, whylen, "%s.%s must be a number from %ld to %ld, not \"%.40s\"",
                     k->section, k->key, k->min, k->max, value);
            return K_ERR_INVALID;
        }
        *(double *)(base + k->offset) = v;
        return K_OK;
    }
    case T_BOOL:
        if (!strcmp(value, "true") || !strcmp(value, "yes") || !strcmp(value, "1"))
            *(bool *)(base + k->offset) = true;
        else if (!strcmp(value, "false") || !strcmp(value, "no") || !strcmp(value, "0"))
            *(bool *)(base + k->offset) = false;
        else {
            snprintf(why, whylen, "%s.%s must be true or false, not \"%.40s\"", k->section,
                     k->key, value);
            return K_ERR_INVALID;
        }
        return K_OK;
    case T_SIZE:
        if (!config_parse_size(value, &cfg->width, &cfg->height)) {
            snprintf(why, whylen, "%s.%s must be WxH (e.g. 800x480), not \"%.40s\"", k->section,
                     k->key, value);
            return K_ERR_INVALID;
        }
        return K_OK;
    case T_HHMM:
        if (!day_end_parse_time(value, (int *)(base + k->offset))) {
            snprintf(why, whylen, "%s.%s must be a time HH:MM from 00:00 to 23:59, "
                     "not \"%.40s\"", k->section, k->key, value);
            return K_ERR_INVALID;
        }
        return K_OK;
    }
    return K_ERR_INVALID;
}

k_err config_set(Config *cfg, const char *key, const char *value, char *err, size_t errlen)
{
    char section[32] = "";
    const char *name = key, *dot = strchr(key, '.');
    if (dot) {
        snprintf(section, sizeof section, "%.*s", (int)(dot - key), key);
        name = dot + 1;
    }
    const KeyDef *k = find_key(dot ? section : NULL, name);
    if (!k) {
        snprintf(err, errlen, "unknown setting \"%.60s\"", key);
        return K_ERR_INVALID;
    }
    return apply(cfg, k, value, err, errlen);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
        *--e = '\0';
    return s;
}

k_err config_load(Config *cfg, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        return K_ERR_IO;
    }
    char line[1024], section[32] = "";
    int lineno = 0;
    k_err rc = K_OK;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (!strchr(line, '\n') && !feof(f)) {
            snprintf(err, errlen, "%s:%d: line too long", path, lineno);
            rc = K_ERR_INVALID;
            break;
        }
        char *s = trim(line);
        if (!*s || *s == '#' || *s == ';')
            continue;
        if (*s == '[') {
            char *close = strchr(s, ']');
            if (!close || close[1]) {
                snprintf(err, errlen, "%s:%d: malformed section header", path, lineno);
                rc = K_ERR_INVALID;
                break;
            }
            *close = '\0';
            snprintf(section, sizeof section, "%s", s + 1);
            bool known = false;
            for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
                known |= !strcmp(keys[i].section, section);
            if (!known) {
                snprintf(err, errlen, "%s:%d: unknown section [%.30s]", path, lineno, section);
                rc = K_ERR_INVALID;
                break;
            }
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq) {
            snprintf(err, errlen, "%s:%d: expected key = value", path, lineno);
            rc = K_ERR_INVALID;
            break;
        }
        *eq = '\0';
        char *key = trim(s), *value = trim(eq + 1);
        const KeyDef *k = find_key(section, key);
        if (!k) {
            snprintf(err, errlen, "%s:%d: unknown key \"%.40s\" in [%s]", path, lineno, key,
                     section);
            rc = K_ERR_INVALID;
            break;
        }
        char why[256];
        if (apply(cfg, k, value, why, sizeof why) != K_OK) {
            snprintf(err, errlen, "%s:%d: %s", path, lineno, why);
            rc = K_ERR_INVALID;
            break;
        }
    }
    if (rc == K_OK && ferror(f)) {
        snprintf(err, errlen, "%s: read error", path);
        rc = K_ERR_IO;
    }
    fclose(f);
    return rc;
}

k_err config_make_dir(const char *path)
{
    char buf[600];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        errno = ENAMETOOLONG;
        return K_ERR_INVALID;
    }
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0700) != 0 && errno != EEXIST)
                return K_ERR_IO;
            *p = '/';
        }
    if (mkdir(buf, 0700) != 0 && errno != EEXIST)
        return K_ERR_IO;
    return K_OK;
}

bool config_url_is_loopback_http(const char *url)
{
    static const char *const hosts[] = { "http://127.0.0.1", "http://localhost" };
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(hosts[i]);
        if (!strncmp(url, hosts[i], n) && (url[n] == '\0' || url[n] == ':' || url[n] == '/'))
            return true;
    }
    return false;
}

/* The pin's shape: "sha256//" and base64, several joined by ';'. */
static bool pin_ok(const char *pin)
{
    const char *p = pin;
    for (;;) {
        if (strncmp(p, "sha256//", 8) != 0)
            return false;
        p += 8;
        size_t n = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");
        if (n != 44)
            return false;
        p += n;
        if (*p == '\0')
            return true;
        if (*p != ';')
            return false;
        p++;
    }
}

k_err config_check(const Config *cfg, char *err, size_t errlen)
{
    if (cfg->idle_prompt_s >= cfg->idle_s) {
        snprintf(err, errlen, "timeouts.idle_prompt_s (%d) must be less than timeouts.idle_s (%d)",
                 cfg->idle_prompt_s, cfg->idle_s);
        return K_ERR_INVALID;
    }
    const char *url = cfg->central_url;
    if (!url[0])
        return K_OK;
    if (strncmp(url, "https://", 8) != 0 && !config_url_is_loopback_http(url)) {
        snprintf(err, errlen, "central.url must start with https:// (plain http:// only to "
                 "127.0.0.1 or localhost), not \"%.60s\"", url);
        return K_ERR_INVALID;
    }
    if (strpbrk(url, " \t\r\n?#")) {
        snprintf(err, errlen, "central.url must be a base URL with no blanks, query or fragment");
        return K_ERR_INVALID;
    }
    if (!cfg->token_file[0]) {
        snprintf(err, errlen, "central.url is set but central.token_file is not");
        return K_ERR_INVALID;
    }
    if (cfg->pin_sha256[0] && !pin_ok(cfg->pin_sha256)) {
        snprintf(err, errlen, "central.pin_sha256 must be sha256// and 44 characters of base64 "
                 "(several joined by ;)");
        return K_ERR_INVALID;
    }
    return K_OK;
}

k_err config_read_token(const char *path, char *out, size_t cap, char *err, size_t errlen)
{
    memset(out, 0, cap);
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read the device token: %s", path, strerror(errno));
        return K_ERR_IO;
    }
    struct stat st;
    k_err rc = K_OK;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: the device token is not a regular file", path);
        rc = K_ERR_DENIED;
    } else if (st.st_mode & 077) {
        snprintf(err, errlen, "%s: the device token may be read by others (mode %03o): "
                 "chmod 600 it", path, (unsigned)(st.st_mode & 0777));
        rc = K_ERR_DENIED;
    } else if (!fgets(out, (int)cap, f)) {
        snprintf(err, errlen, "%s: the device token file is empty", path);
        rc = K_ERR_INVALID;
    } else if (!strchr(out, '\n') && !feof(f)) {
        snprintf(err, errlen, "%s: the device token is too long", path);
        rc = K_ERR_INVALID;
    } else {
        out[strcspn(out, "\r\n")] = '\0';
        for (const char *p = out; *p; p++)
            if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
                rc = K_ERR_INVALID;
        if (!out[0])
            rc = K_ERR_INVALID;
        if (rc != K_OK)
            snprintf(err, errlen, "%s: the device token is empty or holds blanks or "
                     "non-ASCII characters", path);
    }
    fclose(f);
    if (rc != K_OK)
        memset(out, 0, cap);
    return rc;
}

void config_print_keys(void)
{
    const char *last = "";
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (strcmp(last, keys[i].section))
            printf("  [%s]\n", keys[i].section);
        last = keys[i].section;
        printf("    %-18s %s\n", keys[i].key, keys[i].doc);
    }
}
