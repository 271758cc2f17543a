"""Referrals both ways, how asks of introducers went, thanks, and matches said no to.

Each method is one user action (one save, one step of undo), validated before anything is
written, with a label naming the person.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from netdesk.domain.models import (
    Dismissal,
    Introducer,
    Message,
    MessageKind,
    OptInAnswer,
    Referral,
    ReferralDirection,
    ReferralStatus,
    Target,
)
from netdesk.domain.referrals import STATUS_LABELS, ThankItem, other_side
from netdesk.domain.templates import THANK_YOU_NAME
from netdesk.store.core import RepoCore

NEED_MAX = 300
"""A referral's need is one line; past this it is a note, not a need."""


class ReferralWrites(RepoCore):
    # --- referrals ----------------------------------------------------------------------------

    def _referral(self, referral_id: int) -> Referral:
        referral = self.referrals.get(referral_id)
        if referral is None:
            raise KeyError(f"no referral with id {referral_id}")
        return referral

    def _check_referral(self, referral: Referral) -> Referral:
        """The referral as it will be stored, or ValueError saying what to fix."""
        need = " ".join(referral.need.split())
        if not need:
            raise ValueError("Say what the referral is for (the need, in one line).")
        if len(need) > NEED_MAX:
            raise ValueError(f"The need is {len(need)} characters; keep it to {NEED_MAX}.")
        given = referral.direction is ReferralDirection.GIVEN
        you, them = (
            (referral.giver_id, referral.receiver_id)
            if given
            else (referral.receiver_id, referral.giver_id)
        )
        side = "receiver" if given else "giver"
        if you is not None:
            raise ValueError(f"A {referral.direction.value} referral has you as the other side.")
        if them is None or them not in self.contacts.by_id():
            raise ValueError(f"Choose the {side}: one of your contacts.")
        referred_name = referral.referred_name.strip()
        if referral.referred_id is not None:
            if referral.referred_id not in self.contacts.by_id():
                raise ValueError("The person referred is not among your contacts any more.")
            if referral.referred_id == them:
                raise ValueError(f"The person referred cannot also be the {side}.")
            referred_name = ""
        elif not referred_name:
            raise ValueError("Say who was referred: pick a contact or type a name.")
        return replace(
            referral, need=need, referred_name=referred_name, value=referral.value.strip()
        )

    def add_referral(self, referral: Referral, now: datetime) -> Referral:
        """Record a referral given to a contact or received from one."""
        checked = self._check_referral(replace(referral, id=0))
        way = "to" if checked.direction is ReferralDirection.GIVEN else "from"
        label = f"Recorded a referral {way} {self._name(other_side(checked))}"
        with self._action(label, now):
            return self._referrals.insert(replace(checked, created_at=now, updated_at=now))

    def edit_referral(self, referral: Referral, now: datetime) -> Referral:
        """Store the edited fields of a referral (its creation date stays)."""
        stored = self._referral(referral.id)
        checked = self._check_referral(referral)
        with self._action(f"Edited the referral with {self._name(other_side(stored))}", now):
            return self._referrals.save(
                replace(checked, created_at=stored.created_at, updated_at=now)
            )

    def set_referral_status(
        self, referral_id: int, status: ReferralStatus, now: datetime
    ) -> Referral:
        """Move a referral on (or back): passed, contacted, met, closed won/lost, dropped."""
        referral = self._referral(referral_id)
        label = f"Marked the referral with {self._name(other_side(referral))}"
        with self._action(f"{label} {STATUS_LABELS[ReferralStatus(status)]}", now):
            return self._referrals.update(referral_id, {"status": status, "updated_at": now})

    def thank_referral(self, referral_id: int, now: datetime) -> Referral:
        """Record that you thanked the giver (without logging a message; see `mark_thanked`)."""
        referral = self._referral(referral_id)
        if referral.direction is not ReferralDirection.RECEIVED:
            raise ValueError("Only a referral you received has a giver to thank.")
        with self._action(f"Thanked {self._name(referral.giver_id)}", now):
            return self._referrals.update(referral_id, {"thanked_at": now, "updated_at": now})

    def delete_referral(self, referral_id: int, now: datetime | None = None) -> None:
        referral = self._referral(referral_id)
        with self._action(f"Deleted the referral with {self._name(other_side(referral))}", now):
            self._referrals.remove([referral_id])

    # --- thanks from the queue ---------------------------------------------------------------

    def mark_thanked(self, item: ThankItem, body: str, now: datetime) -> Message:
        """The thank-you went out: logged for the person, and recorded on the referral or
        target it was for, so the queue stops asking."""
        contact = self._contact(item.contact_id)
        if item.referral_id is not None:
            self._referral(item.referral_id)
        if item.target_id is not None and self.targets.get(item.target_id) is None:
            raise KeyError(f"no target with id {item.target_id}")
        with self._action(f"Thanked {contact.name}", now):
            message = self._messages.insert(
                Message(
                    contact.id,
                    MessageKind.THANK_YOU,
                    body=body,
                    template=THANK_YOU_NAME,
                    sent_at=now,
                )
            )
            self._change(contact.id, {"last_contacted_on": now.date()}, now)
            if item.referral_id is not None:
                self._referrals.update(item.referral_id, {"thanked_at": now, "updated_at": now})
            if item.target_id is not None:
                self._targets.update(item.target_id, {"thanked_at": now})
        return message

    # --- how asks of introducers went --------------------------------------------------------

    def record_ask(
        self,
        target_id: int,
        contact_id: int,
        now: datetime,
        *,
        answer: OptInAnswer | None = None,
        introduced: bool | None = None,
        call_held: bool | None = None,
    ) -> Target:
        """Record how asking this introducer about the target went; None leaves a part as it
        was. The ask counts under how well you knew them when asked (their closeness now, if
        the ask was not recorded before)."""
        target = self.targets.get(target_id)
        if target is None:
            raise KeyError(f"no target with id {target_id}")
        listed = [i for i in target.introducers if i.contact_id == contact_id]
        if not listed:
            raise ValueError(f"{self._name(contact_id)} is not an introducer for {target.name}.")
        if answer is OptInAnswer.PENDING and (introduced or call_held):
            raise ValueError("An introduction or call cannot follow an ask with no answer yet.")
        contact = self.contacts.get(contact_id)

        def updated(introducer: Introducer) -> Introducer:
            if introducer.contact_id != contact_id:
                return introducer
            asked_at = introducer.asked_at
            if asked_at is None:
                asked_at = target.asked_at if target.asked_via == contact_id else None
            level = introducer.asked_closeness
            if level is None:
                level = contact.closeness if contact else introducer.you_know
            changes: dict[str, object] = {
                "asked_at": asked_at or now,
                "asked_closeness": level,
            }
            if answer is not None:
                changes["answer"] = answer
                changes["answered_at"] = None if answer is OptInAnswer.PENDING else now
            if introduced is not None:
                changes["introduced"] = introduced
            if call_held is not None:
                changes["call_held"] = call_held
            return replace(introducer, **changes)  # type: ignore[arg-type]

        how = (answer or OptInAnswer.PENDING).value.replace("_", " ")
        label = f"Recorded how asking {self._name(contact_id)} went"
        if answer is not None:
            label += f": {how}"
        with self._action(label, now):
            return self._targets.update(
                target_id, {"introducers": [updated(i) for i in target.introducers]}
            )

    # --- suggested matches -------------------------------------------------------------------

    def dismiss_match(self, a_id: int, b_id: int, now: datetime) -> Dismissal:
        """Never suggest introducing these two again (either way round)."""
        from netdesk.domain.matchmaking import MATCH_DISMISSAL, pair_key  # not at start-up

        if a_id == b_id:
            raise ValueError("A match is between two different people.")
        self._contact(a_id)
        self._contact(b_id)
        low, high = pair_key(a_id, b_id)
        for dismissal in self.dismissals:
            if dismissal.kind == MATCH_DISMISSAL and pair_key(dismissal.a_id, dismissal.b_id) == (
                low,
                high,
            ):
                return dismissal
        label = f"Dismissed the match of {self._name(a_id)} and {self._name(b_id)}"
        with self._action(label, now):
            return self._dismissals.insert(Dismissal(MATCH_DISMISSAL, low, high, now))
