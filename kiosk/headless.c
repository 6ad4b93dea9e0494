/* headless.c — a scripted kiosk on a stepped clock, drawing into memory. */
#include "kiosk/headless.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <SDL2/SDL_ttf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kiosk/app.h"
#include "kiosk/clock.h"
#include "kiosk/log.h"

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

bool headless_parse_local(const char *s, time_t *out)
{
    struct tm tm = { 0 };
    int n = 0;
    if (sscanf(s, "%d-%d-%d %d:%d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
               &tm.tm_min, &n) != 5 || s[n])
        return false;
    if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
        tm.tm_min > 59)
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

/* Decodes \xNN and \\ escapes in place. */
static void unescape(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        if (p[0] == '\\' && p[1] == 'x' && p[2] && p[3]) {
            char hex[3] = { p[2], p[3], 0 };
            *o++ = (char)strtol(hex, NULL, 16);
            p += 3;
        } else if (p[0] == '\\' && p[1] == '\\') {
            *o++ = '\\';
            p++;
        } else
            *o++ = *p;
    }
    *o = '\0';
}

static k_err write_png(Run *r, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.png", r->out_dir, name);
    app_draw(r->app);
    SDL_RenderPresent(r->renderer);
    if (IMG_SavePNG(r->surface, path) != 0)
        return fail(r, "snap %s: cannot write %s: %s", name, path, IMG_GetError());
    return K_OK;
}

static k_err run_line(Run *r, char *line)
{
    char *hash = line[0] == '#' ? line : strstr(line, " #");
    if (hash && strncmp(line, "type ", 5) != 0)
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
    if (!strcmp(cmd, "size")) {
        int w, h;
        if (n < 2 || !config_parse_size(a1, &w, &h))
            return fail(r, "size: expected WxH, e.g. 800x480");
        Config c = *r->cfg;
        if (n == 3) {
            c.diagonal_in = strtod(a2, NULL);
            if (c.diagonal_in < 3 || c.diagonal_in > 100)
                return fail(r, "size: diagonal must be 3 to 100 inches");
        }
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
            char *e1, *e2;
            long x = strtol(a1, &e1, 10), y = strtol(a2, &e2, 10);
            if (*e1 || *e2)
                return fail(r, "tap: expected an id or X Y");
            return tap_at(r, (int)x, (int)y, 80);
        }
        if (n < 2)
            return fail(r, "tap: expected an id or X Y");
        return tap_widget(r, a1, 80);
    }
    if (!strcmp(cmd, "press")) {
        long ms = n == 3 ? strtol(a2, NULL, 10) : 0;
        if (n < 3 || ms <= 0 || ms > 600000)
            return fail(r, "press: expected ID MS");
        return tap_widget(r, a1, (uint32_t)ms);
    }
    if (!strcmp(cmd, "type")) {
        char text[512];
        snprintf(text, sizeof text, "%s", rest);
        unescape(text);
        /* like SDL: text input arrives in chunks of at most 31 bytes */
        size_t len = strlen(text), i = 0;
        while (i < len) {
            SDL_Event ev;
            memset(&ev, 0, sizeof ev);
            ev.type = SDL_TEXTINPUT;
            size_t chunk = len - i < 31 ? len - i : 31;
            memcpy(ev.text.text, text + i, chunk);
            ev.text.text[chunk] = '\0';
            app_handle_event(r->app, &ev);
            i += chunk;
        }
        app_tick(r->app);
        return K_OK;
    }
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
        char *e;
        long ms = strtol(a1, &e, 10);
        if (n < 2 || *e || ms < 0 || ms > 86400000L)
            return fail(r, "wait: expected milliseconds");
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
        long pages = strtol(a1, NULL, 10);
        if (n < 2 || pages < 1 || app_limit_storage(r->app, pages) != K_OK)
            return fail(r, "storage-limit: expected a page count");
        return K_OK;
    }
    return fail(r, "unknown command \"%s\"", cmd);
}

k_err headless_run(const Config *cfg, const char *script_path, const char *script_text,
                   const char *out_dir, char *err, size_t errlen)
{
    Run r = { .cfg = cfg, .out_dir = out_dir, .file = script_path ? script_path : "script",
              .err = err, .errlen = errlen };
    k_err rc = K_OK;
    char *text = NULL;
    if (script_path) {
        FILE *f = fopen(script_path, "rb");
        if (!f) {
            snprintf(err, errlen, "%s: cannot read: %s", script_path, strerror(errno));
            return K_ERR_IO;
        }
        fseek(f, 0, SEEK_END);
        long len = ftell(f);
        fseek(f, 0, SEEK_SET);
        text = len >= 0 ? malloc((size_t)len + 1) : NULL;
        if (!text || fread(text, 1, (size_t)len, f) != (size_t)len) {
            fclose(f);
            free(text);
            snprintf(err, errlen, "%s: cannot read", script_path);
            return K_ERR_IO;
        }
        text[len] = '\0';
        fclose(f);
    } else {
        text = strdup(script_text ? script_text : "");
        if (!text)
            return K_ERR_NOMEM;
    }
    if (out_dir && mkdir(out_dir, 0755) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "%s: cannot create: %s", out_dir, strerror(errno));
        free(text);
        return K_ERR_IO;
    }
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        snprintf(err, errlen, "SDL could not start: %s", SDL_GetError());
        free(text);
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
    r.app = app_create(cfg, r.renderer, cfg->width, cfg->height, err, errlen);
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
    free(text);
    clock_use_real();
    return rc;
}
