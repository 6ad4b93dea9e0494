/* headless.c — a scripted kiosk on a stepped clock, drawing into memory. */
#include "kiosk/headless.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kiosk/app.h"
#include "kiosk/clock.h"
#include "kiosk/log.h"
#include "kiosk/parse.h"
#include "kiosk/speech.h"

typedef struct {
    const Config *cfg;
    App *app;
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    const char *out_dir;
    const char *file;
    int line;
    char *err;
    size_t errlen;
} Run;

/* Reads the number at *s up to the character stop (or the end when stop
 * is '\0') into *v, in [min, max]; moves *s past the stop. */
static bool date_field(const char **s, char stop, int min, int max, int *v)
{
    const char *end = stop ? strchr(*s, stop) : *s + strlen(*s);
    char part[8];
    if (!end || end == *s || (size_t)(end - *s) >= sizeof part)
        return false;
    memcpy(part, *s, (size_t)(end - *s));
    part[end - *s] = '\0';
    if (part[0] < '0' || part[0] > '9' || parse_int(part, min, max, v) != K_OK)
        return false;
    *s = stop ? end + 1 : end;
    return true;
}

bool headless_parse_local(const char *s, time_t *out)
{
    struct tm tm = { 0 };
    if (!s || !date_field(&s, '-', 1970, 9999, &tm.tm_year) ||
        !date_field(&s, '-', 1, 12, &tm.tm_mon) || !date_field(&s, ' ', 1, 31, &tm.tm_mday) ||
        !date_field(&s, ':', 0, 23, &tm.tm_hour) || !date_field(&s, '\0', 0, 59, &tm.tm_min))
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_isdst = -1;
    time_t t = mktime(&tm);
    if (t == (time_t)-1)
        return false;
    *out = t;
    return true;
}

static k_err fail(Run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static k_err fail(Run *r, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(r->err, r->errlen, "%s:%d: %s", r->file, r->line, msg);
    return K_ERR_SCRIPT;
}

static k_err make_target(Run *r, int w, int h)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return K_ERR_NOMEM;
    SDL_Renderer *rr = SDL_CreateSoftwareRenderer(s);
    if (!rr) {
        SDL_FreeSurface(s);
        return K_ERR_NOMEM;
    }
    SDL_Renderer *old_r = r->renderer;
    SDL_Surface *old_s = r->surface;
    r->surface = s;
    r->renderer = rr;
    if (r->app)
        app_resize(r->app, rr, w, h);
    if (old_r)
        SDL_DestroyRenderer(old_r);
    if (old_s)
        SDL_FreeSurface(old_s);
    return K_OK;
}

/* Runs due timers while advancing the clock by ms, as the real loop would. */
static void advance(Run *r, uint32_t ms)
{
    uint64_t end = clock_ms() + ms;
    app_tick(r->app);
    while (clock_ms() < end) {
        uint64_t d = app_next_deadline(r->app);
        uint64_t now = clock_ms();
        uint64_t step = d > now && d < end ? d - now : end - now;
        if (d <= now)
            step = 1;
        clock_advance((uint32_t)step);
        app_tick(r->app);
    }
}

static void mouse(Run *r, Uint32 type, int x, int y)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.button.which = 0;
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.x = x;
    ev.button.y = y;
    app_handle_event(r->app, &ev);
}

static const UiWidget *visible(Run *r, const char *id)
{
    app_build(r->app);
    Ui *ui = app_ui(r->app);
    int i = ui_find(ui, id);
    return i < 0 ? NULL : &ui->w_list[i];
}

static k_err tap_at(Run *r, int x, int y, uint32_t hold_ms)
{
    mouse(r, SDL_MOUSEBUTTONDOWN, x, y);
    advance(r, hold_ms);
    mouse(r, SDL_MOUSEBUTTONUP, x, y);
    app_tick(r->app);
    return K_OK;
}

