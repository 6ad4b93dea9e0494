/* speech.c — the Speech: its thread (synthesis off the UI thread), the
 * current listen and its playback (an SDL audio device, or memory on the
 * kiosk's clock), the bounded cache, the volume and the health line. */
#include "kiosk/speech.h"
#include "speech_private.h"

#include <SDL2/SDL.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/clock.h"
#include "kiosk/log.h"

#define MOD "speech"
#define GAP_SAMPLES (SPEECH_RATE / 4)   /* a quarter second between widgets */

typedef struct CacheEntry {
    struct CacheEntry *next;            /* most recently used first */
    unsigned char key[16];
    int16_t *pcm;
    size_t n;
} CacheEntry;

struct Speech {
    SpeechOptions o;
    char recordings_dir[512];
    pthread_mutex_t mu;
    pthread_cond_t cv;                  /* a job arrived, or the thread finished one */
    pthread_t th;
    bool started, thread_ok, quit;
    char health[400];
    bool sdl_audio;
    SDL_AudioDeviceID dev;
    unsigned gen;                       /* which listen is current: every say and stop moves it */
    SpeechText *job;                    /* the listen waiting for the thread */
    bool job_ready, busy;
    unsigned busy_gen;                  /* the listen the thread is making */
    unsigned char job_key[16];
    /* the current listen: made so far (cur), or a listen of the cache
     * (playing), and how far the device has played it (pos) */
    int16_t *cur;
    size_t cur_n, cur_cap;
    struct CacheEntry *playing;
    size_t pos;
    uint64_t play_start_ms;             /* capture: when it began sounding */
    int volume;
    CacheEntry *cache;
    size_t cache_bytes;
    int entries;
    unsigned long hits, misses;
    double say_t0, last_start_ms;
    bool waiting_first;
};

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- the current listen (mu held) ---------------------------------- */

static void wipe_current(Speech *s)
{
    if (s->cur)
        sodium_memzero(s->cur, s->cur_cap * sizeof *s->cur);
    s->cur_n = 0;
    s->playing = NULL;
    s->pos = 0;
}

/* The current listen's samples: a cached listen's, or those made so far. */
static const int16_t *sound(const Speech *s, size_t *n)
{
    *n = s->playing ? s->playing->n : s->cur_n;
    return s->playing ? s->playing->pcm : s->cur;
}

/* SDL's audio thread asks for the next samples: the current listen from
 * where it is, at the volume, then silence. A stop is seen at the next
 * call (a buffer of 1024 samples, 46 ms). */
static void on_audio(void *ud, Uint8 *stream, int len)
{
    Speech *s = ud;
    int16_t *out = (int16_t *)stream;
    size_t want = (size_t)len / sizeof *out, k = 0, n;
    pthread_mutex_lock(&s->mu);
    const int16_t *src = sound(s, &n);
    for (; k < want && s->pos < n; k++, s->pos++)
        out[k] = (int16_t)((int32_t)src[s->pos] * s->volume / 100);
    pthread_mutex_unlock(&s->mu);
    memset(out + k, 0, (want - k) * sizeof *out);
}

/* Adds samples to the current listen, where the device's thread takes
 * them from. False when out of memory (the listen is cut there). */
static bool emit(Speech *s, const int16_t *pcm, size_t n)
{
    if (s->cur_n + n > s->cur_cap) {
        size_t cap = s->cur_cap ? s->cur_cap : SPEECH_RATE * 4;
        while (cap < s->cur_n + n)
            cap *= 2;
        int16_t *p = malloc(cap * sizeof *p);
        if (!p)
            return false;
        if (s->cur) {
            memcpy(p, s->cur, s->cur_n * sizeof *p);
            sodium_memzero(s->cur, s->cur_cap * sizeof *s->cur);
            free(s->cur);
        }
        s->cur = p;
        s->cur_cap = cap;
    }
    if (pcm)
        memcpy(s->cur + s->cur_n, pcm, n * sizeof *pcm);
    else
        memset(s->cur + s->cur_n, 0, n * sizeof *pcm);
    if (s->waiting_first) {
        s->waiting_first = false;
        s->last_start_ms = mono_ms() - s->say_t0;
    }
    s->cur_n += n;
    return true;
}

/* ---- the cache (mu held) ------------------------------------------- */

