/* test_privacy.c — after each wipe, nothing the visitor typed is anywhere in
 * the kiosk's memory. The kiosk runs in this process (drive.h); a visitor
 * types a first name and a postcode and reaches the confirm screen, and
 * then leaves four ways: Quick exit, the idle wipe, a save ("thank you"),
 * and a staff member who looked at the staff list and locked it; and once
 * more, ten visitors and an hour after a Quick exit. After each
 * the test reads its own writable memory ([heap], the anonymous rw
 * mappings of /proc/self/maps, live blocks and freed ones alike, and the
 * stack below the scanning frame, where returned calls left theirs) for the
 * name and the postcode in UTF-8, UTF-16 and UTF-32, and names the owner of
 * every copy found: the block holding it and the backtrace of the
 * allocation (alloc_fail.h keeps one per block, and the last frees).
 *
 * The words searched for are kept XORed in the binary and decoded into a
 * mapping of their own that the scan skips and that is zeroed afterwards,
 * so the test's own copy is never counted.
 *
 * Any copy fails the test, and each is named with its owner on stderr.
 * The owners this test has found and that are now wiped: the text caches
 * (personal text is never cached) and itemise's UTF-32 copy; SDL's event
 * queue entries (app.c overwrites them after each text event and on each
 * wipe); jansson's buffers and SQLite's freed memory, page cache and
 * scratch page (mem_wipe.c, store_wipe.c); espeak-ng's static buffers,
 * which keep the last clause it read (speech_synth_forget reads a neutral
 * one over it after every listen with a visitor's words). The test also
 * fails when the scan cannot see the name while it is on the screen (a
 * blind scanner proves nothing). KIOSK_PRIVACY_STRICT=1 (the test's old switch, strict
 * now by default) also prints the count after every wipe. Skipped under
 * AddressSanitizer, whose allocator keeps freed blocks in quarantine and
 * owns malloc. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/mman.h>

#include "alloc_fail.h"
#include "drive.h"
#include "harness.h"
#include "support_fixture.h"
#include "kiosk/speech.h"

/* "Zelda Quixote" and "KW17", each byte XOR 0x5A. KW17 (Orkney) is a real
 * outward code that no text of the kiosk or its pack contains ("SM1" is in
 * the postcode hint, so it cannot be searched for). */
static const unsigned char NAME_X[] = { 0x00, 0x3f, 0x36, 0x3e, 0x3b, 0x7a, 0x0b, 0x2f,
                                        0x33, 0x22, 0x35, 0x2e, 0x3f };
static const unsigned char POSTCODE_X[] = { 0x11, 0x0d, 0x6b, 0x6d };
#define XOR_KEY 0x5A

typedef struct {
    const char *what;
    const unsigned char *p;
    size_t len;
} Needle;

/* Decoded words and their UTF-16 and UTF-32 forms, in one mapping. */
typedef struct {
    unsigned char *page;
    size_t size;
    char *name, *postcode, *surname;
    Needle n[9];
    int count;
} Needles;

static void add_forms(Needles *k, unsigned char **at, const char *what, const char *s)
{
    size_t len = strlen(s);
    static const char *forms[] = { "UTF-8", "UTF-16", "UTF-32" };
    for (int f = 0; f < 3; f++) {
        size_t w = f == 0 ? 1 : f == 1 ? 2 : 4;
        unsigned char *o = *at;
        for (size_t i = 0; i < len; i++)   /* ASCII: one unit each, little-endian */
            for (size_t b = 0; b < w; b++)
                o[i * w + b] = b == 0 ? (unsigned char)s[i] : 0;
        Needle *n = &k->n[k->count++];
        n->p = o;
        n->len = len * w;
        static char labels[9][48];
        snprintf(labels[k->count - 1], sizeof labels[0], "%s (%s)", what, forms[f]);
        n->what = labels[k->count - 1];
        *at += len * w + 8;
    }
}

