/* directory_build.c — writes a new directory database for an import: the
 * schema, the rows the import hands over, then each need's services and
 * the search index, built in SQL with the folding function registered on
 * the writer's connection. The file is written without a journal (a failed
 * import removes it) and fsynced at the end; the import renames it over
 * content.db. */
#include "directory_private.h"

#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/log.h"
#include "kiosk/mem_wipe.h"

/* KiB of page cache while the directory is built (a 5,000-service pack
 * makes about 45 MiB; what does not fit is written and read back). */
#define DIR_BUILD_CACHE_KIB "32768"

enum { W_META, W_SERVICE, W_TERM, W_TEXT, W_NEED, W_NEED_TERM, W_NEED_PICK, W_NEED_TEXT,
       W_LEFT_OUT, W_COUNT };

struct DirWriter {
    sqlite3 *db;
    sqlite3_stmt *st[W_COUNT];
    json_t *rows;   /* service id -> its rowid, for the translations */
    char path[700];
    bool failed;
};

static const char schema[] =
    "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE;"
    /* the whole build in memory until it is written: the index's pages are
     * read back while it is merged */
    "PRAGMA cache_size=-" DIR_BUILD_CACHE_KIB "; PRAGMA temp_store=MEMORY;"
    "PRAGMA user_version=" DIR_SCHEMA_TEXT ";"
    "BEGIN;"
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
    /* the short columns first: lists and the index read them without the
     * pages of the long texts after them */
    "CREATE TABLE service(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
    " name TEXT NOT NULL, at_hub INTEGER NOT NULL, sort TEXT NOT NULL,"
    " organization TEXT NOT NULL, description TEXT NOT NULL, json TEXT NOT NULL);"
    "CREATE TABLE service_term(term TEXT NOT NULL, service INTEGER NOT NULL,"
    " PRIMARY KEY(term, service)) WITHOUT ROWID;"
    "CREATE TABLE service_text(service INTEGER NOT NULL, lang TEXT NOT NULL, name TEXT,"
    " sort TEXT, description TEXT, PRIMARY KEY(service, lang)) WITHOUT ROWID;"
    "CREATE TABLE need(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
    " icon TEXT NOT NULL, grp TEXT NOT NULL, sensitive INTEGER NOT NULL);"
    "CREATE TABLE need_term(need INTEGER NOT NULL, term TEXT NOT NULL,"
    " PRIMARY KEY(need, term)) WITHOUT ROWID;"
    "CREATE TABLE need_pick(need INTEGER NOT NULL, service_id TEXT NOT NULL,"
    " PRIMARY KEY(need, service_id)) WITHOUT ROWID;"
    "CREATE TABLE need_text(need INTEGER NOT NULL, lang TEXT NOT NULL, name TEXT NOT NULL,"
    " PRIMARY KEY(need, lang)) WITHOUT ROWID;"
    "CREATE TABLE need_service(need INTEGER NOT NULL, service INTEGER NOT NULL,"
    " PRIMARY KEY(need, service)) WITHOUT ROWID;"
    "CREATE TABLE left_out(rowid INTEGER PRIMARY KEY, path TEXT NOT NULL,"
    " problem TEXT NOT NULL);"
    "CREATE TABLE doc(rowid INTEGER PRIMARY KEY, kind INTEGER NOT NULL, ref INTEGER NOT NULL,"
    " lang TEXT NOT NULL);"
    /* names with prefix indexes of one and two characters, for the first
     * letters typed; names and bodies without (a prefix of the few words
     * in names is a small part of what an index of bodies would hold) */
    "CREATE VIRTUAL TABLE dir_name USING fts5(name, content='', columnsize=0, prefix='1 2',"
    " tokenize=\"unicode61 remove_diacritics 0 categories 'L* N* Co M*'\");"
    "CREATE VIRTUAL TABLE dir_fts USING fts5(name, body, content='', columnsize=0,"
    " tokenize=\"unicode61 remove_diacritics 0 categories 'L* N* Co M*'\");"
    /* every text is folded before it is indexed or searched (kfold, and
     * directory_fold on the query): the tokenizers need not fold again */
    "CREATE VIRTUAL TABLE dir_tri USING fts5(name, content='',"
    " tokenize='trigram case_sensitive 1');";

