/* speech_synth.c — espeak-ng's voices and synthesis, and WAV files in and
 * out. */
#include "kiosk/speech.h"
#include "speech_private.h"

#include <SDL2/SDL.h>
#include <dlfcn.h>
#include <espeak-ng/speak_lib.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/log.h"

#define MOD "speech"
#define SPEAK_WPM 150        /* a little slower than espeak-ng's 175: clearer */

/* The kiosk's languages and espeak-ng's voice for each (espeak-ng-data's
 * lang/ files: gmw/en is British English, the others are named by the
 * language's code). */
static const struct { const char *tag, *voice; } voices[] = {
    { "en-GB", "en" }, { "en", "en" }, { "ta", "ta" }, { "pl", "pl" },
    { "ur", "ur" },    { "bg", "bg" }, { "ro", "ro" }, { "uk", "uk" },
};

const char *speech_voice_for(const char *tag)
{
    for (size_t i = 0; tag && i < sizeof voices / sizeof voices[0]; i++)
        if (!strcmp(voices[i].tag, tag))
            return voices[i].voice;
    return NULL;
}

static pthread_mutex_t engine_mu = PTHREAD_MUTEX_INITIALIZER;
static int engine_state;     /* 0 not tried, 1 running, -1 failed */
static char engine_voice[16];

typedef struct {
    SpeechSink sink;
    void *ud;
    bool stopped;
} SynthCall;

static int on_samples(short *wav, int n, espeak_EVENT *ev)
{
    SynthCall *c = ev ? ev->user_data : NULL;
    if (!c || c->stopped)
        return 1;
    if (wav && n > 0 && !c->sink(c->ud, (const int16_t *)wav, (size_t)n))
        c->stopped = true;
    return c->stopped ? 1 : 0;
}

/* espeak-ng is not linked: it is opened on the first listen, so a kiosk
 * nobody listens to never maps it or the audio libraries it brings. The
 * header gives the types; these are the five functions used. */
#define ESPEAK_FILE "libespeak-ng.so.1"
static struct {
    int (*Initialize)(espeak_AUDIO_OUTPUT out, int buflength, const char *path, int options);
    void (*SetSynthCallback)(t_espeak_callback *cb);
    espeak_ERROR (*SetParameter)(espeak_PARAMETER p, int value, int relative);
    espeak_ERROR (*SetVoiceByName)(const char *name);
    espeak_ERROR (*Synth)(const void *text, size_t size, unsigned int position,
                          espeak_POSITION_TYPE position_type, unsigned int end_position,
                          unsigned int flags, unsigned int *unique_identifier, void *user_data);
} es;

/* Opens espeak-ng (KIOSK_ESPEAK names another file, for tests) and looks
 * up its functions; false, with the reason logged, when it cannot. */
static bool open_espeak(void)
{
    const char *file = getenv("KIOSK_ESPEAK");
    if (!file || !*file)
        file = ESPEAK_FILE;
    void *h = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        LOG_E(MOD, "espeak-ng could not be loaded: %.150s", why ? why : file);
        return false;
    }
    *(void **)&es.Initialize = dlsym(h, "espeak_Initialize");
    *(void **)&es.SetSynthCallback = dlsym(h, "espeak_SetSynthCallback");
    *(void **)&es.SetParameter = dlsym(h, "espeak_SetParameter");
    *(void **)&es.SetVoiceByName = dlsym(h, "espeak_SetVoiceByName");
    *(void **)&es.Synth = dlsym(h, "espeak_Synth");
    if (!es.Initialize || !es.SetSynthCallback || !es.SetParameter || !es.SetVoiceByName ||
        !es.Synth) {
        LOG_E(MOD, "%s lacks the espeak-ng functions the kiosk uses", file);
        dlclose(h);
        return false;
    }
    return true;
}

k_err speech_engine_start(void)
{
    pthread_mutex_lock(&engine_mu);
    if (engine_state == 0 && !open_espeak())
        engine_state = -1;
    if (engine_state == 0) {
        int rate = es.Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, NULL,
                                     espeakINITIALIZE_DONT_EXIT);
        if (rate != SPEECH_RATE) {
            LOG_E(MOD, "espeak-ng could not start (voice data missing?): rate %d", rate);
            engine_state = -1;
        } else {
            es.SetSynthCallback(on_samples);
            es.SetParameter(espeakRATE, SPEAK_WPM, 0);
            engine_state = 1;
        }
    }
    k_err rc = engine_state == 1 ? K_OK : K_ERR_IO;
    pthread_mutex_unlock(&engine_mu);
    return rc;
}

