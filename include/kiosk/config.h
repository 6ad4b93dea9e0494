/* config.h — the kiosk's settings: defaults, then an INI file, then the
 * command line. Every key is documented in docs/config.md and in --help. */
#ifndef KIOSK_CONFIG_H
#define KIOSK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include "kiosk/error.h"

typedef struct {
    /* [hub] */
    char content_pack[512];     /* path of the hub's content pack */
    char default_language[16];  /* BCP 47 tag the kiosk returns to */
    char device_id[64];
    char hub_id[64];            /* "" = the content pack's hub id */
    int closing_min;            /* hub.closing_time: the day ends, minutes after midnight */
    /* [screen] */
    int width, height;          /* window or headless size in pixels */
    bool fullscreen;
    double diagonal_in;         /* physical screen diagonal, for 9 mm targets */
    char renderer[16];          /* display path: auto, software, gpu (display.h) */
    /* [timeouts] (seconds) */
    int idle_s;                 /* visitor idle before the wipe */
    int idle_prompt_s;          /* "are you still there?" shown this long before */
    int staff_idle_s;           /* staff view locks itself after this */
    int thanks_s;               /* "thank you" shows this long */
    /* [paths] */
    char data_dir[512];         /* SQLite database and state */
    char assets_dir[512];       /* fonts.conf, keyboards/, content/ */
    char locales_dir[512];
    char font_dir[512];
    /* [central] */
    char record_key_file[512];  /* base64 X25519 public key; "" = not sealed */
    char central_url[512];      /* base URL of the central service; "" = offline */
    char token_file[512];       /* the device token (mode 0600 or tighter) */
    char ca_file[512];          /* CA certificates the server's must verify against */
    char pin_sha256[128];       /* optional "sha256//BASE64" public-key pin(s) */
    int content_interval_s;     /* seconds between content pack checks */
    /* [speech] */
    int speech_volume;          /* read-aloud volume, 0..100 */
    /* not from the file */
    bool demo;
    bool speech_capture;        /* headless: speech into memory and WAV files, no device */
} Config;

/* Fills cfg with the defaults: 800x480 windowed, 7", 60/10/60/6 s, en-GB,
 * data_dir from $KIOSK_DATA_DIR, $XDG_STATE_HOME/family-hub-kiosk or
 * ~/.local/state/family-hub-kiosk, assets next to the program (its
 * directory's parent, when that holds assets/fonts.conf), installed under a
 * prefix (PREFIX/share/family-hub-kiosk beside PREFIX/bin) or
 * /usr/share/family-hub-kiosk, fonts in /usr/share/fonts/truetype/noto. */
void config_defaults(Config *cfg);

/* Reads an INI file into cfg (keys not in the file keep their values).
 * Returns K_ERR_IO when the file cannot be read and K_ERR_INVALID for an
 * unknown section or key, a malformed line, a number that is not one as
 * parse.h reads it (nan, inf, 1e999, hex, trailing text) or a value out of
 * range; in both cases err (errlen bytes) receives one line
 * "FILE:LINE: problem". */
k_err config_load(Config *cfg, const char *path, char *err, size_t errlen);

/* Sets one key ("section.key" or "key") from text, as the file would.
 * Returns K_ERR_INVALID with a message naming the key for an unknown key
 * or a bad value; cfg is then unchanged. */
k_err config_set(Config *cfg, const char *key, const char *value, char *err, size_t errlen);

/* Parses "WxH" (or "WXH") into *w, *h, each a whole decimal number from
 * 320 to 7680 read by parse_int (kiosk/parse.h). Returns false, leaving
 * *w and *h unchanged, for anything else: blanks, signs beyond parse_int's,
 * trailing text, a missing part. */
bool config_parse_size(const char *s, int *w, int *h);

/* Creates directory path and any missing parents, mode 0700 (mkdir -p).
 * Returns K_ERR_IO (errno set) when one cannot be made, K_ERR_INVALID for
 * a path over 599 bytes. */
k_err config_make_dir(const char *path);

/* Checks settings that depend on each other (the idle prompt must come
 * before the wipe; a central.url is https://, or http:// only to 127.0.0.1
 * or localhost, and comes with a central.token_file; a pin is
 * "sha256//" and base64). K_ERR_INVALID with one line in err when they
 * clash. */
k_err config_check(const Config *cfg, char *err, size_t errlen);

/* True when url is http:// (not https://) to 127.0.0.1 or localhost (any
 * port): the one case plain HTTP is allowed. */
bool config_url_is_loopback_http(const char *url);

/* Reads the device token from path into out (cap bytes; the first line,
 * without its line end). Refuses (K_ERR_DENIED, message in err) a file that
 * group or others may read or write, or that is not a regular file;
 * K_ERR_IO when it cannot be read; K_ERR_INVALID when it is empty, holds
 * characters a header cannot carry, or does not fit cap. On error out is
 * zeroed. */
k_err config_read_token(const char *path, char *out, size_t cap, char *err, size_t errlen);

/* Writes the documentation of every key (for --help) to stdout. */
void config_print_keys(void);

#endif
