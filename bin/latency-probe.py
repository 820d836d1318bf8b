#!/usr/bin/env python3
"""Single-client latency of login, refresh and GET /api/v1/me against a running Portcullis.

Not a load test (that is bench/, issue 9): one client, one request at a time, over loopback.
It signs up a fresh user, reads the verification link from the dev mailbox, then measures.

Usage: bin/latency-probe.py [base-url]   (default http://127.0.0.1:8080)
The server must allow the probe's request counts from one IP, e.g. start it with
PORTCULLIS_RATE_LIMIT_LOGIN="ip+account 1000/1m, account 100000/1d"
PORTCULLIS_RATE_LIMIT_REFRESH="ip 1000/1m, ip 100000/1d" (the defaults would answer 429, by design).
"""
import json
import re
import statistics
import sys
import time
import urllib.error
import urllib.request

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
PASSWORD = "correct horse battery staple 42"


def call(method, path, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req) as resp:
            payload = resp.read()
            status = resp.status
    except urllib.error.HTTPError as e:
        payload, status = e.read(), e.code
    return status, payload, (time.perf_counter() - start) * 1000


def verified_user():
    email = "probe-%d@example.com" % time.time_ns()
    status, body, _ = call("POST", "/api/v1/auth/register", {"email": email, "password": PASSWORD})
    assert status == 202, body
    for _ in range(100):
        _, listing, _ = call("GET", "/dev/mailbox")
        for message_id in re.findall(r'href="/dev/mailbox/(\d+)"', listing.decode()):
            _, message, _ = call("GET", "/dev/mailbox/" + message_id)
            text = message.decode()
            token = re.search(r"verify-email\?token=([A-Za-z0-9_-]+)", text)
            if email in text and token:
                status, body, _ = call("POST", "/api/v1/auth/verify-email", {"token": token.group(1)})
                assert status == 204, body
                return email
        time.sleep(0.2)
    raise SystemExit("no verification mail for " + email)


def report(name, samples):
    samples = sorted(samples)
    pick = lambda q: samples[min(len(samples) - 1, int(q * len(samples)))]
    print("| %s | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms |" % (
        name, len(samples), statistics.median(samples), pick(0.90), pick(0.99), samples[-1]))


def main():
    email = verified_user()
    login = {"email": email, "password": PASSWORD}
    for _ in range(10):
        call("POST", "/api/v1/auth/login", login)
    logins, refreshes, mes = [], [], []
    tokens = None
    for _ in range(100):
        status, body, ms = call("POST", "/api/v1/auth/login", login)
        assert status == 200, body
        logins.append(ms)
        tokens = json.loads(body)
    refresh = tokens["refresh_token"]
    for _ in range(300):
        status, body, ms = call("POST", "/api/v1/auth/refresh", {"refresh_token": refresh})
        assert status == 200, body
        refreshes.append(ms)
        tokens = json.loads(body)
        refresh = tokens["refresh_token"]
    for _ in range(300):
        status, body, ms = call("GET", "/api/v1/me", token=tokens["access_token"])
        assert status == 200, body
        mes.append(ms)
    print("| path | n | p50 | p90 | p99 | max |\n|---|---|---|---|---|---|")
    report("`POST /api/v1/auth/login`", logins)
    report("`POST /api/v1/auth/refresh` (rotation)", refreshes)
    report("`GET /api/v1/me` (guard + one user read)", mes)


if __name__ == "__main__":
    main()
