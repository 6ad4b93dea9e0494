/* app_directory.c — the app's side of the directory: at start, import the
 * configured pack when it is new and load the active pack from content.db;
 * open the directory (App.dir) and open it again after an import; the
 * lines staff see about services left out. */
#include "app_private.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/directory.h"
#include "kiosk/import.h"
#include "kiosk/log.h"

bool app_directory_start(App *a)
{
    char err[512];
    bool imported = false;
    if (import_at_start(a->cfg.content_pack, a->cfg.data_dir, &imported, err, sizeof err) !=
        K_OK) {
        snprintf(a->content_problem, sizeof a->content_problem, "%s", err);
        LOG_W("app", "content pack not imported; the content in use stays: %s", err);
    }
    app_directory_reopen(a);
    ContentPack *p = import_load_active(a->cfg.data_dir, err, sizeof err);
    if (!p)
        return false;
    a->pack = p;
    return true;
}

void app_directory_reopen(App *a)
{
    char db[700], err[512];
    import_db_path(a->cfg.data_dir, db, sizeof db);
    Directory *d = NULL;
    if (directory_open(db, &d, err, sizeof err) != K_OK) {
        LOG_W("app", "the directory cannot be read; the one in use stays");
        return;
    }
    directory_close(a->dir);
    a->dir = d;
}

size_t app_left_out_count(const App *a)
{
    return a ? directory_left_out_count(a->dir) : 0;
}

bool app_left_out_line(const App *a, size_t i, char *out, size_t cap)
{
    char path[300], problem[400];
    if (!a || directory_left_out(a->dir, i, path, sizeof path, problem, sizeof problem) != K_OK)
        return false;
    snprintf(out, cap, "%s: %s", path, problem);
    return true;
}
