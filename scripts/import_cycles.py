#!/usr/bin/env python3
"""Lists the module-level imports between optiviz's own modules and fails on
any cycle: a module that, through its `use crate::…`, `use super::…` and
`use self::…` and `use child::…` imports, and the same paths written
inline in its code, reaches itself. A module's paths into its own children
are the module tree, not imports: a parent declares its children, re-exports
them and dispatches to them, and they may use what it defines.

    python3 scripts/import_cycles.py           # the cycles, exit status 1 if any
    python3 scripts/import_cycles.py --edges   # every edge, then the cycles

The library (src/lib.rs) and the binary (src/main.rs with cli/ and app/)
are two crates: `crate::` means the root of the file's own crate, and the
binary's `optiviz::` imports point into the library, which never imports
back, so they cannot close a cycle and are left out.
"""

import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
BINARY_ROOTS = ("app", "cli")


def module_of(path):
    """The module path of a source file: ('app', 'network', 'state'); the
    crate roots are ('lib',) and ('main',)."""
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts in (["lib"], ["main"]):
        return tuple(parts)
    if parts[-1] == "mod":
        parts.pop()
    crate = "main" if parts[0] in BINARY_ROOTS else "lib"
    return (crate, *parts)


def strip_comments(text):
    """The code without comments and with every string literal emptied (a
    message may say "use ..."): a string, a comment or a character literal
    is matched from where it starts, so `"//"` stays a string."""
    pattern = r'r#*"|"(?:\\.|[^"\\])*"|//[^\n]*|/\*.*?\*/|\'(?:\\.|[^\'\\])\''

    def blank(match):
        token = match.group(0)
        if token.startswith("r"):
            return token
        return '""' if token.startswith('"') else ("''" if token.startswith("'") else "")

    return re.sub(pattern, blank, text, flags=re.S)


def expand(tree):
    """`a::{b, c::{d, e}}` → ['a::b', 'a::c::d', 'a::c::e']."""
    tree = tree.strip()
    brace = tree.find("{")
    if brace < 0:
        return [tree] if tree else []
    prefix, body = tree[:brace], tree[brace + 1 : tree.rindex("}")]
    items, depth, start = [], 0, 0
    for i, ch in enumerate(body):
        depth += ch == "{"
        depth -= ch == "}"
        if ch == "," and depth == 0:
            items.append(body[start:i])
            start = i + 1
    items.append(body[start:])
    return [prefix + path for item in items for path in expand(item)]


def paths_of(text):
    """Every path a file imports with `use`, and every path into its crate,
    its parents or its child modules that it writes inline."""
    text = strip_comments(text)
    paths = []
    for statement in re.findall(r"\buse\s+([^;]+);", text):
        paths += [re.sub(r"\s+as\s+\w+$", "", p.strip()) for p in expand(statement)]
    body = re.sub(r"\buse\s+[^;]+;", "", text)
    children = re.findall(r"\bmod\s+(\w+)\s*;", body)
    roots = "|".join(["crate", "super", "self", *children])
    paths += re.findall(rf"(?<![\w:])(?:{roots})(?:::\w+)+", body)
    return [re.sub(r"\s+", "", p) for p in paths]


def resolve(path, here, modules):
    """The module a path imports from: its longest prefix that is a module.
    A path may start at the crate root (`crate::`), at this module or its
    parents (`self::`, `super::`), or at a child module of this one."""
    segments = path.split("::")
    if segments[0] == "crate":
        target, segments = (here[0],), segments[1:]
    elif segments[0] in ("super", "self"):
        target = here
        while segments and segments[0] in ("super", "self"):
            if segments.pop(0) == "super" and len(target) > 1:
                target = target[:-1]
    elif here + (segments[0],) in modules:
        target = here
    else:
        return None
    for segment in segments:
        if target + (segment,) not in modules:
            break
        target = target + (segment,)
    return target


def edges():
    files = sorted(SRC.rglob("*.rs"))
    modules = {module_of(f) for f in files}
    found = {}
    for f in files:
        here = module_of(f)
        for path in paths_of(f.read_text()):
            target = resolve(path, here, modules)
            # A module's paths into its own children are the module tree
            # (it declares, re-exports and dispatches to them), not imports.
            inside = target is not None and target[: len(here)] == here
            if target and not inside and target in modules:
                found.setdefault(here, set()).add(target)
    return found


def cycles(graph):
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, result, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return result


def name(module):
    return "::".join(module[1:]) or module[0]


def main():
    graph = edges()
    if "--edges" in sys.argv:
        for source in sorted(graph):
            for target in sorted(graph[source]):
                print(f"{name(source)} -> {name(target)}")
    found = cycles(graph)
    count = sum(len(targets) for targets in graph.values())
    for component in found:
        members = set(component)
        print("cycle: " + ", ".join(name(m) for m in component))
        for source in component:
            for target in sorted(graph.get(source, ()) & members):
                print(f"    {name(source)} -> {name(target)}")
    print(f"{count} import edges between {len(graph)} modules; {len(found)} cycle(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
