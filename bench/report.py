#!/usr/bin/env python3
"""Turns the figures bench/run collected (KEY<TAB>VALUE lines) into bench/RESULTS.md."""

import argparse
import datetime
import os
import platform
import subprocess

PAGES = [
    ("home", "Public home page", "/"),
    ("partnership", "Public partnership page", "/p/scale-1"),
    ("plan", "Public plan page", "/p/scale-1/plan"),
    ("goal", "Goal with commitments and progress", "/p/scale-1/plan/v/1/goals/1"),
    ("api", "API list page", "/api/v1/partnerships/scale-1/commitments"),
    ("dashboard", "Signed-in dashboard (secretariat)", "/p/scale-1/dashboard"),
]
PUBLIC = {"home", "partnership", "plan", "goal"}
BACKENDS = [("sqlite", "SQLite"), ("postgres", "PostgreSQL")]


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            kb = int(f.readline().split()[1])
            memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}"


def tool_version(command):
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False)
        text = (out.stdout or out.stderr).strip().splitlines()
        return text[0] if text else "unknown"
    except OSError:
        return "not found"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    parser.add_argument("out")
    parser.add_argument("--preset", required=True)
    parser.add_argument("--seconds", required=True)
    parser.add_argument("--connections", required=True)
    parser.add_argument("--commit", required=True)
    parser.add_argument("--seed-log", default="")
    args = parser.parse_args()

    figures = {}
    with open(args.results, encoding="utf-8") as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("\t")
            figures[key] = value

    def num(key):
        try:
            return float(figures[key])
        except (KeyError, ValueError):
            return None

    def fmt(value, digits=0):
        if value is None:
            return "–"
        return f"{value:,.{digits}f}"

    lines = []
    add = lines.append
    add("# Benchmark results")
    add("")
    add(f"Measured {datetime.date.today().isoformat()} at commit `{args.commit}` by")
    add("")
    add("```sh")
    env = [f"BENCH_PRESET={args.preset}"]
    if args.seconds != "10":
        env.append(f"BENCH_SECONDS={args.seconds}")
    if args.connections != "64":
        env.append(f"BENCH_CONNECTIONS={args.connections}")
    add(f"{' '.join(env)} bash bench/run")
    add("```")
    add("")
    add(f"- Machine: {machine()}. The server, the load generator and nginx share it.")
    add(f"- Load: `wrk -t2 -c{args.connections} -d{args.seconds}s --latency` from a second "
        "process over 127.0.0.1, after a one-second warm-up; the ballot load is "
        "`server/examples/ballot_load.rs` with 64 signed-in voters.")
    add(f"- Tools: {tool_version(['wrk', '-v'])}; {tool_version(['nginx', '-v'])}.")
    if args.seed_log and os.path.exists(args.seed_log):
        with open(args.seed_log, encoding="utf-8") as f:
            generated = [l.strip() for l in f if l.startswith("Generated")]
        if generated:
            add(f"- Data (`seed-scale --preset {args.preset}`): {generated[-1]}")
    add("- Ratios are to nginx serving a saved copy of the same bytes as the public plan "
        "page, measured in the same run on the same machine.")
    add("")

    for backend, name in BACKENDS:
        if f"{backend}.skipped" in figures:
            add(f"## {name}")
            add("")
            add(f"Skipped: {figures[f'{backend}.skipped']}.")
            add("")
            continue
        nginx = num(f"{backend}.nginx.rps")
        if nginx is None and num(f"{backend}.home.rps") is None:
            continue
        add(f"## {name}")
        add("")
        add("| Page | Requests/s | p50 ms | p99 ms | Errors | Ratio to nginx |")
        add("|---|---:|---:|---:|---:|---:|")
        for key, label, path in PAGES:
            rps = num(f"{backend}.{key}.rps")
            ratio = f"{rps / nginx * 100:.1f} %" if rps and nginx else "–"
            add(f"| {label} (`{path}`) | {fmt(rps)} | {fmt(num(f'{backend}.{key}.p50'), 2)} | "
                f"{fmt(num(f'{backend}.{key}.p99'), 2)} | {fmt(num(f'{backend}.{key}.errors'))} | {ratio} |")
        add(f"| nginx, the plan page's {fmt(num(f'{backend}.plan_bytes'))} bytes | {fmt(nginx)} | "
            f"{fmt(num(f'{backend}.nginx.p50'), 2)} | {fmt(num(f'{backend}.nginx.p99'), 2)} | "
            f"{fmt(num(f'{backend}.nginx.errors'))} | 100 % |")
        add("")
        ballots = num(f"{backend}.ballots.per_second")
        add(f"- Ballots by 64 concurrent voters: **{fmt(ballots)} ballots/s**, p50 "
            f"{fmt(num(f'{backend}.ballots.p50_ms'), 2)} ms, p99 {fmt(num(f'{backend}.ballots.p99_ms'), 2)} ms; "
            f"{fmt(num(f'{backend}.ballots.ballots'))} answered, {fmt(num(f'{backend}.ballots.stored'))} "
            f"in the database, {fmt(num(f'{backend}.ballots.lost'))} lost, "
            f"{fmt(num(f'{backend}.ballots.errors'))} refused.")
        add(f"- Resident memory: {fmt(num(f'{backend}.rss_peak_mb'), 1)} MB at the peak of the load, "
            f"{fmt(num(f'{backend}.rss_mb'), 1)} MB after it.")
        add(f"- Cold start (process start to the first 200 of `/`): "
            f"{fmt(num(f'{backend}.cold_start_ms'))} ms.")
        add(f"- Generating the data: {fmt(num(f'{backend}.seed_s'), 1)} s.")
        add("")
        add("### Against the targets")
        add("")
        add("| Target | Measured | Met |")
        add("|---|---|---|")
        for key, label, _ in PAGES:
            if key not in PUBLIC:
                continue
            rps = num(f"{backend}.{key}.rps")
            p99 = num(f"{backend}.{key}.p99")
            share = rps / nginx * 100 if rps and nginx else None
            met = share is not None and p99 is not None and share >= 50 and p99 <= 20
            add(f"| {label}: ≥ 50 % of nginx, p99 ≤ 20 ms | {fmt(share, 1)} %, p99 {fmt(p99, 2)} ms | "
                f"{'yes' if met else 'no'} |")
        met = ballots is not None and ballots >= 2000 and num(f"{backend}.ballots.lost") == 0
        add(f"| Ballots ≥ 2,000/s, none lost | {fmt(ballots)}/s, {fmt(num(f'{backend}.ballots.lost'))} lost | "
            f"{'yes' if met else 'no'} |")
        peak = num(f"{backend}.rss_peak_mb")
        add(f"| Resident memory ≤ 100 MB | {fmt(peak, 1)} MB | {'yes' if peak is not None and peak <= 100 else 'no'} |")
        add("")

    gzip = num("wasm.gzip")
    add("## The hydrate wasm")
    add("")
    add("| Raw | gzip -9 | brotli -q 11 | Target ≤ 150 KB gzip |")
    add("|---:|---:|---:|---|")
    add(f"| {fmt(num('wasm.raw'))} B | {fmt(gzip)} B | {fmt(num('wasm.brotli'))} B | "
        f"{'met' if gzip is not None and gzip <= 150 * 1024 else 'missed'} |")
    add("")

    notes = os.path.join(os.path.dirname(args.out), "NOTES.md")
    if os.path.exists(notes):
        with open(notes, encoding="utf-8") as f:
            add(f.read().rstrip())
        add("")

    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
