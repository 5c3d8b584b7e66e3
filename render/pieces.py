"""What LaTeX and Markdown sheets share: verdict wording, proof rows, prose splitting."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import sympy as sp

from proofs import Claim, Derivation, Exercise, Step, Verdict
from proofs.verdict import fill

from .latex_printer import latex

OPS = {"=": "=", "<": "<", "<=": r"\le", ">": ">", ">=": r"\ge", "==": "=", "!=": r"\ne"}
MAX_STEPS = 14


def op_tex(op: str) -> str:
    return OPS.get(op, r"\ \text{" + tex_text(op) + r"}\ ")


def scope(v: Verdict) -> str:
    """What the verdict covers, in words: "checked for n = 1..8 only, not proved for all
    n", "for all n", "where both sides are defined (x ≠ 1)", or ""."""
    if not v.scope.complete:
        return f"checked for {v.scope.only} only, not proved for all n"
    parts = []
    if v.status == "proved" and any(isinstance(a, (sp.Sum, sp.Product, sp.Indexed))
                                    for a in sp.preorder_traversal(v.claim.statement)):
        parts.append("for all n")
    if v.status == "proved" and v.scope.where():
        parts.append(v.scope.where())
    return ", ".join(parts)


def counterexample_tex(v: Verdict) -> str:
    """`a = -1,\\ b = 2` in LaTeX (empty when there is none)."""
    if not v.counterexample:
        return ""
    items = sorted(v.counterexample.items(), key=lambda kv: sp.default_sort_key(kv[0]))
    return r",\ ".join(f"{_key_tex(k)} = {latex(val)}" for k, val in items)


_ENTRY_NAME = re.compile(r"([A-Za-z]+)\[(\d+(?:,\s*\d+)*)\]")


def _key_tex(key: object) -> str:
    """A counterexample's variable: `x`, `w_0`; an entry of a vector the checks made
    concrete (`p[1]`) as `p_{1}`; any other name as text."""
    name = getattr(key, "name", None)
    entry = _ENTRY_NAME.fullmatch(name) if isinstance(name, str) else None
    if entry:
        base = latex(sp.Symbol(entry.group(1)))
        return f"{base}_{{{','.join(i.strip() for i in entry.group(2).split(','))}}}"
    if isinstance(name, str) and not re.fullmatch(r"[A-Za-z]+_?\d*", name):
        return r"\text{" + katex_text(name) + "}"
    return latex(key)


def assumptions_tex(claim: Claim) -> str:
    """The claim's assumptions as LaTeX: symbol signs, then the `given` relations."""
    return claim.assumptions_latex(latex)


@dataclass(frozen=True)
class Row:
    """One line of an aligned chain: `lhs op rhs` with a justification."""

    lhs: str
    op: str
    rhs: str
    why: str
    indent: int = 0
    mark: str = ""    # "ok" | "fail" | "" (derivation links)


WIDTH = 58          # visible characters of math that fit on a line beside a tag
_CMD = re.compile(r"\\(?:left|right|frac|mathrm|operatorname|text|quad|qquad|,|;|!)"
                  r"|\\[A-Za-z]+|[{}^_&]")


def visible_len(tex: str) -> int:
    """A rough count of the characters a LaTeX formula shows (\\max counts 3, \\alpha 1,
    \\left and braces 0)."""
    def width(m: re.Match) -> str:
        cmd = m.group(0)
        if cmd in (r"\left", r"\right", r"\frac", r"\mathrm", r"\operatorname", r"\text"):
            return ""
        if cmd in (r"\max", r"\min", r"\log", r"\exp", r"\lim", r"\sum"):
            return "xxx"
        return "x" if cmd[1:2].isalpha() else ""
    return max(1, len(_CMD.sub(width, tex).replace(" ", "")))


def broken(expr: sp.Basic, width: int = WIDTH) -> str:
    """LaTeX of `expr`; a long sum is broken into aligned continuation lines
    (`\\\\ &\\qquad + ...`), a long conjunction into one part per line."""
    text = latex(expr)
    if visible_len(text) <= width:
        return text
    if isinstance(expr, sp.And):
        return r" \\ &\qquad \wedge ".join(broken(a, width) for a in expr.args)
    if not isinstance(expr, sp.Add):
        return text
    terms = [latex(t) for t in _ordered_terms(expr)]
    lines: list[str] = []
    for k, term in enumerate(terms):
        piece = term if k == 0 else (f"- {term[1:].lstrip()}" if term.startswith("-")
                                     else f"+ {term}")
        if lines and visible_len(lines[-1] + piece) <= width:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return r" \\ &\qquad ".join(lines)


