"""Today's work, most urgent first (what each action on it changes: `queue_actions`).

Promises come before new outreach: a follow-up, a reply or a booked call is someone already
waiting on you, so those are never capped; only new outreach is, because a handful of careful
notes a day beats a burst of copies. Each person appears once, under their most urgent kind.
"""

from __future__ import annotations

import bisect
import enum
import heapq
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from netdesk.domain.dates import format_when, relative_day
from netdesk.domain.models import (
    Call,
    Contact,
    Intro,
    IntroStatus,
    OptIn,
    OptInAnswer,
    Settings,
    Stage,
)
from netdesk.domain.referrals import ThankItem
from netdesk.domain.reimport import NEWS_LIFT, congratulations_due, news, news_line


class ItemKind(enum.IntEnum):
    """Kinds of queue item, in the order the queue shows them."""

    FOLLOW_UP = 0
    REPLY = 1
    CALL_TODAY = 2
    INTRO_STEP = 3
    THANK_YOU = 4
    CONGRATULATE = 5
    KEEP_IN_TOUCH = 6
    NEW_OUTREACH = 7

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ItemKind.FOLLOW_UP: "Follow-ups due",
    ItemKind.REPLY: "Replies to schedule",
    ItemKind.CALL_TODAY: "Calls today",
    ItemKind.INTRO_STEP: "Introductions waiting",
    ItemKind.THANK_YOU: "Thanks to send",
    ItemKind.CONGRATULATE: "New roles to congratulate",
    ItemKind.KEEP_IN_TOUCH: "Keep in touch",
    ItemKind.NEW_OUTREACH: "New outreach",
}

RESTING_STAGES = frozenset({Stage.DO_NOT_CONTACT, Stage.DECLINED, Stage.NO_RESPONSE})
"""People the queue leaves alone: they said no, asked not to be contacted, or never answered."""


@dataclass(frozen=True)
class QueueItem:
    kind: ItemKind
    contact_id: int
    reason: str
    """One line saying why this person is here today."""
    due: date | None
    priority: float
    """Orders items within a kind; higher first."""
    call_id: int | None = None
    intro_id: int | None = None
    thank: ThankItem | None = None
    """For a thank-you: what it is for (marking it sent records the thanks there)."""


def due_on(contact: Contact, settings: Settings) -> date | None:
    """When the contact is next due; derived from the last message when the date is missing."""
    if contact.next_action_on is not None:
        return contact.next_action_on
    sent = contact.followed_up_on or contact.last_contacted_on
    return sent + timedelta(days=settings.follow_up_days) if sent else None


def outreach_scores(contacts: Sequence[Contact], today: date) -> list[float]:
    """Who to write to first among the never-contacted, one score per contact.

    Recency of connecting counts most (up to 2: they still remember accepting), then closeness
    (up to 2), then a filled company and position (0.5 each: there is something to write
    about); a job change in the last NEWS_DAYS adds NEWS_LIFT (a new role is a reason to
    write). It runs over every new contact on each refresh, so it is one plain loop.
    """
    today_ordinal = today.toordinal()
    scores = []
    for contact in contacts:
        score = 0.5 * contact.closeness
        if contact.company:
            score += 0.5
        if contact.position:
            score += 0.5
        if contact.job_changes and news(contact, today) is not None:
            score += NEWS_LIFT
        if contact.connected_on is not None:
            days = today_ordinal - contact.connected_on.toordinal()
            score += 730 / (365 + days) if days > 0 else 2.0
        scores.append(score)
    return scores


def _thank_item(thank: ThankItem, today: date) -> QueueItem:
    """A thank-you owed: the longest waiting first."""
    waited = (today - thank.since).days if thank.since else 0
    return QueueItem(
        ItemKind.THANK_YOU, thank.contact_id, thank.reason, thank.since, float(waited), thank=thank
    )


def _congratulate_item(contact: Contact, today: date) -> QueueItem | None:
    """Congratulations on a new role not yet written about; the queue offers it only for
    people you have talked to (for the others it lifts new outreach instead)."""
    change = congratulations_due(contact, today)
    if change is None or change.at is None:
        return None
    name = contact.first_name.strip() or contact.name
    reason = f"Congratulate {name} on the new role: {change.now} (was {change.was or '—'})"
    noticed = change.at.date()
    return QueueItem(ItemKind.CONGRATULATE, contact.id, reason, noticed, -(today - noticed).days)


