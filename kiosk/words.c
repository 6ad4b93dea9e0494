/* words.c — messages the code looks up by variable rather than by literal
 * (dates, and the greeting shown in every language), listed here so that
 * `make pot` collects them for translators. */
#include "kiosk/i18n.h"

const char *const kiosk_indirect_words[] = {
    /* TRANSLATORS: how a date is written; keep the three {names}, reorder
       and punctuate as your language does ("poniedziałek, 23 listopada"). */
    NC_("date", "{weekday} {day} {month}"),
    NC_("weekday", "Sunday"), NC_("weekday", "Monday"), NC_("weekday", "Tuesday"),
    NC_("weekday", "Wednesday"), NC_("weekday", "Thursday"), NC_("weekday", "Friday"),
    NC_("weekday", "Saturday"),
    /* TRANSLATORS: month names as they stand inside a date (genitive where
       your language uses it: "23 listopada"). */
    NC_("month-in-date", "January"), NC_("month-in-date", "February"),
    NC_("month-in-date", "March"), NC_("month-in-date", "April"), NC_("month-in-date", "May"),
    NC_("month-in-date", "June"), NC_("month-in-date", "July"), NC_("month-in-date", "August"),
    NC_("month-in-date", "September"), NC_("month-in-date", "October"),
    NC_("month-in-date", "November"), NC_("month-in-date", "December"),
    /* TRANSLATORS: the home screen greets passers-by in every language in
       turn; these two short sentences are shown together. */
    N_("Welcome."), N_("Tap here for your language."),
    NULL
};