def statement_lines(stmt: sp.Basic, width: int = WIDTH) -> list[str]:
    """A statement as lines for an `align*`/`aligned` block (`lhs &op rhs`, broken where
    long); a conjunction gives one line (or more) per part."""
    if isinstance(stmt, sp.And) and visible_len(latex(stmt)) > width:
        return [line for a in stmt.args for line in statement_lines(a, width)]
    if isinstance(stmt, sp.core.relational.Relational):
        op = OPS.get(stmt.rel_op, stmt.rel_op)
        lhs, rhs = broken(stmt.lhs, width), broken(stmt.rhs, width)
        if visible_len(latex(stmt.lhs)) + visible_len(latex(stmt.rhs)) > width:
            return [f"& {lhs}", f"&{op} {rhs}"]
        return [f"{lhs} &{op} {rhs}"]
    return ["& " + broken(stmt, width)]


def _ordered_terms(expr: sp.Add) -> list[sp.Basic]:
    from .latex_printer import SheetLatexPrinter

    return list(SheetLatexPrinter()._as_ordered_terms(expr, order=None))


_GREEK_NAMES = {"delta": "δ", "lambda": "λ", "sigma": "σ", "alpha": "α", "beta": "β",
                "epsilon": "ε", "theta": "θ", "tau": "τ", "eta": "η", "gamma": "γ", "mu": "μ"}
_DUMMY = re.compile(r"(?<![A-Za-z0-9_])_([A-Za-z]+?)(\d+)\b")
_ASCII_OPS = {">=": "≥", "<=": "≤", "!=": "≠"}


def clean_why(text: str) -> str:
    """An engine's justification with fresh-variable names (`_delta20`) written as the
    sheet writes them (δ_20) and `>=` as ≥."""
    text = _DUMMY.sub(lambda m: f"{_GREEK_NAMES.get(m.group(1), m.group(1))}_{m.group(2)}",
                      text or "")
    for a, b in _ASCII_OPS.items():
        text = text.replace(a, b)
    return text


def step_why(step: Step) -> str:
    """A step's justification as prose with its named expressions as `$...$` math."""
    return fill(clean_why(step.why), step.terms, lambda e: "$" + latex(e) + "$")


def proof_rows(steps: tuple[Step, ...]) -> tuple[list[Row], int]:
    """The verdict's steps as rows (from at most MAX_STEPS steps) and how many steps were
    left out. A row that says what the row above says gives its reason to that row, a
    row `A = A` or `&= B` under `... = B` (nothing changed) is dropped, and a sentence
    with no formula joins the reasons of the next row (or the last one)."""
    rows: list[Row] = []
    pending: list[str] = []          # notes waiting for a row to join
    prev_rhs = ""                    # the right side shown last ("" after a case)
    for s in steps[:MAX_STEPS]:
        why = step_why(s)
        if s.kind == "case":
            rows.append(Row(r"\text{case } " + latex(s.rhs), "", "",
                            _joined(pending, why), s.depth))
            pending, prev_rhs = [], ""
            continue
        if s.kind == "note" or s.lhs is None:
            pending.append(why)
            continue
        lhs, op, rhs = broken(s.lhs), op_tex(s.op), broken(s.rhs)
        if op == "=" and (lhs == rhs or (rhs == prev_rhs and lhs in (prev_rhs, ""))):
            continue                 # nothing changed
        last = rows[-1] if rows else None
        if last is not None and last.op == op and last.rhs == rhs and (
                lhs == prev_rhs or lhs == last.lhs) and s.depth == last.indent:
            rows[-1] = Row(last.lhs, last.op, last.rhs, _joined([last.why, *pending], why),
                           last.indent, last.mark)
            pending = []
            continue
        rows.append(Row("" if lhs == prev_rhs else lhs, op, rhs, _joined(pending, why),
                        s.depth))
        pending, prev_rhs = [], rhs
    if pending:
        if rows:
            last = rows[-1]
            rows[-1] = Row(last.lhs, last.op, last.rhs, _joined([last.why, *pending], ""),
                           last.indent, last.mark)
        else:
            rows.append(Row("", "", "", _joined(pending, ""), 0))
    return rows, max(0, len(steps) - MAX_STEPS)


