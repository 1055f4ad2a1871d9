"""What tests/services/expected/ would have to pin, found from specs/ alone
(no build): request examples that give a string where the schema says a
number or boolean (serde refuses them, so they cannot round-trip), and
versions whose count of examples without a body differs from the pinned
`without_body` (0 when the version has no file). Run from the repository:

    python3 tc-bench/scripts/peers/example_pins.py

Prints one JSON line. Used for docs/VERIFICATION.md.
"""

import collections
import json
import os

NUMBERS = {"int64", "uint64", "float"}


def mismatches(schema, object_name, value, path, out, depth=0):
    spec = schema["objects"].get(object_name)
    if not spec or not isinstance(value, dict) or depth > 8:
        return
    members = {m["name"]: m for m in spec["members"]}
    for key, given in value.items():
        member = members.get(key)
        if not member:
            continue
        kind = member.get("member")
        for item in given if member.get("type") == "list" and isinstance(given, list) else [given]:
            if kind in NUMBERS | {"bool"} and isinstance(item, str):
                out.append(f"{path}.{key}")
            elif kind in schema["objects"]:
                mismatches(schema, kind, item, f"{path}.{key}", out, depth + 1)


def main():
    strings = collections.Counter()
    strings_first = 0
    body_counts = []
    for name in sorted(os.listdir("specs")):
        d = os.path.join("specs", name)
        if not os.path.isfile(os.path.join(d, "schema.json")):
            continue
        schema = json.load(open(os.path.join(d, "schema.json"), encoding="utf-8"))
        examples = json.load(open(os.path.join(d, "examples.json"), encoding="utf-8"))
        pin_file = os.path.join("tests/services/expected", name + ".json")
        pins = json.load(open(pin_file, encoding="utf-8")) if os.path.exists(pin_file) else {}
        pinned = {(e["action"], e["index"]) for e in pins.get("exceptions", []) if e["part"] == "Request"}
        without_body = 0
        for action, listed in examples.items():
            for i, example in enumerate(listed):
                if not example["request_body"].strip():
                    without_body += 1
                    continue
                try:
                    body = json.loads(example["request_body"])
                except ValueError:
                    continue
                found = []
                mismatches(schema, schema["actions"][action]["input"], body, action, found)
                if found and (action, i) not in pinned:
                    strings[name] += 1
                    strings_first += i == 0
        if without_body != pins.get("without_body", 0):
            body_counts.append(name)
    print(json.dumps({
        "unpinned_string_for_number_examples": sum(strings.values()),
        "of_them_first_examples": strings_first,
        "versions": len(strings),
        "by_version": dict(strings.most_common()),
        "versions_whose_without_body_differs_from_expected": len(body_counts),
    }))


if __name__ == "__main__":
    main()