static k_err tap_widget(Run *r, const char *id, uint32_t hold_ms)
{
    const UiWidget *w = visible(r, id);
    if (!w)
        return fail(r, "tap %s: no visible widget with this id on screen %s", id,
                    app_screen_name(app_screen(r->app)));
    if (!w->enabled)
        return fail(r, "tap %s: the widget is disabled", id);
    return tap_at(r, w->rect.x + w->rect.w / 2, w->rect.y + w->rect.h / 2, hold_ms);
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decodes \xNN and \\ escapes in place. Returns false for \x not
 * followed by two hex digits, or \x00. */
static bool unescape(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        if (p[0] == '\\' && p[1] == 'x') {
            int hi = hex_digit(p[2]), lo = hi >= 0 ? hex_digit(p[3]) : -1;
            if (lo < 0 || (hi == 0 && lo == 0))
                return false;
            *o++ = (char)(hi * 16 + lo);
            p += 3;
        } else if (p[0] == '\\' && p[1] == '\\') {
            *o++ = '\\';
            p++;
        } else
            *o++ = *p;
    }
    *o = '\0';
    return true;
}

size_t headless_text_chunk(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    size_t cut = max;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    return cut > 0 ? cut : max;
}

/* Sends text as SDL would from a keyboard or input method: one
 * SDL_TEXTINPUT event per chunk, cut only between code points. */
static void type_text(Run *r, const char *text)
{
    size_t len = strlen(text), i = 0;
    while (i < len) {
        SDL_Event ev;
        memset(&ev, 0, sizeof ev);
        ev.type = SDL_TEXTINPUT;
        size_t chunk = headless_text_chunk(text + i, len - i, sizeof ev.text.text - 1);
        memcpy(ev.text.text, text + i, chunk);
        ev.text.text[chunk] = '\0';
        app_handle_event(r->app, &ev);
        sodium_memzero(&ev, sizeof ev);
        i += chunk;
    }
}

/* SDL_image writes the PNGs of snap. It is opened with dlopen on the first
 * snap, so that a kiosk's start maps neither it nor the image libraries it
 * brings (TIFF, JPEG, WebP and theirs). */
#define SDL_IMAGE_FILE "libSDL2_image-2.0.so.0"
static pthread_once_t image_once = PTHREAD_ONCE_INIT;
static int (*save_png)(SDL_Surface *surface, const char *file);
static char image_problem[300];

static void open_sdl_image(void)
{
    void *h = dlopen(SDL_IMAGE_FILE, RTLD_NOW | RTLD_LOCAL);
    if (h)
        *(void **)&save_png = dlsym(h, "IMG_SavePNG");
    if (!save_png) {
        const char *why = dlerror();
        snprintf(image_problem, sizeof image_problem, "SDL_image could not be loaded: %.200s",
                 why ? why : SDL_IMAGE_FILE);
    }
}

static k_err write_png(Run *r, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.png", r->out_dir, name);
    app_draw(r->app);
    SDL_RenderPresent(r->renderer);
    pthread_once(&image_once, open_sdl_image);
    if (!save_png)
        return fail(r, "snap %s: cannot write %s: %s", name, path, image_problem);
    if (save_png(r->surface, path) != 0)
        return fail(r, "snap %s: cannot write %s: %s", name, path, SDL_GetError());
    return K_OK;
}

/* Number of blank-separated words in s. */
static int count_words(const char *s)
{
    int n = 0;
    for (const char *p = s; *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        n++;
        while (*p && *p != ' ' && *p != '\t')
            p++;
    }
    return n;
}

/* "type TEXT": TEXT is everything after "type " to the end of the line,
 * blanks and # included (a CR before the newline is dropped). */
static k_err type_line(Run *r, const char *rest)
{
    char *text = strdup(rest);
    if (!text)
        return fail(r, "type: out of memory");
    size_t n = strlen(text);
    if (n > 0 && text[n - 1] == '\r')
        text[n - 1] = '\0';
    if (!unescape(text)) {
        sodium_memzero(text, n);
        free(text);
        return fail(r, "type: \\x must be followed by two hex digits, not 00");
    }
    type_text(r, text);
    sodium_memzero(text, n);
    free(text);
    app_tick(r->app);
    return K_OK;
}

/* "listen NAME": reads the screen aloud as the Listen button does, waits
 * for the speech to be made, and writes it to OUT/NAME.wav and what was
 * said, one part a line (language, a tab, the words), to OUT/NAME.txt. */