def _contact_item(contact: Contact, settings: Settings, today: date) -> QueueItem | None:
    """The item an active person's own record asks for, other than new outreach.

    Keep-in-touch counts from the last contact, so someone never contacted gets none: they
    come through new outreach first.
    """
    stage = contact.stage
    if stage is Stage.CONTACTED:
        if contact.followed_up_on is not None:
            return None
        due = due_on(contact, settings)
        if due is None or due > today:
            return None
        last = contact.last_contacted_on
        sent = f"Contacted {relative_day(last, today)}" if last else "Contacted"
        return QueueItem(
            ItemKind.FOLLOW_UP,
            contact.id,
            f"{sent}, no reply yet: send the one follow-up",
            due,
            float((today - due).days),
        )
    if stage is Stage.REPLIED:
        waited = (today - contact.last_contacted_on).days if contact.last_contacted_on else 0
        return QueueItem(
            ItemKind.REPLY,
            contact.id,
            "Replied: schedule the 15-minute call",
            contact.next_action_on,
            float(waited),
        )
    period = contact.keep_in_touch_days
    last = contact.last_contacted_on
    if period and last is not None:
        since = (today - last).days
        if since >= period:
            return QueueItem(
                ItemKind.KEEP_IN_TOUCH,
                contact.id,
                f"Keep in touch every {period} days: last contact {since} days ago",
                last + timedelta(days=period),
                (since - period) / period,
            )
    return None


def _call_item(call: Call, when: datetime, today: date) -> QueueItem:
    """A booked call not yet logged; overdue ones first, then by time of day."""
    overdue = (today - when.date()).days
    if overdue:
        reason = f"Call was due {format_when(when)}: log it or reschedule"
    else:
        reason = f"Call at {when:%H:%M}"
    minutes_into_day = when.hour * 60 + when.minute
    return QueueItem(
        ItemKind.CALL_TODAY,
        call.contact_id,
        reason,
        when.date(),
        overdue + 1 - minutes_into_day / 1440,
        call_id=call.id,
    )


def _last_activity(intro: Intro) -> datetime | None:
    moments = [
        moment
        for moment in (
            intro.a_optin.asked_at,
            intro.a_optin.answered_at,
            intro.b_optin.asked_at,
            intro.b_optin.answered_at,
            intro.updated_at,
        )
        if moment is not None
    ]
    return max(moments, default=None)


def _intro_item(
    intro: Intro, people: Mapping[int, Contact], settings: Settings, today: date
) -> QueueItem | None:
    """The next step of an introduction waiting on you, addressed to the side concerned.

    Both yes (or status AGREED): send it, listed under A. Otherwise look at the first side not
    yet agreed: never asked means ask now; asked and quiet for `follow_up_days` means nudge;
    a decline or no-answer means nothing here, as the wizard closes the introduction.
    """

    def name_of(person_id: int) -> str:
        person = people.get(person_id)
        return person.name if person else "the other side"

    sides: tuple[tuple[int, int, OptIn], ...] = (
        (intro.a_id, intro.b_id, intro.a_optin),
        (intro.b_id, intro.a_id, intro.b_optin),
    )
    last = _last_activity(intro)
    days_quiet = (today - last.date()).days if last else 0
    if intro.status is IntroStatus.AGREED or all(
        optin.answer is OptInAnswer.AGREED for _, _, optin in sides
    ):
        return QueueItem(
            ItemKind.INTRO_STEP,
            intro.a_id,
            f"Both said yes: send the introduction to {name_of(intro.b_id)}",
            today,
            float(days_quiet),
            intro_id=intro.id,
        )
    for side, other_id, optin in sides:
        if optin.answer is OptInAnswer.AGREED:
            continue
        if optin.answer is not OptInAnswer.PENDING:
            return None
        other = name_of(other_id)
        if optin.asked_at is None:
            reason = f"Ask whether they would like an introduction to {other}"
            due = today
        else:
            due = last.date() + timedelta(days=settings.follow_up_days) if last else today
            if due > today:
                return None
            reason = f"No answer about meeting {other} for {days_quiet} days: nudge or drop it"
        return QueueItem(
            ItemKind.INTRO_STEP, side, reason, due, float(days_quiet), intro_id=intro.id
        )
    return None


