#!/usr/bin/env python3
# robots.py — plays the WeCom group robot, the DingTalk custom robot and the Feishu custom bot on
# loopback for the notification tests, checking what each platform checks (the formats are in
# src/notify/robot.c with their sources): the WeCom key in the URL and the content's size; the
# DingTalk signature — Base64(HMAC-SHA256(secret, "timestamp_ms\nsecret")) URL-encoded in the
# query, the timestamp within an hour; the Feishu signature — Base64(HMAC-SHA256(key =
# "timestamp_s\nsecret", empty message)) with the timestamp in the body, within an hour. Every
# request is appended to DIR/requests.jsonl as {"robot", "ok", "why", "query", "body"} and
# answered as the platform answers (errcode / code 0, or its error). Writes its port to DIR/port.
import argparse
import base64
import hashlib
import hmac
import json
import os
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ap = argparse.ArgumentParser()
ap.add_argument("dir")
ap.add_argument("--wecom-key", default="wkey")
ap.add_argument("--dingtalk-token", default="dtoken")
ap.add_argument("--dingtalk-secret", default="SECdingtalk")
ap.add_argument("--feishu-hook", default="fhook")
ap.add_argument("--feishu-secret", default="fsecret")
a = ap.parse_args()


def b64hmac(key, msg):
    return base64.b64encode(hmac.new(key.encode(), msg.encode(), hashlib.sha256).digest()).decode()


class H(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, code, obj):
        data = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        u = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(u.query, keep_blank_values=True)
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        robot, why = "?", ""
        try:
            body = json.loads(raw.decode("utf-8"))
        except ValueError:
            body = None
            why = "body is not JSON in UTF-8"
        now = time.time()
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            why = why or "Content-Type is not application/json"
        if u.path == "/cgi-bin/webhook/send":
            robot = "wecom"
            if q.get("key") != [a.wecom_key]:
                why = why or "invalid webhook url (key)"
            elif body and body.get("msgtype") == "markdown":
                if len(body["markdown"]["content"].encode()) > 4096:
                    why = "markdown.content exceeds 4096 bytes"
            elif body and body.get("msgtype") == "text":
                if len(body["text"]["content"].encode()) > 2048:
                    why = "text.content exceeds 2048 bytes"
            elif not why:
                why = "unknown msgtype"
            self.log(robot, why, q, body)
            return self.answer(200, {"errcode": 93000 if why else 0, "errmsg": why or "ok"})
        if u.path == "/robot/send":
            robot = "dingtalk"
            ts = q.get("timestamp", [""])[0]
            sign = q.get("sign", [""])[0]  # parse_qs has URL-decoded it once
            if q.get("access_token") != [a.dingtalk_token]:
                why = why or "token is not exist"
            elif not ts.isdigit() or abs(int(ts) / 1000 - now) > 3600:
                why = "invalid timestamp"
            elif sign != b64hmac(a.dingtalk_secret, ts + "\n" + a.dingtalk_secret):
                why = "sign not match"
            elif not body or body.get("msgtype") != "markdown" or "title" not in body["markdown"]:
                why = why or "param error (markdown)"
            self.log(robot, why, q, body)
            return self.answer(200, {"errcode": 310000 if why else 0, "errmsg": why or "ok"})
        if u.path == "/open-apis/bot/v2/hook/" + a.feishu_hook:
            robot = "feishu"
            ts = str((body or {}).get("timestamp", ""))
            if not ts.isdigit() or abs(int(ts) - now) > 3600:
                why = why or "timestamp out of range"
            elif (body or {}).get("sign") != b64hmac(ts + "\n" + a.feishu_secret, ""):
                why = "sign match fail or timestamp is not within one hour from current time"
            elif body.get("msg_type") != "text" or len(raw) > 20 * 1024:
                why = "bad request (msg_type or size)"
            self.log(robot, why, q, body)
            return self.answer(200, {"code": 19021 if why else 0, "msg": why or "success"})
        self.log(robot, "unknown path " + u.path, q, body)
        self.answer(404, {"errcode": 404, "errmsg": "not found"})

    def log(self, robot, why, q, body):
        with open(os.path.join(a.dir, "requests.jsonl"), "a") as f:
            f.write(json.dumps({"robot": robot, "ok": not why, "why": why, "query": q,
                                "body": body}, ensure_ascii=False) + "\n")


s = ThreadingHTTPServer(("127.0.0.1", 0), H)
with open(os.path.join(a.dir, "port.tmp"), "w") as f:
    f.write(str(s.server_address[1]))
os.rename(os.path.join(a.dir, "port.tmp"), os.path.join(a.dir, "port"))
s.serve_forever()
