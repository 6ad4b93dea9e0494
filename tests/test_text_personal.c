/* test_text_personal.c — text in a personal style (what a visitor typed)
 * leaves nothing behind in the text engine: no cache entry holds it and no
 * scratch buffer keeps it, while other text is cached as before. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL2/SDL.h>

#include "kiosk/text.h"
#include "text_fixture.h"

/* Measures (unwrapped and wrapped), wraps and draws s. */
static void use(const char *s, const TextStyle *st)
{
    TextExtent ext;
    assert_int_equal(text_measure(te, s, st, 0, &ext), K_OK);
    assert_int_equal(text_measure(te, s, st, 120, &ext), K_OK);
    size_t starts[16];
    assert_true(text_wrap(te, s, st, 120, starts, 16) >= 1);
    SDL_Rect box = { 0, 0, 640, 240 };
    assert_int_equal(text_draw(te, s, st, &box, false), K_OK);
    assert_int_equal(text_draw(te, s, st, &box, true), K_OK);
}

static void test_personal_text_is_not_kept(void **state)
{
    (void)state;
    TextStyle open = style(24, "en");
    use("Ada Lovelace · SM2", &open);
    assert_true(text_cache_holds(te, "Ada Lovelace"));      /* cached as before */

    TextStyle name = style(24, "en");
    name.personal = true;
    use("Zelda Quixote · SM1", &name);
    assert_false(text_cache_holds(te, "Zelda"));
    assert_false(text_cache_holds(te, "Quixote"));

    /* in the fonts sized by ink (Nastaliq), and in Tamil */
    TextStyle ur = style(24, "ur");
    ur.personal = true;
    use("زیلدا کیہوٹے", &ur);
    assert_false(text_cache_holds(te, "زیلدا"));
    TextStyle ta = style(24, "ta");
    ta.personal = true;
    use("செல்வி குமார்", &ta);
    assert_false(text_cache_holds(te, "குமார்"));

    /* a long personal note, longer than any scratch buffer so far */
    char note[4096];
    size_t o = 0;
    while (o + 20 < sizeof note)
        o += (size_t)snprintf(note + o, sizeof note - o, "Quixote%03zu ", o);
    use(note, &name);
    assert_false(text_cache_holds(te, "Quixote0"));

    /* other text keeps being cached, and the names never come back */
    use("Welcome to the family hub", &open);
    assert_true(text_cache_holds(te, "Welcome to the family hub"));
    assert_false(text_cache_holds(te, "Zelda"));
    assert_false(text_cache_holds(te, "குமார்"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_personal_text_is_not_kept),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