static k_err listen_line(Run *r, const char *name)
{
    SpeechText *t = calloc(1, sizeof *t);
    if (!t)
        return fail(r, "listen: out of memory");
    k_err rc = app_listen(r->app, t);
    Speech *s = app_speech(r->app);
    char path[1024];
    if (rc != K_OK) {
        rc = fail(r, "listen %s: nothing was said on screen %s (%s)%s%s", name,
                  app_screen_name(app_screen(r->app)), k_strerror(rc),
                  s && speech_health(s)[0] ? ": " : "", s ? speech_health(s) : "");
        goto out_free;
    }
    if (!speech_wait(s, 20000)) {
        rc = fail(r, "listen %s: the speech was not made within 20 s", name);
        goto out_free;
    }
    snprintf(path, sizeof path, "%s/%s.wav", r->out_dir, name);
    if (speech_write_wav(s, path) != K_OK) {
        rc = fail(r, "listen %s: cannot write %s", name, path);
        goto out_free;
    }
    snprintf(path, sizeof path, "%s/%s.txt", r->out_dir, name);
    FILE *f = fopen(path, "w");
    static char fbuf[4096];     /* stdio's own buffer would be freed holding the words */
    if (f)
        setvbuf(f, fbuf, _IOFBF, sizeof fbuf);
    for (int i = 0; f && i < t->n; i++) {
        char *nl;
        while ((nl = strchr(t->parts[i].text, '\n')))   /* one part a line */
            *nl = ' ';
        fprintf(f, "%s\t%s\n", t->parts[i].lang, t->parts[i].text);
    }
    if (!f || fclose(f) != 0)
        rc = fail(r, "listen %s: cannot write %s", name, path);
    sodium_memzero(fbuf, sizeof fbuf);
out_free:
    sodium_memzero(t, sizeof *t);
    free(t);
    return rc;
}

