/* app_query.c — read-only questions about a running App (app.h). */
#include "kiosk/app.h"

#include "app_private.h"

const char *app_content_problem(const App *a)
{
    return a ? a->content_problem : "";
}

const char *app_db_problem(const App *a)
{
    return a ? a->db_problem : "";
}