static const char *const inserts[W_COUNT] = {
    [W_META] = "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
    [W_SERVICE] = "INSERT INTO service(id, name, organization, description, at_hub, sort, json)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, kfold(?2), ?6)",
    [W_TERM] = "INSERT OR IGNORE INTO service_term(term, service) VALUES (?1, ?2)",
    [W_TEXT] = "INSERT OR REPLACE INTO service_text(service, lang, name, description, sort)"
               " VALUES (?1, lower(?2), ?3, ?4, kfold(?3))",
    [W_NEED] = "INSERT INTO need(id, name, icon, grp, sensitive) VALUES (?1, ?2, ?3, ?4, ?5)",
    [W_NEED_TERM] = "INSERT OR IGNORE INTO need_term(need, term) VALUES (?1, ?2)",
    [W_NEED_PICK] = "INSERT OR IGNORE INTO need_pick(need, service_id) VALUES (?1, ?2)",
    [W_NEED_TEXT] = "INSERT OR REPLACE INTO need_text(need, lang, name)"
                    " SELECT rowid, lower(?2), ?3 FROM need WHERE id = ?1",
    [W_LEFT_OUT] = "INSERT INTO left_out(path, problem) VALUES (?1, ?2)",
};

/* Gathers the needs' services and lays out the search documents. */
static const char finish_sql[] =
    "INSERT OR IGNORE INTO need_service(need, service)"
    " SELECT p.need, s.rowid FROM need_pick p JOIN service s ON s.id = p.service_id;"
    "INSERT OR IGNORE INTO need_service(need, service)"
    " SELECT t.need, st.service FROM need_term t JOIN service_term st ON st.term = t.term;"
    /* the documents in the order search lists them: needs, then the
     * services at this hub, then the rest, by name */
    "INSERT INTO doc(kind, ref, lang) SELECT 1, x.need, x.lang FROM"
    " (SELECT rowid AS need, 'en' AS lang FROM need UNION ALL"
    "  SELECT need, lang FROM need_text) x ORDER BY x.need, x.lang;"
    "INSERT INTO doc(kind, ref, lang) SELECT 0, s.rowid, x.lang FROM"
    " (SELECT rowid AS service, 'en' AS lang FROM service UNION ALL"
    "  SELECT service, lang FROM service_text) x JOIN service s ON s.rowid = x.service"
    " ORDER BY s.at_hub DESC, s.sort, s.rowid, x.lang;";

/* What the search index holds, one row a document in document order: its
 * folded name, and (services) the organisation and description to fold. */
static const char docs_sql[] =
    "SELECT d.rowid, kfold(coalesce(t.name, n.name)), NULL, NULL"
    " FROM doc d JOIN need n ON n.rowid = d.ref"
    " LEFT JOIN need_text t ON d.lang <> 'en' AND t.need = d.ref AND t.lang = d.lang"
    " WHERE d.kind = 1"
    " UNION ALL SELECT d.rowid, coalesce(t.sort, s.sort), s.organization,"
    " coalesce(t.description, s.description)"
    " FROM doc d JOIN service s ON s.rowid = d.ref"
    " LEFT JOIN service_text t ON d.lang <> 'en' AND t.service = d.ref AND t.lang = d.lang"
    " WHERE d.kind = 0";

enum { IX_NAME, IX_FTS, IX_TRI, IX_COUNT };
static const char *const index_sql[IX_COUNT] = {
    [IX_NAME] = "INSERT INTO dir_name(rowid, name) VALUES (?1, ?2)",
    [IX_FTS] = "INSERT INTO dir_fts(rowid, name, body) VALUES (?1, ?2, ?3)",
    [IX_TRI] = "INSERT INTO dir_tri(rowid, name) VALUES (?1, ?2)",
};

/* Merges each index into one segment and commits. */
static const char optimize_sql[] =
    "INSERT INTO dir_name(dir_name) VALUES ('optimize');"
    "INSERT INTO dir_fts(dir_fts) VALUES ('optimize');"
    "INSERT INTO dir_tri(dir_tri) VALUES ('optimize');"
    "COMMIT;";

/* kfold(text): directory_fold as an SQL function. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *in = (const char *)sqlite3_value_text(argv[0]);
    if (!in) {
        sqlite3_result_null(ctx);
        return;
    }
    static _Thread_local char buf[DIR_FOLD_BUF];
    size_t n = directory_fold(in, buf, sizeof buf);
    sqlite3_result_text(ctx, buf, (int)n, SQLITE_TRANSIENT);
}

static k_err db_err(DirWriter *w, int rc)
{
    w->failed = true;
    LOG_E(DIR_MOD, "%s: writing the directory: %s", w->path, sqlite3_errmsg(w->db));
    return rc == SQLITE_FULL ? K_ERR_FULL : K_ERR_DB;
}

/* Steps an insert once and resets it. */
static k_err run(DirWriter *w, int which)
{
    sqlite3_stmt *st = w->st[which];
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE)
        return db_err(w, rc);
    return K_OK;
}

static void text(sqlite3_stmt *st, int i, const char *s)
{
    sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_STATIC);
}

