"""Markdown and LaTeX documents cut into headings, prose and formulas, with line numbers.

    >>> parts = read_document("# Ex 1\\nLet $f(x) = x^2$.\\n$$f'(x) = 2x$$\\n", "markdown")
    >>> [(p.kind, p.line, p.text) for p in parts]   # doctest: +NORMALIZE_WHITESPACE
    [('heading', 1, 'Ex 1'), ('prose', 2, 'Let '), ('math', 2, 'f(x) = x^2'),
     ('prose', 2, '.\\n'), ('math', 3, "f'(x) = 2x"), ('prose', 3, '\\n')]

Markdown: `$...$` and `$$...$$` (also `\\(...\\)` and `\\[...\\]`), `#` headings; code
(fenced, inline), HTML comments and struck-out `~~...~~` text are skipped; a `$` opens
inline math only when a non-space follows it, and closes it only after a non-space and
before no digit (so "$5 and $10" is prose). LaTeX: the body of `\\begin{document}` when
there is one, `%` comments removed, `\\section`-like headings, `\\[...\\]`, `$$...$$`,
`\\(...\\)`, `$...$`, and the environments equation, align, gather, multline, eqnarray
(starred too), with `aligned`, `split` and `gathered` inside display math; the macros
without arguments that the document defines are expanded in its formulas. Multi-row
environments are cut into rows at `\\\\`; a row (or a display formula) that starts with a
relation (`&= ...`) continues the previous one. Unbalanced delimiters become `bad`
parts, and reading goes on after them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 2_000_000


class DocumentError(ValueError):
    """A document that cannot be read at all (the message is one line)."""


@dataclass(frozen=True)
class Part:
    """A heading (`level` 1..6), prose, a formula (`math`; `display` for a display
    formula or a row of one; `continues` when it starts with a relation and carries on
    from the previous formula) or `bad` (an unbalanced delimiter: `text` says which)."""

    kind: str
    text: str
    line: int
    level: int = 0
    display: bool = False
    continues: bool = False


_MULTIROW = ("align", "align*", "aligned", "gather", "gather*", "gathered", "eqnarray",
             "eqnarray*", "multline", "multline*", "split", "flalign", "flalign*",
             "alignat", "alignat*", "alignedat")
_DISPLAY_ENVS = ("equation", "equation*", "displaymath", "math", *_MULTIROW)
_RELATION_START = re.compile(
    r"^\s*(?:=|<|>|\\(?:le|leq|ge|geq|ne|neq|approx|leqslant|geqslant|lt|gt)(?![A-Za-z])"
    r"|≤|≥|≠|≈)")


def detect_format(path: str, text: str) -> str:
    """"latex" or "markdown", from the file name and then the content."""
    low = path.lower()
    if low.endswith((".tex", ".latex", ".ltx")):
        return "latex"
    if low.endswith((".md", ".markdown", ".mdown", ".mkd", ".txt", ".qmd", ".rmd")):
        return "markdown"
    if re.search(r"\\documentclass|\\begin\{document\}|\\section\*?\{", text):
        return "latex"
    return "markdown"


def read_document(text: str, fmt: str) -> list[Part]:
    """The parts of a document in order (`fmt`: "markdown" or "latex")."""
    if len(text) > MAX_BYTES:
        raise DocumentError(f"the document is larger than {MAX_BYTES // 1_000_000} MB")
    if fmt == "latex":
        return _Latex(text).parts()
    if fmt == "markdown":
        return _Markdown(text).parts()
    raise DocumentError(f"unknown format {fmt!r}")


class _Lines:
    """Offsets to line numbers."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1


