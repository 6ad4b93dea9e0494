/* speech_private.h — what speech.c (the Speech, its thread, cache and
 * playback) and speech_synth.c (espeak-ng, WAV files) share. */
#ifndef KIOSK_SPEECH_PRIVATE_H
#define KIOSK_SPEECH_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kiosk/error.h"

/* Receives each stretch of samples as it is made; returns false to stop
 * the synthesis. */
typedef bool (*SpeechSink)(void *ud, const int16_t *pcm, size_t n);

/* Starts espeak-ng once per process (later calls return what the first
 * did). K_ERR_IO when its voice data cannot be loaded. */
k_err speech_engine_start(void);

/* Synthesises text in the voice for tag, passing the samples (mono, 16 bit,
 * SPEECH_RATE) to sink as they are made. Safe from any thread: one
 * synthesis runs at a time in the process. K_ERR_NOT_FOUND when there is no
 * voice for tag, K_ERR_IO when espeak-ng refuses the text. */
k_err speech_synth(const char *tag, const char *text, SpeechSink sink, void *ud);

/* Has espeak-ng read a clause of neutral words over what it last read, so
 * no visitor's words stay in its static buffers; nothing when the engine
 * was never started. Call after a synthesis of personal words, from the
 * speech thread. */
void speech_synth_forget(void);

/* Writes n samples as a mono 16-bit WAV file at SPEECH_RATE. K_ERR_IO (and
 * a log line) when it cannot be written. */
k_err speech_wav_file(const char *path, const int16_t *pcm, size_t n);

#endif
