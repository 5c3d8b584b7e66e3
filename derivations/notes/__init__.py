"""The lecture notes (week 6, lecture 8): stable softmax, hinge versus cross-entropy,
backpropagation on computational graphs, and the sigmoid's derivative.

One module per topic; `SHEET` gathers their exercises into the "lecture-notes" sheet.
"""

from __future__ import annotations

from proofs import Sheet

from . import backprop, hinge, sigmoid, stable_softmax

SHEET = Sheet(
    name="lecture-notes",
    title="Lecture notes: stable softmax and backpropagation",
    intro="Every computation of the handwritten lecture notes, checked: softmax's "
          "invariance to a shift and what float64 does with the scores (225, 617, 950), "
          "the hinge loss against cross-entropy, the four worked computational graphs "
          "with every forward value and gradient, and the derivative of the sigmoid "
          "step by step. The notes' slips are recorded as refuted claims.",
    exercises=stable_softmax.EXERCISES + hinge.EXERCISES + backprop.EXERCISES
    + sigmoid.EXERCISES,
)

__all__ = ["SHEET", "backprop", "hinge", "sigmoid", "stable_softmax"]
