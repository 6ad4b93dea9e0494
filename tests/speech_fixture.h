/* speech_fixture.h — helpers for the read-aloud tests: the words a
 * headless listen wrote (OUT/NAME.txt), the sound (OUT/NAME.wav: length,
 * loudness), a locales folder with a recording, the Listen button in a
 * dump. Include after harness.h and cmocka.h. */
#ifndef KIOSK_TEST_SPEECH_FIXTURE_H
#define KIOSK_TEST_SPEECH_FIXTURE_H

#include <math.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "kiosk/speech.h"

typedef struct {
    int parts;          /* parts in the screen's language */
    int letters;        /* their letters */
    int in_script;      /* of which in the language's script */
    int chars;          /* code points of every part, any language */
    int all_parts;
    char text[4096];    /* the screen's language's words, joined */
} SpeechWords;

/* Turns each line "L NAME" of tour into "listen NAME-LANG" and "dump
 * NAME-LANG"; other lines stay. */
static inline void speech_expand_listens(const char *tour, char *out, size_t cap,
                                         const char *lang)
{
    size_t o = 0;
    for (const char *p = tour; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        int k;
        if (len > 2 && p[0] == 'L' && p[1] == ' ')
            k = snprintf(out + o, cap - o, "listen %.*s-%s\ndump %.*s-%s\n", (int)len - 2,
                         p + 2, lang, (int)len - 2, p + 2, lang);
        else
            k = snprintf(out + o, cap - o, "%.*s\n", (int)len, p);
        assert_true(k > 0 && (size_t)k < cap - o);
        o += (size_t)k;
        p += len + (nl ? 1 : 0);
    }
}

static inline UScriptCode speech_script_of(const char *lang)
{
    if (!strcmp(lang, "ta"))
        return USCRIPT_TAMIL;
    if (!strcmp(lang, "ur"))
        return USCRIPT_ARABIC;
    if (!strcmp(lang, "bg") || !strcmp(lang, "uk"))
        return USCRIPT_CYRILLIC;
    return USCRIPT_LATIN;
}

/* Reads OUT/NAME.txt into w; returns the problems found (printed): no
 * words in the screen's language, or too few of its letters in its script
 * (a hub's name may stay in English; most of a screen may not). */
static inline int speech_check_words(Harness *h, const char *name, const char *lang,
                                     SpeechWords *w)
{
    memset(w, 0, sizeof *w);
    char path[700], line[4096];
    snprintf(path, sizeof path, "%s/%s.txt", h->out, name);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: no words written\n", name);
        return 1;
    }
    UScriptCode want = speech_script_of(lang);
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        const char *text = tab + 1;
        bool own = !strcmp(line, lang);
        w->all_parts++;
        if (own) {
            w->parts++;
            size_t o = strlen(w->text);
            snprintf(w->text + o, sizeof w->text - o, "%s|", text);
        }
        int32_t i = 0, len = (int32_t)strlen(text);
        while (i < len) {
            UChar32 c;
            U8_NEXT(text, i, len, c);
            if (c < 0)
                break;
            w->chars++;
            if (!own || !u_isalpha(c))
                continue;
            UErrorCode e = U_ZERO_ERROR;
            w->letters++;
            w->in_script += uscript_getScript(c, &e) == want;
        }
    }
    fclose(f);
    if (w->parts == 0 || w->letters == 0) {
        fprintf(stderr, "%s: nothing said in %s\n", name, lang);
        return 1;
    }
    if (w->in_script * 10 < w->letters * 6) {
        fprintf(stderr, "%s: only %d of %d letters in the script of %s: %s\n", name,
                w->in_script, w->letters, lang, w->text);
        return 1;
    }
    return 0;
}

/* The samples of OUT/NAME.wav (the kiosk's own mono 16-bit files); NULL
 * when missing. The caller frees. */
static inline int16_t *speech_wav_samples(Harness *h, const char *name, size_t *n)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s.wav", h->out, name);
    FILE *f = fopen(path, "rb");
    unsigned char hd[44];
    if (!f || fread(hd, 1, 44, f) != 44 || memcmp(hd, "RIFF", 4) || memcmp(hd + 36, "data", 4)) {
        if (f)
            fclose(f);
        return NULL;
    }
    uint32_t bytes = hd[40] | hd[41] << 8 | hd[42] << 16 | (uint32_t)hd[43] << 24;
    int16_t *s = malloc(bytes + 2);
    *n = s ? fread(s, 2, bytes / 2, f) : 0;
    fclose(f);
    return s;
}

static inline double speech_wav_seconds(Harness *h, const char *name)
{
    size_t n = 0;
    int16_t *s = speech_wav_samples(h, name, &n);
    free(s);
    return s ? (double)n / SPEECH_RATE : 0;
}

/* Checks OUT/NAME.wav: as long as its words need (espeak-ng at 150 words a
 * minute says 5 to 22 characters a second, digits and short words slower,
 * with a quarter second between widgets), loud enough (RMS) and mostly not
 * silence. */
