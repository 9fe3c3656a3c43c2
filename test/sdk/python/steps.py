"""The step protocol of the SDK test programs: one JSON object per step on stdout, read by test/sdk/harness.ts."""

import json

_failed = 0


def emit(step, ok, status=0, code="", detail=""):
    """Prints one step ({"step","ok","status","code","detail"}); returns ok, counting it when it is false."""
    global _failed
    if not ok:
        _failed += 1
    print(json.dumps({"step": step, "ok": ok, "status": status, "code": code, "detail": detail}), flush=True)
    return ok


def failed():
    """How many steps have failed so far."""
    return _failed
