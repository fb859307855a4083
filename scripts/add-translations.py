#!/usr/bin/env python3
"""Adds translations to a .resx file from tab-separated files (English key<TAB>translation per line).

Usage: scripts/add-translations.py FILE.resx TRANSLATIONS.tsv [MORE.tsv ...]
Keys already in the .resx are left as they are; new ones are inserted as text before </root>, so the rest of
the file (schema, headers) is kept byte for byte. Python 3 standard library only.
"""
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

resx, sources = sys.argv[1], sys.argv[2:]
text = open(resx, encoding="utf-8-sig").read()
existing = {d.get("name") for d in ET.fromstring(text.encode("utf-8")).findall("data")}
entries = []
for source in sources:
    with open(source, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if "\t" not in line:
                sys.exit(f"{source}:{n}: no tab between key and translation")
            key, value = line.split("\t", 1)
            if key in existing:
                continue
            existing.add(key)
            entries.append(f'  <data name={quoteattr(key)} xml:space="preserve">\n    <value>{escape(value)}</value>\n  </data>\n')
end = text.rindex("</root>")
text = text[:end] + "".join(entries) + text[end:]
ET.fromstring(text.encode("utf-8"))  # still well-formed
open(resx, "w", encoding="utf-8").write(text)
print(f"{len(entries)} translations added to {resx}")
