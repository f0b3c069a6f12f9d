#!/usr/bin/env python3
"""Write a random, valid dossier site for the analysis oracle.

    gen_site.py DIR SEED

The sites aim at the edges of ANALYSIS.md: ties in profit and revenue, zero
and negative profits, customers without metrics, non-current customers with
value blocks, empty or partial SWOTs, values exactly at ABC thresholds and
tenth boundaries, declines of exactly `relationship.decline`, owners that
differ in case and spaces, non-ASCII owners, follow-ups exactly at
`followup_days` and 14 days, loyalty exactly at the cut-offs, MAN combos,
OBL rank ties, PESTLE with missing dimensions.
"""
import datetime
import json
import os
import random
import sys

STATUSES = ["prospect", "current", "current", "current", "former", "blacklisted"]
MARKETS = ["consumer", "producer", "intermediary", "government", "international"]
SOURCES = ["canvassing", "advertising", "referral", "records", "fair", "consulting", "agent", "web", "other"]
OWNERS = ["Chen Jing", "chen jing", "  Chen Jing ", "CHEN JING", "王磊", "Zoë Brandt", "zoë brandt",
          "Ana", "", "   ", "Bob", "Unassigned", "a-b", "A B", "???"]
REGIONS = ["Hebei", "hebei ", "Tianjin", "天津", "Ünterland", "", "North", "north"]
MONEY = [0, 0, 100, 100, 200, 300, 500, 1000, 1000, -100, -50, 2500, 10, 20, 30, 40, 60, 80, 90,
         0.1, 0.2, 0.7, 0.3]


def q(s):
    return json.dumps(s, ensure_ascii=False)


def money(r):
    v = r.choice(MONEY)
    if r.random() < 0.1:
        v = v + 0.5
    return v


def swot(r, lines, indent):
    pad = " " * indent
    lines.append(pad + "swot:")
    quads = ["strengths", "weaknesses", "opportunities", "threats"]
    mode = r.random()
    if mode < 0.2:
        lines[-1] = pad + "swot: {}"
        return
    for qd in quads:
        if r.random() < 0.3:
            continue
        n = r.randint(0, 3)
        if n == 0:
            lines.append(pad + "  %s: []" % qd)
            continue
        lines.append(pad + "  %s:" % qd)
        for i in range(n):
            lines.append(pad + "    - { text: %s, score: %s }" % (q("item %d" % i), r.choice([0, 1, 2.5, 5, 7, 10])))
    if lines[-1] == pad + "swot:":
        lines[-1] = pad + "swot: {}"