DirWriter *directory_writer_open(const char *path, char *err, size_t errlen)
{
    (void)mem_wipe_init();
    DirWriter *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    snprintf(w->path, sizeof w->path, "%s", path);
    unlink(path);
    w->rows = json_object();
    int rc = !w->rows ? SQLITE_NOMEM
                      : sqlite3_open_v2(path, &w->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                        NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(w->db, "kfold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                     NULL, sql_fold, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(w->db, schema, NULL, NULL, NULL);
    for (int i = 0; rc == SQLITE_OK && i < W_COUNT; i++)
        rc = sqlite3_prepare_v2(w->db, inserts[i], -1, &w->st[i], NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "%s: cannot start the directory: %s", path,
                 w->db ? sqlite3_errmsg(w->db) : "out of memory");
        directory_writer_abort(w);
        return NULL;
    }
    return w;
}

k_err directory_writer_meta(DirWriter *w, const char *key, const char *value)
{
    if (w->failed || !key)
        return K_ERR_INVALID;
    text(w->st[W_META], 1, key);
    text(w->st[W_META], 2, value);
    return run(w, W_META);
}

k_err directory_writer_service(DirWriter *w, const DirServiceIn *s)
{
    if (w->failed || !s->id || !s->name)
        return K_ERR_INVALID;
    sqlite3_stmt *st = w->st[W_SERVICE];
    text(st, 1, s->id);
    text(st, 2, s->name);
    text(st, 3, s->organization);
    text(st, 4, s->description);
    sqlite3_bind_int(st, 5, s->at_hub);
    text(st, 6, s->json ? s->json : "{}");
    k_err e = run(w, W_SERVICE);
    sqlite3_int64 row = sqlite3_last_insert_rowid(w->db);
    if (e == K_OK && json_object_set_new(w->rows, s->id, json_integer(row)) != 0)
        e = K_ERR_NOMEM;
    for (size_t i = 0; e == K_OK && i < s->n_taxonomy_ids; i++) {
        text(w->st[W_TERM], 1, s->taxonomy_ids[i]);
        sqlite3_bind_int64(w->st[W_TERM], 2, row);
        e = run(w, W_TERM);
    }
    return e;
}

k_err directory_writer_service_text(DirWriter *w, const char *service_id, const char *lang,
                                    const char *name, const char *description)
{
    if (w->failed || !service_id || !lang)
        return K_ERR_INVALID;
    const json_t *row = json_object_get(w->rows, service_id);
    if (!row)
        return K_ERR_INVALID;
    sqlite3_stmt *st = w->st[W_TEXT];
    sqlite3_bind_int64(st, 1, json_integer_value(row));
    text(st, 2, lang);
    if (name && *name)
        text(st, 3, name);
    if (description && *description)
        text(st, 4, description);
    return run(w, W_TEXT);
}

k_err directory_writer_need(DirWriter *w, const ContentNeed *n)
{
    if (w->failed || !n->id || !n->name)
        return K_ERR_INVALID;
    sqlite3_stmt *st = w->st[W_NEED];
    text(st, 1, n->id);
    text(st, 2, n->name);
    text(st, 3, n->icon);
    text(st, 4, n->group);
    sqlite3_bind_int(st, 5, n->sensitive);
    k_err e = run(w, W_NEED);
    sqlite3_int64 row = sqlite3_last_insert_rowid(w->db);
    for (size_t i = 0; e == K_OK && i < n->n_taxonomy_ids; i++) {
        sqlite3_bind_int64(w->st[W_NEED_TERM], 1, row);
        text(w->st[W_NEED_TERM], 2, n->taxonomy_ids[i]);
        e = run(w, W_NEED_TERM);
    }
    for (size_t i = 0; e == K_OK && i < n->n_service_ids; i++) {
        sqlite3_bind_int64(w->st[W_NEED_PICK], 1, row);
        text(w->st[W_NEED_PICK], 2, n->service_ids[i]);
        e = run(w, W_NEED_PICK);
    }
    return e;
}

k_err directory_writer_need_text(DirWriter *w, const char *need_id, const char *lang,
                                 const char *name)
{
    if (w->failed || !need_id || !lang || !name || !*name)
        return K_ERR_INVALID;
    text(w->st[W_NEED_TEXT], 1, need_id);
    text(w->st[W_NEED_TEXT], 2, lang);
    text(w->st[W_NEED_TEXT], 3, name);
    k_err e = run(w, W_NEED_TEXT);
    if (e == K_OK && sqlite3_changes(w->db) == 0)
        return K_ERR_INVALID;
    return e;
}

k_err directory_writer_left_out(DirWriter *w, const char *path, const char *problem)
{
    if (w->failed)
        return K_ERR_INVALID;
    text(w->st[W_LEFT_OUT], 1, path);
    text(w->st[W_LEFT_OUT], 2, problem);
    return run(w, W_LEFT_OUT);
}

/* Closes the connection and its statements. */
static void close_db(DirWriter *w)
{
    for (int i = 0; i < W_COUNT; i++)
        sqlite3_finalize(w->st[i]);
    memset(w->st, 0, sizeof w->st);
    sqlite3_close(w->db);
    w->db = NULL;
}

static void free_writer(DirWriter *w)
{
    json_decref(w->rows);
    free(w);
}

/* fsync of the finished file. */
static bool sync_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0;
    return close(fd) == 0 && ok;
}

