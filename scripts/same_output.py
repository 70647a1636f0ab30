#!/usr/bin/env python3
"""Records what optiviz prints for a fixed set of inputs, or checks that it
still prints exactly that: a restructure must leave every byte unchanged.

The inputs: `optiviz trace` (CSV and JSON) for every golden case in
tests/fixtures/golden.json, `optiviz train --format json` for every network
reference in tests/fixtures/digits_mlp.json (its weights and split as an
init file), and `optiviz export --format csv` and `--format json` for every
preset in assets/scenes/.

    python3 scripts/same_output.py record DIR   # before the change
    python3 scripts/same_output.py check DIR    # after it: lists every difference

The binary is target/release/optiviz (build it first) or $OPTIVIZ.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = Path(os.environ.get("OPTIVIZ", ROOT / "target" / "release" / "optiviz"))


def number(value):
    """A start coordinate as the command line takes it."""
    return repr(float(value))


def commands(work):
    """(name, arguments) of every recorded output; init files go to `work`."""
    golden = json.loads((ROOT / "tests/fixtures/golden.json").read_text())
    for case in golden["cases"]:
        x, y = case["start"]
        base = ["trace", "--surface", case["surface"], "--start", f"{number(x)},{number(y)}",
                "--optimizer", case["optimizer"], "--schedule", case["schedule"], "--steps", str(case["steps"])]
        for form in ("csv", "json"):
            yield f"trace_{case['id']}.{form}", base + ["--format", form]
    digits = json.loads((ROOT / "tests/fixtures/digits_mlp.json").read_text())
    for case in digits["cases"]:
        init = work / f"init_{case['id']}.json"
        init.write_text(json.dumps({"layers": case["init"]["layers"], "train_index": digits["train_index"],
                                    "test_index": digits["test_index"]}))
        yield f"train_{case['id']}.json", ["train", "--dataset", "digits", "--init", str(init), "--optimizer",
                                           case["optimizer"], "--epochs", str(case["epochs"]), "--format", "json"]
    for scene in sorted((ROOT / "assets/scenes").glob("*.toml")):
        for form in ("csv", "json"):
            yield f"export_{scene.stem}.{form}", ["export", "--scene", str(scene), "--out", "-", "--format", form]


def run(arguments, work):
    """What the command prints on stdout, or the file an export writes."""
    if arguments[0] == "export":
        out = work / ("out." + arguments[-1])
        arguments = [a if a != "-" else str(out) for a in arguments]
        subprocess.run([str(BINARY), *arguments], check=True, capture_output=True)
        return out.read_bytes()
    return subprocess.run([str(BINARY), *arguments], check=True, capture_output=True).stdout


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("record", "check"):
        sys.exit(__doc__)
    mode, folder = sys.argv[1], Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    differences = 0
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        for name, arguments in commands(work):
            output = run(arguments, work)
            if mode == "record":
                (folder / name).write_bytes(output)
            elif not (folder / name).exists() or (folder / name).read_bytes() != output:
                differences += 1
                print(f"differs: {name}: optiviz {' '.join(arguments)}")
    if mode == "check":
        print(f"{differences} difference(s)")
        sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
