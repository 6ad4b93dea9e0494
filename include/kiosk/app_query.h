/* app_query.h — questions main.c asks a running App that app.h does not
 * answer yet. */
#ifndef KIOSK_APP_QUERY_H
#define KIOSK_APP_QUERY_H

#include "kiosk/app.h"

/* Why the configured content pack was refused at start-up (the last good
 * copy is then in use), as one line naming the file and the problem; ""
 * when it was loaded, or when a is NULL. Never NULL. */
const char *app_content_problem(const App *a);

#endif
