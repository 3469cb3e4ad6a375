#!/usr/bin/env python3
"""Verify WorkforceLedger Merkle proofs offline, without WorkforceLedger and without the ledger.

Two checks, each printing one line and exiting 0 (verified) or 1 (not verified):

  inclusion   An exported event (one line of `wfl events --format jsonl`) is in the tree a checkpoint names:
                verify_proof.py inclusion --checkpoint CP --proof PROOF [--verifier-key KEY] [EVENT_FILE|-]
              PROOF is the output of `wfl prove inclusion POSITION --size N` (text or --format json), N the
              checkpoint's size. The event's leaf hash is recomputed from the line itself: remove "hash" (and the
              "voidedBy" that `wfl history` adds), serialize by RFC 8785, SHA-256(0x00 || those bytes).

  consistency The tree of a later checkpoint extends the tree of an earlier one (nothing it covered changed):
                verify_proof.py consistency --old CP1 --new CP2 --proof PROOF [--verifier-key KEY]
              PROOF is the output of `wfl prove consistency M N`, M and N the two checkpoints' sizes.

Checkpoints are C2SP tlog-checkpoint texts (origin, tree size, base64 root hash, extension lines), signed as C2SP
signed notes with Ed25519 (`wfl checkpoint --key`). With --verifier-key NAME+HASH+BASE64 (as `wfl keygen` prints
it) each checkpoint must carry a valid signature by that key; without it signatures are not checked (said so in the
verdict). The Merkle tree and both verification algorithms are RFC 9162's (section 2.1), written out below.

Usage errors exit 64, an unreadable input 66. Python 3 standard library, plus the `cryptography` package for
Ed25519 only.

Example:
  wfl checkpoint --key office.key > cp.txt            # kept by the auditor
  wfl events --from 42 --to 42 > event.jsonl
  wfl prove inclusion 42 --size "$(sed -n 2p cp.txt)" --format json > proof.json
  python3 Tools/verify_proof.py inclusion --checkpoint cp.txt --proof proof.json --verifier-key "$KEY" event.jsonl
"""

import argparse
import base64
import binascii
import hashlib
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from verify_export import canonical, parse_line, ExportError  # noqa: E402  (the same RFC 8785 serialization)


class Failure(Exception):
    """Verification failed: the message is the verdict."""


class UsageError(Exception):
    """Bad input files or arguments (exit 64, or 66 for an unreadable file)."""

    def __init__(self, message, code=64):
        super().__init__(message)
        self.code = code


# --- RFC 9162 section 2.1 ---------------------------------------------------------------------------------------


def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(leaf_index, tree_size, leaf, path, root):
    """RFC 9162 2.1.3.2: verifying an inclusion proof."""
    if leaf_index >= tree_size:
        return False
    fn, sn, r = leaf_index, tree_size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 == 1 or fn == sn:
            r = node_hash(p, r)
            while fn & 1 == 0 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first, second, first_hash, second_hash, path):
    """RFC 9162 2.1.4.2: verifying a consistency proof."""
    if first > second:
        return False
    if first == second:
        return not path and first_hash == second_hash
    if first == 0:
        return not path
    if not path:
        return False
    # 1. If first is an exact power of 2, prepend first_hash to the path.
    if first & (first - 1) == 0:
        path = [first_hash] + list(path)
    # 2. fn = first - 1, sn = second - 1.  3. While LSB(fn) is set, right-shift both.
    fn, sn = first - 1, second - 1
    while fn & 1 == 1:
        fn >>= 1
        sn >>= 1
    # 4. fr = sr = the first value of the path.
    fr = sr = path[0]
    # 5. For each subsequent value c of the path:
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 == 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while fn & 1 == 0 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    # 6. fr must be first_hash, sr second_hash, and sn 0.
    return fr == first_hash and sr == second_hash and sn == 0


# --- C2SP signed notes and checkpoints --------------------------------------------------------------------------


def b64(text, what):
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise UsageError("%s is not base64: %r" % (what, text))


