#!/usr/bin/env python3
"""Validates a SARIF log against the SARIF 2.1.0 JSON schema.

Usage: validate_sarif.py SCHEMA LOG
"""
import json
import sys

import jsonschema


def main():
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    with open(sys.argv[2]) as f:
        log = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    for e in errors:
        print("invalid: %s: %s" % ("/".join(str(p) for p in e.path), e.message))
    if errors:
        return 1
    print("valid SARIF 2.1.0: %d results" % sum(len(r.get("results", [])) for r in log["runs"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
