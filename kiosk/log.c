/* log.c — one line per event to stderr (or a stream a test sets), with
 * level and module. */
#include "kiosk/log.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* True when standard error is the journal: systemd then sets
 * JOURNAL_STREAM to its "DEVICE:INODE". Looked at once. */
static bool stderr_is_journal(void)
{
    static int known = -1;
    if (known < 0) {
        const char *js = getenv("JOURNAL_STREAM");
        struct stat st;
        char want[64];
        known = 0;
        if (js && fstat(2, &st) == 0) {
            snprintf(want, sizeof want, "%llu:%llu", (unsigned long long)st.st_dev,
                     (unsigned long long)st.st_ino);
            known = !strcmp(js, want);
        }
    }
    return known == 1;
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
    static const int priority[] = { 7, 6, 4, 3 };   /* syslog's debug, info, warning, err */
    FILE *f = out_stream ? out_stream : stderr;
    if (!out_stream && stderr_is_journal())
        fprintf(f, "<%d>", priority[level]);     /* journald reads the level from it */
    fprintf(f, "kiosk %s: %s: %s\n", names[level], module ? module : "-", line);
    fflush(f);
}