static void key_of(const SpeechText *t, unsigned char key[16])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 16);
    crypto_generichash_update(&st, (const unsigned char *)t->screen, strlen(t->screen) + 1);
    crypto_generichash_update(&st, (const unsigned char *)t->lang, strlen(t->lang) + 1);
    for (int i = 0; i < t->n; i++) {
        const SpeechPart *p = &t->parts[i];
        crypto_generichash_update(&st, (const unsigned char *)p->lang, strlen(p->lang) + 1);
        crypto_generichash_update(&st, (const unsigned char *)p->text, strlen(p->text) + 1);
        crypto_generichash_update(&st, (const unsigned char *)p->recording,
                                  strlen(p->recording) + 1);
    }
    crypto_generichash_final(&st, key, 16);
}

static void entry_free(Speech *s, CacheEntry *e)
{
    s->cache_bytes -= e->n * sizeof *e->pcm + sizeof *e;
    s->entries--;
    free(e->pcm);
    free(e);
}

static CacheEntry *cache_find(Speech *s, const unsigned char key[16])
{
    for (CacheEntry **pp = &s->cache; *pp; pp = &(*pp)->next)
        if (!memcmp((*pp)->key, key, 16)) {
            CacheEntry *e = *pp;
            *pp = e->next;           /* to the front: most recently used */
            e->next = s->cache;
            s->cache = e;
            return e;
        }
    return NULL;
}

/* Keeps the current listen under key, dropping the least recently used
 * listens until the cache is within its bound; one listen larger than the
 * whole bound is not kept. An old listen of the same screen and language
 * with other words (the clock moved on) goes first. */
static void cache_put(Speech *s, const unsigned char key[16])
{
    size_t need = s->cur_n * sizeof *s->cur + sizeof(CacheEntry);
    if (need > s->o.cache_bytes || cache_find(s, key))
        return;
    while (s->cache && s->cache_bytes + need > s->o.cache_bytes) {
        /* the least recently used that is not sounding now */
        CacheEntry **pp = NULL;
        for (CacheEntry **q = &s->cache; *q; q = &(*q)->next)
            if (*q != s->playing)
                pp = q;
        if (!pp)
            return;
        CacheEntry *last = *pp;
        *pp = last->next;
        entry_free(s, last);
    }
    CacheEntry *e = calloc(1, sizeof *e);
    int16_t *pcm = e ? malloc(s->cur_n * sizeof *pcm) : NULL;
    if (!pcm) {
        free(e);
        return;
    }
    memcpy(pcm, s->cur, s->cur_n * sizeof *pcm);
    memcpy(e->key, key, 16);
    e->pcm = pcm;
    e->n = s->cur_n;
    e->next = s->cache;
    s->cache = e;
    s->cache_bytes += need;
    s->entries++;
}

/* ---- the thread ---------------------------------------------------- */

typedef struct {
    Speech *s;
    unsigned gen;
} Making;

static bool sink(void *ud, const int16_t *pcm, size_t n)
{
    Making *m = ud;
    pthread_mutex_lock(&m->s->mu);
    bool current = m->gen == m->s->gen && emit(m->s, pcm, n);
    pthread_mutex_unlock(&m->s->mu);
    return current;
}

/* Plays the part's recording when the hub has one; false when it has none. */
static bool play_recording(Making *m, const SpeechPart *p)
{
    if (!p->recording[0] || !m->s->recordings_dir[0])
        return false;
    char path[700];
    snprintf(path, sizeof path, "%s/%s/%s.wav", m->s->recordings_dir, p->lang, p->recording);
    int16_t *pcm = NULL;
    size_t n = 0;
    if (access(path, R_OK) != 0 || speech_read_wav(path, &pcm, &n) != K_OK)
        return false;
    sink(m, pcm, n);
    free(pcm);
    return true;
}

static void make_listen(Speech *s, SpeechText *t, unsigned gen, const unsigned char key[16])
{
    Making m = { s, gen };
    for (int i = 0; i < t->n; i++) {
        if (i > 0 && !sink(&m, NULL, GAP_SAMPLES))
            break;
        const SpeechPart *p = &t->parts[i];
        if (play_recording(&m, p))
            continue;
        k_err rc = speech_synth(p->lang, p->text, sink, &m);
        if (rc != K_OK && rc != K_ERR_NOT_FOUND)
            break;
    }
    if (t->personal)
        speech_synth_forget();
    pthread_mutex_lock(&s->mu);
    if (gen == s->gen && !t->personal)
        cache_put(s, key);
    pthread_mutex_unlock(&s->mu);
}

