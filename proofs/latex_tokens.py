"""The tokens of a LaTeX formula as authors write it, each with its offset in the source.

    >>> [t.text for t in tokenize(r"\\frac{\\partial l}{\\partial o_j} \\le 1")]
    ['frac', '{', 'partial', 'l', '}', '{', 'partial', 'o', '_', 'j', '}', '<=', '1', '']

Kinds: `num` (digits, a decimal point), `letter` (one ASCII letter, or an accented name
such as `\\hat{y}` read as `yhat`), `word` (a run of letters naming a function the caller
knows, `log`, or the word of `\\operatorname{...}`), `name` (`\\mathrm{Var}`: a name that
is no function this reader knows), `text` (prose inside a formula), `vec`
(`\\mathbf{x}`, `\\boldsymbol{x}`, `\\vec{x}`), `cmd` (any other `\\name`), `op` (one
character of `+ - * / ^ _ ( ) { } | , ' ! ;`), `rel` (a relation: `=`, `<`, `<=`, `>`, `>=`,
`!=`, `:=`, `~=` for approximately, `def` for `\\overset{def}{=}`, and the names of
relations that are read but not checked: `to`, `implies`, `iff`, `in`, `propto`, ...),
`gap` (`\\quad`, `\\qquad`: statements side by side), `end`. Spacing (`\\,`, `\\left`,
`\\displaystyle`, `\\label{...}`, ...) makes no token. Text is never evaluated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_FORMULA = 4000
#: the brackets that open and close a group (the `op` tokens of `( { [` and `) } ]`)
OPEN, CLOSE = "({[", ")}]"


class TokenError(ValueError):
    """A formula that cannot be split into tokens (the message is one line)."""


@dataclass(frozen=True)
class Token:
    """One token: its kind, its normalised text and its offset in the formula."""

    kind: str
    text: str
    pos: int
    run: str = ""  # on the first letter of a run of 3 or more letters: the whole run


GREEK = frozenset((
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu "
    "nu xi rho varrho sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi "
    "Pi Sigma Phi Psi Omega").split())
_UNICODE = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu",
    "ξ": "xi", "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "phi", "ϕ": "phi", "χ": "chi",
    "ψ": "psi", "ω": "omega", "π": "pi", "∞": "infty", "∂": "partial", "∑": "sum", "Σ": "sum",
    "∏": "prod", "∇": "nabla", "→": "to", "⇒": "implies", "⟹": "implies", "∈": "in",
    "≈": "approx", "≤": "le", "≥": "ge", "≠": "neq", "±": "pm", "⋯": "cdots", "…": "ldots",
}
_UNICODE_OPS = {"−": "-", "·": "*", "×": "*", "⋅": "*", "∗": "*"}
_RELATIONS = {
    "le": "<=", "leq": "<=", "leqslant": "<=", "ge": ">=", "geq": ">=", "geqslant": ">=",
    "ne": "!=", "neq": "!=", "lt": "<", "gt": ">", "approx": "~=", "simeq": "~=",
    "coloneqq": ":=", "triangleq": "def", "equiv": "def", "eqqcolon": "def",
    "to": "to", "rightarrow": "to", "longrightarrow": "to", "mapsto": "to",
    "Rightarrow": "implies", "implies": "implies", "Longrightarrow": "implies",
    "iff": "iff", "Leftrightarrow": "iff", "Longleftrightarrow": "iff", "in": "in",
    "notin": "in", "subset": "in", "subseteq": "in", "propto": "propto", "sim": "propto",
    "ll": "propto", "gg": "propto", "lesssim": "propto", "gtrsim": "propto",
    "xrightarrow": "to", "leftarrow": "to", "gets": "to",
}
_SKIP = frozenset((
    "left right big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr middle "
    "displaystyle textstyle scriptstyle limits nolimits nonumber notag hfill allowbreak "
    "cr").split())
_SKIP_WITH_ARG = frozenset(("label", "tag", "hspace", "vspace", "phantom", "hphantom",
                            "vphantom", "color"))
_GAPS = frozenset(("quad", "qquad"))
_TEXT = frozenset(("operatorname", "mathrm", "text", "textrm", "textit", "mathit",
                   "mathsf", "textsf", "texttt", "mathtt", "textbf", "emph", "mbox"))
_NAME_COMMANDS = frozenset(("mathrm", "mathit", "mathsf", "mathtt"))
_VECTOR = frozenset(("mathbf", "boldsymbol", "bm", "vec"))
_ACCENTS = {"hat": "hat", "widehat": "hat", "bar": "bar", "overline": "bar", "tilde": "tilde",
            "widetilde": "tilde", "dot": "dot", "ddot": "ddot", "check": "check"}
_NUMBER = re.compile(r"\d+(?:\{,\}\d{3})*(?:\.\d+)?|\.\d+")
_COMMAND = re.compile(r"\\([A-Za-z]+)\*?|\\(.)")


def _braced(text: str, i: int) -> tuple[str, int]:
    """The content of the group `{...}` that starts at `text[i]` (or the single character
    or command there) and the offset just after it."""
    while i < len(text) and text[i] == " ":
        i += 1
    if i >= len(text):
        raise TokenError("a command lacks its argument at the end of the formula")
    if text[i] != "{":
        m = _COMMAND.match(text, i)
        if m:
            return m.group(0), m.end()
        return text[i], i + 1
    depth, j = 0, i
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return text[i + 1:j], j + 1
        j += 1
    raise TokenError(f"unbalanced braces: the '{{' at column {i + 1} is never closed")


def _word_token(command: str, word: str, pos: int, functions: frozenset[str]) -> Token:
    """The token of the word inside \\operatorname{...}, \\text{...} and the like: a
    letter, a function's `word`, a `name` (\\mathrm{Var}, \\text{Cov}) or prose `text`."""
    w = re.sub(r"\\[,;: ]", " ", word).strip()
    if re.fullmatch(r"[A-Za-z]", w):
        return Token("letter", w, pos)
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", w) and (
            command == "operatorname" or w.lower() in functions):
        return Token("word", w, pos)
    if command in _NAME_COMMANDS or re.fullmatch(r"[A-Z][A-Za-z0-9]*", w):
        return Token("name", w, pos)
    return Token("text", w, pos)


