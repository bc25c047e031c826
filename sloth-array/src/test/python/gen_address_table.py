#!/usr/bin/python3
"""Generates numpy-addresses.txt: NumPy's result for each address form on arange arrays of rank 1, 2 and 3.

Each line: shape | address | result shape | flat values   (or: shape | address | ERROR | exception class)
The element values are the flat row-major offsets, so a result lists which source elements were taken.
Run with NumPy (the file was made with NumPy 2.4.6; `python3 -m pip install numpy` or `apt-get install python3-numpy`):
    python3 gen_address_table.py > ../resources/dev/sloth/array/numpy-addresses.txt
The Java tests read the file; they do not need Python.
"""
import itertools
import random
import numpy as np

random.seed(17)
out = []


def record(shape, addr):
    a = np.arange(int(np.prod(shape))).reshape(shape)
    try:
        r = eval("a[" + addr + "]", {"a": a, "True": True, "False": False})
        r = np.asarray(r)
        vals = " ".join(str(int(v)) for v in r.ravel())
        out.append("%s | %s | %s | %s" % (",".join(map(str, shape)), addr, ",".join(map(str, r.shape)), vals))
    except (IndexError, ValueError) as e:
        out.append("%s | %s | ERROR | %s" % (",".join(map(str, shape)), addr, type(e).__name__))


def sl(a, b, c):
    s = ("" if a is None else str(a)) + ":" + ("" if b is None else str(b))
    return s if c is None else s + ":" + str(c)


def mask(n, seed):
    r = random.Random(seed)
    return "[" + ", ".join(r.choice(["True", "False"]) for _ in range(n)) + "]"


# rank 1: every int, a grid of slices, lists, masks
for i in range(-11, 12):
    record((10,), str(i))
for a, b, c in itertools.product([None, -12, -3, -1, 0, 2, 5, 9, 12], [None, -12, -3, -1, 0, 2, 5, 9, 12],
                                 [None, 1, 2, 3, -1, -2, -4]):
    record((10,), sl(a, b, c))
for lst in ["[0]", "[1, -1, 3]", "[]", "[2, 2, 2]", "[10]", "[-11]", "[9, -10]"]:
    record((10,), lst)
for s in range(4):
    record((10,), mask(10, s))
record((10,), mask(9, 99))
record((10,), "1, 2")

# rank 2: singles and pairs of components
comps0 = ["0", "-1", "3", "4", "-5", ":", "1:", ":-1", "::-1", "1:3", "-2:", "::2", "3:0:-1", "10:", "[0, 2]",
          "[-1]", "[1, 1, 0]", "[]", "[4]", "[True, False, True, True]", "[True, False]"]
comps1 = ["0", "-1", "5", "6", ":", "2:", ":-2", "::-2", "1:4", "-3:", "::3", "5:1:-2", "[0, 2]", "[-1]",
          "[3, 1, 5]", "[1, 2, 3, 4]", "[True, False, True, False, False, True]"]
for c in comps0:
    record((4, 6), c)
for c0, c1 in itertools.product(comps0, comps1):
    record((4, 6), c0 + ", " + c1)
record((4, 6), "[[True, False, True, False, False, True], [False] * 6, [True] * 6, [False, True] * 3]")
record((4, 6), "0, 0, 0")

# rank 3: where the advanced axis goes
comps = ["1", "-1", ":", "1:", "::-1", "[0, 2]", "[1]", "[0, 1, 0]"]
dims = [(3, 4, 5)]
for shape in dims:
    for t in itertools.product(comps, repeat=3):
        if random.random() < 0.5:
            record(shape, ", ".join(t))
    for t in itertools.product(comps, repeat=2):
        record(shape, ", ".join(t))
    record(shape, ":, [[True, False, True, False, True]] * 4")

# Ellipsis, newaxis and integer arrays of two axes (broadcast together), on rank 2 and 3
extra = ["...", "None", "[[0, 1], [2, 0]]", "[[0], [2]]", "[[1, 0, 1]]", "[[-1]]", "1", ":", "[0, 2]", "::-1",
         "[True, False, True]"]
rnd = random.Random(23)
for t in itertools.product(extra, repeat=2):
    record((3, 4), ", ".join(t))
for t in itertools.product(extra, repeat=3):
    if rnd.random() < 0.3:
        record((3, 4, 5), ", ".join(t))
for addr in ["..., None", "None, ...", "None, None, 1", "0, ..., None, 1", "..., ...", "[[0, 1], [1, 0]], 1",
             "[[0], [1]], :, [0, 1, 2]", ":, [[0], [1]], [0, 1, 2]", "[[0, 1]], [[0], [1], [2]]", "[0, 1], ..., [0, 1]",
             "[0, 1], None, [0, 1]", "None, [0, 1], [0, 2]", "[[0, 1]], [[0, 1], [1, 0]]", "[[0, 1]], [0, 1, 2]",
             "..., [0, 1], [0, 1]", "[0, 1], [0, 1], ...", ":, [0, 2], ..., 1", "[0, 2], ..., [0, 2], :",
             "1, ..., [0, 2], :", "[0, 1], ..., 1, [0, 2]", "[0, 2], [0, 1], ..., [0, 2]", "[0, 2], ..., 1, :", "[[True, False, True, True], [False, True, False, True], "
             "[True, True, False, False]]", "None, [[True, False, True, True], [False, True, False, True], "
             "[True, True, False, False]], None"]:
    record((3, 4, 5), addr)

# Python list multiplication in masks is expanded for the Java parser
print("\n".join(out).replace("[False] * 6", "[False, False, False, False, False, False]")
      .replace("[True] * 6", "[True, True, True, True, True, True]")
      .replace("[False, True] * 3", "[False, True, False, True, False, True]")
      .replace("[[True, False, True, False, True]] * 4",
               "[[True, False, True, False, True], [True, False, True, False, True], "
               "[True, False, True, False, True], [True, False, True, False, True]]"))
