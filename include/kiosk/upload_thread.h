/* upload_thread.h — the uploader beside the UI, and --send-now.
 *
 * The uploader runs in a thread of the kiosk's process with its own Store
 * (its own SQLite connection on the same file, opened after the app's) and
 * its own HttpClient; the UI reads a copy of its status under a mutex and
 * never waits on the network (docs/architecture.md, "Uploading"). */
#ifndef KIOSK_UPLOAD_THREAD_H
#define KIOSK_UPLOAD_THREAD_H

#include <stdio.h>
#include "kiosk/config.h"
#include "kiosk/uploader.h"

/* What an uploader needs, opened together. */
typedef struct {
    Store *s;
    HttpClient *http;
    Uploader *u;
} UploadRig;

/* Opens the rig for cfg (central.url must be set): reads the token
 * (config_read_token: a file others may read is refused), opens the
 * database in cfg's data directory, sets the record key, makes the client
 * and the engine. hub_id is the hub's id at the central service; content
 * says whether the engine also fetches the content pack (every
 * central.content_interval_s, kept in the data directory as
 * content-central.json). K_ERR_DENIED / K_ERR_IO / K_ERR_INVALID / K_ERR_NOMEM /
 * the store's errors, with one line in err; r is then empty. */
k_err upload_rig_open(UploadRig *r, const Config *cfg, const char *hub_id, bool content,
                      char *err, size_t errlen);

/* Closes what upload_rig_open opened; an empty rig is fine. */
void upload_rig_close(UploadRig *r);

typedef struct UploadThread UploadThread;

/* Opens a rig and starts the thread. NULL with one line in err when the rig
 * cannot be opened or the thread cannot start. */
UploadThread *upload_thread_start(const Config *cfg, const char *hub_id, char *err,
                                  size_t errlen);

/* Asks the thread to stop, waits for it (at most the request under way:
 * 25 s) and closes its rig; NULL is fine. */
void upload_thread_stop(UploadThread *t);

/* Copies the status (under the thread's mutex; never waits for a send). */
void upload_thread_status(UploadThread *t, UploadStatus *out);

/* Asks the thread to send now (staff's "Send now"). */
void upload_thread_send_now(UploadThread *t);

/* --send-now: sends what is waiting in the foreground, one line per batch
 * and a summary on out. Returns 0 when nothing is left waiting (rejected
 * records aside), 1 with the reason on out otherwise, 2 when the rig cannot
 * be opened. */
int upload_send_now(const Config *cfg, const char *hub_id, FILE *out);

#endif
