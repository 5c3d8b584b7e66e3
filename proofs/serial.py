"""sympy expressions to JSON and back, exactly as they were built: nothing is evaluated on
the way back (`-950 + 225` stays a sum, `Eq(2, 2)` stays an equation) and nothing is
`eval`-ed (classes come from a whitelist: sympy's own and those registered here).

    >>> import sympy as sp
    >>> e = sp.Add(-950, 225, evaluate=False)
    >>> loads(dumps(e)).args
    (-950, 225)

`dumps` raises `NotSerializable` for what it cannot carry faithfully (a user's function
class, say); every encoding is checked by decoding it and comparing `srepr`.
"""

from __future__ import annotations

import json
from typing import Any

import sympy as sp
from sympy.core.symbol import Str

_REGISTERED: dict[str, type] = {}


class NotSerializable(ValueError):
    """An object this module cannot carry without changing it."""


def register(cls: type) -> type:
    """Let `loads` rebuild instances of `cls` (a sympy Basic subclass of this project),
    from its args; usable as a class decorator."""
    _REGISTERED[cls.__name__] = cls
    return cls


def _class(name: str) -> type:
    if name in _REGISTERED:
        return _REGISTERED[name]
    cls = getattr(sp, name, None)
    if cls is None:
        from sympy.core import relational  # the strict/non-strict relation classes

        cls = getattr(relational, name, None)
    if not (isinstance(cls, type) and issubclass(cls, sp.Basic)):
        raise NotSerializable(f"unknown class {name!r}")
    return cls


def _encode(e: Any) -> Any:
    if isinstance(e, bool) or e is None or isinstance(e, str):
        return ["v", e]
    if isinstance(e, int):
        return ["i", str(e)]
    if isinstance(e, float):
        return ["f", repr(e)]
    if isinstance(e, (tuple, list)):
        return ["t", [_encode(a) for a in e]]
    if isinstance(e, dict):
        return ["d", [[_encode(k), _encode(v)] for k, v in e.items()]]
    if isinstance(e, sp.MatrixBase):
        return ["M", e.rows, e.cols, [_encode(a) for a in e],
                isinstance(e, sp.ImmutableMatrix)]
    if not isinstance(e, sp.Basic):
        raise NotSerializable(f"not a sympy object: {type(e).__name__}")
    if e.is_Integer:
        return ["Z", str(int(e))]
    if e.is_Rational:
        return ["Q", str(int(e.p)), str(int(e.q))]
    if e.is_Float:
        sign, man, exp, bc = e._mpf_
        return ["F", [sign, str(int(man)), int(exp), int(bc)], int(e._prec)]
    if isinstance(e, sp.Dummy):
        return ["D", e.name, str(e.dummy_index), _assumptions(e)]
    if isinstance(e, sp.Symbol):
        return ["S", e.name, _assumptions(e)]
    if isinstance(e, Str):
        return ["Str", e.name]
    if isinstance(e, sp.IndexedBase):
        return ["IB", _encode(e.label), _assumptions(e)]
    if isinstance(e, sp.core.function.AppliedUndef):
        return ["U", type(e).__name__, [_encode(a) for a in e.args]]
    if not e.args and getattr(sp.S, type(e).__name__, None) is e:
        return ["1", type(e).__name__]
    return ["B", type(e).__name__, [_encode(a) for a in e.args]]


def _assumptions(e: sp.Basic) -> dict[str, bool]:
    orig = getattr(e, "_assumptions_orig", None)
    return dict(orig) if orig is not None else {k: v for k, v in e.assumptions0.items()
                                                if v is not None}


def _decode(t: Any) -> Any:
    tag = t[0]
    if tag == "v":
        return t[1]
    if tag == "i":
        return int(t[1])
    if tag == "f":
        return float(t[1])
    if tag == "t":
        return tuple(_decode(a) for a in t[1])
    if tag == "d":
        return {_decode(k): _decode(v) for k, v in t[1]}
    if tag == "Z":
        return sp.Integer(int(t[1]))
    if tag == "Q":
        return sp.Rational(int(t[1]), int(t[2]))
    if tag == "F":
        sign, man, exp, bc = t[1]
        if (sign, man, exp, bc) == (0, "0", 0, 0):  # Float._new would give the Integer 0
            return sp.Float(0, precision=t[2])
        return sp.Float._new((sign, int(man), exp, bc), t[2])
    if tag == "D":
        return sp.Dummy(t[1], dummy_index=int(t[2]), **t[3])
    if tag == "S":
        return sp.Symbol(t[1], **t[2])
    if tag == "Str":
        return Str(t[1])
    if tag == "IB":
        return sp.IndexedBase(_decode(t[1]), **t[2])
    if tag == "U":
        return sp.Function(t[1])(*[_decode(a) for a in t[2]])
    if tag == "M":
        kind = sp.ImmutableMatrix if t[4] else sp.MutableDenseMatrix
        return kind(t[1], t[2], [_decode(a) for a in t[3]])
    if tag == "1":
        return getattr(sp.S, t[1])
    if tag == "B":
        cls = _class(t[1])
        args = [_decode(a) for a in t[2]]
        try:
            return cls(*args, evaluate=False)
        except TypeError:
            return cls(*args)
    raise NotSerializable(f"unknown tag {tag!r}")


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, sp.Basic) or isinstance(b, sp.Basic):
        return isinstance(a, sp.Basic) and isinstance(b, sp.Basic) and (
            type(a) is type(b) and sp.srepr(a) == sp.srepr(b))
    if isinstance(a, (tuple, list)):
        return isinstance(b, tuple) and len(a) == len(b) and all(
            _same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return isinstance(b, dict) and len(a) == len(b) and all(
            any(_same(k, k2) and _same(v, b[k2]) for k2 in b) for k, v in a.items())
    return a == b and type(a) is type(b)


def encode(obj: Any) -> Any:
    """A JSON-able form of `obj` (sympy objects, numbers, strings, tuples, dicts);
    NotSerializable unless decoding it gives back the very same object."""
    try:
        tree = _encode(obj)
        back = _decode(tree)
    except NotSerializable:
        raise
    except Exception as exc:  # a constructor that does not take its own args back
        raise NotSerializable(f"{type(exc).__name__}: {exc}") from None
    if not _same(obj, back):
        raise NotSerializable(f"does not come back unchanged: {sp.sstr(obj)[:80]}")
    return tree


def decode(tree: Any) -> Any:
    """The object `encode` was given."""
    return _decode(tree)


def dumps(obj: Any) -> str:
    """`encode` as a JSON string."""
    return json.dumps(encode(obj), separators=(",", ":"))


def loads(text: str) -> Any:
    """The object a `dumps` string holds."""
    return decode(json.loads(text))
