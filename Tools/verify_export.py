#!/usr/bin/env python3
"""Verify a WorkforceLedger export without WorkforceLedger.

Reads the output of `wfl events --format jsonl` (a file, or standard input when the file is absent or "-"),
and for every line, in order:

  1. parses it as a JSON object (strict UTF-8, no duplicate keys, no NaN/Infinity);
  2. checks that its "position" is the next one: 1, 2, 3, ... with no gap;
  3. removes "hash", serializes the rest by the JSON Canonicalization Scheme (RFC 8785: keys sorted by UTF-16
     code units, no white space, numbers as ECMAScript prints them, minimal string escaping), and checks that
     SHA-256(previous hash || canonical bytes) equals "hash" (the previous hash of position 1 is 32 zero bytes).

With --digest POS:HASH it also checks that the event at POS has HASH: proof that the exported log extends a head
digest kept elsewhere (`wfl head` prints one).

Prints one line, "ok: N events, head N:HASH" and exits 0 when everything checks; otherwise names the first bad
position and exits 1. Usage errors exit 64, an unreadable input 66. Python 3 standard library only.

Example:
  wfl events --store ledger > export.jsonl
  python3 Tools/verify_export.py export.jsonl --digest "$(wfl head --store ledger)"
"""

import argparse
import hashlib
import json
import math
import re
import sys

EXIT_OK, EXIT_ALTERED, EXIT_USAGE, EXIT_NO_INPUT = 0, 1, 64, 66


class ExportError(Exception):
    """The export is not a valid chain; `position` is the first position that disagrees."""

    def __init__(self, position, line_number, message):
        super().__init__(message)
        self.position = position
        self.line_number = line_number
        self.message = message


# --- RFC 8785 -------------------------------------------------------------------------------------------------

_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f]')


def canonical_string(text):
    """A JSON string literal as RFC 8785 section 3.2.2.2 writes it: only '"', '\\' and control characters
    are escaped, with the short forms where JSON has them and lower-case \\u00xx otherwise."""

    def escape(match):
        char = match.group(0)
        return _SHORT_ESCAPES.get(char) or "\\u%04x" % ord(char)

    return '"' + _NEEDS_ESCAPE.sub(escape, text) + '"'


def canonical_number(value):
    """A number as ECMAScript's Number.prototype.toString prints the IEEE 754 double (RFC 8785 3.2.2.3)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("not a number")
    value = float(value)  # JSON numbers are IEEE 754 doubles in I-JSON, whatever their literal form
    if math.isnan(value) or math.isinf(value):
        raise ValueError("NaN and infinities have no JSON form")
    if value == 0:
        return "0"
    if value < 0:
        return "-" + canonical_number(-value)
    # repr() gives the shortest digits that round-trip (and the closest such); re-place the decimal point.
    mantissa, _, exponent = repr(value).partition("e")
    integer_part, _, fraction = mantissa.partition(".")
    digits = integer_part + fraction
    point = len(integer_part) + (int(exponent) if exponent else 0)
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    k, n = len(digits), point
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + digits
    e = n - 1
    return digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e >= 0 else "-") + str(abs(e))


def canonical(value):
    """The RFC 8785 text of a parsed JSON value."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return canonical_string(value)
    if isinstance(value, (int, float)):
        return canonical_number(value)
    if isinstance(value, list):
        return "[" + ",".join(canonical(item) for item in value) + "]"
    if isinstance(value, dict):
        # Sorted by the keys' UTF-16 code units (RFC 8785 3.2.3), which differs from code point order
        # only for characters above U+FFFF.
        keys = sorted(value, key=lambda key: key.encode("utf-16-be"))
        return "{" + ",".join(canonical_string(key) + ":" + canonical(value[key]) for key in keys) + "}"
    raise TypeError("unexpected value %r" % (value,))


# --- Parsing --------------------------------------------------------------------------------------------------


def _object_without_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise ValueError("duplicate key %r" % key)
        result[key] = value
    return result


def _reject_constant(name):
    raise ValueError("%s is not JSON" % name)


