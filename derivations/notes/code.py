"""Reference implementations shown as code panels beside the mathematics they implement:
the stable softmax and log-sum-exp of the stable-softmax notes, the sigmoid, and the
backward pass of the sigmoid neuron. Each is plain Python (math only), so that latexify
can typeset it and the tests can run it against the claims."""

from __future__ import annotations

import math
from collections.abc import Sequence


# softmax(x) as exp(x - max x) / sum: no overflow for finite x
def stable_softmax(x: Sequence[float]) -> list[float]:
    m = max(x)
    e = [math.exp(x_i - m) for x_i in x]
    s = sum(e)
    return [e_i / s for e_i in e]


# log sum exp(x) as m + log sum exp(x - m), m = max x: finite for finite x
def stable_logsumexp(x: Sequence[float]) -> float:
    m = max(x)
    return m + math.log(sum(math.exp(x_i - m) for x_i in x))


# the logistic sigmoid
def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


# gradients of sigmoid(w_0 x_0 + w_1 x_1 + w_2) in (w_0, x_0, w_1, x_1, w_2)
def sigmoid_neuron_backward(w_0: float, x_0: float, w_1: float, x_1: float,
                            w_2: float) -> list[float]:
    z = w_0 * x_0 + w_1 * x_1 + w_2
    f = 1 / (1 + math.exp(-z))
    g = (1 - f) * f
    return [x_0 * g, w_0 * g, x_1 * g, w_1 * g, g]
