#!/usr/bin/env python3
"""Checks that Package.swift tells the truth: every target declares exactly the modules
its Swift files import (system modules aside), no more and no fewer.

Run by `make lint`. Exit status 1 lists each target whose declared dependencies differ
from its imports, with what to add and what to remove.
"""
import json
import os
import re
import subprocess
import sys

# Modules of the toolchain and the C library: imported, never declared.
SYSTEM = {"Foundation", "FoundationEssentials", "Glibc", "Musl", "Darwin", "Dispatch",
          "XCTest", "Synchronization", "_Concurrency", "Swift", "os"}
# Products whose module name differs from the product's.
PRODUCT_MODULES = {"Numerics": {"Numerics", "RealModule", "ComplexModule"}}
IMPORT = re.compile(r"^\s*(?:@testable\s+|@_implementationOnly\s+|@preconcurrency\s+)*import\s+(?:struct\s+|enum\s+|func\s+|class\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)


def declared(dependency):
    """The name of a dependency entry of `swift package dump-package` and the modules it
    provides."""
    for kind in ("byName", "target"):
        if kind in dependency:
            return dependency[kind][0], {dependency[kind][0]}
    name = dependency["product"][0]
    return name, PRODUCT_MODULES.get(name, {name})


def target_path(target):
    if target.get("path"):
        return target["path"]
    return os.path.join("Tests" if target["type"] == "test" else "Sources", target["name"])


def imports(folder):
    found = set()
    for directory, _, files in os.walk(folder):
        for name in files:
            if name.endswith(".swift"):
                with open(os.path.join(directory, name), encoding="utf-8") as handle:
                    found.update(IMPORT.findall(handle.read()))
    return found - SYSTEM


def main():
    manifest = json.loads(subprocess.run(["swift", "package", "dump-package"], check=True,
                                         capture_output=True, text=True).stdout)
    problems = 0
    for target in manifest["targets"]:
        if target["type"] == "system":
            continue
        used = imports(target_path(target))
        groups = [declared(d) for d in target.get("dependencies", [])]
        provided = set().union(*(modules for _, modules in groups))
        missing = sorted(used - provided)
        # A product providing several modules counts as used when any of them is imported.
        unused = sorted(name for name, modules in groups if not (modules & used))
        if missing or unused:
            problems += 1
            parts = []
            if missing:
                parts.append("imports but does not declare " + ", ".join(missing))
            if unused:
                parts.append("declares but does not import " + ", ".join(unused))
            print(f"Package.swift: target {target['name']} " + "; ".join(parts))
    claimed = {os.path.normpath(target_path(t)) for t in manifest["targets"]}
    for top in ("Sources", "Tests"):
        for name in sorted(os.listdir(top)):
            folder = os.path.join(top, name)
            if os.path.isdir(folder) and folder not in claimed:
                problems += 1
                print(f"Package.swift: {folder} belongs to no target")
    if problems:
        sys.exit(1)
    print("Package.swift: every target declares exactly what it imports")


if __name__ == "__main__":
    main()