static void *thread_main(void *arg)
{
    Speech *s = arg;
    SpeechText *mine = malloc(sizeof *mine);
    pthread_mutex_lock(&s->mu);
    while (!s->quit) {
        if (!s->job_ready || !mine) {
            if (!mine)
                s->job_ready = false;
            pthread_cond_wait(&s->cv, &s->mu);
            continue;
        }
        memcpy(mine, s->job, sizeof *mine);
        sodium_memzero(s->job, sizeof *s->job);
        unsigned char key[16];
        memcpy(key, s->job_key, sizeof key);
        unsigned gen = s->gen;
        s->job_ready = false;
        s->busy = true;
        s->busy_gen = gen;
        pthread_mutex_unlock(&s->mu);
        make_listen(s, mine, gen, key);
        sodium_memzero(mine, sizeof *mine);
        pthread_mutex_lock(&s->mu);
        s->busy = false;
        pthread_cond_broadcast(&s->cv);
    }
    pthread_mutex_unlock(&s->mu);
    free(mine);
    SDL_TLSCleanup();   /* SDL's error text for this thread (a WAV that would not load) */
    return NULL;
}

/* ---- the engine ---------------------------------------------------- */

static void open_device(Speech *s)
{
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        snprintf(s->health, sizeof s->health,
                 "No sound: no audio device was found (%.120s). Listen stays silent; "
                 "everything else works. Check the speaker and restart the kiosk.",
                 SDL_GetError());
        LOG_W(MOD, "%s", s->health);
        return;
    }
    s->sdl_audio = true;
    SDL_AudioSpec want = { .freq = SPEECH_RATE, .format = AUDIO_S16SYS, .channels = 1,
                           .samples = 1024, .callback = on_audio, .userdata = s }, have;
    s->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
    if (!s->dev) {
        snprintf(s->health, sizeof s->health,
                 "No sound: the audio device could not be opened (%.120s). Listen stays "
                 "silent; everything else works. Check the speaker and restart the kiosk.",
                 SDL_GetError());
        LOG_W(MOD, "%s", s->health);
        return;
    }
    const char *drv = SDL_GetCurrentAudioDriver();
    if (drv && (!strcmp(drv, "dummy") || !strcmp(drv, "disk")))
        snprintf(s->health, sizeof s->health,
                 "No sound card: speech goes to the \"%s\" audio driver, so visitors hear "
                 "nothing. Everything else works.", drv);
    SDL_PauseAudioDevice(s->dev, 0);
}

/* Starts espeak-ng, the device and the thread, once. False when the
 * thread or espeak-ng cannot run (health says why). */
static bool start(Speech *s)
{
    if (s->started)
        return s->thread_ok;
    s->started = true;
    if (speech_engine_start() != K_OK) {
        snprintf(s->health, sizeof s->health,
                 "Listen is off: the speech engine (espeak-ng) could not start; its voice "
                 "data (the espeak-ng-data package) may be missing.");
        return false;
    }
    if (!s->o.capture)
        open_device(s);
    s->job = calloc(1, sizeof *s->job);
    if (!s->job || pthread_create(&s->th, NULL, thread_main, s) != 0) {
        snprintf(s->health, sizeof s->health, "Listen is off: its thread could not start.");
        LOG_E(MOD, "%s", s->health);
        return false;
    }
    s->thread_ok = true;
    return true;
}

Speech *speech_new(const SpeechOptions *o)
{
    Speech *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->o = *o;
    if (!s->o.cache_bytes)
        s->o.cache_bytes = SPEECH_CACHE_BYTES;
    snprintf(s->recordings_dir, sizeof s->recordings_dir, "%s",
             o->recordings_dir ? o->recordings_dir : "");
    s->o.recordings_dir = NULL;
    s->volume = o->volume < 0 ? 0 : o->volume > 100 ? 100 : o->volume;
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);
    return s;
}

void speech_free(Speech *s)
{
    if (!s)
        return;
    speech_stop(s);
    if (s->thread_ok) {
        pthread_mutex_lock(&s->mu);
        s->quit = true;
        pthread_cond_broadcast(&s->cv);
        pthread_mutex_unlock(&s->mu);
        pthread_join(s->th, NULL);
    }
    if (s->dev)
        SDL_CloseAudioDevice(s->dev);
    if (s->sdl_audio)
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    while (s->cache) {
        CacheEntry *e = s->cache;
        s->cache = e->next;
        entry_free(s, e);
    }
    if (s->job)
        sodium_memzero(s->job, sizeof *s->job);
    free(s->job);
    wipe_current(s);
    free(s->cur);
    pthread_cond_destroy(&s->cv);
    pthread_mutex_destroy(&s->mu);
    free(s);
}

