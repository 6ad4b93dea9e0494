/* qr.c — QR codes drawn with libqrencode's module matrix. */
#include "kiosk/qr.h"

#include <qrencode.h>
#include <string.h>

#include "kiosk/log.h"

int qr_modules(const char *text)
{
    QRcode *q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (!q)
        return -1;
    int w = q->width;
    QRcode_free(q);
    return w;
}

k_err qr_draw(SDL_Renderer *r, const char *text, const SDL_Rect *box)
{
    QRcode *q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (!q) {
        LOG_W("qr", "cannot encode a QR code of %zu bytes", strlen(text));
        return K_ERR_INVALID;
    }
    int side = box->w < box->h ? box->w : box->h;
    int total = q->width + 8;
    int px = side / total;
    if (px < 2) {
        QRcode_free(q);
        return K_ERR_INVALID;
    }
    int size = px * total;
    int x0 = box->x + (box->w - size) / 2, y0 = box->y + (box->h - size) / 2;
    SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
    SDL_RenderFillRect(r, &(SDL_Rect){ x0, y0, size, size });
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    for (int y = 0; y < q->width; y++)
        for (int x = 0; x < q->width; x++)
            if (q->data[y * q->width + x] & 1)
                SDL_RenderFillRect(r, &(SDL_Rect){ x0 + (x + 4) * px, y0 + (y + 4) * px, px, px });
    QRcode_free(q);
    return K_OK;
}