k_err speech_synth(const char *tag, const char *text, SpeechSink sink, void *ud)
{
    const char *voice = speech_voice_for(tag);
    if (!voice)
        return K_ERR_NOT_FOUND;
    if (speech_engine_start() != K_OK)
        return K_ERR_IO;
    pthread_mutex_lock(&engine_mu);
    k_err rc = K_OK;
    if (strcmp(engine_voice, voice) != 0) {
        if (es.SetVoiceByName(voice) != EE_OK) {
            LOG_W(MOD, "espeak-ng has no voice %s for %s", voice, tag);
            engine_voice[0] = '\0';
            rc = K_ERR_NOT_FOUND;
            goto out_unlock;
        }
        snprintf(engine_voice, sizeof engine_voice, "%s", voice);
    }
    SynthCall call = { sink, ud, false };
    if (es.Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL,
                     &call) != EE_OK && !call.stopped) {
        LOG_W(MOD, "espeak-ng refused a text in %s", tag);
        rc = K_ERR_IO;
    }
out_unlock:
    pthread_mutex_unlock(&engine_mu);
    return rc;
}

static bool discard(void *ud, const int16_t *pcm, size_t n)
{
    (void)ud;
    (void)pcm;
    (void)n;
    return false;       /* the first samples: the clause has been read */
}

void speech_synth_forget(void)
{
    /* espeak-ng reads a clause into static buffers of its own (about 800
     * bytes of text and the words split from it) and leaves the last one
     * there: the visitor's name when it was the last thing said. One
     * clause of neutral words, longer than those buffers, is read over
     * it; its sound is dropped at the first samples. */
    static char filler[1200];
    if (!filler[0])
        for (size_t i = 0; i + 3 < sizeof filler; i += 2)
            memcpy(filler + i, "a ", 2);
    if (engine_state != 1)
        return;
    speech_synth("en-GB", filler, discard, NULL);
}

k_err speech_read_wav(const char *path, int16_t **pcm, size_t *n)
{
    SDL_AudioSpec spec;
    Uint8 *buf = NULL;
    Uint32 len = 0;
    if (!SDL_LoadWAV(path, &spec, &buf, &len))
        return K_ERR_NOT_FOUND;
    k_err rc = K_OK;
    SDL_AudioCVT cvt;
    if (SDL_BuildAudioCVT(&cvt, spec.format, spec.channels, spec.freq, AUDIO_S16SYS, 1,
                          SPEECH_RATE) < 0) {
        LOG_W(MOD, "%s: a WAV the kiosk cannot convert: %s", path, SDL_GetError());
        rc = K_ERR_INVALID;
        goto out_free_wav;
    }
    cvt.len = (int)len;
    cvt.buf = malloc((size_t)len * (size_t)(cvt.len_mult > 0 ? cvt.len_mult : 1));
    if (!cvt.buf) {
        rc = K_ERR_NOMEM;
        goto out_free_wav;
    }
    memcpy(cvt.buf, buf, len);
    if (cvt.needed && SDL_ConvertAudio(&cvt) < 0) {
        LOG_W(MOD, "%s: could not convert: %s", path, SDL_GetError());
        free(cvt.buf);
        rc = K_ERR_INVALID;
        goto out_free_wav;
    }
    *n = (size_t)(cvt.needed ? cvt.len_cvt : cvt.len) / sizeof(int16_t);
    *pcm = (int16_t *)cvt.buf;
out_free_wav:
    SDL_FreeWAV(buf);
    return rc;
}

static void put_le(unsigned char *p, uint32_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

k_err speech_wav_file(const char *path, const int16_t *pcm, size_t n)
{
    unsigned char h[44];
    uint32_t data = (uint32_t)(n * 2);
    memcpy(h, "RIFF", 4);
    put_le(h + 4, 36 + data, 4);
    memcpy(h + 8, "WAVEfmt ", 8);
    put_le(h + 16, 16, 4);
    put_le(h + 20, 1, 2);                   /* PCM */
    put_le(h + 22, 1, 2);                   /* mono */
    put_le(h + 24, SPEECH_RATE, 4);
    put_le(h + 28, SPEECH_RATE * 2, 4);
    put_le(h + 32, 2, 2);
    put_le(h + 34, 16, 2);
    memcpy(h + 36, "data", 4);
    put_le(h + 40, data, 4);
    FILE *f = fopen(path, "wb");
    if (!f) {
        LOG_W(MOD, "cannot write %s", path);
        return K_ERR_IO;
    }
    char fbuf[4096];    /* not stdio's own, freed holding the sound of a name */
    setvbuf(f, fbuf, _IOFBF, sizeof fbuf);
    bool ok = fwrite(h, 1, sizeof h, f) == sizeof h;
    for (size_t i = 0; ok && i < n; i++) {
        unsigned char s[2];
        put_le(s, (uint16_t)pcm[i], 2);
        ok = fwrite(s, 1, 2, f) == 2;
    }
    if (fclose(f) != 0)
        ok = false;
    sodium_memzero(fbuf, sizeof fbuf);
    if (!ok)
        LOG_W(MOD, "cannot write %s", path);
    return ok ? K_OK : K_ERR_IO;
}