def _rows(body: str, line: int, env: str) -> list[Part]:
    """The rows of a multi-row body (split at top-level `\\\\`), `&` removed; a row that
    starts with a relation continues the previous one (never in gather)."""
    out: list[Part] = []
    depth, start, i = 0, 0, 0
    pieces: list[tuple[int, str]] = []
    while i < len(body):
        c = body[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif body.startswith("\\\\", i) and depth == 0:
            pieces.append((start, body[start:i]))
            i += 2
            m = re.match(r"\s*\[[^\]]{0,20}\]", body[i:])  # \\[2pt]
            if m:
                i += m.end()
            start = i
            continue
        elif c == "\\":
            i += 2
            continue
        i += 1
    pieces.append((start, body[start:]))
    lines = _Lines(body)
    for off, row in pieces:
        row_text = re.sub(r"\\intertext\{[^{}]*\}", " ", row)
        row_text = row_text.replace("&", " ")
        if not row_text.strip():
            continue
        lead = len(row_text) - len(row_text.lstrip())
        ln = line + lines.line(off + lead) - 1
        cont = bool(_RELATION_START.match(row_text)) and not env.startswith("gather")
        out.append(Part("math", row_text.strip(), ln, display=True, continues=cont))
    return out


def _display(body: str, line: int) -> list[Part]:
    """A display formula: rows when it holds aligned/split/gathered, else one part."""
    m = re.search(r"\\begin\{(aligned|split|gathered|alignedat|array)\}(?:\{[^}]*\})?"
                  r"(.*?)\\end\{\1\}", body, re.S)
    if m and m.group(1) != "array" and not body[:m.start()].strip() \
            and not body[m.end():].strip(" \t\n.,;"):
        lead = body[:m.start(2)].count("\n")
        return _rows(m.group(2), line + lead, m.group(1))
    lead = len(body) - len(body.lstrip())
    ln = line + body[:lead].count("\n")
    text = body.strip()
    if re.search(r"(?<!\\)\\\\(?!\\)", text) and "\\begin" not in text:
        return _rows(text, ln, "aligned")
    return [Part("math", text, ln, display=True,
                 continues=bool(_RELATION_START.match(text)))]


class _Markdown:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = _Lines(text)

    def parts(self) -> list[Part]:
        out: list[Part] = []
        buf_start = None
        chunks: list[tuple[int, str]] = []  # (offset, text) of non-code text blocks
        pos, fence = 0, None
        for raw in self.text.splitlines(keepends=True):
            s = raw.lstrip()
            m = re.match(r"(`{3,}|~{3,})", s)
            if fence is None and m:
                fence = m.group(1)[0] * len(m.group(1))
                if buf_start is not None:
                    chunks.append((buf_start, self.text[buf_start:pos]))
                    buf_start = None
            elif fence is not None:
                if s.startswith(fence):
                    fence = None
            else:
                h = re.match(r"(#{1,6})\s+(.*?)\s*#*\s*$", raw)
                if h:
                    if buf_start is not None:
                        chunks.append((buf_start, self.text[buf_start:pos]))
                        buf_start = None
                    chunks.append((pos, "\0" + str(len(h.group(1))) + h.group(2)))
                elif buf_start is None:
                    buf_start = pos
            pos += len(raw)
        if buf_start is not None:
            chunks.append((buf_start, self.text[buf_start:]))
        for off, chunk in chunks:
            if chunk.startswith("\0"):
                out.append(Part("heading", chunk[2:], self.lines.line(off), level=int(chunk[1])))
            else:
                out.extend(self.scan(chunk, off))
        return out

    def scan(self, chunk: str, base: int) -> list[Part]:
        """Prose and formulas of a block of Markdown text (no headings, no code fences)."""
        chunk = re.sub(r"<!--.*?-->|~~.*?~~", lambda m: re.sub(r"[^\n]", " ", m.group()),
                       chunk, flags=re.S)
        out: list[Part] = []
        i, prose_start = 0, 0
        n = len(chunk)

        def prose(end: int) -> None:
            if end > prose_start:
                out.append(Part("prose", chunk[prose_start:end], self.lines.line(base +
                                                                                  prose_start)))

        while i < n:
            c = chunk[i]
            if c == "\\" and i + 1 < n and chunk[i + 1] in "$`\\":
                i += 2
                continue
            if c == "`":
                m = re.match(r"`+", chunk[i:])
                tick = m.group()
                j = chunk.find(tick, i + len(tick))
                i = n if j < 0 else j + len(tick)
                continue
            opener = None
            if chunk.startswith("$$", i):
                opener, closer, display = "$$", "$$", True
            elif chunk.startswith("\\[", i):
                opener, closer, display = "\\[", "\\]", True
            elif chunk.startswith("\\(", i):
                opener, closer, display = "\\(", "\\)", False
            elif c == "$" and i + 1 < n and not chunk[i + 1].isspace():
                opener, closer, display = "$", "$", False
            if opener is None:
                i += 1
                continue
            j = self.close(chunk, i + len(opener), closer, display)
            if j < 0 and opener == "$" and chunk[i + 1].isdigit():
                i += 1  # "$5 and $10": dollars, not math
                continue
            prose(i)
            line = self.lines.line(base + i)
            if j < 0:
                what = "$$" if opener == "$$" else opener
                out.append(Part("bad", f"the {what} on line {line} is never closed", line))
                end = chunk.find("\n\n", i) if not display else -1
                i = n if end < 0 else end
                prose_start = i
                continue
            body = chunk[i + len(opener):j]
            if display:
                out.extend(_display(body, line))
            else:
                out.append(Part("math", body.strip(), line))
            i = j + len(closer)
            prose_start = i
        prose(n)
        return out

    @staticmethod
    def close(chunk: str, start: int, closer: str, display: bool) -> int:
        """The offset of the delimiter that closes math opened just before `start`."""
        j = start
        while True:
            j = chunk.find(closer, j)
            if j < 0:
                return -1
            if chunk[j - 1] == "\\" and closer == "$":
                j += 1
                continue
            if not display:
                if "\n\n" in chunk[start:j]:
                    return -1
                if closer == "$" and (chunk[j - 1].isspace() or chunk.startswith("$$", j)
                                      or chunk[j + 1:j + 2].isdigit()):
                    j += 1
                    continue
            return j


_MACRO = re.compile(
    r"\\(?:newcommand|renewcommand|providecommand)\*?\s*\{?\s*\\([A-Za-z]+)\s*\}?\s*\{"
    r"|\\def\s*\\([A-Za-z]+)\s*\{"
    r"|\\DeclareMathOperator\*?\s*\{\s*\\([A-Za-z]+)\s*\}\s*\{")
MAX_EXPANSION = 20_000


def macros(text: str) -> dict[str, str]:
    """The macros without arguments that a LaTeX document defines (`\\newcommand{\\R}{...}`,
    `\\def`, `\\DeclareMathOperator{\\softmax}{softmax}`), name to replacement text."""
    out: dict[str, str] = {}
    for m in _MACRO.finditer(text):
        end = _closing_brace(text, m.end() - 1)
        if end < 0:
            continue
        body = text[m.end():end]
        if m.group(3):
            out[m.group(3)] = "\\operatorname{" + body.strip() + "}"
        else:
            out[m.group(1) or m.group(2)] = body
    return out


def expand(formula: str, table: dict[str, str]) -> str:
    """`formula` with the macros of `table` replaced (nested ones too, within bounds)."""
    if not table:
        return formula
    pat = re.compile(r"\\(" + "|".join(sorted(map(re.escape, table), key=len, reverse=True))
                     + r")(?![A-Za-z])")
    for _ in range(10):
        new = pat.sub(lambda m: " " + table[m.group(1)] + " ", formula)
        if new == formula or len(new) > MAX_EXPANSION:
            return formula if len(new) > MAX_EXPANSION else new
        formula = new
    return formula


class _Latex:
    def __init__(self, text: str) -> None:
        self.macros = macros(re.sub(r"(?<!\\)%[^\n]*", "", text))
        self.text = self.clean(text)
        self.lines = _Lines(self.text)

    @staticmethod
    def clean(text: str) -> str:
        """Comments blanked out (lines kept), the document body only."""
        text = re.sub(r"(?<!\\)%[^\n]*", lambda m: " " * len(m.group()), text)
        m = re.search(r"\\begin\{document\}", text)
        if m:
            text = re.sub(r"[^\n]", " ", text[:m.end()]) + text[m.end():]
        m = re.search(r"\\end\{document\}", text)
        if m:
            text = text[:m.start()]
        return re.sub(r"\\begin\{(verbatim|lstlisting|minted|comment)\}.*?\\end\{\1\}",
                      lambda x: re.sub(r"[^\n]", " ", x.group()), text, flags=re.S)

    def parts(self) -> list[Part]:
        t = self.text
        out: list[Part] = []
        pat = re.compile(
            r"\\(?:chapter|section|subsection|subsubsection|paragraph)\*?\s*\{|"
            r"\\begin\{(" + "|".join(re.escape(e) for e in _DISPLAY_ENVS) + r")\}|"
            r"\$\$|\\\[|\\\(|(?<!\\)\$")
        i, prose_start = 0, 0

        def prose(end: int) -> None:
            if end > prose_start:
                out.append(Part("prose", t[prose_start:end], self.lines.line(prose_start)))

        while True:
            m = pat.search(t, i)
            if m is None:
                break
            s = m.group()
            line = self.lines.line(m.start())
            prose(m.start())
            if s.startswith("\\") and s.endswith("{") and "begin" not in s:
                level = {"chapter": 1, "section": 1, "subsection": 2, "subsubsection": 3,
                         "paragraph": 4}[re.match(r"\\([a-z]+)", s).group(1)]
                end = _closing_brace(t, m.end() - 1)
                if end < 0:
                    out.append(Part("bad", f"the heading on line {line} is never closed", line))
                    i = prose_start = m.end()
                    continue
                out.append(Part("heading", t[m.end():end].strip(), line, level=level))
                i = prose_start = end + 1
                continue
            if m.group(1):
                env = m.group(1)
                close = t.find(f"\\end{{{env}}}", m.end())
                if close < 0:
                    out.append(Part("bad", f"\\begin{{{env}}} on line {line} is never "
                                    "closed", line))
                    i = prose_start = m.end()
                    continue
                body = t[m.end():close]
                if env.startswith("alignat"):
                    body = re.sub(r"^\s*\{[^}]*\}", "", body)
                body = re.sub(r"\\label\{[^}]*\}|\\(?:nonumber|notag)\b", " ", body)
                if env in _MULTIROW:
                    out.extend(_rows(body, line, env))
                else:
                    out.extend(_display(body, line))
                i = prose_start = close + len(f"\\end{{{env}}}")
                continue
            closer = {"$$": "$$", "\\[": "\\]", "\\(": "\\)", "$": "$"}[s]
            close = _find_closer(t, m.end(), closer)
            if close < 0:
                out.append(Part("bad", f"the {s} on line {line} is never closed", line))
                i = prose_start = m.end()
                nxt = t.find("\n\n", m.end())
                if s == "$" and nxt > 0:
                    i = prose_start = nxt
                continue
            body = t[m.end():close]
            if s in ("$$", "\\["):
                out.extend(_display(body, line))
            else:
                out.append(Part("math", body.strip(), line))
            i = prose_start = close + len(closer)
        prose(len(t))
        if self.macros:
            out = [Part(p.kind, expand(p.text, self.macros), p.line, p.level, p.display,
                        p.continues) if p.kind == "math" else p for p in out]
        return out


def _closing_brace(t: str, open_at: int) -> int:
    depth = 0
    for j in range(open_at, len(t)):
        if t[j] == "\\":
            continue
        if t[j] == "{" and (j == 0 or t[j - 1] != "\\"):
            depth += 1
        elif t[j] == "}" and (j == 0 or t[j - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return j
    return -1


def _find_closer(t: str, start: int, closer: str) -> int:
    j = start
    while True:
        j = t.find(closer, j)
        if j < 0:
            return -1
        if closer == "$" and t[j - 1] == "\\":
            j += 1
            continue
        if closer == "$" and "\n\n" in t[start:j]:
            return -1
        return j