def tokenize(text: str, functions: frozenset[str] = frozenset()) -> list[Token]:
    """The tokens of the formula `text`; `functions` holds the (lower-case) names that a
    run of plain letters may spell (`log(x)`, `tanh(x)`). A TokenError names the first
    thing that is not LaTeX math this reader knows."""
    if len(text) > MAX_FORMULA:
        raise TokenError(f"the formula is longer than {MAX_FORMULA} characters")
    out: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace() or c == "~" or c == "&":
            i += 1
            continue
        if c.isdigit() or (c == "." and text[i + 1:i + 2].isdigit()):
            m = _NUMBER.match(text, i)
            out.append(Token("num", m.group().replace("{,}", ""), i))
            i = m.end()
            continue
        if c == "\\":
            i = _command(text, i, out, functions)
            continue
        if c in _UNICODE:
            name = _UNICODE[c]
            kind = "rel" if name in _RELATIONS else "cmd"
            out.append(Token(kind, _RELATIONS.get(name, name), i))
            i += 1
            continue
        if c in _UNICODE_OPS:
            out.append(Token("op", _UNICODE_OPS[c], i))
            i += 1
            continue
        if c.isascii() and c.isalpha():
            m = re.compile(r"[A-Za-z]+").match(text, i)
            run = m.group()
            if len(run) > 1 and run.lower() in functions:
                out.append(Token("word", run, i))
            else:
                out.extend(Token("letter", ch, i + k, run if k == 0 and len(run) > 2 else "")
                           for k, ch in enumerate(run))
            i = m.end()
            continue
        two = text[i:i + 2]
        if two in ("<=", ">=", "!=", ":=", "=:"):
            out.append(Token("rel", {"=:": "def"}.get(two, two), i))
            i += 2
            continue
        if c in "=<>":
            out.append(Token("rel", c, i))
            i += 1
            continue
        if c in "+-*/^_(){}[]|,'!;:.":
            out.append(Token("op", c, i))
            i += 1
            continue
        raise TokenError(f"unexpected character {c!r} at column {i + 1}")
    depth = 0
    for t in out:
        if t.kind == "op" and t.text == "{" and text[t.pos] == "{":
            depth += 1
        elif t.kind == "op" and t.text == "}" and text[t.pos] == "}":
            depth -= 1
            if depth < 0:
                raise TokenError(f"unbalanced braces: the '}}' at column {t.pos + 1} closes "
                                 "nothing")
    if depth:
        raise TokenError("unbalanced braces: a '{' is never closed")
    out.append(Token("end", "", n))
    return out


