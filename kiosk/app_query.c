/* app_query.c — read-only questions about a running App (app_query.h). */
#include "kiosk/app_query.h"

#include "app_private.h"

const char *app_content_problem(const App *a)
{
    return a ? a->content_problem : "";
}