def _joined(first: list[str], then: str) -> str:
    """Reasons joined with `; `, each once, empty ones left out."""
    return "; ".join(dict.fromkeys(w for w in (*first, then) if w))


def one_line_proof(v: Verdict) -> str | None:
    """The reason of a proof whose rows only restate the claim (`A = B` because the
    difference is 0; for a conjunction, one such row per part, in order) or that is one
    sentence (true by the signs the assumptions give): said in words after the verdict
    instead of a display. None for a longer proof."""
    rows, omitted = proof_rows(v.steps)
    if omitted or not rows or any(r.indent for r in rows):
        return None
    if len(rows) == 1 and not rows[0].op:
        return rows[0].why or None
    stmt = v.claim.statement
    parts = stmt.args if isinstance(stmt, sp.And) else (stmt,)
    if len(parts) != len(rows) or not all(
            isinstance(part, sp.core.relational.Relational) and row.why
            and (row.lhs, row.rhs) in ((broken(part.lhs), broken(part.rhs)),
                                       (broken(part.rhs), broken(part.lhs)))
            for part, row in zip(parts, rows, strict=True)):
        return None
    reasons = "; ".join(dict.fromkeys(r.why for r in rows))
    return reasons if len(rows) == 1 else f"{reasons}, part by part"


def aligned_lines(rows: list[Row], indent_unit: str, marks: dict[str, str], tag: str,
                  why: object) -> tuple[list[str], list[str]]:
    """The `&`-aligned lines of a chain of rows and their numbered justifications.

    `tag` is a format string with `{k}` (the row's number) and `{mark}`; `why` turns a
    justification into the target format. A row too wide for one line puts its right
    side on a line of its own."""
    lines, whys = [], []
    for k, r in enumerate(rows, 1):
        label = tag.format(k=k, mark=marks.get(r.mark, ""))
        if r.why:
            whys.append(why(k, r.why))
        lhs = indent_unit * r.indent + r.lhs
        if r.op and visible_len(r.lhs) + visible_len(r.rhs) > WIDTH and r.lhs:
            lines.append(f"& {lhs} \\\\\n&{r.op} {r.rhs} {label}")
        elif r.op:
            lines.append(f"{lhs} &{r.op} {r.rhs} {label}")
        else:
            lines.append(f"{lhs} & {label}")
    return lines, whys


def derivation_rows(d: Derivation, verdicts: dict[str, Verdict]) -> list[Row]:
    """One row per link; `mark` says whether the engine proved that link."""
    rows = []
    for k, (link, claim) in enumerate(zip(d.links, d.link_claims(), strict=True)):
        v = verdicts.get(claim.name)
        mark = "" if v is None else ("ok" if v.status == "proved" else "fail")
        rows.append(Row(broken(d.start) if k == 0 else "", op_tex(link.op), broken(link.expr),
                        link.why, 0, mark))
    return rows


def shown_claims(ex: Exercise) -> list[Claim]:
    """The exercise's claims that get a block of their own: a claim that is also a step
    of one of its derivations is shown (and labelled) with that derivation instead."""
    linked = {c.name for d in ex.derivations for c in d.link_claims()}
    return [c for c in ex.claims if c.name not in linked]


def link_notes(d: Derivation, verdicts: dict[str, Verdict]) -> list[str]:
    """One sentence per link the engine did not prove, with its status and reason."""
    out = []
    for k, claim in enumerate(d.link_claims(), 1):
        v = verdicts.get(claim.name)
        if v is not None and v.status != "proved":
            out.append(f"Step {k} ({claim.name}) is {v.status}" +
                       (f": {v.reason}" if v.reason else "") + ".")
    return out


def _same(a: object, b: object) -> bool:
    try:
        return bool(a == b)
    except TypeError:
        return False


