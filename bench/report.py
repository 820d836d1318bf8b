#!/usr/bin/env python3
"""Turns bench/run.sh's results into a Markdown table and a JSON file (TST-5)."""
import argparse
import json
import os
import platform
import subprocess

p = argparse.ArgumentParser()
for name in ["results", "out", "hash", "argon", "users", "duration", "warmup", "heap", "ready-fresh-ms", "ready-ms",
             "rss-idle", "rss-peak", "seed-s", "hash-ms", "hash-busy-ms", "hash-rate", "hash-rate-after", "java"]:
    p.add_argument("--" + name, required=True)
p.add_argument("--java-opts", default="", type=str.strip)
a = p.parse_args()

rows = [json.loads(line) for line in open(a.results) if line.strip()]
cores = os.cpu_count()
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem_gib = round(int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))) / 1024 / 1024)
jdk = subprocess.run([a.java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
hash_ms = float(a.hash_ms)
# The limit is what all cores hashing at once achieve (memory-hard: they share caches and bandwidth).
limit = float(a.hash_rate)

meta = {
    "machine": {"cores": cores, "cpu": cpu, "memory_gib": mem_gib, "os": platform.platform(), "jdk": jdk,
                "load_average_at_end": os.getloadavg()},
    "command": "bench/run.sh" + (" (BENCH_HASH=keycloak)" if a.hash == "keycloak" else ""),
    "server": {"mode": "prod", "database": "PostgreSQL (local)", "heap": a.heap, "jvm_flags": a.java_opts,
               "argon2id": a.argon,
               "rate_limit_store": "memory"},
    "users": int(a.users), "seed_seconds": int(a.seed_s), "warmup": a.warmup, "duration": a.duration,
    "ready_ms_fresh_database": int(a.ready_fresh_ms), "ready_ms_restart": int(a.ready_ms),
    "rss_mb_idle": int(a.rss_idle), "rss_mb_peak_under_load": int(a.rss_peak),
    "argon2id_ms": hash_ms, "argon2id_ms_all_cores_busy": float(a.hash_busy_ms),
    "login_hash_limit_rps": round(limit, 1), "login_hash_limit_rps_after_runs": float(a.hash_rate_after),
    "results": rows,
}
limit_after = float(a.hash_rate_after)
for r in rows:
    if r["scenario"] == "login":
        r["fraction_of_hash_limit"] = round(r["rps"] / limit, 3)
        r["fraction_of_hash_limit_after_runs"] = round(r["rps"] / limit_after, 3)
json.dump(meta, open(a.out + ".json", "w"), indent=2)

names = {"login": "login (password → tokens)", "refresh": "refresh (rotation)", "me": "GET /api/v1/me",
         "introspect": "introspection (RFC 7662, API key)", "jwks": "JWKS"}
lines = [
    "| scenario | c | req/s | p50 ms | p99 ms | max ms | errors (status >= 400 / socket) "
    "| CPU %% server / PostgreSQL / all (of %d00) |" % cores,
    "|---|---|---|---|---|---|---|---|",
]
for r in rows:
    extra = " (%.0f%% / %.0f%% of the hash limit before / after)" % (
        100 * r["fraction_of_hash_limit"], 100 * r["fraction_of_hash_limit_after_runs"]) if r["scenario"] == "login" else ""
    lines.append("| %s | %d | %.0f%s | %.2f | %.2f | %.1f | %d / %d | %d / %d / %d |" % (
        names.get(r["scenario"], r["scenario"]), r["concurrency"], r["rps"], extra, r["p50_ms"], r["p99_ms"],
        r["max_ms"], r["non_2xx"], r["socket_errors"], r["cpu_server"], r["cpu_db"], r["cpu_all"]))
md = [
    "# Benchmark run",
    "",
    "- Machine: %d cores (%s), %d GiB, %s; %s" % (cores, cpu, mem_gib, platform.platform(), jdk),
    "- Command: `%s`; wrk -t2, warm-up %s then %s per scenario and concurrency" % (meta["command"], a.warmup,
                                                                                 a.duration),
    "- Server: prod mode, local PostgreSQL, heap %s (-Xms = -Xmx)%s, Argon2id %s, memory rate-limit store" % (
        a.heap, (", flags `%s`" % a.java_opts) if a.java_opts else "", a.argon),
    "- Seeded %s users in %s s; ready in %s ms on a fresh database (migrations), %s ms on restart" % (
        a.users, a.seed_s, a.ready_fresh_ms, a.ready_ms),
    "- RSS: %s MB idle, %s MB peak under load" % (a.rss_idle, a.rss_peak),
    "- Hashing limit: one Argon2id takes %.1f ms alone and %.1f ms each with all %d cores hashing, so at most "
    "%.0f logins/s (%.0f/s measured again after the runs)" % (hash_ms, float(a.hash_busy_ms), cores, limit,
                                                              float(a.hash_rate_after)),
    "- Load average at the end: %.2f %.2f %.2f" % os.getloadavg(),
    "",
] + lines
open(a.out + ".md", "w").write("\n".join(md) + "\n")
print("\n".join(md))
