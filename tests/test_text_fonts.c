/* test_text_fonts.c — a damaged font is refused at start-up: text_open
 * checks that each font draws the script fonts.conf names it for. A copy
 * of a real font cut to 60% of its size (as a failed copy leaves it) opens
 * in FreeType and then draws nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL2/SDL.h>

#include "kiosk/text.h"
#include "text_fixture.h"

static char dir[64];

/* Copies the font file name from FONT_DIR into dir, keeping pct percent of
 * its bytes. */
static void copy_font(const char *name, int pct)
{
    char src[256], dst[256];
    snprintf(src, sizeof src, "%s/%s", FONT_DIR, name);
    snprintf(dst, sizeof dst, "%s/%s", dir, name);
    FILE *in = fopen(src, "rb");
    assert_non_null(in);
    struct stat sb;
    assert_int_equal(fstat(fileno(in), &sb), 0);
    size_t n = (size_t)sb.st_size * (size_t)pct / 100;
    char *buf = malloc(n ? n : 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, n, in), n);
    fclose(in);
    FILE *out = fopen(dst, "wb");
    assert_non_null(out);
    assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(out);
    free(buf);
}

static void write_conf(const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/fonts.conf", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* Opens the engine on dir/fonts.conf with fonts from dir; NULL on failure
 * with the message in err. */
static TextEngine *open_dir(char *err, size_t errlen)
{
    char path[128];
    snprintf(path, sizeof path, "%s/fonts.conf", dir);
    return text_open(path, dir, renderer, 1 << 20, err, errlen);
}

static void remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* Each of the kiosk's fonts, cut to 60%, is refused with its name and the
 * word "damaged"; the whole file, in the same place, is accepted. */
static void test_truncated_fonts_are_refused(void **state)
{
    (void)state;
    static const struct { const char *file, *rule; } fonts[] = {
        { "NotoSans-Regular.ttf", "default regular NotoSans-Regular.ttf\n" },
        { "NotoSansTamil-Regular.ttf", "Taml regular NotoSansTamil-Regular.ttf\n" },
        { "NotoNastaliqUrdu-Regular.ttf", "Arab:ur regular NotoNastaliqUrdu-Regular.ttf ink\n" },
        { "NotoNaskhArabic-Regular.ttf", "Arab regular NotoNaskhArabic-Regular.ttf\n" },
    };
    for (size_t i = 0; i < sizeof fonts / sizeof fonts[0]; i++) {
        snprintf(dir, sizeof dir, "/tmp/test_text_fonts_XXXXXX");
        assert_non_null(mkdtemp(dir));
        char conf[256];
        snprintf(conf, sizeof conf, "%s%s",
                 i == 0 ? "" : "default regular " FONT_DIR "/NotoSans-Regular.ttf\n",
                 fonts[i].rule);
        write_conf(conf);

        copy_font(fonts[i].file, 100);
        char err[512] = "";
        TextEngine *ok = open_dir(err, sizeof err);
        if (!ok)
            fprintf(stderr, "unexpected: %s\n", err);
        assert_non_null(ok);
        text_close(ok);

        copy_font(fonts[i].file, 60);
        err[0] = '\0';
        assert_null(open_dir(err, sizeof err));
        assert_non_null(strstr(err, fonts[i].file));
        assert_non_null(strstr(err, "damaged"));
        assert_null(strchr(err, '\n'));
        remove_dir();
    }
}

/* A font that lacks the script it is named for is refused too. */
static void test_font_without_its_script_is_refused(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/test_text_fonts_XXXXXX");
    assert_non_null(mkdtemp(dir));
    copy_font("NotoSans-Regular.ttf", 100);
    write_conf("default regular NotoSans-Regular.ttf\n"
               "Taml regular NotoSans-Regular.ttf\n");
    char err[512] = "";
    assert_null(open_dir(err, sizeof err));
    assert_non_null(strstr(err, "NotoSans-Regular.ttf"));
    assert_non_null(strstr(err, "U+0BA4"));
    remove_dir();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_truncated_fonts_are_refused),
        cmocka_unit_test(test_font_without_its_script_is_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
