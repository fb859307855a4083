#!/usr/bin/env python3
"""Lists the UI string keys of Nexus.Web (the key is the English text).

Usage:
  scripts/extract-strings.py                  print the sorted unique keys, one per line
  scripts/extract-strings.py --check FILE.resx  print the keys missing from FILE.resx; exit 1 if any
  options: --root DIR (repository root; default: the parent of this script's folder)
           --sources (with the key list: show where each key was found)

Keys come from:
  * T["..."] / t["..."] in .cshtml and .cs files under src/Nexus.Web (the first argument, when it is a
    plain or verbatim string literal; interpolated strings cannot be keys and are skipped);
  * indirect sources whose English text is later passed through the localizer:
    - every label returned by a Features/**/*Text.cs label class (EventText.cs, LibraryText.cs),
    - validation messages: Add(field, "...") in Infrastructure/FieldErrors.cs and errors.Add(..., "...")
      anywhere (interpolated messages such as "At most {n} characters." are dynamic and skipped),
    - the email subjects and lines of Features/**/*Emails.cs (RegistrationEmails.cs, AccountEmails.cs),
    - the messages of ChangeResult (new(ChangeOutcome.X, r, "...")) shown to staff through t[m],
    - the staff action labels of Features/Registrations/Manage/Index.cshtml (T[label]),
    - the SpeakerRole names (T[s.Role.ToString()]),
    - the event theme vocabulary (T[theme]), also read from Vocabulary in Features/Demo/DemoData.cs,
    - the region names of Infrastructure/Countries/countries.csv plus "Unknown" and "Not stated",
    - the titles and details of Features/Error.cshtml.cs (T[Model.Title], T[Model.Detail]),
    - for accounts (Features/Accounts): IdentityError descriptions, the token service's "field: message"
      errors, the API scope labels of ScopeText and Identity's "Passwords must be at least {n} characters.".
Python 3 standard library only.
"""
from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

WEB = Path("src") / "Nexus.Web"
SKIP_DIRS = {"bin", "obj", "wwwroot", "node_modules"}

THEMES = [
    "labour migration", "remittances", "brain drain and health workers",
    "diaspora and transnational communities", "peacebuilding", "economic crisis", "migrants' rights",
    "trafficking and smuggling", "integration", "ageing", "climate change", "urbanisation",
    "policy coherence", "development goals", "human development", "data and evidence",
]
EXTRA = ["Unknown", "Not stated"]

_ESCAPES = {"'": "'", '"': '"', "\\": "\\", "0": "\0", "a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
            "t": "\t", "v": "\v", "e": "\x1b"}


def parse_literal(src: str, i: int):
    """Parses a C# string literal starting at src[i].

    Returns (value, end) where value is None for an interpolated string (not a key) and end is the index
    just past the literal; returns None when src[i] does not start a string literal.
    """
    m = re.compile(r'(\$*)(@?)(\$*)("+)').match(src, i)
    if not m:
        return None
    dollars = len(m.group(1)) + len(m.group(3))
    verbatim = bool(m.group(2))
    quotes = m.group(4)
    j = m.end()
    if not verbatim and len(quotes) >= 3:  # raw string literal: """...""" (content ends at the same run of quotes)
        end = src.find(quotes, j)
        if end < 0:
            return None
        text = src[j:end]
        if "\n" in text:  # multi-line raw literal: strip the first/last line and the common indentation
            lines = text.split("\n")
            indent = lines[-1] if lines[-1].strip() == "" else ""
            text = "\n".join(l[len(indent):] if l.startswith(indent) else l for l in lines[1:-1])
        return (None if dollars else text), end + len(quotes)
    if len(quotes) == 2:  # "" : the empty string
        return (None if dollars else ""), j
    out = []
    while j < len(src):
        c = src[j]
        if verbatim:
            if c == '"':
                if src.startswith('""', j):
                    out.append('"'); j += 2; continue
                return (None if dollars else "".join(out)), j + 1
            out.append(c); j += 1; continue
        if c == "\n":
            return None  # unterminated regular literal
        if c == '"':
            return (None if dollars else "".join(out)), j + 1
        if c == "\\" and j + 1 < len(src):
            n = src[j + 1]
            if n in _ESCAPES:
                out.append(_ESCAPES[n]); j += 2; continue
            if n == "u":
                out.append(chr(int(src[j + 2:j + 6], 16))); j += 6; continue
            if n == "U":
                out.append(chr(int(src[j + 2:j + 10], 16))); j += 10; continue
            if n == "x":
                h = re.compile(r"[0-9A-Fa-f]{1,4}").match(src, j + 2)
                out.append(chr(int(h.group(0), 16))); j = h.end(); continue
            out.append(n); j += 2; continue
        out.append(c); j += 1
    return None


