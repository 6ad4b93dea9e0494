/* headless.h — the kiosk with no window, driven by a script: for tests,
 * for the benchmark and for support staff reproducing a problem.
 *
 * Runs with SDL's dummy video driver and a software renderer drawing into a
 * surface, on a stepped clock (starting at Monday 23 November 2026 10:30
 * local time unless the script sets another). docs/headless.md documents the
 * script language; in brief, one command per line ('#' starts a comment):
 *     size WxH [DIAGONAL_IN]   screen size (and physical diagonal)
 *     lang TAG                 switch the visitor's language
 *     time YYYY-MM-DD HH:MM    set the local wall time (the clock never runs back)
 *     tap ID | tap X Y         press and release at a widget's centre or a point
 *     press ID MS              hold a widget MS milliseconds (long press)
 *     type TEXT                text into the focused field, whole (\xNN escapes allowed)
 *     key backspace|enter      a key of a hardware keyboard
 *     wait MS                  advance the clock; timers run
 *     present                  draw the screen (no file), as a real frame would
 *     snap NAME                write OUT/NAME.png
 *     dump NAME                write OUT/NAME.json (the screen's widgets)
 *     expect ID [TEXT]         the widget is visible (and shows TEXT)
 *     expect-screen NAME       the current screen is NAME
 *     expect-enabled ID / expect-disabled ID
 *     storage-limit PAGES      cap the database (simulates a full disk)
 * A failing line stops the run: exit status 1 and one message naming the
 * script line. */
#ifndef KIOSK_HEADLESS_H
#define KIOSK_HEADLESS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "kiosk/config.h"
#include "kiosk/error.h"

/* Default start of the stepped clock: Monday 23 November 2026, 10:30 in
 * the kiosk's time zone. */
#define HEADLESS_START_LOCAL "2026-11-23 10:30"

/* Runs the script at script_path (or the lines in script_text when
 * script_path is NULL) and writes snaps and dumps into out_dir (created if
 * missing). Returns K_OK, or K_ERR_SCRIPT with one line in err
 * ("FILE:LINE: command: problem"), or the error that stopped start-up with
 * its message in err. */
k_err headless_run(const Config *cfg, const char *script_path, const char *script_text,
                   const char *out_dir, char *err, size_t errlen);

/* Parses "YYYY-MM-DD HH:MM" as local time (year 1970 to 9999, each field
 * decimal digits read by parse_int); false when malformed or out of range. */
bool headless_parse_local(const char *s, time_t *out);

/* How many bytes of s (len bytes) go into the next text-input event when
 * at most max fit: as many whole code points as fit, so no character is
 * cut (SDL's event holds 31 bytes and a NUL). A byte that is no part of a
 * UTF-8 sequence counts as one code point (the app refuses it). Returns
 * len when len <= max; max when a code point runs longer than max. The
 * type command sends its text this way; exposed for tests. */
size_t headless_text_chunk(const char *s, size_t len, size_t max);

#endif
