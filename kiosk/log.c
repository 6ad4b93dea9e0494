/* log.c — one line per event to stderr (or a stream a test sets), with
 * level and module. */
#include "kiosk/log.h"

#include <stdarg.h>
#include <stdio.h>

static LogLevel min_level = LOG_INFO;
static FILE *out_stream;

void log_set_stream(FILE *f)
{
    out_stream = f;
}

void log_set_level(LogLevel level)
{
    min_level = level;
}

void log_msg(LogLevel level, const char *module, const char *fmt, ...)
{
    static const char *names[] = { "debug", "info", "warning", "error" };
    if (level < min_level)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    FILE *f = out_stream ? out_stream : stderr;
    fprintf(f, "kiosk %s: %s: %s\n", names[level], module ? module : "-", line);
    fflush(f);
}
