"""Variance-based sensitivity indices of the ranks, per group of assumptions.

Saltelli et al. (2010), "Variance based sensitivity analysis of model output. Design and
estimator for the total sensitivity index", Computer Physics Communications 181: two independent
samples A and B of every assumption, and for each group g the hybrid A_B^g (A with group g taken
from B). With f the rank of an area:

- first order (Saltelli 2010, table 2 (b)): V_g = mean(f(B) * (f(A_B^g) - f(A)));
- total effect (Jansen 1999, table 2 (f)): V_Tg = mean((f(A) - f(A_B^g))^2) / 2;

each divided by the variance of f. A group is treated as one factor (all weights together, all
values together), which is how the OECD/JRC Handbook (2008, step 7) presents the analysis.
Indices are pooled over areas (sum of the areas' partial variances over the sum of their
variances): the share of the variance of areas' ranks that the group explains.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from joinedup.ranking.values import FloatArray


@dataclass
class SaltelliAccumulator:
    """Running sums over chunks of (A, B, A_B^g) evaluations, per area."""

    areas: int
    first: dict[str, FloatArray] = field(default_factory=dict)
    total: dict[str, FloatArray] = field(default_factory=dict)
    pairs: int = 0

    def add(self, f_a: FloatArray, f_b: FloatArray, hybrids: dict[str, FloatArray]) -> None:
        """One chunk: ranks ``(pairs, areas)`` of A, B and each group's hybrid."""
        for group, f_ab in hybrids.items():
            self.first.setdefault(group, np.zeros(self.areas))
            self.total.setdefault(group, np.zeros(self.areas))
            self.first[group] += (f_b * (f_ab - f_a)).sum(axis=0)
            self.total[group] += ((f_a - f_ab) ** 2).sum(axis=0)
        self.pairs += len(f_a)

    def indices(self, variance: FloatArray) -> tuple[dict[str, float], dict[str, float]]:
        """First-order and total-effect indices per group, pooled over areas.

        ``variance`` is each area's rank variance over A and B. When no rank moves at all, every
        index is 0.
        """
        pooled = float(variance.sum())
        first: dict[str, float] = {}
        total: dict[str, float] = {}
        for group in self.first:
            if pooled <= 0 or self.pairs == 0:
                first[group] = total[group] = 0.0
                continue
            first[group] = float(self.first[group].sum() / self.pairs / pooled)
            total[group] = float(self.total[group].sum() / (2 * self.pairs) / pooled)
        return first, total
