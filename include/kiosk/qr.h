/* qr.h — QR codes for take-home links and contact cards (libqrencode).
 *
 * Every code is drawn at error correction level M (L for a long text when
 * M would give modules under QR_SMALL_MODULE_PX in its square and L larger
 * ones), with a quiet zone of
 * four modules, dark on white (also in high contrast: a phone needs the
 * white border), each module a whole number of pixels so its edges stay
 * sharp. Text that is not ASCII (a Tamil or Urdu contact card) is marked
 * as UTF-8 with an ECI header; ASCII text (a web address) is plain byte
 * mode, which every reader knows. docs/directory-screens.md says why. */
#ifndef KIOSK_QR_H
#define KIOSK_QR_H

#include <SDL2/SDL.h>
#include <stdbool.h>
#include "kiosk/error.h"

#define QR_QUIET_MODULES 4   /* the white border, in modules, on each side */
/* Pixels a module under which L is preferred when it gives larger ones:
 * at the kiosk's screens (5.2 to 5.9 px a mm) 0.85 to 0.95 mm, what a
 * phone reads at arm's length. */
#define QR_SMALL_MODULE_PX 5

/* How a code fits a square: its modules across (with the quiet zone), the
 * pixels of one module, and the side drawn (modules * px). */
typedef struct {
    int modules;
    int px;
    int side;
} QrFit;

/* Draws a QR code of text centred in box (see above). Returns
 * K_ERR_INVALID if text cannot be encoded or box is too small for two
 * pixels a module, K_ERR_NOMEM on allocation failure; nothing is drawn
 * then. */
k_err qr_draw(SDL_Renderer *r, const char *text, const SDL_Rect *box);

/* The most bytes of text whose code fits a square of side pixels with
 * modules of px pixels, at level L or M (utf8: text that is not ASCII,
 * which carries an ECI header). 0 when no code fits. Never fails. */
int qr_bytes_for(int side, int px, bool utf8, bool level_l);

/* Side of the code in modules (without quiet zone), at M, or L past
 * version 14 when smaller; -1 on failure. */
int qr_modules(const char *text);

/* How the code of text fits a square of side px: the largest whole
 * number of pixels a module. K_ERR_INVALID (fit zeroed) when text cannot
 * be encoded or the square gives under two pixels a module. */
k_err qr_fit(const char *text, int side, QrFit *fit);

/* The side in pixels a code of text needs for modules of at least mm
 * millimetres at px_per_mm (whole pixels a module, at least two), quiet
 * zone included; -1 when text cannot be encoded. */
int qr_side_for(const char *text, double mm, double px_per_mm);

#endif