def parse_verifier_key(text):
    """name+hash+base64(0x01 || Ed25519 public key); the key hash must be SHA-256(name || 0x0A || key data)[:4]."""
    parts = text.strip().split("+", 2)
    if len(parts) != 3 or not parts[0] or re.search(r"\s", parts[0]) or not re.fullmatch(r"[0-9a-f]{8}", parts[1]):
        raise UsageError("the verifier key is not name+hash+base64: %r" % text)
    name, key_hash, data = parts[0], bytes.fromhex(parts[1]), b64(parts[2], "the verifier key's data")
    if len(data) != 33 or data[0] != 1:
        raise UsageError("the verifier key is not an Ed25519 key (0x01 and 32 bytes)")
    if hashlib.sha256(name.encode() + b"\n" + data).digest()[:4] != key_hash:
        raise UsageError("the verifier key's hash does not match its name and key")
    return name, key_hash, data[1:]


def open_signed_note(note, verifier):
    """Returns the note's text when it carries a valid signature by `verifier` (name, key hash, public key)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    name, key_hash, public_key = verifier
    split = note.rfind("\n\n")
    if split < 0 or not note.endswith("\n"):
        raise Failure("the checkpoint is not a signed note (no blank line before signature lines)")
    text, lines = note[: split + 1], note[split + 2 : -1].split("\n")
    for line in lines:
        match = re.fullmatch("\u2014 (\\S+) (\\S+)", line)
        if not match:
            raise Failure("malformed signature line %r" % line)
        signature = b64(match.group(2), "a signature")
        if match.group(1) == name and signature[:4] == key_hash:
            try:
                Ed25519PublicKey.from_public_bytes(public_key).verify(signature[4:], text.encode("utf-8"))
            except InvalidSignature:
                raise Failure("the signature by %s+%s does not verify: the checkpoint was altered" % (name, key_hash.hex()))
            return text
    raise Failure("the checkpoint has no signature by the key %s+%s" % (name, key_hash.hex()))


def read_text(path, what):
    try:
        with open(path, "rb") as handle:
            data = handle.read(1 << 20)
    except OSError as error:
        raise UsageError("cannot read the %s %s: %s" % (what, path, error.strerror), code=66)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError("the %s %s is not UTF-8" % (what, path))


def read_checkpoint(path, verifier):
    """(origin, size, root, signed) of the checkpoint at `path`, its signature checked when `verifier` is given."""
    note = read_text(path, "checkpoint")
    if verifier is not None:
        text = open_signed_note(note, verifier)
    else:
        split = note.rfind("\n\n")
        text = note if split < 0 else note[: split + 1]
    lines = text.split("\n")
    if len(lines) < 4 or lines[-1] != "" or not lines[0] or not re.fullmatch(r"0|[1-9][0-9]*", lines[1]):
        raise UsageError("%s is not a checkpoint (origin, tree size, root hash lines)" % path)
    root = b64(lines[2], "the checkpoint's root hash")
    if len(root) != 32:
        raise UsageError("the checkpoint's root hash is not 32 bytes")
    return lines[0], int(lines[1]), root, verifier is not None


def read_proof(path):
    """A proof from `wfl prove … --format json` or the text format (one `key value` a line, `path` repeated)."""
    text = read_text(path, "proof")
    if text.lstrip().startswith("{"):
        try:
            fields = json.loads(text)
        except ValueError as error:
            raise UsageError("the proof %s is not JSON: %s" % (path, error))
    else:
        fields = {"path": []}
        for line in text.splitlines():
            if not line.strip():
                continue
            key, _, value = line.partition(" ")
            if key == "path":
                fields["path"].append(value)
            else:
                fields[key] = int(value) if re.fullmatch(r"[0-9]+", value) else value
    try:
        fields["path"] = [b64(item, "a proof hash") for item in fields["path"]]
        for key in ("leafHash", "rootHash", "firstRoot", "secondRoot"):
            if key in fields:
                fields[key] = b64(fields[key], "the proof's " + key)
    except (KeyError, TypeError):
        raise UsageError("the proof %s lacks its path" % path)
    return fields


def signed_by(verifier):
    return "signed by %s+%s" % (verifier[0], verifier[1].hex()) if verifier else "signature not checked"


# --- The two checks --------------------------------------------------------------------------------------------


def check_inclusion(args, verifier):
    origin, size, root, _ = read_checkpoint(args.checkpoint, verifier)
    proof = read_proof(args.proof)
    raw = sys.stdin.buffer.read() if args.event in (None, "-") else read_text(args.event, "event").encode("utf-8")
    lines = [line for line in raw.split(b"\n") if line.strip()]
    if len(lines) != 1:
        raise UsageError("the event input must hold exactly one line of `wfl events --format jsonl`")
    try:
        event = parse_line(lines[0].rstrip(b"\r"), 0, 1)
    except ExportError as error:
        raise UsageError("the event line: %s" % error)
    position = event.get("position")
    if isinstance(position, bool) or not isinstance(position, int) or position < 1:
        raise UsageError("the event line has no positive integer \"position\"")
    event.pop("hash", None)
    event.pop("voidedBy", None)
    leaf = leaf_hash(canonical(event).encode("utf-8"))
    if proof.get("treeSize") != size:
        raise Failure("the proof is for a tree of %s events, the checkpoint's has %d" % (proof.get("treeSize"), size))
    if proof.get("leafIndex") != position - 1:
        raise Failure("the proof is for position %s, the event is at %d" % (proof.get("leafIndex", -1) + 1, position))
    if not verify_inclusion(position - 1, size, leaf, proof["path"], root):
        raise Failure(
            "the event at position %d is NOT in the checkpoint's tree of %d events (event or proof altered)" % (position, size)
        )
    return "ok: the event at position %d (eventId %s) is in the tree of %d events of %s, %s" % (
        position,
        event.get("eventId"),
        size,
        origin,
        signed_by(verifier),
    )


def check_consistency(args, verifier):
    old_origin, old_size, old_root, _ = read_checkpoint(args.old, verifier)
    new_origin, new_size, new_root, _ = read_checkpoint(args.new, verifier)
    proof = read_proof(args.proof)
    if old_origin != new_origin:
        raise Failure("the checkpoints name different logs: %s and %s" % (old_origin, new_origin))
    if proof.get("firstSize") != old_size or proof.get("secondSize") != new_size:
        raise Failure(
            "the proof is from %s to %s events, the checkpoints are of %d and %d"
            % (proof.get("firstSize"), proof.get("secondSize"), old_size, new_size)
        )
    if not verify_consistency(old_size, new_size, old_root, new_root, proof["path"]):
        raise Failure("the tree of %d events does NOT extend the tree of %d: the log was rewritten or forked" % (new_size, old_size))
    return "ok: the tree of %d events extends the tree of %d events of %s, %s" % (
        new_size,
        old_size,
        new_origin,
        signed_by(verifier),
    )


def main(argv=None):
    parser = argparse.ArgumentParser(prog="verify_proof.py", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    inclusion = commands.add_parser("inclusion", help="an exported event is in a checkpoint's tree")
    inclusion.add_argument("--checkpoint", required=True, help="the checkpoint file")
    inclusion.add_argument("--proof", required=True, help="output of `wfl prove inclusion` (text or JSON)")
    inclusion.add_argument("--verifier-key", help="NAME+HASH+BASE64: the checkpoint must be signed by this key")
    inclusion.add_argument("event", nargs="?", help="one `wfl events --format jsonl` line (default: standard input)")
    consistency = commands.add_parser("consistency", help="a later checkpoint's tree extends an earlier one's")
    consistency.add_argument("--old", required=True, help="the earlier checkpoint file")
    consistency.add_argument("--new", required=True, help="the later checkpoint file")
    consistency.add_argument("--proof", required=True, help="output of `wfl prove consistency` (text or JSON)")
    consistency.add_argument("--verifier-key", help="NAME+HASH+BASE64: both checkpoints must be signed by this key")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:
        return 64 if exit.code else 0
    try:
        verifier = parse_verifier_key(args.verifier_key) if args.verifier_key else None
        verdict = check_inclusion(args, verifier) if args.command == "inclusion" else check_consistency(args, verifier)
    except UsageError as error:
        print("verify_proof.py: %s" % error, file=sys.stderr)
        return error.code
    except Failure as failure:
        print("FAILED: %s" % failure)
        return 1
    print(verdict)
    return 0


if __name__ == "__main__":
    sys.exit(main())
