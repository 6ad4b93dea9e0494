/* store_wipe.c — what the store's connection keeps in memory of the rows
 * it wrote or read: SQLite's scratch page, overwritten before each commit,
 * and its page cache, emptied after each commit and each read of visitors'
 * rows (freed blocks are wiped, mem_wipe.h). */
#include "store_private.h"

#include "kiosk/log.h"

#define MOD STORE_MOD

/* SQLite builds each row it writes in one scratch page per database (the
 * b-tree's pTmpSpace), kept until the connection closes: after a check-in
 * it holds the name and postcode. A row of zeros nearly a page long, put
 * and taken away in the same transaction, overwrites it. */
static int scrub_scratch(Store *s)
{
    sqlite3_bind_int(s->st[ST_SCRUB_ADD], 1, s->scrub_bytes);
    int rc = store_run(s->st[ST_SCRUB_ADD]);
    if (rc == SQLITE_OK)
        rc = store_run(s->st[ST_SCRUB_DEL]);
    return rc;
}

int store_commit(Store *s)
{
    int rc = scrub_scratch(s);
    if (rc != SQLITE_OK && sqlite3_get_autocommit(s->db))
        return rc;      /* SQLite rolled the transaction back */
    if (rc != SQLITE_OK)
        LOG_W(MOD, "scratch page not overwritten (sqlite %d): committing anyway", rc);
    rc = store_run(s->st[ST_COMMIT]);
    store_forget_pages(s);
    return rc;
}

void store_forget_pages(Store *s)
{
    sqlite3_db_release_memory(s->db);
}
