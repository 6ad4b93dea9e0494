/* speech.h — read-aloud: a screen's words spoken in the visitor's language.
 *
 * What is spoken is built from the screen's own widget list (speech_text_
 * from_ui): its headings, then its text, then its choices, each in the
 * language it is shown in. A Speech synthesises with espeak-ng on a thread
 * of its own, never on the UI thread, and plays through an SDL audio
 * device (or, for headless runs, into memory on the kiosk's clock). Each
 * finished listen is kept in a bounded cache, per screen and language and
 * text, so a second listen starts at once; a listen with a visitor's own
 * words in it is never kept. A hub's recording of a message (a WAV file,
 * locales/README.md) plays instead of the synthesised words.
 *
 * The engine starts on first use (the first listen, or a staff look at its
 * health), so a kiosk that is never listened to pays nothing at start-up.
 * docs/speech.md describes it. A Speech is used from one thread (the UI's);
 * its own thread only synthesises. */
#ifndef KIOSK_SPEECH_H
#define KIOSK_SPEECH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kiosk/error.h"
#include "kiosk/i18n.h"
#include "kiosk/ui.h"

#define SPEECH_MAX_PARTS 48
#define SPEECH_PART_BYTES 1280          /* a widget's text and its second line */
#define SPEECH_CACHE_BYTES (8u * 1024u * 1024u)
#define SPEECH_RATE 22050               /* samples a second, mono, 16 bits */

/* One stretch of speech: a widget's words in one language. */
typedef struct {
    char lang[16];              /* language tag of the words */
    char text[SPEECH_PART_BYTES];
    char recording[17];         /* hash naming the message's recording, "" = none */
    bool personal;              /* a visitor's own words */
} SpeechPart;

/* What one listen says, in order. */
typedef struct SpeechText {
    char screen[48];            /* the screen's name: half the cache key */
    char lang[16];              /* the screen's language */
    SpeechPart parts[SPEECH_MAX_PARTS];
    int n;
    bool personal;              /* some part is a visitor's own words */
} SpeechText;

typedef struct {
    const char *recordings_dir; /* locales/recordings (NULL or "": none) */
    int volume;                 /* 0..100 */
    bool capture;               /* headless: no device; played into memory on clock_ms() */
    size_t cache_bytes;         /* 0 = SPEECH_CACHE_BYTES */
} SpeechOptions;

typedef struct {
    size_t bytes, cap_bytes;    /* PCM held by the cache, and its bound */
    int entries;
    unsigned long hits, misses;
    double last_start_ms;       /* last speech_say to its first sound queued, ms (-1: none) */
} SpeechStats;

typedef struct Speech Speech;

/* Builds what the screen in ui says, in its language: every heading, then
 * every paragraph and value, then every choice (buttons and fields, with
 * their second lines), each in widget order; the top bar's buttons
 * ("nav.*"), keyboard keys, pictures from the icon font (THEME_ICON_LANG)
 * and empty widgets are left out. A widget shown in another language
 * (ui.h's lang) is spoken in that language. A visitor's own words
 * (personal widgets) are left out unless with_personal. When i18n is
 * given and lang_idx has recordings (has_recordings), each part that is a
 * whole message of the language carries its recording's name. Returns
 * K_ERR_NOT_FOUND when nothing is left to say (out->n is 0); parts past
 * SPEECH_MAX_PARTS are dropped. */
k_err speech_text_from_ui(const Ui *ui, const char *screen, bool with_personal,
                          const I18n *i18n, int lang_idx, bool has_recordings,
                          SpeechText *out);

/* The name of a message's recording: the first 16 hex digits of the
 * SHA-256 of the msgid (of "CONTEXT\x04MSGID" with a context), as
 * `printf '%s' 'Check in' | sha256sum | cut -c1-16` prints. out holds 17. */
void speech_recording_name(const char *ctx, const char *msgid, char out[17]);

/* The espeak-ng voice for a language tag ("en-GB" -> "en", "ta" -> "ta"),
 * or NULL when the kiosk has none for it. */
const char *speech_voice_for(const char *tag);

/* A Speech with these options. The engine (espeak-ng, the thread, the
 * audio device) is not started yet. NULL when out of memory. */
Speech *speech_new(const SpeechOptions *o);

/* Stops speaking, stops the thread, wipes and frees everything. NULL is
 * fine. */
void speech_free(Speech *s);

/* Starts saying t (copied), stopping anything said before. A listen of the
 * same screen, language and words said before plays from the cache at
 * once; otherwise the thread synthesises it, playing each stretch as it is
 * made. K_ERR_IO when the engine cannot start (speech_health says why),
 * K_ERR_NOT_FOUND when t is empty; nothing plays then. */
k_err speech_say(Speech *s, const SpeechText *t);

/* Stops at once: queued sound is dropped and synthesis under way is cut.
 * What this listen held (its text, its sound) is wiped. NULL is fine. */
void speech_stop(Speech *s);

/* True while a listen is being made or is still sounding. False for NULL. */
bool speech_speaking(Speech *s);

/* Waits (at most timeout_ms of real time) until the thread has finished
 * making the current listen. False when it is still at work. */
bool speech_wait(Speech *s, int timeout_ms);

/* Writes the current listen's sound (as made so far) to path as a WAV
 * file (mono, 16 bits, SPEECH_RATE) at the volume now set, as the device
 * plays it. K_ERR_NOT_FOUND when nothing was said since the last stop,
 * K_ERR_NOMEM, K_ERR_IO when the file cannot be written. */
k_err speech_write_wav(Speech *s, const char *path);

/* The volume 0..100 for what plays from now on (values outside are
 * clamped); speech_volume reads it (-1 for NULL). */
void speech_set_volume(Speech *s, int volume);
int speech_volume(const Speech *s);

/* Starts the engine if it has not started and says, in plain words for
 * staff, what is wrong with read-aloud: no audio device (the kiosk stays
 * silent and carries on), the speech engine missing. "" when all is well
 * (or s is NULL). Never NULL. */
const char *speech_health(Speech *s);

/* The cache's figures and the last start's delay. Zeros for NULL. */
void speech_stats(const Speech *s, SpeechStats *out);

/* Reads a WAV file (any rate, channels and sample format SDL reads) as
 * mono 16-bit samples at SPEECH_RATE into *pcm (malloc'd; the caller frees)
 * and *n. K_ERR_NOT_FOUND when it cannot be read, K_ERR_INVALID when it is
 * not a WAV SDL can convert, K_ERR_NOMEM. */
k_err speech_read_wav(const char *path, int16_t **pcm, size_t *n);

#endif
