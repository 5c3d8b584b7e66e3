"""Exercise 7: temperature. Q ∝ P^α is the Boltzmann family at temperature T/α."""

from __future__ import annotations

import sympy as sp

from proofs import Claim, Eq

from .notation import T, alpha

SRC = "d2l-4.1.5/ex7.{}".format
eps, e1, e2, e3 = sp.symbols("epsilon e1 e2 e3", real=True)
d1, d2 = sp.symbols("d1 d2", positive=True)
R = sp.Rational


def boltz(energy: sp.Expr, temp: sp.Expr = T) -> sp.Expr:
    """The Boltzmann weight e^{-energy/temp}."""
    return sp.exp(-energy / temp)


tempered_weight_is_boltzmann_at_T_over_alpha = Claim(
    "tempered_weight_is_boltzmann_at_T_over_alpha",
    Eq(sp.Pow(boltz(eps), alpha, evaluate=False), boltz(eps, T / alpha)),
    source=SRC(1), title="P(i)^α ∝ e^{-ε_i/(T/α)}: temperature T/α")

alpha_half_doubles_temperature = Claim(
    "alpha_half_doubles_temperature",
    Eq(sp.Pow(boltz(eps), R(1, 2), evaluate=False), boltz(eps, 2 * T)),
    source=SRC(1), title="α = 1/2 doubles the temperature")

alpha_two_halves_temperature = Claim(
    "alpha_two_halves_temperature",
    Eq(sp.Pow(boltz(eps), 2, evaluate=False), boltz(eps, T / 2)),
    source=SRC(1), title="α = 2 halves it")

alpha_half_halves_temperature = Claim(
    "alpha_half_halves_temperature",
    Eq(sp.Pow(boltz(eps), R(1, 2), evaluate=False), boltz(eps, T / 2)),
    source=SRC(1), expect="refuted", title="mistake: α and T swapped")

# three states: the ground state at e1, two excited states d1, d2 above it
ground = boltz(e1) / (boltz(e1) + boltz(e1 + d1) + boltz(e1 + d2))
excited = boltz(e1 + d1) / (boltz(e1) + boltz(e1 + d1) + boltz(e1 + d2))
tied = boltz(e1) / (2 * boltz(e1) + boltz(e1 + d1))
p3 = boltz(e1) / (boltz(e1) + boltz(e2) + boltz(e3))

cold_limit_ground_state_prob_1 = Claim(
    "cold_limit_ground_state_prob_1",
    Eq(sp.Limit(ground, T, 0, "+"), 1), source=SRC(2),
    title="T -> 0+: the lowest energy gets probability 1")

cold_limit_excited_state_prob_0 = Claim(
    "cold_limit_excited_state_prob_0",
    Eq(sp.Limit(excited, T, 0, "+"), 0), source=SRC(2),
    title="T -> 0+: every higher energy gets probability 0")

cold_limit_tied_ground_states_share = Claim(
    "cold_limit_tied_ground_states_share",
    Eq(sp.Limit(tied, T, 0, "+"), R(1, 2)), source=SRC(2),
    title="with two tied ground states, each tends to 1/2")

hot_limit_uniform = Claim(
    "hot_limit_uniform", Eq(sp.Limit(p3, T, sp.oo), R(1, 3)),
    source=SRC(3), title="T -> ∞: uniform, for any energies (ties or not)")

cold_limit_uniform = Claim(
    "cold_limit_uniform", Eq(sp.Limit(ground, T, 0, "+"), R(1, 3)),
    source=SRC(3), expect="refuted", title="mistake (limits swapped): T -> 0+ gives uniform")

hot_limit_one_hot = Claim(
    "hot_limit_one_hot", Eq(sp.Limit(ground, T, sp.oo), 1),
    source=SRC(3), expect="refuted", title="mistake (limits swapped): T -> ∞ gives one-hot")

CLAIMS_7 = {
    "7.1": (tempered_weight_is_boltzmann_at_T_over_alpha, alpha_half_doubles_temperature,
            alpha_two_halves_temperature, alpha_half_halves_temperature),
    "7.2": (cold_limit_ground_state_prob_1, cold_limit_excited_state_prob_0,
            cold_limit_tied_ground_states_share),
    "7.3": (hot_limit_uniform, cold_limit_uniform, hot_limit_one_hot),
}
