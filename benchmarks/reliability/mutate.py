"""Seeded mutations of good inputs into bad ones: bytes (any file), the XML inside a zip
(.xlsx, .docx: the parser gets past the zip and meets a broken part), and lines of text
(YAML, the pasted holiday notice). Deterministic for a given ``random.Random``."""

from __future__ import annotations

import io
import random
import zipfile

# What tends to break parsers: boundaries, other scripts, controls, huge and empty values.
INTERESTING = (
    "", "0", "-1", "99999999999999999999", "1e308", "NaN", "〔2026〕", "年", "月", "日",
    "二〇二六年十三月三十二日", "\x00", "\u202e", "\ufeff", "😀", "𠀀", "\\", "'", '"', "{{", "}}",
    "{%", "%}", "<w:t>", "&amp;", "&", "<", "]]>", "null", "~", "- ", ": ", "|", "*a", "&a",
    "!!python/object:os.system", "A" * 5000, "中" * 3000, "\r\n", "\t",
)  # fmt: skip


def mutate_bytes(data: bytes, rng: random.Random, rounds: int | None = None) -> bytes:
    buf = bytearray(data)
    for _ in range(rounds or rng.randint(1, 4)):
        if not buf:
            buf += rng.randbytes(rng.randint(1, 64))
            continue
        at = rng.randrange(len(buf))
        span = rng.randint(1, max(1, min(256, len(buf) - at)))
        choice = rng.randrange(7)
        if choice == 0:
            buf[at] ^= 1 << rng.randrange(8)
        elif choice == 1:
            buf[at : at + span] = rng.randbytes(span)
        elif choice == 2:
            del buf[at : at + span]
        elif choice == 3:
            buf[at:at] = buf[at : at + span]
        elif choice == 4:
            buf[at:at] = rng.choice(INTERESTING).encode("utf-8", "surrogatepass")
        elif choice == 5:
            del buf[rng.randrange(len(buf)) :]
        else:
            buf[at : at + 4] = rng.choice(
                [b"\xff\xff\xff\xff", b"\x00\x00\x00\x00", b"\x7f\xff\xff\xff"]
            )
    return bytes(buf)


def mutate_text(text: str, rng: random.Random, rounds: int | None = None) -> str:
    lines = text.splitlines(keepends=True) or [""]
    for _ in range(rounds or rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        choice = rng.randrange(6)
        if choice == 0 and len(lines) > 1:
            del lines[i]
        elif choice == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif choice == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif choice == 3 and lines[i]:
            at = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:at] + rng.choice(INTERESTING) + lines[i][at + 1 :]
        elif choice == 4:
            digits = [k for k, c in enumerate(lines[i]) if c.isdigit()]
            if digits:
                at = rng.choice(digits)
                lines[i] = lines[i][:at] + str(rng.randrange(100)) + lines[i][at + 1 :]
        else:
            lines.insert(
                i, "".join(chr(rng.randrange(32, 0x9FFF)) for _ in range(rng.randint(1, 40))) + "\n"
            )
    return "".join(lines)


def mutate_zip(data: bytes, rng: random.Random) -> bytes:
    """Mutate one XML part of a zip package (or drop a part), keeping the zip valid."""
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        names = source.namelist()
    except zipfile.BadZipFile:
        return mutate_bytes(data, rng)
    target = rng.choice(names)
    drop = rng.random() < 0.1
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for name in names:
            content = source.read(name)
            if name == target:
                if drop:
                    continue
                if name.endswith((".xml", ".rels")) and rng.random() < 0.7:
                    content = mutate_text(content.decode("utf-8", "replace"), rng).encode("utf-8")
                else:
                    content = mutate_bytes(content, rng)
            dest.writestr(name, content)
    return out.getvalue()
