/* sniff.h — what a file is, judged by its bytes alone (libmagic), never by its name or what a
 * client says: the evidence files of svc/evidence.c are allowed or refused by this answer. */
#ifndef CD_SNIFF_H
#define CD_SNIFF_H

#include <stddef.h>

#include "core/err.h"

#define SNIFF_TYPE_MAX 128

/* sniff_type writes the MIME type of buf[0..len) ("application/pdf", "text/plain",
 * "application/x-pie-executable", …) into type[0..SNIFF_TYPE_MAX) — libmagic's answer, except
 * that a ZIP package whose first member is OFD.xml (GB/T 33190, 版式文档) is "application/ofd",
 * which libmagic does not know, and text that opens with a tag and holds one of a page
 * (<html, <script, <svg, …) in its first 4 KiB is "text/html", which libmagic misses in short
 * files. Safe to call from any thread (one libmagic handle, taken in turn). CD_EIO when libmagic or its database cannot be opened, with the reason in d. */
enum cd_err sniff_type(const void *buf, size_t len, char type[SNIFF_TYPE_MAX], struct cd_diag *d);

#endif
