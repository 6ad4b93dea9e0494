/* qr.h — QR codes for take-home links (libqrencode). */
#ifndef KIOSK_QR_H
#define KIOSK_QR_H

#include <SDL2/SDL.h>
#include <stdbool.h>
#include "kiosk/error.h"

/* Draws a QR code of text (error correction level M) centred in box with a
 * quiet zone of four modules, dark on white, whole pixels per module.
 * Returns K_ERR_INVALID if text cannot be encoded or box is too small for
 * two pixels a module, K_ERR_NOMEM on allocation failure; nothing is drawn
 * then. */
k_err qr_draw(SDL_Renderer *r, const char *text, const SDL_Rect *box);

/* Side of the code in modules (without quiet zone), or -1 on failure. */
int qr_modules(const char *text);

#endif
