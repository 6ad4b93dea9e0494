/* qr.c — QR codes drawn with libqrencode's module matrix (see qr.h). */
#include "kiosk/qr.h"

#include <math.h>
#include <qrencode.h>
#include <string.h>

#include "kiosk/log.h"

#define QR_ECI_UTF8 26   /* the ECI assignment number of UTF-8 */
#define QR_M_MAX_VERSION 14   /* qr_modules: L past this version, when smaller */
#define QR_ECI_BYTES 3        /* what the ECI header and its mode take, rounded up */

static bool ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

/* The code of text at level; NULL when it cannot be made. */
static QRcode *encode_at(const char *text, QRecLevel level)
{
    if (ascii(text))
        return QRcode_encodeString8bit(text, 0, level);
    QRinput *in = QRinput_new2(0, level);
    if (!in)
        return NULL;
    QRcode *q = NULL;
    if (QRinput_appendECIheader(in, QR_ECI_UTF8) == 0 &&
        QRinput_append(in, QR_MODE_8, (int)strlen(text), (const unsigned char *)text) == 0)
        q = QRcode_encodeInput(in);
    QRinput_free(in);
    return q;
}

/* The code of text: level M, or L when M would need a version past
 * QR_M_MAX_VERSION and L a smaller one (a long contact card in Tamil or
 * Urdu keeps modules as large as an English one's). NULL when it cannot be
 * made (too long, no memory). */
static QRcode *encode(const char *text)
{
    QRcode *m = encode_at(text, QR_ECLEVEL_M);
    if (m && m->version <= QR_M_MAX_VERSION)
        return m;
    QRcode *l = encode_at(text, QR_ECLEVEL_L);
    if (l && (!m || l->version < m->version)) {
        QRcode_free(m);
        return l;
    }
    QRcode_free(l);
    return m;
}

/* The code of text for a square of side px: level M, unless M gives
 * modules under QR_SMALL_MODULE_PX and L larger ones (a long contact card
 * on a small screen: a larger module serves a phone at arm's length more
 * than the last few percent of correction). */
static QRcode *encode_for(const char *text, int side)
{
    QRcode *m = encode_at(text, QR_ECLEVEL_M);
    int pm = m ? side / (m->width + 2 * QR_QUIET_MODULES) : 0;
    if (m && pm >= QR_SMALL_MODULE_PX)
        return m;
    QRcode *l = encode_at(text, QR_ECLEVEL_L);
    int pl = l ? side / (l->width + 2 * QR_QUIET_MODULES) : 0;
    if (l && pl > pm) {
        QRcode_free(m);
        return l;
    }
    QRcode_free(l);
    return m;
}

/* Data bytes a code holds in byte mode at versions 1 to 20, levels L
 * and M (the standard's table). */
static const short capacity[20][2] = {
    { 17, 14 }, { 32, 26 }, { 53, 42 }, { 78, 62 }, { 106, 84 }, { 134, 106 }, { 154, 122 },
    { 192, 152 }, { 230, 180 }, { 271, 213 }, { 321, 251 }, { 367, 287 }, { 425, 331 },
    { 458, 362 }, { 520, 412 }, { 586, 450 }, { 644, 504 }, { 718, 560 }, { 792, 624 },
    { 858, 666 },
};

int qr_bytes_for(int side, int px, bool utf8, bool level_l)
{
    if (px < 2)
        return 0;
    int modules = side / px - 2 * QR_QUIET_MODULES;
    int version = (modules - 17) / 4;
    if (modules < 21)
        return 0;
    if (version > 20)
        version = 20;
    int n = capacity[version - 1][level_l ? 0 : 1] - (utf8 ? QR_ECI_BYTES : 0);
    return n > 0 ? n : 0;
}

int qr_modules(const char *text)
{
    QRcode *q = encode(text);
    if (!q)
        return -1;
    int w = q->width;
    QRcode_free(q);
    return w;
}

static k_err fit_code(const QRcode *q, int side, QrFit *fit)
{
    int total = q->width + 2 * QR_QUIET_MODULES;
    int px = side / total;
    if (px < 2)
        return K_ERR_INVALID;
    *fit = (QrFit){ total, px, px * total };
    return K_OK;
}

k_err qr_fit(const char *text, int side, QrFit *fit)
{
    *fit = (QrFit){ 0, 0, 0 };
    QRcode *q = encode_for(text, side);
    if (!q)
        return K_ERR_INVALID;
    k_err rc = fit_code(q, side, fit);
    QRcode_free(q);
    return rc;
}

int qr_side_for(const char *text, double mm, double px_per_mm)
{
    int w = qr_modules(text);
    if (w < 0)
        return -1;
    int px = (int)ceil(mm * px_per_mm);
    if (px < 2)
        px = 2;
    return px * (w + 2 * QR_QUIET_MODULES);
}

k_err qr_draw(SDL_Renderer *r, const char *text, const SDL_Rect *box)
{
    QRcode *q = encode_for(text, box->w < box->h ? box->w : box->h);
    if (!q) {
        LOG_W("qr", "cannot encode a QR code of %zu bytes", strlen(text));
        return K_ERR_INVALID;
    }
    QrFit fit;
    if (fit_code(q, box->w < box->h ? box->w : box->h, &fit) != K_OK) {
        QRcode_free(q);
        return K_ERR_INVALID;
    }
    int px = fit.px, size = fit.side;
    int x0 = box->x + (box->w - size) / 2, y0 = box->y + (box->h - size) / 2;
    SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
    SDL_RenderFillRect(r, &(SDL_Rect){ x0, y0, size, size });
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    int m = QR_QUIET_MODULES;
    for (int y = 0; y < q->width; y++) {
        /* one rectangle per run of dark modules in a row */
        int x = 0;
        while (x < q->width) {
            if (!(q->data[y * q->width + x] & 1)) {
                x++;
                continue;
            }
            int run = x;
            while (run < q->width && (q->data[y * q->width + run] & 1))
                run++;
            SDL_RenderFillRect(r, &(SDL_Rect){ x0 + (x + m) * px, y0 + (y + m) * px,
                                              (run - x) * px, px });
            x = run;
        }
    }
    QRcode_free(q);
    return K_OK;
}
