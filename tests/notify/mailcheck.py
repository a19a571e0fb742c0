#!/usr/bin/env python3
# mailcheck.py FILE.eml SUBJECT TEXT... — reads back a mail the SMTP server received and checks
# it as a mail reader would (Python's email package, independent of the C code): every header
# line ≤ 78 characters with the Subject as RFC 2047 encoded words of ≤ 75 characters in UTF-8
# that decode to SUBJECT; Date, From, To, Message-ID, MIME-Version and Auto-Submitted present;
# a multipart/alternative body with a text/plain and then a text/html part in UTF-8, each
# base64, each holding every TEXT (the HTML escaped as HTML). Exit 0 when it holds, 1 saying why.
import email
import email.header
import email.policy
import html
import re
import sys

path, subject, texts = sys.argv[1], sys.argv[2], sys.argv[3:]
raw = open(path, "rb").read()
head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
for line in head.split("\r\n"):
    if len(line) > 78:
        sys.exit("header line longer than 78: " + line)
words = re.findall(r"=\?[^?]+\?[BbQq]\?[^?]*\?=", head.split("Subject:", 1)[1].split("\r\nMessage-ID")[0])
if subject.isascii() is False:
    if not words or any(len(w) > 75 or not w.upper().startswith("=?UTF-8?B?") for w in words):
        sys.exit("Subject is not UTF-8 encoded words of <= 75 characters: %r" % words)
m = email.message_from_bytes(raw, policy=email.policy.default)
got = str(m["Subject"])
if got != subject:
    sys.exit("Subject decodes to %r, want %r" % (got, subject))
for h in ("Date", "From", "To", "Message-ID", "MIME-Version", "Auto-Submitted"):
    if m[h] is None:
        sys.exit("no %s header" % h)
if m.get_content_type() != "multipart/alternative":
    sys.exit("body is " + m.get_content_type())
parts = list(m.iter_parts())
if [p.get_content_type() for p in parts] != ["text/plain", "text/html"]:
    sys.exit("parts: %r" % [p.get_content_type() for p in parts])
for p in parts:
    if p.get_content_charset() != "utf-8" or p["Content-Transfer-Encoding"] != "base64":
        sys.exit("part %s: charset %s, encoding %s" % (p.get_content_type(),
                 p.get_content_charset(), p["Content-Transfer-Encoding"]))
plain, page = parts[0].get_content(), parts[1].get_content()
for t in texts:
    if t not in plain:
        sys.exit("text/plain lacks %r:\n%s" % (t, plain))
    if html.escape(t) not in page:
        sys.exit("text/html lacks %r:\n%s" % (html.escape(t), page))
if not page.startswith("<!DOCTYPE html>") or "</html>" not in page:
    sys.exit("text/html is not a whole page:\n" + page)
