/* qr.h — a QR code of a text as its modules, for a page to draw (the TOTP enrolment's otpauth://
 * URI: the authenticator app scans it). Encoded by libqrencode (Debian's libqrencode-dev). */
#ifndef CD_QR_H
#define CD_QR_H

#include <jansson.h>

/* qr_json: {"size": N, "rows": ["0110…", … N rows of N characters, '1' a dark module]} of
 * text at error-correction level M, without the quiet zone (the page draws it); NULL when the
 * text cannot be encoded or memory ran out. */
json_t *qr_json(const char *text);

#endif
