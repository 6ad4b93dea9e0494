/* test_style.c — tests/check-style.sh fails on each rule it states, and
 * passes a tree that keeps them. It runs the script in a scratch tree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>

#include "harness.h"

static void put(const char *root, const char *rel, const char *text)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Runs the script in root; returns its exit status, its output in out. */
static int check(const char *root, char *out, size_t cap)
{
    char here[PATH_MAX], cmd[2 * PATH_MAX];
    assert_non_null(getcwd(here, sizeof here));
    snprintf(cmd, sizeof cmd, "cd '%s' && sh '%s/tests/check-style.sh' 2>&1", root, here);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, cap - 1, p);
    out[n] = '\0';
    int rc = pclose(p);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static const char clean_c[] =
    "/* good.c — a file that keeps the rules. */\n"
    "#include \"kiosk/good.h\"\n"
    "#include \"good_private.h\"\n"
    "\n"
    "int good_twice(int x)\n"
    "{\n"
    "    return 2 * x; /* « any » text, counted in characters: ééééééééééééééééééééééé */\n"
    "}\n";

static const char clean_h[] =
    "/* good.h — one function. */\n"
    "#ifndef KIOSK_GOOD_H\n"
    "#define KIOSK_GOOD_H\n"
    "\n"
    "/* Twice x. Never fails. */\n"
    "int good_twice(int x);\n"
    "int good_thrice(int x);\n"
    "\n"
    "#endif\n";

static void test_each_rule_fails(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    char cmd[2000], out[8192];
    snprintf(cmd, sizeof cmd, "mkdir -p %s/kiosk %s/include/kiosk %s/tests %s/docs", h.dir,
             h.dir, h.dir, h.dir);
    assert_int_equal(system(cmd), 0);
    put(h.dir, "kiosk/good.c", clean_c);
    put(h.dir, "kiosk/good_private.h", "/* good_private.h */\n");
    put(h.dir, "include/kiosk/good.h", clean_h);
    assert_int_equal(check(h.dir, out, sizeof out), 0);
    assert_non_null(strstr(out, "style: 0 problems"));

    static const struct { const char *rel, *text, *rule; } bad[] = {
        { "kiosk/long.c", "/* long.c */\nint long_x = 1; /* 4567890123456789012345678901234567890"
                          "12345678901234567890123456789012345678901234567890 */\n", "long-line" },
        { "kiosk/tab.c", "/* tab.c */\nint tab_f(void)\n{\n\treturn 0;\n}\n", "tab" },
        { "kiosk/blank.c", "/* blank.c */\nint blank_x = 1; \n", "trailing-space" },
        { "docs/blank.md", "# Title  \n", "trailing-space" },
        { "kiosk/mark.c", "/* mark.c */\n/* TO" "DO: later */\n", "marker" },
        { "kiosk/mark2.c", "/* mark2.c */\nint mark2_x; /* FIX" "ME */\n", "marker" },
        { "include/kiosk/bare.h", "#ifndef B\n#define B\n\nint bare_f(void);\n#endif\n",
          "header-comment" },
        { "kiosk/other.c", "/* other.c */\n#include \"good_private.h\"\n", "private-include" },
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        put(h.dir, bad[k].rel, bad[k].text);
        assert_int_equal(check(h.dir, out, sizeof out), 1);
        char want[200];
        snprintf(want, sizeof want, "%s:", bad[k].rel);
        assert_non_null(strstr(out, want));
        assert_non_null(strstr(out, bad[k].rule));
        snprintf(cmd, sizeof cmd, "rm '%s/%s'", h.dir, bad[k].rel);
        assert_int_equal(system(cmd), 0);
    }
    /* a .c file of 801 lines */
    snprintf(cmd, sizeof cmd, "cd %s && { echo '/* big.c */'; i=1; while [ $i -le 800 ]; do "
             "echo 'int big_x;'; i=$((i+1)); done; } > kiosk/big.c", h.dir);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(check(h.dir, out, sizeof out), 1);
    assert_non_null(strstr(out, "kiosk/big.c:801: file-length"));
    /* a known problem listed as exempt is a note, not a failure */
    put(h.dir, "tests/style-exempt.txt", "# known\nfile-length kiosk/big.c\n");
    assert_int_equal(check(h.dir, out, sizeof out), 0);
    assert_non_null(strstr(out, "1 known problems"));
    snprintf(cmd, sizeof cmd, "rm '%s/kiosk/big.c'", h.dir);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(check(h.dir, out, sizeof out), 0);
    assert_non_null(strstr(out, "no longer needed"));
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_rule_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
