"""Telling the apps above partnerships that an agreement was saved in a way that moves its money or
makes it decided (issue 25 item 12; docs/decisions/0005-explicit-calls-for-payment-plans.md).

partnerships sits below payments (tests/test_import_layers.py), so a saving function in partnerships
cannot call payments itself. Instead every such function ends with an explicit call,

    from core.agreement_changes import agreement_saved

    agreement_saved(agreement, became_decided=...)

and an app that keeps something in step with the agreement's money registers a follower in its
`AppConfig.ready()` (payments: `services.follow_agreement`, the payment plan):

    from core.agreement_changes import register

    register(my_follower)       # my_follower(agreement, *, became_decided: bool) -> None

Unlike a signal, nothing happens on a bare `save()`: the call is part of the saving function, read
where the saving is, and a path that should call it and does not is a failing test
(payments/tests/test_plan_follows_every_save.py). Run it inside the saving transaction.
"""

from __future__ import annotations

from typing import Protocol


class Follower(Protocol):
    def __call__(self, agreement, *, became_decided: bool) -> None: ...


_followers: list[Follower] = []


def register(follower: Follower) -> Follower:
    """Add a follower once (registering the same function again is a no-op)."""
    if follower not in _followers:
        _followers.append(follower)
    return follower


def followers() -> list[Follower]:
    return list(_followers)


def agreement_saved(agreement, *, became_decided: bool = False) -> None:
    """Tell every follower that `agreement` (saved, and locked by the caller's transaction) may have
    new money (its own amounts or dates, an amendment added or removed) or, with `became_decided`,
    has just been decided (a new agreement saved as decided counts as becoming decided)."""
    for follower in _followers:
        follower(agreement, became_decided=became_decided)