def _command(text: str, i: int, out: list[Token], functions: frozenset[str]) -> int:
    """Read the command at `text[i]` (a backslash), append its token(s), return the offset
    after it."""
    m = _COMMAND.match(text, i)
    if m is None:
        raise TokenError(f"a lone backslash at column {i + 1}")
    name = m.group(1) or m.group(2)
    end = m.end()
    if m.group(2) is not None:  # \{ \} \| \, \; \! \\ \_ \$ ...
        sym = m.group(2)
        if sym in "{}":
            out.append(Token("op", "(" if sym == "{" else ")", i))
        elif sym == "|":
            out.append(Token("op", "|", i))
        elif sym in "_*":
            out.append(Token("op", sym, i))
        elif sym == "\\":
            out.append(Token("gap", "\\\\", i))
        elif sym in ",;:!> ":
            pass
        else:
            raise TokenError(f"unknown LaTeX command '\\{sym}' at column {i + 1}")
        return end
    if name in _SKIP:
        if name in ("left", "right", "middle") and text[end:end + 1] == ".":
            end += 1
        return end
    if name in _SKIP_WITH_ARG:
        _, end = _braced(text, end)
        return end
    if name in _GAPS:
        out.append(Token("gap", name, i))
        return end
    if name in _RELATIONS:
        out.append(Token("rel", _RELATIONS[name], i))
        return end
    if name in ("overset", "stackrel"):
        above, end = _braced(text, end)
        below, end = _braced(text, end)
        if below.strip() != "=":
            raise TokenError(f"\\{name} over {below.strip()!r} at column {i + 1} is not a "
                             "relation this reader knows")
        plain = re.sub(r"\\[A-Za-z]+|[{}\s.:]", "", above).lower()
        out.append(Token("rel", "def" if plain in ("def", "defn", "d", "") else "=", i))
        return end
    if name in _TEXT:
        word, end = _braced(text, end)
        if name == "text" and not word.strip():
            return end
        out.append(_word_token(name, word, i, functions))
        return end
    if name in _VECTOR:
        word, end = _braced(text, end)
        w = word.strip()
        if not re.fullmatch(r"[A-Za-z]|1|\\[A-Za-z]+", w):
            raise TokenError(f"\\{name}{{{w}}} at column {i + 1}: a vector is one letter")
        out.append(Token("vec", w.lstrip("\\"), i))
        return end
    if name == "mathbb":
        word, end = _braced(text, end)
        out.append(Token("set" if word.strip() != "1" else "vec", word.strip()
                         if word.strip() != "1" else "1", i))
        return end
    if name in _ACCENTS:
        word, end = _braced(text, end)
        w = re.sub(r"^\\(?:mathbf|boldsymbol|bm)\s*\{\s*(\\?[A-Za-z]+)\s*\}$", r"\1",
                   word.strip()).lstrip("\\")
        if not re.fullmatch(r"[A-Za-z]+", w) or (len(w) > 1 and w not in GREEK):
            raise TokenError(f"\\{name}{{{word.strip()}}} at column {i + 1}: an accent "
                             "sits on one letter")
        out.append(Token("letter", w + _ACCENTS[name], i))
        return end
    if name in ("dfrac", "tfrac"):
        name = "frac"
    out.append(Token("cmd", name, i))
    return end
