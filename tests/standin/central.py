#!/usr/bin/env python3
"""A stand-in for the central service (docs/central-api.md), for tests.

Follows the contract: POST /v1/records stores each record once per id (a
JSON-lines file) and answers results; GET /v1/hubs/{hub}/content serves a
content pack with an ETag. Checks the bearer token and the User-Agent.
Loopback only, on a free port (printed as "PORT n" on standard output).

It can be told to misbehave through a control file (JSON, read again
whenever it changes):

  {"faults": ["close_before", "close_after", "500", "503:2", "429:date:2",
              "partial", "garbage", "wrong_types", "foreign_id", "slow:3",
              "401", "400", "409", "huge", "drip"],
                                   one per records request, in order ("huge":
                                   the results then 100 MB more in the body;
                                   "drip": the answer a byte every 0.2 s)
   "random": {"seed": 7, "rate": 0.3},   faults drawn at random instead
   "token": "...",                 the token it accepts now (revoke: change it)
   "reject_ids": ["<id>", ...],    answered rejected
   "poison_ids": ["<id>", ...],    a batch holding one gets 400
   "max_records": 30,              a batch of more gets 413
   "pack": "FILE"}                 the content pack served

Statistics go to --stats FILE after every request (JSON).
"""
import argparse
import datetime
import email.utils
import hashlib
import json
import os
import random
import re
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[47][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
TYPES = {"checkin", "callback", "advocate", "feedback"}
RANDOM_FAULTS = ["close_before", "close_after", "500", "503:0", "429:0", "partial",
                 "garbage", "wrong_types", "foreign_id"]

lock = threading.Lock()
stats_lock = threading.Lock()


class State:
    def __init__(self, args):
        self.args = args
        self.token = args.token
        self.stored = {}
        self.receipts = 0
        self.requests = 0
        self.record_requests = 0
        self.content_requests = 0
        self.faults = []
        self.rng = None
        self.rate = 0.0
        self.control = {}
        self.control_key = None
        self.out = open(args.store, "a+", encoding="utf-8")
        self.out.seek(0)
        for line in self.out:
            line = line.strip()
            if line:
                rec = json.loads(line)
                self.stored[rec["id"]] = rec
        self.ua = None

    def reload_control(self):
        path = self.args.control
        if not path or not os.path.exists(path):
            return
        with open(path, "rb") as f:
            data = f.read()
        key = hashlib.sha256(data).hexdigest()
        if key == self.control_key:
            return
        self.control_key = key
        self.control = json.loads(data.decode("utf-8")) if data.strip() else {}
        self.faults = list(self.control.get("faults", []))
        rnd = self.control.get("random")
        self.rng = random.Random(rnd["seed"]) if rnd else None
        self.rate = rnd.get("rate", 0.0) if rnd else 0.0
        self.token = self.control.get("token", self.args.token)

    def next_fault(self):
        if self.faults:
            return self.faults.pop(0)
        if self.rng and self.rng.random() < self.rate:
            return self.rng.choice(RANDOM_FAULTS)
        return None

    def write_stats(self):
        if not self.args.stats:
            return
        with stats_lock:
            tmp = self.args.stats + ".tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump({"requests": self.requests, "record_requests": self.record_requests,
                           "content_requests": self.content_requests,
                           "stored": len(self.stored), "receipts": self.receipts,
                           "user_agent": self.ua}, f)
            os.replace(tmp, self.args.stats)

    def store(self, env, rec):
        """Stores rec once by id; returns "stored" or "duplicate"."""
        self.receipts += 1
        if rec["id"] in self.stored:
            return "duplicate"
        kept = dict(rec)
        kept["device_id"] = env["device_id"]
        kept["hub_id"] = env["hub_id"]
        self.stored[rec["id"]] = kept
        self.out.write(json.dumps(kept, ensure_ascii=False, sort_keys=True) + "\n")
        return "stored"