def literal_at(src: str, i: int, followed_by: str = ""):
    """The plain (non-interpolated) literal at src[i] (after spaces), optionally followed by one of the chars."""
    while i < len(src) and src[i].isspace():
        i += 1
    parsed = parse_literal(src, i)
    if parsed is None or parsed[0] is None:
        return None
    value, end = parsed
    if followed_by:
        k = end
        while k < len(src) and src[k].isspace():
            k += 1
        if k >= len(src) or src[k] not in followed_by:
            return None  # e.g. "a" + b: not a fixed key
    return value


def all_literals(src: str):
    """Every plain string literal in C# source, skipping comments and char literals."""
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("//", i):
            i = src.find("\n", i)
            i = n if i < 0 else i
            continue
        if src.startswith("/*", i):
            e = src.find("*/", i + 2)
            i = n if e < 0 else e + 2
            continue
        if c == "'":
            m = re.compile(r"'(\\.[^']*|[^'\\])'").match(src, i)
            i = m.end() if m else i + 1
            continue
        if c in '"@$':
            parsed = parse_literal(src, i)
            if parsed is not None:
                if parsed[0] is not None:
                    yield parsed[0]
                i = parsed[1]
                continue
        i += 1


LOCALIZER_CALL = re.compile(r"(?<![\w.])[Tt]\s*\[")


def localizer_keys(src: str):
    """First-argument literals of T[...] / t[...]."""
    for m in LOCALIZER_CALL.finditer(src):
        key = literal_at(src, m.end(), followed_by=",]")
        if key is not None:
            yield key


LIT = r'(?:\$?@?\$?"(?:[^"\\\n]|\\.|"")*")'  # rough literal, used only to anchor a match; parse_literal decodes


def literals_after(src: str, pattern: str):
    """For each match of pattern (which ends right before a literal), the decoded literal."""
    for m in re.finditer(pattern, src):
        v = literal_at(src, m.end())
        if v is not None:
            yield v


def read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""


def source_files(web: Path):
    for p in sorted(web.rglob("*")):
        if p.suffix in (".cs", ".cshtml") and p.is_file() and not (SKIP_DIRS & set(p.relative_to(web).parts[:-1])):
            yield p


