/* error.h — the kiosk's one set of error codes.
 *
 * Actions return k_err (K_OK on success); predicates return bool;
 * constructors return a pointer or NULL. Errors from SDL, SQLite, curl and
 * the other libraries are translated into these at each module's edge, with
 * one log line that names the cause. */
#ifndef KIOSK_ERROR_H
#define KIOSK_ERROR_H

typedef enum {
    K_OK = 0,
    K_ERR_NOMEM,      /* an allocation failed */
    K_ERR_IO,         /* a read or write failed (other than a full disk) */
    K_ERR_FULL,       /* the disk or database is full: nothing was saved */
    K_ERR_INVALID,    /* input was malformed or out of range; nothing changed */
    K_ERR_NOT_FOUND,  /* what was asked for does not exist */
    K_ERR_DB,         /* the database refused the operation; nothing changed */
    K_ERR_FONT,       /* a font could not be opened or used */
    K_ERR_LOCKED,     /* refused because of a lock-out (e.g. the staff PIN pad) */
    K_ERR_DENIED,     /* refused: wrong PIN or credentials */
    K_ERR_TOO_LONG,   /* a text is longer than its limit; nothing changed */
    K_ERR_SCRIPT      /* a headless script line failed */
} k_err;

/* Returns a short, static, English description of err, for logs and staff.
 * Never NULL. */
const char *k_strerror(k_err err);

#endif