/* The body of a service's document, folded into out (DIR_FOLD_BUF):
 * its organisation and description. *join (of *cap bytes) grows as
 * needed. False when out of memory. */
static bool fold_body(const char *org, const char *desc, char **join, size_t *cap, char *out)
{
    size_t a = strlen(org), b = strlen(desc);
    if (a + b + 2 > *cap) {
        char *grown = realloc(*join, a + b + 2);
        if (!grown)
            return false;
        *join = grown;
        *cap = a + b + 2;
    }
    memcpy(*join, org, a);
    (*join)[a] = ' ';
    memcpy(*join + a + 1, desc, b + 1);
    directory_fold(*join, out, DIR_FOLD_BUF);
    return true;
}

/* Fills the three search indexes from the documents in one pass: each
 * document's texts are read and folded once. SQLite's result code. */
static int build_index(DirWriter *w)
{
    sqlite3_stmt *rows = NULL, *ix[IX_COUNT] = { NULL };
    char *join = NULL, *body = malloc(DIR_FOLD_BUF);
    size_t cap = 0;
    int rc = body ? sqlite3_prepare_v2(w->db, docs_sql, -1, &rows, NULL) : SQLITE_NOMEM;
    for (int i = 0; rc == SQLITE_OK && i < IX_COUNT; i++)
        rc = sqlite3_prepare_v2(w->db, index_sql[i], -1, &ix[i], NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(rows)) == SQLITE_ROW) {
        sqlite3_int64 doc = sqlite3_column_int64(rows, 0);
        const char *name = (const char *)sqlite3_column_text(rows, 1);
        const char *org = (const char *)sqlite3_column_text(rows, 2);
        const char *desc = (const char *)sqlite3_column_text(rows, 3);
        body[0] = '\0';
        if (org && desc && !fold_body(org, desc, &join, &cap, body)) {
            rc = SQLITE_NOMEM;
            break;
        }
        rc = SQLITE_OK;
        for (int i = 0; rc == SQLITE_OK && i < IX_COUNT; i++) {
            sqlite3_bind_int64(ix[i], 1, doc);
            sqlite3_bind_text(ix[i], 2, name ? name : "", -1, SQLITE_STATIC);
            if (i == IX_FTS)
                sqlite3_bind_text(ix[i], 3, body, -1, SQLITE_STATIC);
            rc = sqlite3_step(ix[i]) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(w->db);
            sqlite3_reset(ix[i]);
        }
    }
    if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    for (int i = 0; i < IX_COUNT; i++)
        sqlite3_finalize(ix[i]);
    sqlite3_finalize(rows);
    free(join);
    free(body);
    return rc;
}

k_err directory_writer_finish(DirWriter *w, char *err, size_t errlen)
{
    if (w->failed) {
        snprintf(err, errlen, "%s: the directory was not written whole", w->path);
        directory_writer_abort(w);
        return K_ERR_DB;
    }
    char *msg = NULL;
    int rc = sqlite3_exec(w->db, finish_sql, NULL, NULL, &msg);
    if (rc == SQLITE_OK)
        rc = build_index(w);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(w->db, optimize_sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "%s: cannot build the directory: %s", w->path,
                 msg ? msg : w->db ? sqlite3_errmsg(w->db) : "out of memory");
        sqlite3_free(msg);
        directory_writer_abort(w);
        return rc == SQLITE_FULL ? K_ERR_FULL : K_ERR_DB;
    }
    close_db(w);
    if (!sync_file(w->path)) {
        snprintf(err, errlen, "%s: cannot write the directory to disk", w->path);
        directory_writer_abort(w);
        return K_ERR_IO;
    }
    free_writer(w);
    return K_OK;
}

void directory_writer_abort(DirWriter *w)
{
    if (!w)
        return;
    if (w->db) {
        sqlite3_exec(w->db, "ROLLBACK", NULL, NULL, NULL);
        close_db(w);
    }
    unlink(w->path);
    free_writer(w);
}