def build_queue(
    contacts: Iterable[Contact],
    calls: Iterable[Call],
    intros: Iterable[Intro],
    settings: Settings,
    today: date,
    done_today: int,
    thanks: Iterable[ThankItem] = (),
) -> list[QueueItem]:
    """Today's queue (DESIGN §5), ordered by kind and then priority.

    `done_today` is how many first outreach messages already went out today; only new
    outreach is capped, at `settings.daily_cap` minus that. `thanks` are the thank-yous due
    (`referrals.thanks_due`).
    """
    index = QueueIndex(contacts, settings, today)
    return index.queue(calls, intros, done_today, thanks)


RANK_AHEAD = 64
"""New-outreach candidates ranked beyond the day's cap, so a few changes need no re-rank."""


class QueueIndex:
    """Where each contact stands in today's queue, kept current one contact at a time.

    Working out every contact's place costs tens of milliseconds at 30k contacts, too much
    to repeat after each keypress; `update` redoes it for the one contact a key changed.
    A contact is resting, has an item of their own (follow-up, reply, keep in touch), or is
    fresh: a candidate for new outreach, ranked by `outreach_scores`. Someone no longer in
    your connections is never fresh: LinkedIn would not deliver a first note to them.
    """

    def __init__(self, contacts: Iterable[Contact], settings: Settings, today: date) -> None:
        self.settings = replace(settings)
        """A copy, so settings changed in place still differ from these."""
        self.today = today
        self._people: dict[int, Contact] = {}
        self._resting: set[int] = set()
        self._own: dict[int, QueueItem] = {}
        self._news: dict[int, QueueItem] = {}
        """Congratulations due, offered at `queue` time to the people with a held call."""
        self._fresh: dict[int, float] = {}
        self._ranked: list[tuple[float, int]] | None = None
        """(-score, id) of fresh contacts, best first; entries for changed contacts go stale."""
        self._ranked_all = False
        """False while `_ranked` holds only the best few (all that one day's queue needs)."""
        fresh: list[Contact] = []
        # Bound once: the loop runs for every contact at start-up (~2 ms less at 30k).
        people, keep, new = self._people, fresh.append, Stage.NEW
        for contact in contacts:
            snoozed = contact.snoozed_until
            if (
                contact.stage is new
                and not contact.keep_in_touch_days
                and (snoozed is None or snoozed <= today)
                and not contact.job_changes
                and contact.disconnected_on is None
            ):
                people[contact.id] = contact  # most contacts: no call, no set lookup
                keep(contact)
            elif self._place(contact):
                keep(contact)
        self._fresh = dict(zip((c.id for c in fresh), outreach_scores(fresh, today), strict=True))

    def _place(self, contact: Contact) -> bool:
        """File `contact` as resting or with their own item; True when fresh instead."""
        self._people[contact.id] = contact
        if contact.job_changes and (news_item := _congratulate_item(contact, self.today)):
            self._news[contact.id] = news_item
        stage = contact.stage
        snoozed = contact.snoozed_until
        if snoozed is not None and snoozed > self.today:
            self._resting.add(contact.id)
        elif stage is Stage.NEW and not contact.keep_in_touch_days:
            # The common case first: an enum's hash runs in Python, so skip the set lookup.
            return contact.disconnected_on is None
        elif stage in RESTING_STAGES:
            self._resting.add(contact.id)
        else:
            item = _contact_item(contact, self.settings, self.today)
            if item is not None:
                self._own[contact.id] = item
            elif stage is Stage.NEW:
                return contact.disconnected_on is None
        return False

    def update(self, contact: Contact) -> None:
        """Re-place one contact after a change (or its first appearance)."""
        self.remove(contact.id)
        if self._place(contact):
            (score,) = outreach_scores([contact], self.today)
            self._fresh[contact.id] = score
            entry = (-score, contact.id)
            ranked = self._ranked
            if ranked is not None and (self._ranked_all or (ranked and entry < ranked[-1])):
                at = bisect.bisect_left(ranked, entry)
                if at == len(ranked) or ranked[at] != entry:  # an unchanged re-save adds none
                    ranked.insert(at, entry)
            # (else it ranks below the few held, and is found when all are ranked)

    def remove(self, contact_id: int) -> None:
        self._people.pop(contact_id, None)
        self._resting.discard(contact_id)
        self._own.pop(contact_id, None)
        self._news.pop(contact_id, None)
        self._fresh.pop(contact_id, None)  # its ranked entry goes stale

    def queue(
        self,
        calls: Iterable[Call],
        intros: Iterable[Intro],
        done_today: int,
        thanks: Iterable[ThankItem] = (),
    ) -> list[QueueItem]:
        """Today's queue, as `build_queue` describes it, with the thank-yous due
        (`referrals.thanks_due`), oldest first."""
        today, people, resting = self.today, self._people, self._resting
        best = dict(self._own)

        def offer(item: QueueItem | None) -> None:
            """Keep `item` if its person is in the queue today and has nothing more urgent."""
            if item is None or item.contact_id not in people or item.contact_id in resting:
                return
            held = best.get(item.contact_id)
            if held is None or (item.kind, -item.priority) < (held.kind, -held.priority):
                best[item.contact_id] = item

        talked: set[int] = set()  # the A network, for the congratulations
        for call in calls:
            when = call.scheduled_for
            if call.held_at is not None:
                talked.add(call.contact_id)
            elif when is not None and when.date() <= today:
                offer(_call_item(call, when, today))
        for contact_id, item in self._news.items():
            if contact_id in talked:
                offer(item)
        waiting = (IntroStatus.ASKING, IntroStatus.AGREED)
        for intro in intros:
            if intro.status in waiting:
                offer(_intro_item(intro, people, self.settings, today))
        for thank in thanks:
            offer(_thank_item(thank, today))

        cap = max(self.settings.daily_cap - done_today, 0)
        for score, contact_id in self._best_fresh(cap):
            if cap <= 0:
                break
            if contact_id in best:
                continue
            contact = people[contact_id]
            connected = (
                f"connected {relative_day(contact.connected_on, today)}"
                if contact.connected_on
                else "connected"
            )
            if contact.job_changes and (line := news_line(contact, today)):
                connected = f"{line}; {connected}"
            best[contact_id] = QueueItem(
                ItemKind.NEW_OUTREACH, contact_id, f"New: {connected}, never talked", None, score
            )
            cap -= 1
        return sorted(best.values(), key=lambda item: (item.kind, -item.priority, item.contact_id))

    def _best_fresh(self, wanted: int) -> Iterator[tuple[float, int]]:
        """(score, id) of fresh contacts, best first, equal scores by id; may repeat some.

        At first only the best `wanted` + RANK_AHEAD are ranked; if the queue needs more
        (contacts changed since), everyone is ranked and the walk starts again.
        """
        if self._ranked is None:
            pairs = ((-score, i) for i, score in self._fresh.items())
            self._ranked = heapq.nsmallest(wanted + RANK_AHEAD, pairs)
            self._ranked_all = len(self._ranked) == len(self._fresh)
        fresh = self._fresh
        for negative, contact_id in self._ranked:
            if fresh.get(contact_id) == -negative:
                yield -negative, contact_id
        if not self._ranked_all:
            self._ranked = sorted((-score, i) for i, score in fresh.items())
            self._ranked_all = True
            yield from self._best_fresh(wanted)


def silent_after_follow_up(
    contacts: Iterable[Contact], settings: Settings, today: date
) -> list[int]:
    """People whose one follow-up also met silence: they become no_response, not pestered."""
    ids = []
    for contact in contacts:
        if contact.stage is Stage.CONTACTED and contact.followed_up_on is not None:
            due = due_on(contact, settings)
            if due is not None and due <= today:
                ids.append(contact.id)
    return ids