def parse_line(raw, position, line_number):
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ExportError(position, line_number, "not UTF-8: %s" % error)
    try:
        value = json.loads(text, object_pairs_hook=_object_without_duplicates, parse_constant=_reject_constant)
    except ValueError as error:
        raise ExportError(position, line_number, "not JSON: %s" % error)
    if not isinstance(value, dict):
        raise ExportError(position, line_number, "not a JSON object")
    return value


# --- The chain ------------------------------------------------------------------------------------------------


def parse_digest(text):
    match = re.fullmatch(r"([0-9]+):([0-9a-fA-F]{64})", text)
    if not match or int(match.group(1)) < 1:
        return None
    return int(match.group(1)), match.group(2).lower()


def verify(lines, digest=None):
    """Checks the chain over an iterable of byte lines. Returns (event count, head hash hex or None).
    Raises ExportError naming the first position that disagrees."""
    previous = bytes(32)
    position = 0
    line_number = 0
    digest_seen = False
    for raw in lines:
        line_number += 1
        raw = raw.rstrip(b"\r\n")
        if not raw.strip():
            continue  # blank lines carry no event; a missing event still shows as a gap in positions
        expected = position + 1
        event = parse_line(raw, expected, line_number)
        stored_position = event.get("position")
        if isinstance(stored_position, bool) or not isinstance(stored_position, int):
            raise ExportError(expected, line_number, "no integer \"position\"")
        if stored_position != expected:
            if stored_position > expected:
                message = "position %d is missing (the line says %d)" % (expected, stored_position)
            else:
                message = "position %d is out of order (expected %d)" % (stored_position, expected)
            raise ExportError(expected, line_number, message)
        stored_hash = event.pop("hash", None)
        if not isinstance(stored_hash, str) or not re.fullmatch(r"[0-9a-f]{64}", stored_hash):
            raise ExportError(expected, line_number, "no lower-case hex SHA-256 \"hash\"")
        try:
            body = canonical(event).encode("utf-8")
        except (TypeError, ValueError, OverflowError, UnicodeEncodeError) as error:
            raise ExportError(expected, line_number, "cannot be canonicalized: %s" % error)
        computed = hashlib.sha256(previous + body).digest()
        if computed.hex() != stored_hash:
            raise ExportError(expected, line_number, "the hash does not match the event's content and the previous hash")
        if digest is not None and digest[0] == expected:
            digest_seen = True
            if stored_hash != digest[1]:
                raise ExportError(expected, line_number, "the kept digest's hash differs: the export does not extend it")
        previous = computed
        position = expected
    if digest is not None and not digest_seen:
        raise ExportError(digest[0], line_number, "the kept digest's position %d is beyond the head (%d)" % (digest[0], position))
    return position, (previous.hex() if position > 0 else None)


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="verify_export.py",
        description="Recompute the hash chain of a `wfl events --format jsonl` export.",
        epilog="Example: wfl events > export.jsonl && python3 verify_export.py export.jsonl --digest \"$(wfl head)\"",
    )
    parser.add_argument("file", nargs="?", default="-", help="the export (default: standard input)")
    parser.add_argument("--digest", metavar="POS:HASH", help="a kept head digest the export must extend")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_OK if exit_.code == 0 else EXIT_USAGE
    digest = None
    if args.digest is not None:
        digest = parse_digest(args.digest)
        if digest is None:
            print("verify_export.py: --digest must be POSITION:HASH (position >= 1, 64 hex digits)", file=sys.stderr)
            return EXIT_USAGE
    try:
        stream = sys.stdin.buffer if args.file == "-" else open(args.file, "rb")
    except OSError as error:
        print("verify_export.py: cannot read %s: %s" % (args.file, error.strerror), file=sys.stderr)
        return EXIT_NO_INPUT
    try:
        with stream:
            count, head = verify(stream, digest)
    except ExportError as error:
        print("FAILED at position %d (line %d): %s" % (error.position, error.line_number, error.message))
        return EXIT_ALTERED
    if count == 0:
        print("ok: 0 events, empty ledger")
    else:
        print("ok: %d events, head %d:%s" % (count, count, head) + ("; extends kept digest %d" % digest[0] if digest else ""))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
