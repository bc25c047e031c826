#!/usr/bin/env python3
"""Generates numpy-operations.txt: NumPy's result type and values for every operation a lazy array can queue, on
every element type, with every kind of operand. NumpyOperationTableTest reads the file; the tests need no Python.

Run from this directory with NumPy 2 (NEP 50 promotion; the file was made with NumPy 2.4.6):
    python3 gen_operation_table.py > ../resources/dev/sloth/array/numpy-operations.txt
Get NumPy with `python3 -m pip install numpy` (or Debian's `apt-get install python3-numpy`, which is NumPy 1.24 on
Debian 12: too old for NEP 50, the script refuses it).

The first lines give the input arrays:  input | LEFT or RIGHT or POWER_RIGHT | type | values
Each other line:  case | left type | operand kind | operand | result type | values | note
  case          "binary OP", "reversed OP" (x OP a), "unary OP", "inplace OP" (a OP= x), "apply", "clip", "where"
  left type     the array's element type: DOUBLE (float64), LONG (int64), INT (int32), BOOLEAN (bool)
  operand kind  int (a Java int: a Python int, NumPy's weak scalar), long (a Java long: np.int64),
                double (a Java double: a Python float), array (a dense array), lazy (a function-based lazy
                array; same values as array), none
  operand       the scalar, or the operand array's element type
  result type   as for the left type, or ERROR (then values is NumPy's exception class)
  values        the result, flat: Python's repr of each float (nan, inf, -inf), integers, True/False
  note          "bool-as-double": NumPy computes this on booleans in float16, Sloth in double, so the expectation is
                NumPy's result with the booleans converted to float64 first; "int8": NumPy's int8 result for two
                booleans, INT in Sloth (same values). Empty otherwise.
"""
import sys

import numpy as np

if int(np.__version__.split(".")[0]) < 2:
    sys.exit("NumPy %s is too old: this table follows NumPy 2's promotion rules (NEP 50)" % np.__version__)

TYPES = {"DOUBLE": np.float64, "LONG": np.int64, "INT": np.int32, "BOOLEAN": np.bool_}
T, F = True, False
# The arrays the operations run on (the Java test holds the same values).
LEFT = {
    "DOUBLE": [0.0, -0.0, 1.5, -2.5, 7.0, 1e300, float("nan"), float("inf"), float("-inf"), 0.1, -7.0, 2.0 ** 53 + 2],
    "LONG": [0, 1, -1, 7, -7, 2 ** 53 + 1, -(2 ** 53 + 1), 2 ** 60 + 1, 2 ** 63 - 1, -2 ** 63, 3, 100],
    "INT": [0, 1, -1, 7, -7, 2 ** 31 - 1, -2 ** 31, 46341, 3, 100, -100, 5],
    "BOOLEAN": [T, F, T, T, F, F, T, F, T, F, T, T],
}
# The array operands (also the values of the lazy operands).
RIGHT = {
    "DOUBLE": [2.0, -3.0, 0.0, -0.0, float("nan"), 0.5, 1e-300, float("-inf"), 3.0, 2.5, 1e300, -1.5],
    "LONG": [3, -2, 0, 2 ** 53, 7, -1, 2 ** 62, 5, -2 ** 63, 2, 1, -3],
    "INT": [3, -2, 0, 1, 7, -1, 2, 5, -7, 2, 1, 3],
    "BOOLEAN": [T, T, F, T, F, T, F, F, T, T, F, T],
}
# Non-negative exponents for integer powers of arrays (NumPy refuses negative integer powers of integers).
POWER_RIGHT = {"LONG": [3, 2, 0, 1, 7, 1, 2, 5, 63, 2, 1, 3], "INT": [3, 2, 0, 1, 7, 1, 2, 5, 31, 2, 1, 3]}
SCALARS = {"int": [3, -2, 0], "long": [3, 2 ** 53 + 1, -2 ** 62], "double": [2.5, -0.0, 1e-300]}

BINARY = {"add": np.add, "subtract": np.subtract, "multiply": np.multiply, "divide": np.true_divide,
          "pow": np.power, "fmod": np.fmod, "min": np.minimum, "max": np.maximum, "atan2": np.arctan2,
          "hypot": np.hypot, "floordiv": np.floor_divide, "mod": np.remainder, "ldexp": np.ldexp,
          "lt": np.less, "le": np.less_equal, "gt": np.greater, "ge": np.greater_equal, "eq": np.equal,
          "ne": np.not_equal}
