/* import_start.c — what the kiosk does with packs at start: import the
 * configured pack when it is new (the rule in import.h), and read the
 * active pack back from content.db. Also the file reading and the version
 * order the import shares. */
#include "kiosk/import.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import_private.h"
#include "kiosk/content.h"
#include "kiosk/directory.h"
#include "kiosk/log.h"

#define MOD "import"

bool import_file_sig(const char *path, char *sig, size_t cap)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    snprintf(sig, cap, "%.600s|%lld.%09ld|%lld", path, (long long)st.st_mtim.tv_sec,
             st.st_mtim.tv_nsec, (long long)st.st_size);
    return true;
}

/* A pack file read for content_load_callback through stdio's buffer, with
 * no copy of the whole file: the parsed tree is the only one in memory. */
typedef struct {
    FILE *f;
    size_t got;
    bool too_big, failed;
} PackReader;

static size_t read_pack(void *buf, size_t cap, void *ud)
{
    PackReader *r = ud;
    size_t n = fread(buf, 1, cap, r->f);
    if (n == 0 && ferror(r->f)) {
        r->failed = true;
        return (size_t)-1;
    }
    r->got += n;
    if (r->got > CONTENT_PACK_MAX_BYTES) {   /* it grew after it was measured */
        r->too_big = true;
        return (size_t)-1;
    }
    return n;
}

ContentPack *import_load_file(const char *path, char *sig, size_t sigcap, k_err *why, char *err,
                              size_t errlen)
{
    *why = K_ERR_IO;
    FILE *f = fopen(path, "rb");
    if (!f || !import_file_sig(path, sig, sigcap)) {
        snprintf(err, errlen, "%.400s: cannot read: %s", path, strerror(errno));
        if (f)
            fclose(f);
        return NULL;
    }
    ContentPack *p = NULL;
    long size = -1;
    if (fseek(f, 0, SEEK_END) == 0)
        size = ftell(f);
    if (size > (long)CONTENT_PACK_MAX_BYTES) {
        snprintf(err, errlen, "%.400s: the file is %ld MiB, larger than a pack may be (%u MiB)",
                 path, size >> 20, CONTENT_PACK_MAX_BYTES >> 20);
        goto out_close;
    }
    if (size < 0 || fseek(f, 0, SEEK_SET) != 0) {
        snprintf(err, errlen, "%.400s: cannot read: %s", path, strerror(errno));
        goto out_close;
    }
    setvbuf(f, NULL, _IOFBF, 64 * 1024);
    PackReader r = { f, 0, false, false };
    p = content_load_callback(read_pack, &r, path, err, errlen);
    if (r.too_big)
        snprintf(err, errlen, "%.400s: the file is larger than a pack may be (%u MiB)", path,
                 CONTENT_PACK_MAX_BYTES >> 20);
    else if (r.failed)
        snprintf(err, errlen, "%.400s: cannot read: %s", path, strerror(EIO));
    else if (!p)
        *why = K_ERR_INVALID;
    if (p)
        *why = K_OK;
out_close:
    fclose(f);
    return p;
}

int import_version_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            while (*a == '0')
                a++;
            while (*b == '0')
                b++;
            size_t na = strspn(a, "0123456789"), nb = strspn(b, "0123456789");
            if (na != nb)
                return na < nb ? -1 : 1;
            int c = strncmp(a, b, na);
            if (c)
                return c;
            a += na;
            b += nb;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    return *a ? 1 : *b ? -1 : 0;
}

/* Decides whether the pack at path goes in: see import_at_start. False
 * when it stays out; true when it goes in, with hub and version set to
 * the pack in use (then it goes in only when not older), or left "" (it
 * goes in whatever its version). The pack is not read here: the import
 * reads it once and compares. */
static bool wanted(const char *path, const char *data_dir, char *hub, size_t hcap,
                   char *version, size_t vcap)
{
    char db[700], err[300], sig[800], have_sig[800] = "";
    hub[0] = version[0] = '\0';
    import_db_path(data_dir, db, sizeof db);
    Directory *d = NULL;
    if (directory_open(db, &d, err, sizeof err) != K_OK)
        return true;
    bool some = directory_meta(d, "version", version, vcap) == K_OK;
    (void)directory_meta(d, "hub_id", hub, hcap);
    (void)directory_meta(d, "source_sig", have_sig, sizeof have_sig);
    directory_close(d);
    if (!some) {
        hub[0] = version[0] = '\0';
        return true;
    }
    return !(import_file_sig(path, sig, sizeof sig) && !strcmp(sig, have_sig));
}

k_err import_at_start(const char *path, const char *data_dir, bool *imported, char *err,
                      size_t errlen)
{
    *imported = false;
    char hub[208], version[128];
    if (!wanted(path, data_dir, hub, sizeof hub, version, sizeof version))
        return K_OK;
    return import_file_unless_older(path, data_dir, hub[0] ? hub : NULL, version, imported, err,
                                    errlen);
}

ContentPack *import_load_active(const char *data_dir, char *err, size_t errlen)
{
    char db[700];
    import_db_path(data_dir, db, sizeof db);
    Directory *d = NULL;
    if (directory_open(db, &d, err, errlen) != K_OK)
        return NULL;
    ContentPack *p = NULL;
    char *json = directory_meta_dup(d, "active_pack");
    if (!json)
        snprintf(err, errlen, "%s: holds no content pack", db);
    else
        p = content_load_buffer(json, strlen(json), db, err, errlen);
    free(json);
    directory_close(d);
    return p;
}
