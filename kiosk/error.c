/* error.c — descriptions of the kiosk's error codes. */
#include "kiosk/error.h"

const char *k_strerror(k_err err)
{
    switch (err) {
    case K_OK: return "ok";
    case K_ERR_NOMEM: return "out of memory";
    case K_ERR_IO: return "read or write failed";
    case K_ERR_FULL: return "storage is full";
    case K_ERR_INVALID: return "invalid input";
    case K_ERR_NOT_FOUND: return "not found";
    case K_ERR_DB: return "database error";
    case K_ERR_FONT: return "font error";
    case K_ERR_LOCKED: return "locked";
    case K_ERR_DENIED: return "denied";
    case K_ERR_TOO_LONG: return "too long";
    case K_ERR_SCRIPT: return "script line failed";
    }
    return "unknown error";
}