def main(out, seed):
    r = random.Random(seed)
    os.makedirs(os.path.join(out, "content", "customers"))
    os.makedirs(os.path.join(out, "content", "competitors"))
    as_of = datetime.date(2026, 11, 22)
    followup = r.choice([90, 30, 14])
    a = r.choice([0.8, 0.5, 0.3, 1.0])
    b = r.choice([x for x in [0.8, 0.95, 1.0, 0.5] if x >= a])
    thr = r.choice([3.5, 3, 4])
    terror, sat, apostle = sorted(r.choice([1, 2, 2.5, 3, 3.5, 4, 4.5, 5]) for _ in range(3))
    decline = r.choice([0.1, 0.25, 0.5])
    cfg = ["title: Generated %d" % seed]
    if r.random() < 0.8:
        cfg.append("as_of: %s" % as_of.isoformat())
    cfg.append("followup_days: %d" % followup)
    if r.random() < 0.7:
        cfg.append("abc: { indicator: %s, a: %s, b: %s }" % (r.choice(["revenue", "profit"]), a, b))
    if r.random() < 0.7:
        cfg.append("loyalty: { threshold: %s, apostle: %s, satisfied: %s, terrorist: %s }" % (thr, apostle, sat, terror))
    if r.random() < 0.7:
        cfg.append("relationship: { decline: %s }" % decline)
    if r.random() < 0.5:
        cfg.append("value_model:")
        cfg.append("  weights: { financial: %s, sales: %s, customer: %s, service: %s }" % tuple(r.choice([0.25, 1, 2, 0.5]) for _ in range(4)))
        cfg.append("  tiers:")
        cfg.append("    - { name: top, min_score: %s }" % r.choice([7, 8, 5]))
        cfg.append("    - { name: low, min_score: 0 }")
    open(os.path.join(out, "dossier.yaml"), "w").write("\n".join(cfg) + "\n")

    comps = ["comp-%d" % i for i in range(r.randint(0, 3))]
    for c in comps:
        lines = ["name: %s" % q("Competitor " + c)]
        swot(r, lines, 0)
        open(os.path.join(out, "content", "competitors", c + ".yaml"), "w").write("\n".join(lines) + "\n")

    co = ["name: Us"]
    if r.random() < 0.8:
        swot(r, co, 0)
    if r.random() < 0.7:
        co.append("seven_s:")
        co.append("  shared_values: v")
        for e in ["strategy", "structure", "systems", "style", "staff", "skills"]:
            co.append("  %s: { assessment: %s }" % (e, r.choice(["strength", "weakness"])))
    if r.random() < 0.7:
        co.append("pestle:")
        for d in ["political", "economic", "social", "technological", "legal", "environmental"]:
            if r.random() < 0.4:
                continue
            co.append("  %s:" % d)
            for i in range(r.randint(1, 3)):
                co.append("    - { factor: f%d, impact: %s, weight: %d }" % (i, r.choice(["positive", "negative"]), r.randint(1, 5)))
        if co[-1] == "pestle:":
            co[-1] = "pestle: {}"
    if r.random() < 0.7:
        co.append("five_forces:")
        for f in ["rivalry", "new_entrants", "substitutes", "buyer_power", "supplier_power"]:
            co.append("  %s: { level: %d }" % (f, r.randint(1, 5)))
    if r.random() < 0.7:
        co.append("obl:")
        if r.random() < 0.8:
            co.append("  departments:")
            for i in range(r.randint(1, 3)):
                co.append("    - name: %s" % q("Dept %d" % (3 - i)))
                co.append("      items:")
                for j in range(r.randint(1, 4)):
                    co.append("        - { criterion: c%d, rating: %s }" % (j, r.choice("ESN")))
        if r.random() < 0.8:
            n = r.randint(1, 4)
            co.append("  industry:")
            co.append("    criteria: [%s]" % ", ".join("k%d" % i for i in range(n)))
            co.append("    ratings:")
            keys = ["self"] + comps
            r.shuffle(keys)
            for k in keys:
                co.append("      %s: [%s]" % (k, ", ".join(r.choice("ESS") for _ in range(n))))
    open(os.path.join(out, "content", "company.yaml"), "w").write("\n".join(co) + "\n")

    n = r.randint(1, 25) if r.random() < 0.8 else r.randint(30, 45)
    for i in range(n):
        slug = "c-%02d" % r.randint(0, 99) if r.random() < 0.5 else "x%d" % i
        ext = ".yml" if r.random() < 0.1 else ".yaml"
        base = os.path.join(out, "content", "customers", slug)
        path = base + ext
        if os.path.exists(base + ".yaml") or os.path.exists(base + ".yml"):
            continue
        st = r.choice(STATUSES)
        L = ["name: %s" % q("Customer %s" % slug), "status: %s" % st, "market: %s" % r.choice(MARKETS)]
        if r.random() < 0.7:
            L.append("source: %s" % r.choice(SOURCES))
        if r.random() < 0.8:
            L.append("owner: %s" % q(r.choice(OWNERS)))
        if r.random() < 0.8:
            L.append("region: %s" % q(r.choice(REGIONS)))
        if st in ("former", "blacklisted") and r.random() < 0.7:
            L.append("reason_code: %s" % q(r.choice(["price", " price ", "service", ""])))
        if r.random() < 0.2:
            L.append("price_only: true")
        periods = []
        if r.random() < 0.8:
            k = r.randint(1, 3)
            L.append("metrics:")
            prev = None
            for p in range(k):
                period = str(2024 + p)
                periods.append(period)
                rv = money(r)
                pf = money(r)
                if prev is not None and prev > 0 and r.random() < 0.4:
                    pf = round(prev * (1 - decline), 6)  # exactly at the decline
                prev = pf
                L.append("  - { period: %s, revenue: %s, profit: %s }" % (q(period), rv, pf))
        if periods and r.random() < 0.5:
            L.append("targets:")
            L.append("  - { period: %s, revenue: %s }" % (q(r.choice(periods + ["2030"])), r.choice([0, 100, 1000, 333])))
        if r.random() < 0.7:
            L.append("value: { financial: %s, sales: %s, customer: %s, service: %s }" % tuple(r.choice([0, 4.5, 5, 6.5, 8, 10, 7]) for _ in range(4)))
        cut = [1, 2, 2.5, 3, 3.5, 4, 4.5, 5]
        if r.random() < 0.7:
            L.append("satisfaction: %s" % r.choice(cut))
        if r.random() < 0.7:
            L.append("loyalty: %s" % r.choice(cut))
        if r.random() < 0.6:
            L.append("man: { money: %s, authority: %s, need: %s }" % tuple(r.choice(["high", "low"]) for _ in range(3)))
        if r.random() < 0.3:
            L.append("objection: %s" % r.choice(["no_need", "too_expensive"]))
        if r.random() < 0.7:
            d = r.choice([0, 1, followup - 1, followup, followup + 1, 200, -3])
            L.append("last_contact: %s" % (as_of - datetime.timedelta(days=d)).isoformat())
        if r.random() < 0.6:
            d = r.choice([-1, 0, 1, 13, 14, 15, 7, 7])
            L.append("next_visit: %s" % (as_of + datetime.timedelta(days=d)).isoformat())
        open(path, "w").write("\n".join(L) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