static void needles_open(Needles *k)
{
    memset(k, 0, sizeof *k);
    k->size = 4096;
    k->page = mmap(NULL, k->size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(k->page != MAP_FAILED);
    k->name = (char *)k->page;
    for (size_t i = 0; i < sizeof NAME_X; i++)
        k->name[i] = (char)(NAME_X[i] ^ XOR_KEY);
    k->postcode = k->name + 32;
    for (size_t i = 0; i < sizeof POSTCODE_X; i++)
        k->postcode[i] = (char)(POSTCODE_X[i] ^ XOR_KEY);
    k->surname = strchr(k->name, ' ') + 1;   /* "Quixote": finds partial copies too */
    unsigned char *at = k->page + 64;
    add_forms(k, &at, "the surname", k->surname);
    add_forms(k, &at, "the postcode", k->postcode);
}

static void needles_close(Needles *k)
{
    sodium_memzero(k->page, k->size);
    munmap(k->page, k->size);
    memset(k, 0, sizeof *k);
}

typedef struct { uintptr_t lo, hi; char name[64]; } Region;

/* The writable heap and anonymous mappings, but not the needles' own page
 * nor the allocation tracker's tables (pointers and backtraces only). */
static int regions(const Needles *k, Region *out, int cap)
{
    FILE *f = fopen("/proc/self/maps", "r");
    assert_non_null(f);
    char line[512];
    int n = 0;
    while (n < cap && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char perms[8], path[256] = "";
        if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %255s", &lo, &hi, perms, path) < 3)
            continue;
        if (perms[0] != 'r' || perms[1] != 'w')
            continue;
        /* the stack below this frame: calls that have returned */
        if (!strcmp(path, "[stack]") && lo < (uintptr_t)__builtin_frame_address(0) &&
            (uintptr_t)__builtin_frame_address(0) <= hi)
            hi = ((uintptr_t)__builtin_frame_address(0) - 512) & ~(uintptr_t)15;
        else if (path[0] && strcmp(path, "[heap]"))
            continue;
        if (lo == (uintptr_t)k->page || lo == (uintptr_t)alloc_state.table ||
            lo == (uintptr_t)alloc_state.graves)
            continue;
        out[n].lo = lo;
        out[n].hi = hi;
        snprintf(out[n].name, sizeof out[n].name, "%.63s", path[0] ? path : "anonymous");
        n++;
    }
    fclose(f);
    return n;
}

/* Counts (and, when print, describes) every copy of every needle. */
static int scan(const Needles *k, const char *when, bool print)
{
    static Region rs[4096];
    int nr = regions(k, rs, 4096), found = 0;
    for (int r = 0; r < nr; r++)
        for (int j = 0; j < k->count; j++) {
            const unsigned char *lo = (const unsigned char *)rs[r].lo,
                                *hi = (const unsigned char *)rs[r].hi;
            for (const unsigned char *p = lo; p < hi;) {
                p = memmem(p, (size_t)(hi - p), k->n[j].p, k->n[j].len);
                if (!p)
                    break;
                found++;
                if (print) {
                    bool freed;
                    const AllocBlock *b = alloc_owner(p, &freed);
                    fprintf(stderr, "%s: %s at %p in %s", when, k->n[j].what, (const void *)p,
                            rs[r].name);
                    if (b) {
                        fprintf(stderr, ", %s block of %zu bytes at offset %zu, allocated by:\n",
                                freed ? "a freed" : "a live", b->size,
                                (size_t)(p - (const unsigned char *)b->p));
                        alloc_print_owner(stderr, b);
                    } else {
                        fprintf(stderr, ", not in a block this test saw allocated\n");
                    }
                }
                p += k->n[j].len;
            }
        }
    return found;
}

typedef struct {
    Harness h;
    Drive d;
    Needles k;
} Visit;

static void visit_open(Visit *v)
{
    alloc_trace(true);
    harness_open(&v->h);
    assert_int_equal(harness_set_pin(&v->h, "1234"), 0);
    if (drive_open(&v->d, &v->h.cfg) != 0)
        fail_msg("%s", v->d.err);
    needles_open(&v->k);
    assert_true(drive_goto(&v->d, "confirm", v->k.name, v->k.postcode));
    assert_string_equal(drive_screen(&v->d), "confirm");
    drive_present(&v->d);
    /* the name is on the screen: the scan must see it */
    assert_true(scan(&v->k, "on the confirm screen", false) > 0);
}

/* Scans after the wipe; returns the copies found. */
static int visit_check(Visit *v, const char *when, const char *screen)
{
    drive_present(&v->d);
    assert_string_equal(drive_screen(&v->d), screen);
    int n = scan(&v->k, when, true);
    if (n || getenv("KIOSK_PRIVACY_STRICT"))
        fprintf(stderr, "%s: %d copies of what the visitor typed\n", when, n);
    return n;
}

static void visit_close(Visit *v, int copies)
{
    needles_close(&v->k);
    drive_close(&v->d);
    harness_close(&v->h);
    alloc_trace(false);
    assert_int_equal(copies, 0);
}

static void test_quick_exit(void **state)
{
    (void)state;
    if (!alloc_available())
        skip();
    Visit v;
    visit_open(&v);
    assert_true(drive_tap(&v.d, "nav.exit"));
    visit_close(&v, visit_check(&v, "after Quick exit", "home"));
}

static void test_idle_wipe(void **state)
{
    (void)state;
    if (!alloc_available())
        skip();
    Visit v;
    visit_open(&v);
    drive_wait(&v.d, (uint32_t)v.h.cfg.idle_s * 1000u + 1000u);
    visit_close(&v, visit_check(&v, "after the idle wipe", "home"));
}

static void test_thank_you(void **state)
{
    (void)state;
    if (!alloc_available())
        skip();
    Visit v;
    visit_open(&v);
    assert_true(drive_tap(&v.d, "confirm.ok"));
    /* saved: the name and postcode are forgotten at once */
    int n = visit_check(&v, "on \"thank you\" after a save", "thanks");
    assert_true(drive_tap(&v.d, "thanks.done"));
    n += visit_check(&v, "after \"thank you\"", "home");
    visit_close(&v, n);
}

static void test_staff_lock(void **state)
{
    (void)state;
    if (!alloc_available())
        skip();
    Visit v;
    visit_open(&v);
    assert_true(drive_tap(&v.d, "confirm.ok"));
    assert_true(drive_tap(&v.d, "thanks.done"));
    assert_true(drive_goto(&v.d, "staff", NULL, NULL));
    assert_string_equal(drive_screen(&v.d), "staff");
    drive_present(&v.d);
    /* the staff list shows the name (the attendance table keeps it for the
     * day, on disk); once locked, memory holds it no more */
    assert_true(scan(&v.k, "on the staff list", false) > 0);
    assert_true(drive_tap(&v.d, "staff.lock"));
    visit_close(&v, visit_check(&v, "after the staff lock", "home"));
}

/* After Quick exit, ten more visitors and an hour idle, none of the first
 * visitor's words is anywhere (copies kept by a cache would not fade). */
static void test_ten_visitors_and_an_hour_later(void **state)
{
    (void)state;
    if (!alloc_available())
        skip();
    Visit v;
    visit_open(&v);
    assert_true(drive_tap(&v.d, "nav.exit"));
    static const char *names[] = { "Ann", "Bea", "Cy", "Dev", "Eli", "Fay", "Gus", "Hal", "Ivy",
                                   "Jo" };
    for (int k = 0; k < 10; k++) {
        assert_true(drive_goto(&v.d, "confirm", names[k], "SM2"));
        drive_present(&v.d);
        assert_true(drive_tap(&v.d, "nav.exit"));
    }
    drive_wait(&v.d, 3600u * 1000u);
    visit_close(&v, visit_check(&v, "ten visitors and an hour after Quick exit", "home"));
}

/* The headless runner replays a visit from a script that holds the
 * visitor's words: once the run is over, neither the script nor the type
 * lines' copies are left (nor anything the kiosk made of them). */
static void test_headless_script_forgotten(void **state)
{
    (void)state;
    if (!alloc_available())
        skip();
    alloc_trace(true);
    Harness h;
    harness_open(&h);
    Needles k;
    needles_open(&k);
    char *script = (char *)k.page + 2048;   /* in the page the scan skips */
    snprintf(script, 1024,
             "tap home.checkin\ntap checkin.session.0\ntap party.next\n"
             "tap details.first.yes\ntap details.name\ntype %s\ntap kbd.done\n"
             "tap details.postcode\ntype %s\ntap kbd.done\ntap details.next\n"
             "expect-screen confirm\npresent\ntap nav.exit\nexpect-screen home\npresent\n",
             k.name, k.postcode);
    int rc = harness_run(&h, script);
    if (rc != 0)
        fail_msg("script: %s", h.err);
    int n = scan(&k, "after a headless run", true);
    if (n || getenv("KIOSK_PRIVACY_STRICT"))
        fprintf(stderr, "after a headless run: %d copies of what the visitor typed\n", n);
    needles_close(&k);
    harness_close(&h);
    alloc_trace(false);
    assert_int_equal(n, 0);
}

/* A visitor who asked to hear what they typed (Listen twice on the confirm
 * screen), then Quick exit: the words said aloud leave memory too. */
static void test_listened_then_quick_exit(void **state)
{
    (void)state;
    if (!alloc_available())
        skip();
    Visit v;
    alloc_trace(true);
    harness_open(&v.h);
    v.h.cfg.speech_capture = true;
    if (drive_open(&v.d, &v.h.cfg) != 0)
        fail_msg("%s", v.d.err);
    needles_open(&v.k);
    assert_true(drive_goto(&v.d, "confirm", v.k.name, v.k.postcode));
    assert_true(drive_tap(&v.d, "nav.listen"));
    assert_true(speech_wait(app_speech(v.d.app), 20000));
    assert_true(drive_tap(&v.d, "nav.listen"));     /* Listen again: stops */
    assert_true(drive_tap(&v.d, "nav.listen"));     /* asked again: the name too */
    assert_true(speech_wait(app_speech(v.d.app), 20000));
    assert_true(speech_speaking(app_speech(v.d.app)));
    assert_true(drive_tap(&v.d, "nav.exit"));
    visit_close(&v, visit_check(&v, "after a listen and Quick exit", "home"));
}

/* Listen twice on the search screen: the typed words are the last thing
 * said, so they are what espeak-ng read last (its own static buffers keep
 * the last clause), then Quick exit. */
static void test_listened_search_then_quick_exit(void **state)
{
    (void)state;
    if (!alloc_available())
        skip();
    alloc_trace(true);
    Visit v;
    support_open(&v.h);
    v.h.cfg.speech_capture = true;
    if (drive_open(&v.d, &v.h.cfg) != 0)
        fail_msg("%s", v.d.err);
    needles_open(&v.k);
    assert_true(drive_tap(&v.d, "home.support"));
    assert_true(drive_tap(&v.d, "support.search"));
    drive_type(&v.d, v.k.surname);
    drive_present(&v.d);
    assert_true(scan(&v.k, "in the search field", false) > 0);
    assert_true(drive_tap(&v.d, "nav.listen"));
    assert_true(speech_wait(app_speech(v.d.app), 20000));
    assert_true(drive_tap(&v.d, "nav.listen"));     /* Listen again: stops */
    assert_true(drive_tap(&v.d, "nav.listen"));     /* asked again: the words too */
    assert_true(speech_wait(app_speech(v.d.app), 20000));
    assert_true(drive_tap(&v.d, "nav.exit"));
    visit_close(&v, visit_check(&v, "after a listen to the search and Quick exit", "home"));
}

/* A headless run that listens (writing what was said to OUT/NAME.txt and
 * its sound to OUT/NAME.wav) forgets the words too: stdio's buffers for
 * those files are freed holding them unless the writer gives its own. */
static void test_headless_listen_forgotten(void **state)
{
    (void)state;
    if (!alloc_available())
        skip();
    alloc_trace(true);
    Harness h;
    support_open(&h);
    h.cfg.speech_capture = true;
    Needles k;
    needles_open(&k);
    char *script = (char *)k.page + 2048;   /* in the page the scan skips */
    snprintf(script, 1024,
             "tap home.support\ntap support.search\ntype %s\nlisten one\nlisten two\n"
             "tap nav.exit\nexpect-screen home\npresent\n", k.surname);
    int rc = harness_run(&h, script);
    if (rc != 0)
        fail_msg("script: %s", h.err);
    int n = scan(&k, "after a headless run that listened", true);
    needles_close(&k);
    harness_close(&h);
    alloc_trace(false);
    assert_int_equal(n, 0);
}

/* ---- callback requests: the name and a note (holding the postcode
 * needle) typed mid-flow, then Quick exit, the idle wipe, or the send ---- */

static void request_open(Visit *v)
{
    alloc_trace(true);
    harness_open(&v->h);
    if (drive_open(&v->d, &v->h.cfg) != 0)
        fail_msg("%s", v->d.err);
    needles_open(&v->k);
    char note[24];
    snprintf(note, sizeof note, "after %.8s ok", v->k.postcode);
    bool ok = drive_tap(&v->d, "home.callback") && drive_tap(&v->d, "callback.need.other") &&
              drive_tap(&v->d, "request.name");
    drive_type(&v->d, v->k.name);
    ok = ok && drive_tap(&v->d, "kbd.done") && drive_tap(&v->d, "request.phone");
    drive_type(&v->d, "07700 900123");
    ok = ok && drive_tap(&v->d, "kbd.done") && drive_tap(&v->d, "request.contact.next") &&
         drive_tap(&v->d, "request.time.morning") && drive_tap(&v->d, "request.times.next") &&
         drive_tap(&v->d, "request.interpreter.no") &&
         drive_tap(&v->d, "request.language.next") && drive_tap(&v->d, "request.voicemail.no") &&
         drive_tap(&v->d, "request.sayhub.no") && drive_tap(&v->d, "request.safety.next") &&
         drive_tap(&v->d, "request.note");
    drive_type(&v->d, note);
    sodium_memzero(note, sizeof note);
    ok = ok && drive_tap(&v->d, "kbd.done") && drive_tap(&v->d, "request.note.next");
    assert_true(ok);
    assert_string_equal(drive_screen(&v->d), "request-confirm");
    drive_present(&v->d);
    assert_true(scan(&v->k, "on the request's confirm screen", false) > 0);
}

static void test_request_quick_exit(void **state)
{
    (void)state;
    if (!alloc_available())
        skip();
    Visit v;
    request_open(&v);
    assert_true(drive_tap(&v.d, "nav.exit"));
    visit_close(&v, visit_check(&v, "after Quick exit from a callback request", "home"));
}

static void test_request_idle_wipe(void **state)
{
    (void)state;
    if (!alloc_available())
        skip();
    Visit v;
    request_open(&v);
    drive_wait(&v.d, (uint32_t)v.h.cfg.idle_s * 1000u + 1000u);
    visit_close(&v, visit_check(&v, "after the idle wipe of a callback request", "home"));
}

static void test_request_sent(void **state)
{
    (void)state;
    if (!alloc_available())
        skip();
    Visit v;
    request_open(&v);
    assert_true(drive_tap(&v.d, "request.send"));
    /* saved: the confirmation shows the reference only */
    int n = visit_check(&v, "on the request's confirmation", "request-done");
    assert_true(drive_tap(&v.d, "request.done"));
    n += visit_check(&v, "after the request's confirmation", "home");
    visit_close(&v, n);
}

/* Words typed into the directory's search (shown as the visitor types,
 * with the matches they bring) are gone after Quick exit and after the
 * idle wipe, like a name. */
static void test_search_forgotten(void **state)
{
    (void)state;
    if (!alloc_available())
        skip();
    alloc_trace(true);
    Harness h;
    support_open(&h);
    Drive d;
    if (drive_open(&d, &h.cfg) != 0)
        fail_msg("%s", d.err);
    Needles k;
    needles_open(&k);
    int n = 0;
    for (int way = 0; way < 2; way++) {
        assert_true(drive_tap(&d, "home.support"));
        assert_true(drive_tap(&d, "support.search"));
        drive_type(&d, k.name);
        drive_present(&d);
        assert_string_equal(drive_screen(&d), "support-search");
        assert_true(scan(&k, "in the search field", false) > 0);
        if (way == 0)
            assert_true(drive_tap(&d, "nav.exit"));
        else
            drive_wait(&d, (uint32_t)h.cfg.idle_s * 1000u + 1000u);
        drive_present(&d);
        assert_string_equal(drive_screen(&d), "home");
        int c = scan(&k, way == 0 ? "after Quick exit from the search" :
                                    "after the idle wipe of the search", true);
        if (c || getenv("KIOSK_PRIVACY_STRICT"))
            fprintf(stderr, "search, way %d: %d copies of what the visitor typed\n", way, c);
        n += c;
    }
    needles_close(&k);
    drive_close(&d);
    harness_close(&h);
    alloc_trace(false);
    assert_int_equal(n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quick_exit),
        cmocka_unit_test(test_idle_wipe),
        cmocka_unit_test(test_thank_you),
        cmocka_unit_test(test_staff_lock),
        cmocka_unit_test(test_ten_visitors_and_an_hour_later),
        cmocka_unit_test(test_headless_script_forgotten),
        cmocka_unit_test(test_listened_then_quick_exit),
        cmocka_unit_test(test_request_quick_exit),
        cmocka_unit_test(test_request_idle_wipe),
        cmocka_unit_test(test_request_sent),
        cmocka_unit_test(test_search_forgotten),
        cmocka_unit_test(test_listened_search_then_quick_exit),
        cmocka_unit_test(test_headless_listen_forgotten),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