/* ---- what the UI asks ---------------------------------------------- */

k_err speech_say(Speech *s, const SpeechText *t)
{
    if (!s || t->n == 0)
        return K_ERR_NOT_FOUND;
    if (!start(s))
        return K_ERR_IO;
    if (!s->o.capture && !s->dev)
        return K_ERR_IO;    /* no device: nothing would be heard */
    unsigned char key[16];
    key_of(t, key);
    pthread_mutex_lock(&s->mu);
    s->gen++;
    wipe_current(s);
    s->say_t0 = mono_ms();
    s->last_start_ms = -1;
    s->waiting_first = true;
    s->play_start_ms = clock_ms();
    CacheEntry *e = t->personal ? NULL : cache_find(s, key);
    if (e) {
        s->hits++;
        s->job_ready = false;
        s->playing = e;     /* the device's thread plays it from the cache */
        s->waiting_first = false;
        s->last_start_ms = mono_ms() - s->say_t0;
    } else {
        s->misses++;
        memcpy(s->job, t, sizeof *t);
        memcpy(s->job_key, key, sizeof key);
        s->job_ready = true;
        pthread_cond_broadcast(&s->cv);
    }
    pthread_mutex_unlock(&s->mu);
    return K_OK;
}

void speech_stop(Speech *s)
{
    if (!s || !s->thread_ok)
        return;
    pthread_mutex_lock(&s->mu);
    s->gen++;
    s->job_ready = false;
    sodium_memzero(s->job, sizeof *s->job);
    wipe_current(s);
    s->waiting_first = false;
    pthread_mutex_unlock(&s->mu);
}

bool speech_speaking(Speech *s)
{
    if (!s || !s->thread_ok)
        return false;
    pthread_mutex_lock(&s->mu);
    /* a listen stopped while the thread finishes its stretch is over */
    bool on = s->job_ready || (s->busy && s->busy_gen == s->gen);
    size_t n;
    sound(s, &n);
    if (!on && s->dev)
        on = s->pos < n;
    else if (!on)
        on = clock_ms() < s->play_start_ms + (uint64_t)n * 1000u / SPEECH_RATE;
    pthread_mutex_unlock(&s->mu);
    return on;
}

bool speech_wait(Speech *s, int timeout_ms)
{
    if (!s || !s->thread_ok)
        return true;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += timeout_ms / 1000;
    ts.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&s->mu);
    int rc = 0;
    while ((s->job_ready || s->busy) && rc == 0)
        rc = pthread_cond_timedwait(&s->cv, &s->mu, &ts);
    bool done = !s->job_ready && !s->busy;
    pthread_mutex_unlock(&s->mu);
    return done;
}

k_err speech_write_wav(Speech *s, const char *path)
{
    if (!s || !s->thread_ok)
        return K_ERR_NOT_FOUND;
    pthread_mutex_lock(&s->mu);
    size_t n;
    const int16_t *pcm = sound(s, &n);
    /* at the volume, as the device would play it */
    int16_t *out = n ? malloc(n * sizeof *out) : NULL;
    k_err rc = !n ? K_ERR_NOT_FOUND : !out ? K_ERR_NOMEM : K_OK;
    for (size_t i = 0; out && i < n; i++)
        out[i] = (int16_t)((int32_t)pcm[i] * s->volume / 100);
    pthread_mutex_unlock(&s->mu);
    if (rc == K_OK)
        rc = speech_wav_file(path, out, n);
    if (out)
        sodium_memzero(out, n * sizeof *out);
    free(out);
    return rc;
}

void speech_set_volume(Speech *s, int volume)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->mu);
    s->volume = volume < 0 ? 0 : volume > 100 ? 100 : volume;
    pthread_mutex_unlock(&s->mu);
}

int speech_volume(const Speech *s)
{
    return s ? s->volume : -1;
}

const char *speech_health(Speech *s)
{
    if (!s)
        return "";
    start(s);
    return s->health;
}

void speech_stats(const Speech *s, SpeechStats *out)
{
    memset(out, 0, sizeof *out);
    if (!s)
        return;
    pthread_mutex_t *mu = (pthread_mutex_t *)&s->mu;
    pthread_mutex_lock(mu);
    out->bytes = s->cache_bytes;
    out->cap_bytes = s->o.cache_bytes;
    out->entries = s->entries;
    out->hits = s->hits;
    out->misses = s->misses;
    out->last_start_ms = s->last_start_ms;
    pthread_mutex_unlock(mu);
}
