#!/usr/bin/env python3
"""Checks the relative links of the repository's Markdown files: the file exists, and the #anchor is a heading of it.

Usage: python3 .ci/check_md_links.py [FILE.md ...]   (default: README.md, BENCHMARKS.md, docs/*.md)
Anchors are GitHub's: the heading lower-cased, punctuation but '-' and '_' dropped, spaces as '-', '-N' for repeats.
Links in fenced code blocks and inline code are ignored; http(s) and mailto links are not checked. Exit 1 on a bad link.
"""
import glob
import os
import re
import sys

LINK = re.compile(r'!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)')


def strip_code(text):
    out, fenced = [], False
    for line in text.split('\n'):
        if line.lstrip().startswith('```'):
            fenced = not fenced
            out.append('')
            continue
        out.append('' if fenced else re.sub(r'`[^`]*`', '', line))
    return out


def anchors(path):
    seen, result = {}, set()
    fenced = False
    for line in open(path, encoding='utf-8').read().split('\n'):
        if line.lstrip().startswith('```'):
            fenced = not fenced
        if fenced:
            continue
        m = re.match(r'#{1,6}\s+(.*?)\s*#*\s*$', line)
        if not m:
            continue
        slug = m.group(1).strip().lower().replace('`', '')
        slug = re.sub(r'[^\w\- ]', '', slug).replace(' ', '-')
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        result.add(slug if n == 0 else f'{slug}-{n}')
    for m in re.finditer(r'<a\s+(?:id|name)="([^"]+)"', open(path, encoding='utf-8').read()):
        result.add(m.group(1))
    return result


def main(files):
    bad = checked = 0
    for md in files:
        for lineno, line in enumerate(strip_code(open(md, encoding='utf-8').read()), 1):
            for target in LINK.findall(line):
                if re.match(r'[a-z]+:', target):
                    continue
                checked += 1
                path, _, anchor = target.partition('#')
                dest = os.path.normpath(os.path.join(os.path.dirname(md), path)) if path else md
                if not os.path.exists(dest):
                    print(f'{md}:{lineno}: {target}: no file {dest}')
                    bad += 1
                elif anchor and (not dest.endswith('.md') or anchor not in anchors(dest)):
                    print(f'{md}:{lineno}: {target}: no heading #{anchor} in {dest}')
                    bad += 1
    print(f'{checked} relative links checked in {len(files)} files, {bad} broken')
    return 1 if bad else 0


if __name__ == '__main__':
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
    sys.exit(main(sys.argv[1:] or ['README.md', 'BENCHMARKS.md'] + sorted(glob.glob('docs/*.md'))))