def verdict_words(v: Verdict) -> tuple[str, str]:
    """(headline, detail): "proved" + "for all n; by ...", "refuted" + reason, ..."""
    if v.status == "proved":
        sc = scope(v)
        detail = "; ".join(x for x in (sc, f"method: {v.method}" if v.method else "") if x)
        return "proved", detail
    if v.status == "refuted":
        return "refuted", v.reason
    return "undecided", v.reason or v.method


# ---- prose: text with optional $math$ and `code` ---------------------------------

_SEGMENTS = re.compile(r"(\$[^$]+\$|`[^`]+`)")

UNICODE_TEX = {
    "λ": r"\lambda", "σ": r"\sigma", "α": r"\alpha", "β": r"\beta", "δ": r"\delta",
    "ε": r"\varepsilon", "π": r"\pi", "μ": r"\mu", "Σ": r"\Sigma", "∂": r"\partial",
    "∇": r"\nabla", "≤": r"\le", "≥": r"\ge", "≠": r"\ne", "≈": r"\approx", "→": r"\to",
    "⇒": r"\Rightarrow", "∞": r"\infty", "∈": r"\in", "×": r"\times", "·": r"\cdot",
    "−": "-", "±": r"\pm", "√": r"\surd", "⌈": r"\lceil", "⌉": r"\rceil", "⌊": r"\lfloor",
    "⌋": r"\rfloor", "²": "^{2}", "³": "^{3}", "¹": "^{1}", "⁻": "^{-}", "ᵀ": "^{T}",
    "₀": "_{0}", "₁": "_{1}", "₂": "_{2}", "ℝ": r"\mathbb{R}", "θ": r"\theta",
    "τ": r"\tau", "ρ": r"\rho", "η": r"\eta", "γ": r"\gamma", "Δ": r"\Delta",
    # the rest of the Greek alphabet
    "ζ": r"\zeta", "ι": r"\iota", "κ": r"\kappa", "ν": r"\nu", "ξ": r"\xi",
    "υ": r"\upsilon", "φ": r"\phi", "ϕ": r"\phi", "χ": r"\chi", "ψ": r"\psi",
    "ω": r"\omega", "ϵ": r"\epsilon", "Γ": r"\Gamma", "Θ": r"\Theta", "Λ": r"\Lambda",
    "Ξ": r"\Xi", "Π": r"\Pi", "Υ": r"\Upsilon", "Φ": r"\Phi", "Ψ": r"\Psi",
    "Ω": r"\Omega",
    # operators and relations of ML notes
    "∝": r"\propto", "⊙": r"\odot", "⊗": r"\otimes", "⊕": r"\oplus", "∀": r"\forall",
    "∃": r"\exists", "‖": r"\|", "∥": r"\parallel", "∣": r"\mid", "⟨": r"\langle",
    "⟩": r"\rangle", "∑": r"\sum", "∏": r"\prod", "∫": r"\int", "≪": r"\ll",
    "≫": r"\gg", "∘": r"\circ", "⊤": r"\top", "⊥": r"\bot", "∧": r"\wedge",
    "∨": r"\vee", "¬": r"\neg", "⇔": r"\Leftrightarrow", "↦": r"\mapsto",
    "←": r"\leftarrow", "↔": r"\leftrightarrow", "⇐": r"\Leftarrow", "≡": r"\equiv",
    "∼": r"\sim", "≃": r"\simeq", "≅": r"\cong", "⊂": r"\subset", "⊆": r"\subseteq",
    "∪": r"\cup", "∩": r"\cap", "∅": r"\emptyset", "∉": r"\notin", "⋅": r"\cdot",
    "∗": "*", "÷": r"\div", "∓": r"\mp", "≔": ":=", "ℓ": r"\ell",
    "ℕ": r"\mathbb{N}", "ℤ": r"\mathbb{Z}", "ℚ": r"\mathbb{Q}", "ℂ": r"\mathbb{C}",
    "𝔼": r"\mathbb{E}", "ℙ": r"\mathbb{P}",
    "⁰": "^{0}", "⁴": "^{4}", "⁵": "^{5}", "⁶": "^{6}", "⁷": "^{7}", "⁸": "^{8}",
    "⁹": "^{9}", "⁺": "^{+}", "ⁿ": "^{n}", "₃": "_{3}", "₄": "_{4}", "₅": "_{5}",
    "₆": "_{6}", "₇": "_{7}", "₈": "_{8}", "₉": "_{9}", "₊": "_{+}", "₋": "_{-}",
    "ᵢ": "_{i}", "ⱼ": "_{j}", "ₖ": "_{k}", "ₙ": "_{n}", "ₜ": "_{t}",
}
TEXT_UNICODE = {"–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''",
                "…": r"\dots{}", "\u00a0": "~", "é": r"\'e", "ö": r'\"o', "ü": r'\"u'}
_TEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
                "#": r"\#", "%": r"\%", "_": r"\_", "^": r"\^{}", "~": r"\~{}",
                "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}"}


def tex_text(text: str) -> str:
    """Plain text made safe for LaTeX text mode (Greek and symbols become math)."""
    out = []
    for ch in text:
        if ch in _TEX_SPECIAL:
            out.append(_TEX_SPECIAL[ch])
        elif ch in UNICODE_TEX:
            out.append(r"\ensuremath{" + UNICODE_TEX[ch] + "}")
        elif ch in TEXT_UNICODE:
            out.append(TEXT_UNICODE[ch])
        elif ord(ch) < 128:
            out.append(ch)
        elif ch in _ACCENTS and out:  # v̄: the accent goes on the character before it
            out[-1] = r"\ensuremath{" + _ACCENTS[ch] + "{" + out[-1] + "}}"
        else:
            ascii_form = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
            out.append(tex_text(ascii_form) if ascii_form else _unnamed(ch))
    return "".join(out)


_ACCENTS = {"\u0304": r"\bar", "\u0305": r"\overline", "\u0302": r"\hat", "\u0303": r"\tilde",
            "\u0307": r"\dot", "\u0308": r"\ddot", "\u20d7": r"\vec"}
"""Combining accents, as LaTeX math accents on the preceding character."""


def _unnamed(ch: str) -> str:
    """A character with no LaTeX form here, shown by its Unicode name (never lost)."""
    name = unicodedata.name(ch, f"U+{ord(ch):04X}").lower()
    return rf"[{tex_text(name)}]"


_TEX_UNICODE = {tex: ch for ch, tex in reversed(UNICODE_TEX.items())
                if tex.startswith("\\") and tex[1:].isalpha()}
_WRAPPERS = re.compile(r"\\(?:operatorname|mathrm|mathit|mathbf|text|textrm|mathsf)\*?\{([^{}]*)\}")
_FRAC = re.compile(r"\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}")
_COMMAND = re.compile(r"\\([A-Za-z]+)")


def heading_number(ex: Exercise) -> str:
    """The exercise's key when it is a number such as "5.4" (shown in headings), else ""
    (a key such as "shift-invariance" is an internal name, not shown)."""
    return ex.key if re.fullmatch(r"\d+(?:\.\d+)*[a-z]?", ex.key) else ""


def exercise_anchor(ex: Exercise) -> str:
    """The explicit id of an exercise's heading: `ex-5-4`, `ex-shift-invariance`."""
    return "ex-" + (re.sub(r"[^A-Za-z0-9]+", "-", ex.key).strip("-").lower() or "x")


def plain_text(prose: str) -> str:
    """Prose with `$math$` as readable plain text (image alt text, link titles): names
    unwrapped, fractions as a/b, Greek and symbols as Unicode, no backslash or brace."""
    def math(m: re.Match) -> str:
        t = m.group(1)
        for _ in range(4):
            t = _FRAC.sub(r"(\1)/(\2)", _WRAPPERS.sub(r"\1", t))
        t = _COMMAND.sub(lambda c: _TEX_UNICODE.get("\\" + c.group(1), c.group(1)), t)
        return t.replace("{", "").replace("}", "").replace("\\", "")
    out = re.sub(r"\$([^$]*)\$", math, prose).replace("\\", "")
    return " ".join(out.split())


def tex_math_unicode(text: str) -> str:
    """Math written by hand with Unicode symbols, made safe for pdflatex."""
    return "".join(" " + UNICODE_TEX[ch] + " " if ch in UNICODE_TEX else ch for ch in text)


LONG_DIGITS = 16
_DIGIT_RUN = re.compile(rf"(?<![\d.])\d{{{LONG_DIGITS + 1},}}(?![\d.])")


