"""Formulas as authors write them in LaTeX, read into sympy relations (never evaluated).

    >>> from proofs.latex_math import Notation, read_statements
    >>> [s] = read_statements(r"\\frac{d}{dx} \\log(1 + e^{x}) = \\frac{1}{1 + e^{-x}}", Notation())
    >>> [side.expr for side in s.sides]
    [Derivative(log(exp(x) + 1), x), 1/(1 + exp(-x))]
    >>> [op.text for op in s.ops]
    ['=']

A formula is cut into statements (at `\\quad`, at words such as `\\text{for}`, at
top-level commas) and each statement into its sides at the relations; each side is read
on its own, so an unreadable side costs only the links that touch it. What is read:
numbers (decimals exactly), letters and Greek letters as real variables, subscripts as
indices (`o_j` is the j-th entry of the vector o, `w_0` its entry 0; `o_{apple}` is a
name), `e^{...}`, `\\exp`, `\\log`/`\\ln` (natural; `\\log_2` a base), `\\sqrt`, `\\frac`,
`\\cdot`, `\\times`, `|x|`, `\\lceil\\rceil`, `\\lfloor\\rfloor`, the functions of the
notation's vocabulary (`proofs.latex_vocabulary`: by default the standard ones, such as
tanh and max/min of a list; a caller passes the names of its subject),
sums and products over an index (`\\sum_i` runs over 1..n for the document's dimension n,
`\\sum_{k=1}^{q}` as written), limits (`\\lim_{x \\to a^{+}}`), derivatives
(`\\frac{d}{dx}`, `\\frac{\\partial^2 l}{\\partial o_j^2}`, mixed partials, primes
`f'(x)`), the Kronecker delta `\\delta_{ij}`, and the names the document defined
(`Notation`): functions `f(x) = ...`, families `p_j = ...`, names and values `x = 3`.
Everything else (matrices, `\\max_i`, ellipses, expectations, ...) is a `ReadError`
naming what could not be read: the reader never guesses a meaning.

The reader, by what each module does: `latex_tokens` (tokens), `latex_statements`
(statements, chains and their sides), `latex_grammar` (the expression grammar of a side),
`latex_names` (names, subscripts, entries), `latex_calls` (calls of functions),
`latex_calculus` (derivatives, limits, sums), `latex_notation` (what the document has
defined; the symbols the reader builds), `latex_substitution` (bound variables and
substitution), `latex_vocabulary` (the functions known by name). This module gathers
what the rest of the engine uses.
"""

from .latex_notation import (
    FUNCTION_LETTERS,
    ONES,
    Family,
    FunctionDef,
    Notation,
    ReadError,
    VectorValue,
    base,
    index,
    key_symbol,
    real,
)
from .latex_statements import (
    Side,
    Statement,
    read_side,
    read_statements,
    split_sides,
    split_statements,
)
from .latex_substitution import fresh_bounds, on_sides, replace_symbols, substitute, with_entries

__all__ = ["FUNCTION_LETTERS", "ONES", "Family", "FunctionDef", "Notation", "ReadError", "Side",
           "Statement", "VectorValue", "base", "fresh_bounds", "index", "key_symbol", "on_sides",
           "read_side", "read_statements", "real", "replace_symbols", "split_sides",
           "split_statements", "substitute", "with_entries"]
