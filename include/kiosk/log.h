/* log.h — one line per event, to stderr (journald on the appliance).
 *
 * Never pass personal data (names, postcodes, phone numbers, free text a
 * visitor typed) to these functions: log ids, counts and causes only. */
#ifndef KIOSK_LOG_H
#define KIOSK_LOG_H

#include <stdio.h>

typedef enum { LOG_DEBUG = 0, LOG_INFO, LOG_WARN, LOG_ERROR } LogLevel;

/* Sets the lowest level that is written (default LOG_INFO). */
void log_set_level(LogLevel level);

/* Writes the lines to f from now on (NULL: back to stderr), each flushed
 * as it is written. The caller keeps f open while it is set; for tests that
 * read what the kiosk logged. Cannot fail. */
void log_set_stream(FILE *f);

/* Writes one line "kiosk LEVEL: MODULE: MESSAGE" (module NULL: "-") when
 * level is at least the set level; a message longer than 1023 bytes is cut.
 * When standard error is the journal (JOURNAL_STREAM names it) the line
 * starts with its syslog priority, "<7>" debug to "<3>" error.
 * Cannot fail (a line that cannot be written is lost). */
void log_msg(LogLevel level, const char *module, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define LOG_D(mod, ...) log_msg(LOG_DEBUG, mod, __VA_ARGS__)
#define LOG_I(mod, ...) log_msg(LOG_INFO, mod, __VA_ARGS__)
#define LOG_W(mod, ...) log_msg(LOG_WARN, mod, __VA_ARGS__)
#define LOG_E(mod, ...) log_msg(LOG_ERROR, mod, __VA_ARGS__)

#endif