def short_numbers(tex: str) -> str:
    r"""LaTeX math with every integer longer than LONG_DIGITS digits in scientific form:
    `1797...` (309 digits) becomes `1.797693\ldots \times 10^{308}`."""
    def sci(m: re.Match) -> str:
        digits = m.group(0)
        return rf"{digits[0]}.{digits[1:7]}\ldots \times 10^{{{len(digits) - 1}}}"
    return _DIGIT_RUN.sub(sci, tex)


# a word with a TeX-style superscript or subscript in plain prose: e^{-x}, o_k, q^2
_SCRIPTED = re.compile(r"(?<![A-Za-z0-9_\\])(?:[A-Za-zα-ωΣ]|\d+)"
                       r"(?:[\^_](?:\{[^{}$`]*\}|[-+−]?[A-Za-z0-9]+))+")


def mathify(text: str) -> str:
    """Prose with its `e^{-x}`-style words put in `$...$` (existing math and code kept)."""
    parts = []
    for seg in _SEGMENTS.split(text):
        if seg.startswith(("$", "`")) and len(seg) > 1 and seg[0] == seg[-1]:
            parts.append(seg)
        else:
            parts.append(_SCRIPTED.sub(_as_math, seg))
    return "".join(parts)


def _as_math(m: re.Match) -> str:
    word = re.sub(r"([\^_])([-+]?[A-Za-z0-9]{2,})", r"\1{\2}", m.group(0).replace("−", "-"))
    return "$" + word + "$"


def prose_tex(text: str) -> str:
    """Prose for LaTeX: `$math$` kept, `code` as \\texttt, `e^{-x}`-style words as math,
    the rest escaped."""
    parts = []
    for seg in _SEGMENTS.split(mathify(text)):
        if not seg:
            continue
        if seg.startswith("$") and seg.endswith("$") and len(seg) > 1:
            parts.append("$" + short_numbers(tex_math_unicode(seg[1:-1])) + "$")
        elif seg.startswith("`") and seg.endswith("`") and len(seg) > 1:
            parts.append(r"\texttt{" + tex_text(seg[1:-1]) + "}")
        else:
            parts.append(tex_text(seg))
    return "".join(parts)


_MD_SPECIAL = {"\\": "\\\\", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "`": "\\`",
               "<": "&lt;", ">": "&gt;", "&": "&amp;"}
_TAG_OPEN = re.compile(r"<(?=[A-Za-z/!?])")


def md_text(text: str) -> str:
    """Plain text for Markdown: shown as written, never read as emphasis, a link, an
    image or HTML (so a title `<script>` or `[x](javascript:...)` stays text)."""
    return "".join(_MD_SPECIAL.get(ch, ch) for ch in re.sub(r"\s+", " ", text))


def md_math(tex: str) -> str:
    """LaTeX for a Markdown math block: `<` that could open an HTML tag becomes `\\lt`."""
    return _TAG_OPEN.sub(r"\\lt ", tex)


def prose_md(text: str) -> str:
    """Prose for Markdown: `$math$` kept (made HTML-safe), `code` kept, `e^{-x}`-style
    words as math, the rest shown as written (see `md_text`)."""
    parts = []
    for seg in _SEGMENTS.split(mathify(text)):
        if not seg:
            continue
        if seg.startswith("$") and seg.endswith("$") and len(seg) > 1:
            parts.append("$" + short_numbers(md_math(seg[1:-1])) + "$")
        elif seg.startswith("`") and seg.endswith("`") and len(seg) > 1:
            parts.append(seg)
        else:
            parts.append(md_text(seg))
    return "".join(parts)


def paragraphs_md(text: str) -> str:
    """Prose of several paragraphs (blank lines between them) for Markdown."""
    return "\n\n".join(prose_md(p) for p in re.split(r"\n\s*\n", text.strip()) if p.strip())


_KATEX_SPECIAL = {"\\": "/", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
                  "%": r"\%", "_": r"\_", "^": "", "~": " "}


def katex_text(text: str) -> str:
    """Text for `\\text{...}` inside KaTeX math (Unicode is fine there)."""
    return "".join(_KATEX_SPECIAL.get(ch, ch) for ch in text)