static inline int speech_check_wav(Harness *h, const char *name, const SpeechWords *w)
{
    size_t n = 0;
    int16_t *s = speech_wav_samples(h, name, &n);
    if (!s || n == 0) {
        fprintf(stderr, "%s: no sound written\n", name);
        free(s);
        return 1;
    }
    double sum = 0;
    size_t win = SPEECH_RATE / 50, loud = 0, wins = 0;
    for (size_t i = 0; i + win <= n; i += win, wins++) {
        double ws = 0;
        for (size_t j = i; j < i + win; j++)
            ws += (double)s[j] * s[j];
        sum += ws;
        loud += sqrt(ws / win) > 300;
    }
    free(s);
    double secs = (double)n / SPEECH_RATE, rms = sqrt(sum / (double)n);
    double speech_s = secs - 0.25 * (w->all_parts - 1);
    double cps = w->chars / (speech_s > 0.01 ? speech_s : 0.01);
    int bad = 0;
    fprintf(stderr, "%-22s %6.2f s  %5d chars  %5.1f chars/s  RMS %6.0f  %3.0f%% voiced\n",
            name, secs, w->chars, cps, rms, 100.0 * loud / (wins ? wins : 1));
    if (cps < 5 || cps > 22) {
        fprintf(stderr, "%s: %.2f s for %d characters is not speech of them\n", name, secs,
                w->chars);
        bad++;
    }
    if (rms < 800 || loud * 10 < wins * 4) {
        fprintf(stderr, "%s: too quiet (RMS %.0f, %zu of %zu windows with sound)\n", name, rms,
                loud, wins);
        bad++;
    }
    return bad;
}

/* The Listen button in OUT/NAME.json: a button with its icon. */
static inline int speech_check_button(Harness *h, const char *name)
{
    json_t *d = harness_dump(h, name);
    json_t *b = d ? dump_widget(d, "nav.listen") : NULL;
    int bad = 0;
    if (!b || strcmp(json_string_value(json_object_get(b, "role")), "button") != 0 ||
        json_integer_value(json_object_get(b, "icon")) != 0xE050) {
        fprintf(stderr, "%s: no Listen button with its icon\n", name);
        bad = 1;
    }
    json_decref(d);
    return bad;
}

static inline int speech_check_differs(const char *name, const SpeechWords *w,
                                       const SpeechWords *en)
{
    if (!strcmp(w->text, en->text)) {
        fprintf(stderr, "%s: says the English words: %s\n", name, w->text);
        return 1;
    }
    return 0;
}

/* True when OUT/NAME.txt holds needle. */
static inline bool speech_said(Harness *h, const char *name, const char *needle)
{
    char path[700], buf[16384];
    snprintf(path, sizeof path, "%s/%s.txt", h->out, name);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strstr(buf, needle) != NULL;
}

/* One second of a 440 Hz tone, sample i. */
static inline int16_t speech_tone(size_t i)
{
    return (int16_t)lround(8000 * sin(2 * M_PI * 440.0 * (double)i / SPEECH_RATE));
}

/* A locales folder in the harness's directory: the kiosk's .po files, and
 * locales/recordings/LANG/HASH.wav holding one second of a tone for the
 * message (ctx, msgid). Its path goes into out. */
static inline void speech_locales_with_tone(Harness *h, const char *lang, const char *ctx,
                                            const char *msgid, char *out, size_t cap)
{
    char cmd[1400], name[17], path[900];
    snprintf(out, cap, "%s/locales", h->dir);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/recordings/%s' && ln -s '%s'/*.po '%s'/", out, lang,
             h->cfg.locales_dir, out);
    assert_int_equal(system(cmd), 0);
    speech_recording_name(ctx, msgid, name);
    snprintf(path, sizeof path, "%s/recordings/%s/%s.wav", out, lang, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    uint32_t n = SPEECH_RATE, bytes = n * 2;
    unsigned char hd[44] = { 'R', 'I', 'F', 'F' };
    uint32_t v[] = { 36 + bytes };
    memcpy(hd + 4, v, 4);
    memcpy(hd + 8, "WAVEfmt ", 8);
    uint32_t fmt_len = 16, rate = SPEECH_RATE, brate = SPEECH_RATE * 2;
    uint16_t pcm = 1, ch = 1, align = 2, bits = 16;
    memcpy(hd + 16, &fmt_len, 4);
    memcpy(hd + 20, &pcm, 2);
    memcpy(hd + 22, &ch, 2);
    memcpy(hd + 24, &rate, 4);
    memcpy(hd + 28, &brate, 4);
    memcpy(hd + 32, &align, 2);
    memcpy(hd + 34, &bits, 2);
    memcpy(hd + 36, "data", 4);
    memcpy(hd + 40, &bytes, 4);
    assert_int_equal(fwrite(hd, 1, 44, f), 44);
    for (size_t i = 0; i < n; i++) {
        int16_t s = speech_tone(i);
        assert_int_equal(fwrite(&s, 2, 1, f), 1);
    }
    assert_int_equal(fclose(f), 0);
}

/* True when OUT/NAME.wav begins with the tone speech_locales_with_tone
 * recorded. */
static inline bool speech_starts_with_tone(Harness *h, const char *name)
{
    size_t n = 0;
    int16_t *s = speech_wav_samples(h, name, &n);
    assert_non_null(s);
    bool same = n >= SPEECH_RATE;
    for (size_t i = 0; same && i < SPEECH_RATE; i++)
        same = abs(s[i] - speech_tone(i)) <= 2;
    free(s);
    return same;
}

#endif