static k_err run_line(Run *r, char *line)
{
    const char *lead = line + strspn(line, " \t");
    if (!strncmp(lead, "type ", 5))
        return type_line(r, lead + 5);
    char *hash = line[0] == '#' ? line : strstr(line, " #");
    if (hash)
        *hash = '\0';
    char *end = line + strlen(line);
    while (end > line && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
        *--end = '\0';
    while (*line == ' ' || *line == '\t')
        line++;
    if (!*line)
        return K_OK;
    char cmd[32] = "", a1[256] = "", a2[256] = "";
    int n = sscanf(line, "%31s %255s %255s", cmd, a1, a2);
    const char *rest = line + strlen(cmd);
    while (*rest == ' ')
        rest++;
    /* Lines of numbers take no more words than they use: "size 800x480 7
     * nan" is malformed, not 7 inches. */
    static const struct { const char *cmd; int words; } most[] = {
        { "size", 3 }, { "tap", 3 }, { "press", 3 }, { "wait", 2 }, { "storage-limit", 2 },
    };
    for (size_t k = 0; k < sizeof most / sizeof *most; k++)
        if (!strcmp(cmd, most[k].cmd) && count_words(line) > most[k].words)
            return fail(r, "%s: unexpected text at the end of the line", cmd);
    if (!strcmp(cmd, "size")) {
        int w, h;
        if (n < 2 || !config_parse_size(a1, &w, &h))
            return fail(r, "size: expected WxH, e.g. 800x480");
        Config c = *r->cfg;
        if (n == 3 && parse_double(a2, 3, 100, &c.diagonal_in) != K_OK)
            return fail(r, "size: the diagonal must be a number of inches from 3 to 100, not "
                        "\"%.40s\"", a2);
        if (make_target(r, w, h) != K_OK)
            return fail(r, "size: out of memory for %dx%d", w, h);
        Ui *ui = app_ui(r->app);
        if (n == 3)
            ui_init(ui, ui->te, w, h, c.diagonal_in);
        return K_OK;
    }
    if (!strcmp(cmd, "lang")) {
        if (n < 2 || app_set_language(r->app, a1) != K_OK)
            return fail(r, "lang %s: no such language", a1);
        return K_OK;
    }
    if (!strcmp(cmd, "time")) {
        time_t t;
        if (!headless_parse_local(rest, &t))
            return fail(r, "time: expected YYYY-MM-DD HH:MM");
        clock_set_wall(t);
        app_tick(r->app);
        return K_OK;
    }
    if (!strcmp(cmd, "tap")) {
        if (n == 3) {
            int x, y;
            if (parse_int(a1, 0, 7679, &x) != K_OK || parse_int(a2, 0, 7679, &y) != K_OK)
                return fail(r, "tap: expected an id, or X Y in pixels from 0 to 7679");
            return tap_at(r, x, y, 80);
        }
        if (n < 2)
            return fail(r, "tap: expected an id or X Y");
        return tap_widget(r, a1, 80);
    }
    if (!strcmp(cmd, "tap-if")) {
        /* a step a layout may or may not have (a page more on a small
         * screen): tapped when it is there and enabled, else nothing */
        if (n != 2)
            return fail(r, "tap-if: expected one id");
        const UiWidget *w = visible(r, a1);
        return w && w->enabled ? tap_widget(r, a1, 80) : K_OK;
    }
    if (!strcmp(cmd, "press")) {
        long ms;
        if (n < 3 || parse_long(a2, 1, 600000, &ms) != K_OK)
            return fail(r, "press: expected ID MS (milliseconds from 1 to 600000)");
        return tap_widget(r, a1, (uint32_t)ms);
    }
    if (!strcmp(cmd, "type"))      /* "type" alone, or a tab before the text */
        return type_line(r, rest);
    if (!strcmp(cmd, "key")) {
        SDL_Event ev;
        memset(&ev, 0, sizeof ev);
        ev.type = SDL_KEYDOWN;
        if (!strcmp(a1, "backspace"))
            ev.key.keysym.sym = SDLK_BACKSPACE;
        else if (!strcmp(a1, "enter"))
            ev.key.keysym.sym = SDLK_RETURN;
        else
            return fail(r, "key: expected backspace or enter");
        app_handle_event(r->app, &ev);
        return K_OK;
    }
    if (!strcmp(cmd, "wait")) {
        long ms;
        if (n < 2 || parse_long(a1, 0, 86400000L, &ms) != K_OK)
            return fail(r, "wait: expected milliseconds from 0 to 86400000");
        advance(r, (uint32_t)ms);
        return K_OK;
    }
    if (!strcmp(cmd, "present")) {
        app_draw(r->app);
        SDL_RenderPresent(r->renderer);
        return K_OK;
    }
    if (!strcmp(cmd, "snap") || !strcmp(cmd, "dump")) {
        if (n < 2 || strchr(a1, '/'))
            return fail(r, "%s: expected a file name without '/'", cmd);
        if (!strcmp(cmd, "snap"))
            return write_png(r, a1);
        char path[1024];
        snprintf(path, sizeof path, "%s/%s.json", r->out_dir, a1);
        app_build(r->app);
        if (ui_dump(app_ui(r->app), app_screen_name(app_screen(r->app)), path) != K_OK)
            return fail(r, "dump: cannot write %s", path);
        return K_OK;
    }
    if (!strcmp(cmd, "expect")) {
        const UiWidget *w = n >= 2 ? visible(r, a1) : NULL;
        if (!w)
            return fail(r, "expect %s: not visible on screen %s", a1,
                        app_screen_name(app_screen(r->app)));
        const char *want = rest + strlen(a1);
        while (*want == ' ')
            want++;
        if (*want && strcmp(w->text, want))
            return fail(r, "expect %s: shows \"%.200s\", not \"%.200s\"", a1, w->text, want);
        return K_OK;
    }
    if (!strcmp(cmd, "expect-screen")) {
        const char *now = app_screen_name(app_screen(r->app));
        if (n < 2 || strcmp(now, a1))
            return fail(r, "expect-screen %s: the screen is %s", a1, now);
        return K_OK;
    }
    if (!strcmp(cmd, "expect-enabled") || !strcmp(cmd, "expect-disabled")) {
        const UiWidget *w = n >= 2 ? visible(r, a1) : NULL;
        bool want = !strcmp(cmd, "expect-enabled");
        if (!w)
            return fail(r, "%s %s: not visible", cmd, a1);
        if (w->enabled != want)
            return fail(r, "%s %s: it is %s", cmd, a1, w->enabled ? "enabled" : "disabled");
        return K_OK;
    }
    if (!strcmp(cmd, "storage-limit")) {
        long pages;
        if (n < 2 || parse_long(a1, 1, 1000000000L, &pages) != K_OK)
            return fail(r, "storage-limit: expected a page count from 1 to 1000000000");
        if (app_limit_storage(r->app, pages) != K_OK)
            return fail(r, "storage-limit: the database refused a limit of %ld pages", pages);
        return K_OK;
    }
    if (!strcmp(cmd, "listen")) {
        if (n < 2 || strchr(a1, '/'))
            return fail(r, "listen: expected a file name without '/'");
        return listen_line(r, a1);
    }
    if (!strcmp(cmd, "expect-speaking") || !strcmp(cmd, "expect-quiet")) {
        bool want = !strcmp(cmd, "expect-speaking");
        if (speech_speaking(app_speech(r->app)) != want)
            return fail(r, "%s: the kiosk is %s", cmd, want ? "quiet" : "speaking");
        return K_OK;
    }
    return fail(r, "unknown command \"%s\"", cmd);
}

/* The script may replay a visit with a visitor's words: wiped, then freed. */
static void free_script(char *text, size_t size)
{
    if (text)
        sodium_memzero(text, size);
    free(text);
}

k_err headless_run(const Config *cfg, const char *script_path, const char *script_text,
                   const char *out_dir, char *err, size_t errlen)
{
    Run r = { .cfg = cfg, .out_dir = out_dir, .file = script_path ? script_path : "script",
              .err = err, .errlen = errlen };
    k_err rc = K_OK;
    char *text = NULL;
    size_t text_size = 0;
    if (script_path) {
        FILE *f = fopen(script_path, "rb");
        if (!f) {
            snprintf(err, errlen, "%s: cannot read: %s", script_path, strerror(errno));
            return K_ERR_IO;
        }
        /* read straight into text: stdio's buffer would keep a copy of
         * the script (a visitor's words, when a visit is replayed) */
        setvbuf(f, NULL, _IONBF, 0);
        fseek(f, 0, SEEK_END);
        long len = ftell(f);
        fseek(f, 0, SEEK_SET);
        text = len >= 0 ? malloc((size_t)len + 1) : NULL;
        if (!text || fread(text, 1, (size_t)len, f) != (size_t)len) {
            fclose(f);
            free_script(text, text ? (size_t)len + 1 : 0);
            snprintf(err, errlen, "%s: cannot read", script_path);
            return K_ERR_IO;
        }
        text[len] = '\0';
        text_size = (size_t)len + 1;
        fclose(f);
    } else {
        text = strdup(script_text ? script_text : "");
        if (!text)
            return K_ERR_NOMEM;
        text_size = strlen(text) + 1;
    }
    if (out_dir && mkdir(out_dir, 0755) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "%s: cannot create: %s", out_dir, strerror(errno));
        free_script(text, text_size);
        return K_ERR_IO;
    }
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    /* a software renderer on a surface needs no video subsystem (no window,
     * no text input): events alone start without scanning input devices */
    if (SDL_Init(SDL_INIT_EVENTS) != 0 || TTF_Init() != 0) {
        snprintf(err, errlen, "SDL could not start: %s", SDL_GetError());
        free_script(text, text_size);
        return K_ERR_IO;
    }
    time_t start;
    headless_parse_local(HEADLESS_START_LOCAL, &start);
    clock_use_stepped(start);
    if (make_target(&r, cfg->width, cfg->height) != K_OK) {
        snprintf(err, errlen, "out of memory for a %dx%d screen", cfg->width, cfg->height);
        rc = K_ERR_NOMEM;
        goto out;
    }
    Config run_cfg = *cfg;
    run_cfg.speech_capture = true;   /* speech into memory and OUT/NAME.wav */
    r.app = app_create(&run_cfg, r.renderer, cfg->width, cfg->height, err, errlen);
    if (!r.app) {
        rc = K_ERR_IO;
        goto out;
    }
    for (char *ln = text; ln && *ln;) {
        char *nl = strchr(ln, '\n');
        if (nl)
            *nl = '\0';
        r.line++;
        rc = run_line(&r, ln);
        sodium_memzero(ln, strlen(ln));   /* a line run is not needed again */
        if (rc != K_OK)
            break;
        ln = nl ? nl + 1 : NULL;
    }
out:
    app_destroy(r.app);
    if (r.renderer)
        SDL_DestroyRenderer(r.renderer);
    if (r.surface)
        SDL_FreeSurface(r.surface);
    TTF_Quit();
    SDL_Quit();
    free_script(text, text_size);   /* lines not run, if any */
    clock_use_real();
    return rc;
}
