#!/usr/bin/env python3
"""A stand-in for an Open Referral UK API, for tests of --pack-from-oruk.

Serves the ORUK API's two service calls on a free loopback port (printed as
"PORT n" on standard output), plain HTTP:

  GET /services?page=N&per_page=M   the paged list: total_items, total_pages,
                                    page_number, size, first_page, last_page,
                                    empty, contents (each service's id, name)
  GET /services/{id}                one service object, whole

The services are the JSON files in --examples DIR (public example services;
an id met twice gets "-2" on the second), then --generated N made-up ones
(ids gen-0001...), with HTML descriptions, "" for absent fields and weekly
schedules; --bad K of those fail their own checks (no name).

Misbehaviour comes from a control file (--control FILE, JSON, read at every
request):

  {"faults": [{"on": "page", "match": "2", "do": "500", "times": 1},
              {"on": "service", "match": "gen-0003", "do": "garbage"},
              {"on": "page", "match": "*", "do": "slow:3"}]}

"do" is "500", "404", "garbage" (not JSON), "bad_page" (JSON without
contents), "close" (the connection dropped) or "slow:S" (the answer after S
seconds). "times" (default 1) counts the requests a fault takes; 0 is
forever. Counts of requests go to --stats FILE after each request.
"""
import argparse
import json
import os
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()


def load_services(args):
    services, seen = [], set()
    for name in sorted(os.listdir(args.examples)) if args.examples else []:
        if not name.endswith(".json"):
            continue
        with open(os.path.join(args.examples, name), encoding="utf-8") as f:
            svc = json.load(f)
        if svc["id"] in seen:
            svc["id"] = svc["id"] + "-2"
        seen.add(svc["id"])
        services.append(svc)
    for i in range(1, args.generated + 1):
        sid = "gen-%04d" % i
        svc = {
            "id": sid,
            "name": "Generated service %d" % i,
            "description": "<p>Support number %d for families.</p>\n<p>Second "
                           "paragraph &amp; more.</p>" % i,
            "url": "https://example.org/services/%d" % i,
            "email": "",
            "status": "active",
            "fees": "",
            "minimum_age": "" if i % 3 else 0,
            "maximum_age": 18,
            "assured_date": "2026-10-01",
            "schedules": [{"freq": "WEEKLY", "byday": "MO,TH", "opens_at": "09:30",
                           "closes_at": "12:00", "description": ""}],
            "service_at_locations": [{"location": {"id": "loc-%d" % (i % 5)}}],
            "attributes": [{"taxonomy_term": {"id": "term-%d" % (i % 4),
                                              "name": "Term %d" % (i % 4)}}],
            "x-unknown-field": {"ignored": True},
        }
        if i <= args.bad:
            del svc["name"]
        services.append(svc)
    return services


class State:
    def __init__(self, args):
        self.args = args
        self.services = load_services(args)
        self.by_id = {s["id"]: s for s in self.services}
        self.counts = {"requests": 0, "pages": 0, "services": 0, "faults": 0}
        self.used = {}

    def fault(self, on, match):
        """The fault for this request, or None (counting what it takes)."""
        if not self.args.control or not os.path.exists(self.args.control):
            return None
        try:
            with open(self.args.control, encoding="utf-8") as f:
                faults = json.load(f).get("faults", [])
        except (OSError, ValueError):
            return None
        for i, ft in enumerate(faults):
            if ft.get("on") != on or ft.get("match") not in ("*", match):
                continue
            times = ft.get("times", 1)
            key = (i, json.dumps(ft, sort_keys=True))
            if times and self.used.get(key, 0) >= times:
                continue
            self.used[key] = self.used.get(key, 0) + 1
            self.counts["faults"] += 1
            return ft["do"]
        return None

    def save_stats(self):
        if self.args.stats:
            tmp = self.args.stats + ".tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(self.counts, f)
            os.replace(tmp, self.args.stats)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *a):
        pass

    def send(self, code, body):
        data = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def misbehave(self, do):
        """True when the fault answered (or dropped) the request."""
        if do is None:
            return False
        if do.startswith("slow:"):
            time.sleep(float(do[5:]))
            return False
        if do == "close":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return True
        if do in ("500", "404"):
            self.send(int(do), json.dumps({"error": "fault " + do}))
        elif do == "garbage":
            self.send(200, "<html>not json")
        elif do == "bad_page":
            self.send(200, json.dumps({"page_number": 1, "total_pages": "x"}))
        return True

    def do_GET(self):
        st = self.server.state
        url = urllib.parse.urlsplit(self.path)
        parts = [urllib.parse.unquote(p) for p in url.path.split("/") if p]
        with lock:
            st.counts["requests"] += 1
            if parts == ["services"]:
                q = urllib.parse.parse_qs(url.query)
                page = int(q.get("page", ["1"])[0])
                per = int(q.get("per_page", [str(st.args.per_page)])[0])
                st.counts["pages"] += 1
                do = st.fault("page", str(page))
            elif len(parts) == 2 and parts[0] == "services":
                st.counts["services"] += 1
                do = st.fault("service", parts[1])
            else:
                do = None
            st.save_stats()
        if self.misbehave(do):
            return
        if parts == ["services"]:
            total = len(st.services)
            pages = max(1, (total + per - 1) // per)
            chunk = st.services[(page - 1) * per:page * per]
            self.send(200, json.dumps({
                "total_items": total, "total_pages": pages, "page_number": page,
                "size": per, "first_page": page == 1, "last_page": page >= pages,
                "empty": not chunk,
                "contents": [{"id": s["id"], "name": s.get("name", "")} for s in chunk]}))
        elif len(parts) == 2 and parts[0] == "services" and parts[1] in st.by_id:
            self.send(200, json.dumps(st.by_id[parts[1]], ensure_ascii=False))
        else:
            self.send(404, json.dumps({"error": "not found"}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", default="")
    ap.add_argument("--generated", type=int, default=0)
    ap.add_argument("--bad", type=int, default=0)
    ap.add_argument("--per-page", type=int, default=10)
    ap.add_argument("--control", default="")
    ap.add_argument("--stats", default="")
    args = ap.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.state = State(args)
    print("PORT %d" % srv.server_address[1], flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