def extract(root: Path) -> dict[str, set[str]]:
    web = root / WEB
    keys: dict[str, set[str]] = {}

    def add(key: str, where: str):
        if key and key.strip():
            keys.setdefault(key, set()).add(where)

    for p in source_files(web):
        rel = p.relative_to(root).as_posix()
        src = read(p)
        for k in localizer_keys(src):
            add(k, rel)
        if p.suffix == ".cs":
            # validation messages: errors.Add(field, "message"), also via other names ending in "errors"
            for k in literals_after(src, r"(?i)\berrors\s*\.\s*Add\s*\(\s*(?:" + LIT + r"|[\w.]+)\s*,\s*"):
                add(k, rel + " (errors.Add)")
            # ChangeResult messages: new(ChangeOutcome.X, r, "message") / new ChangeResult(...)
            for k in literals_after(src, r"\bnew\s*(?:ChangeResult)?\s*\(\s*ChangeOutcome\.\w+\s*,\s*[^,()]+\s*,\s*"):
                add(k, rel + " (ChangeResult)")

    def file(rel: str) -> tuple[str, str]:
        return rel, read(web / rel)

    # label classes: Features/Events/EventText.cs, Features/Library/LibraryText.cs, ...
    for p in sorted((web / "Features").rglob("*Text.cs")):
        rel, src = p.relative_to(root).as_posix(), read(p)
        for k in all_literals(src):
            add(k, rel)

    rel, src = file("Infrastructure/FieldErrors.cs")
    for k in literals_after(src, r"\bAdd\s*\(\s*[\w.]+\s*,\s*"):
        add(k, "src/Nexus.Web/" + rel)

    # emails (RegistrationEmails.cs, AccountEmails.cs, ...): Line("...") and the subject of Queue(..., "kind", "subject", ...)
    for p in sorted((web / "Features").rglob("*Emails.cs")):
        rel, src = p.relative_to(root).as_posix(), read(p)
        for k in literals_after(src, r"\bLine\s*\(\s*"):
            add(k, rel + " (line)")
        for k in literals_after(src, r"\bQueue\s*\((?:\s*[\w.!]+\s*,)*\s*" + LIT + r"\s*,\s*"):
            add(k, rel + " (subject)")

    # accounts: Identity error descriptions (shown through t[error.Description]), token service errors
    # ("field: message", the message shown through t[message]), API scope labels (T[ScopeText(scope)]) and
    # Identity's own password-length message for the configured length
    accounts = web / "Features" / "Accounts"
    for p in sorted(accounts.rglob("*.cs")) if accounts.is_dir() else []:
        rel, src = p.relative_to(root).as_posix(), read(p)
        for k in literals_after(src, r"\bnew\s+IdentityError\s*(?:\(\s*\))?\s*\{[^{}]*?\bDescription\s*=\s*"):
            add(k, rel + " (IdentityError)")
        for k in literals_after(src, r"\breturn\s*\(\s*null\s*,\s*"):
            m = re.match(r"[a-zA-Z]+: (.+)$", k)
            if m:
                add(m.group(1), rel + " (token error)")
        for m in re.finditer(r"\bScopeText\s*\([^)]*\)\s*=>\s*\w+\s+switch\s*\{(.*?)\};", src, re.S):
            for k in literals_after(m.group(1), r"=>\s*"):
                add(k, rel + " (scope)")
        for m in re.finditer(r"\bRequiredLength\s*=\s*(\d+)", src):
            add(f"Passwords must be at least {m.group(1)} characters.", rel + " (Identity)")

    rel, src = file("Features/Error.cshtml.cs")
    for k in literals_after(src, r"\b(?:Title|Detail)\s*(?:\{[^}]*\})?\s*=\s*"):
        add(k, "src/Nexus.Web/" + rel)
    for m in re.finditer(r"=>\s*\(\s*(" + LIT + r")\s*,\s*(" + LIT + r")\s*\)", src):
        for g in (1, 2):
            v = literal_at(m.group(g), 0)
            if v is not None:
                add(v, "src/Nexus.Web/" + rel)

    rel, src = file("Features/Registrations/Manage/Index.cshtml")
    for m in re.finditer(r"\(\s*" + LIT + r"\s*,\s*(" + LIT + r")\s*,", src):  # (handler, label, show)
        v = literal_at(m.group(1), 0)
        if v is not None:
            add(v, "src/Nexus.Web/" + rel + " (action label)")

    rel, src = file("Features/Events/Event.cs")
    m = re.search(r"\benum\s+SpeakerRole\s*(?::\s*\w+\s*)?\{([^}]*)\}", src)
    if m:
        for name in re.findall(r"([A-Za-z_]\w*)\s*(?:=[^,]*)?(?:,|$)", m.group(1)):
            add(name, "src/Nexus.Web/" + rel + " (SpeakerRole)")

    for t in THEMES:
        add(t, "theme vocabulary")
    # the demo data's theme vocabulary, when present (it may grow beyond the list above)
    rel, src = file("Features/Demo/DemoData.cs")
    for m in re.finditer(r"\bVocabulary\s*=\s*[\[{](.*?)[\]}]\s*;", src, re.S):
        for k in all_literals(m.group(1)):
            add(k, "src/Nexus.Web/" + rel + " (vocabulary)")

    csv_path = web / "Infrastructure/Countries/countries.csv"
    lines = [l for l in read(csv_path).splitlines() if l.strip() and not l.startswith("#")]
    if lines:
        delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
        for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter=delimiter):
            region = (row.get("region") or "").strip()
            if region:
                add(region, "countries.csv (region)")
    for k in EXTRA:
        add(k, "ParticipationStatistics")
    return keys


def resx_keys(path: Path) -> set[str]:
    root = ET.parse(path).getroot()
    return {d.get("name") for d in root.iter("data") if d.get("name") is not None}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description="List Nexus UI string keys, or those missing from a .resx file.")
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    ap.add_argument("--check", type=Path, metavar="RESX")
    ap.add_argument("--sources", action="store_true", help="show where each key comes from")
    args = ap.parse_args(argv)
    keys = extract(args.root.resolve())
    sys.stdout.reconfigure(encoding="utf-8")
    if args.check:
        have = resx_keys(args.check)
        missing = sorted(k for k in keys if k not in have)
        for k in missing:
            print(k + ("    <- " + ", ".join(sorted(keys[k])) if args.sources else ""))
        print(f"{len(keys)} keys, {len(missing)} missing from {args.check}", file=sys.stderr)
        return 1 if missing else 0
    for k in sorted(keys):
        print(k + ("    <- " + ", ".join(sorted(keys[k])) if args.sources else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
