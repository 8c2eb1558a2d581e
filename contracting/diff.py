"""A readable difference between two versions' texts (issue 23): lines kept, removed and added,
with long unchanged runs folded to the lines around each change. Pure, difflib."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

CONTEXT = 2


@dataclass(frozen=True)
class Line:
    kind: str  # "same", "removed", "added", "folded"
    text: str


def line_diff(old: str, new: str, *, context: int = CONTEXT) -> list[Line]:
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    lines: list[Line] = []
    opcodes = matcher.get_opcodes()
    for index, (tag, a1, a2, b1, b2) in enumerate(opcodes):
        if tag == "equal":
            same = old_lines[a1:a2]
            head = same[:context] if index > 0 else []
            tail = same[-context:] if index < len(opcodes) - 1 else []
            if len(same) > len(head) + len(tail):
                lines += [Line("same", text) for text in head]
                lines.append(Line("folded", str(len(same) - len(head) - len(tail))))
                lines += [Line("same", text) for text in tail]
            else:
                lines += [Line("same", text) for text in same]
            continue
        lines += [Line("removed", text) for text in old_lines[a1:a2]]
        lines += [Line("added", text) for text in new_lines[b1:b2]]
    return lines


def changed(lines: list[Line]) -> bool:
    return any(line.kind in ("removed", "added") for line in lines)
