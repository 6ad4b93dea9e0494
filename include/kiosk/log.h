/* log.h — one line per event, to stderr (journald on the appliance).
 *
 * Never pass personal data (names, postcodes, phone numbers, free text a
 * visitor typed) to these functions: log ids, counts and causes only. */
#ifndef KIOSK_LOG_H
#define KIOSK_LOG_H

typedef enum { LOG_DEBUG = 0, LOG_INFO, LOG_WARN, LOG_ERROR } LogLevel;

/* Sets the lowest level that is written (default LOG_INFO). */
void log_set_level(LogLevel level);

/* Sets a prefix for every line, e.g. the module or "kiosk". */
void log_msg(LogLevel level, const char *module, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define LOG_D(mod, ...) log_msg(LOG_DEBUG, mod, __VA_ARGS__)
#define LOG_I(mod, ...) log_msg(LOG_INFO, mod, __VA_ARGS__)
#define LOG_W(mod, ...) log_msg(LOG_WARN, mod, __VA_ARGS__)
#define LOG_E(mod, ...) log_msg(LOG_ERROR, mod, __VA_ARGS__)

#endif