def record_problem(rec):
    if not isinstance(rec, dict):
        return "not an object"
    if not isinstance(rec.get("id"), str) or not UUID.match(rec["id"]):
        return "id is not a version 4 or 7 UUID"
    if rec.get("type") not in TYPES:
        return "unknown type"
    if not isinstance(rec.get("schema"), int) or isinstance(rec.get("schema"), bool):
        return "schema is not a number"
    if not isinstance(rec.get("created_at"), str) or not TIME.match(rec["created_at"]):
        return "created_at is not RFC 3339 UTC"
    if not isinstance(rec.get("payload"), dict):
        return "payload is not an object"
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "standin"
    disable_nagle_algorithm = True    # headers and body go out at once

    def log_message(self, fmt, *args):
        if self.server.state.args.verbose:
            sys.stderr.write("standin: " + (fmt % args) + "\n")

    def answer(self, status, body=None, headers=None):
        self.server.state.write_stats()      # before the client can look
        data = b"" if body is None else (body if isinstance(body, bytes)
                                         else json.dumps(body).encode("utf-8"))
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if data:
            self.wfile.write(data)
        self.wfile.flush()

    def drop(self):
        self.server.state.write_stats()
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def authorised(self, st):
        ua = self.headers.get("User-Agent", "")
        st.ua = ua
        if self.headers.get("Authorization") != "Bearer " + st.token:
            self.answer(401, {"error": "unknown or revoked token"})
            return False
        if not re.match(r"^family-hub-kiosk/[0-9A-Za-z.+-]+ \([^()]+\)$", ua):
            self.answer(400, {"error": "User-Agent is not family-hub-kiosk/VERSION (DEVICE)"})
            return False
        return True

    def do_GET(self):
        st = self.server.state
        with lock:
            st.requests += 1
            st.reload_control()
            m = re.match(r"^/v1/hubs/([A-Za-z0-9._-]+)/content$", self.path)
            if not m:
                self.answer(404, {"error": "no such path"})
                st.write_stats()
                return
            st.content_requests += 1
            if not self.authorised(st):
                st.write_stats()
                return
            pack = st.control.get("pack", st.args.pack)
            st.write_stats()
        if not pack or not os.path.exists(pack):
            self.answer(404, {"error": "no pack for this hub"})
            return
        with open(pack, "rb") as f:
            data = f.read()
        etag = '"' + hashlib.sha256(data).hexdigest()[:20] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.answer(304, None, {"ETag": etag})
            return
        self.answer(200, data, {"ETag": etag})

    def do_POST(self):
        st = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        with lock:
            st.requests += 1
            st.reload_control()
            if self.path != "/v1/records":
                self.answer(404, {"error": "no such path"})
                st.write_stats()
                return
            st.record_requests += 1
            try:
                self.records(st, raw)
            finally:
                st.write_stats()

    def records(self, st, raw):
        fault = st.next_fault()
        if fault == "close_before":
            self.drop()
            return
        if not self.authorised(st):
            return
        if fault == "401":
            self.answer(401, {"error": "token revoked"})
            return
        if fault and fault.split(":")[0] in ("500", "503", "429"):
            parts = fault.split(":")
            headers = {}
            if len(parts) == 2:
                headers["Retry-After"] = parts[1]
            elif len(parts) == 3 and parts[1] == "date":
                when = time.time() + int(parts[2])
                headers["Retry-After"] = email.utils.formatdate(when, usegmt=True)
            self.answer(int(parts[0]), {"error": "fault"} if parts[0] == "500" else None, headers)
            return
        if len(raw) > 256 * 1024:
            self.answer(413)
            return
        if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
            self.answer(400, {"error": "Content-Type is not application/json"})
            return
        try:
            env = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            self.answer(400, {"error": "body is not JSON"})
            return
        if (not isinstance(env, dict) or not isinstance(env.get("device_id"), str)
                or not isinstance(env.get("hub_id"), str)
                or not isinstance(env.get("sent_at"), str) or not TIME.match(env["sent_at"])
                or not isinstance(env.get("records"), list)):
            self.answer(400, {"error": "envelope is not device_id, hub_id, sent_at, records"})
            return
        recs = env["records"]
        if len(recs) > 100:
            self.answer(400, {"error": "more than 100 records"})
            return
        if fault == "400":
            self.answer(400, {"error": "fault"})
            return
        poison = set(st.control.get("poison_ids", []))
        for r in recs:
            if isinstance(r, dict) and r.get("id") in poison:
                self.answer(400, {"error": "poisoned batch: cannot read record " + r["id"]})
                return
        maxr = st.control.get("max_records")
        if maxr and len(recs) > maxr:
            self.answer(413)
            return
        rejects = set(st.control.get("reject_ids", []))
        answered = recs if fault != "partial" else recs[: len(recs) // 2]
        results = []
        for r in answered:
            why = record_problem(r)
            if why is None and r["id"] in rejects:
                why = "refused by the stand-in as told"
            if why is not None:
                rid = r.get("id") if isinstance(r, dict) else None
                results.append({"id": rid, "status": "rejected", "reason": why})
                continue
            results.append({"id": r["id"], "status": st.store(env, r)})
        st.out.flush()              # stored before any answer goes
        if fault == "close_after":
            self.drop()
            return
        if fault and fault.startswith("slow:"):
            time.sleep(float(fault.split(":")[1]))
        if fault == "garbage":
            self.answer(200, b"{\"results\": [{\"id\": oops")
            return
        if fault == "wrong_types":
            self.answer(200, {"results": [{"id": 7, "status": True} for _ in results]})
            return
        if fault == "foreign_id":
            results.append({"id": "00000000-0000-4000-8000-000000000000", "status": "stored"})
        if fault == "409":
            self.answer(409, {"error": "duplicate"})
            return
        if fault in ("huge", "drip"):
            self.stream(fault, json.dumps({"results": results}).encode("utf-8"))
            return
        self.answer(200, {"results": results})

    def stream(self, fault, head):
        """A 200 whose body is too big ("huge": the results, then 100 MB of
        padding inside the object) or too slow ("drip": a byte every 0.2 s)."""
        self.server.state.write_stats()
        pad = 100 * 1024 * 1024 if fault == "huge" else 0
        body_len = len(head) + (len(b', "x": ""') + pad if pad else 0)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(body_len))
        self.end_headers()
        try:
            if fault == "drip":
                for b in head:
                    self.wfile.write(bytes([b]))
                    self.wfile.flush()
                    time.sleep(0.2)
                return
            self.wfile.write(head[:-1] + b', "x": "')
            chunk = b"A" * 65536
            for _ in range(pad // len(chunk)):
                self.wfile.write(chunk)
            self.wfile.write(b'"}')
        except OSError:
            self.close_connection = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--control")
    ap.add_argument("--stats")
    ap.add_argument("--pack")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.state = State(args)
    if not args.verbose:
        srv.handle_error = lambda request, address: None   # a client that went away
    if args.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.cert, args.key)
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    srv.state.write_stats()
    print("PORT %d" % srv.server_address[1], flush=True)
    try:
        srv.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
