#!/usr/bin/env python3
# smtpd.py — a real SMTP server on loopback for the notification tests (Debian's
# python3-aiosmtpd): each message received is written whole, as received, to DIR/N.eml with its
# envelope in DIR/N.json. Optional STARTTLS (--cert, --key) and AUTH (--auth USER:PASS, required
# when given). Writes its port to DIR/port once it listens; runs until killed.
import argparse
import json
import os
import socket
import ssl
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

ap = argparse.ArgumentParser()
ap.add_argument("dir")
ap.add_argument("--cert")
ap.add_argument("--key")
ap.add_argument("--auth")
a = ap.parse_args()


class Handler:
    def __init__(self):
        self.n = 0

    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        base = os.path.join(a.dir, str(self.n))
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(base + ".json", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos,
                       "tls": session.ssl is not None,
                       "auth": session.authenticated}, f)
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    user, pw = a.auth.split(":", 1)
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
        and auth_data.password.decode() == pw
    return AuthResult(success=ok)


kw = {}
if a.cert:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(a.cert, a.key)
    kw["tls_context"] = ctx
    kw["require_starttls"] = True
if a.auth:
    kw["authenticator"] = authenticator
    kw["auth_required"] = True
    kw["auth_require_tls"] = bool(a.cert)



def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# aiosmtpd 1.4's controller cannot listen on port 0: a free port is found first (another process
# could take it in between: then the next one)
for attempt in range(5):
    port = free_port()
    c = Controller(Handler(), hostname="127.0.0.1", port=port, **kw)
    try:
        c.start()
        break
    except OSError:
        continue
with open(os.path.join(a.dir, "port.tmp"), "w") as f:
    f.write(str(port))
os.rename(os.path.join(a.dir, "port.tmp"), os.path.join(a.dir, "port"))
while True:
    time.sleep(3600)