REVERSIBLE = ["subtract", "divide", "pow", "fmod", "floordiv", "mod", "atan2", "lt", "eq"]
UNARY = {"negate": np.negative, "abs": np.absolute, "sqrt": np.sqrt, "cbrt": np.cbrt, "exp": np.exp,
         "expm1": np.expm1, "log": np.log, "log10": np.log10, "log1p": np.log1p, "log2": np.log2, "exp2": np.exp2,
         "sin": np.sin, "cos": np.cos, "tan": np.tan, "asin": np.arcsin, "acos": np.arccos, "atan": np.arctan,
         "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh, "floor": np.floor, "ceil": np.ceil, "trunc": np.trunc,
         "rint": np.rint, "sign": np.sign, "isnan": np.isnan, "isinf": np.isinf, "isfinite": np.isfinite}
INPLACE = {"add": np.add, "subtract": np.subtract, "multiply": np.multiply, "divide": np.true_divide,
           "pow": np.power, "floordiv": np.floor_divide, "mod": np.remainder}
NAMES = {np.dtype(v): k for k, v in TYPES.items()}

def token(v):
    if isinstance(v, (bool, np.bool_)):
        return "True" if v else "False"
    if isinstance(v, (float, np.floating)):
        return repr(float(v))
    return str(int(v))


out = []
for label, table in (("LEFT", LEFT), ("RIGHT", RIGHT), ("POWER_RIGHT", POWER_RIGHT)):
    for t, values in table.items():
        out.append(" | ".join(["input", label, t, " ".join(token(v) for v in values)]))


def array(kind, type_name, values=None):
    return np.array(LEFT[type_name] if values is None else values, dtype=TYPES[type_name])


def as_double(x):
    return x.astype(np.float64) if isinstance(x, np.ndarray) and x.dtype == np.bool_ else x


def record(case, left, kind, operand, compute, args):
    note = ""
    try:
        with np.errstate(all="ignore"):
            r = np.asarray(compute(*args))
            if r.dtype in (np.float16, np.float32):
                # ldexp's exponent stays an integer
                r = np.asarray(compute(*[a if i > 0 and "ldexp" in case else as_double(a) for i, a in enumerate(args)]))
                note = "bool-as-double"
            elif r.dtype == np.int8:
                r = r.astype(np.int32)
                note = "int8"
        values = " ".join(token(v) for v in r.ravel())
        result = NAMES[r.dtype]
    except (TypeError, ValueError, OverflowError) as e:
        result, values = "ERROR", type(e).__name__
    out.append(" | ".join([case, left, kind, str(operand), result, values, note]))


def operands(left, op):
    """(kind, label, operand) for every operand kind."""
    for kind in ("int", "long", "double"):
        for v in SCALARS[kind]:
            yield kind, token(v), (np.int64(v) if kind == "long" else v)
    for kind in ("array", "lazy"):
        for t in TYPES:
            values = POWER_RIGHT[t] if op in ("pow", "ldexp") and t in POWER_RIGHT else RIGHT[t]
            yield kind, t, np.array(values, dtype=TYPES[t])


for name, fn in BINARY.items():
    for left in TYPES:
        for kind, label, x in operands(left, name):
            record("binary " + name, left, kind, label, fn, (array("", left), x))
            if name in REVERSIBLE and kind in ("int", "long", "double"):
                record("reversed " + name, left, kind, label, fn, (x, array("", left)))

for name, fn in UNARY.items():
    for left in TYPES:
        record("unary " + name, left, "none", "-", fn, (array("", left),))

for left in TYPES:
    # apply(f): f sees each element as a double
    record("apply", left, "none", "x*10+0.5", lambda a: a.astype(np.float64) * 10 + 0.5, (array("", left),))


def in_place(fn):
    def run(a, x):
        fn(a, x, out=a, casting="same_kind")
        return a
    return run


for name, fn in INPLACE.items():
    for left in TYPES:
        for kind, label, x in operands(left, name):
            record("inplace " + name, left, kind, label, in_place(fn), (array("", left), x))

CLIP = {"int": (-2, 3), "long": (np.int64(-2), np.int64(2 ** 60)), "double": (-2.5, 3.5)}
for left in TYPES:
    for kind, (lo, hi) in CLIP.items():
        record("clip", left, kind, token(lo) + "," + token(hi), np.clip, (array("", left), lo, hi))

# where(cond, x, y): cond is the BOOLEAN left array; x the left array of each type; y every operand kind
for left in TYPES:
    for kind, label, y in operands(left, "where"):
        record("where", left, kind, label, lambda x, y: np.where(array("", "BOOLEAN"), x, y), (array("", left), y))

print("\n".join(out))
