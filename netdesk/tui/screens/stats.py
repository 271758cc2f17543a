"""Your numbers as a small dashboard: people, not messages, so the response rate is honest.

Everything is recomputed from the repo each time the screen is shown; the figures come from
`domain.stats`, the same ones `netdesk stats` prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from textual.app import ComposeResult
from textual.containers import Grid
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Digits, Static

from netdesk.domain import stats
from netdesk.domain.models import Contact, Stage
from netdesk.tui.literal import one_line
from netdesk.tui.screens.base import NetdeskScreen
from netdesk.tui.styles import MUTED
from netdesk.tui.themes import stage_variable
from netdesk.tui.widgets.key_bar import KeyBar
from netdesk.tui.widgets.title_bar import TitleBar
from netdesk.tui.widgets.week_chart import WeekChart

PROGRESS_CELLS = 14
REFERRAL_MONTHS = 3
"""Months of referrals on the dashboard (netdesk stats prints six)."""
IMBALANCES_SHOWN = 3
NOTE = "People, not messages: everyone counts once, however many messages they got."


def _percent(share: float) -> str:
    return f"{share:.0%}"


def progress_bar(done: int, cap: int, cells: int = PROGRESS_CELLS) -> str:
    """Today's outreach against the cap as a bar of `cells` characters."""
    filled = cells if cap <= 0 else round(cells * min(done, cap) / cap)
    return "█" * filled + "░" * (cells - filled)


def _boxed(widget: Widget, title: str, subtitle: str = "") -> Widget:
    widget.border_title = title
    widget.border_subtitle = subtitle
    return widget


def _count(number: int | str, what: str, style: str = "bold") -> Content:
    return Content.assemble((f"{number:,}" if isinstance(number, int) else number, style), what)


class StatsScreen(NetdeskScreen[None]):
    DEFAULT_CSS = f"""
    StatsScreen #dashboard {{
        layout: grid; grid-size: 4; grid-columns: 1fr; grid-rows: 5 6 5 5;
        height: auto; padding: 0 1;
    }}
    StatsScreen #dashboard > * {{
        height: 100%; padding: 0 0 0 1;
        border: round $primary 50%; border-title-color: $text-muted;
        border-subtitle-color: $text-muted;
    }}
    StatsScreen Digits {{ text-style: bold; }}
    StatsScreen #contacted {{ color: ${stage_variable(Stage.CONTACTED)}; }}
    StatsScreen #replied {{ color: ${stage_variable(Stage.REPLIED)}; }}
    StatsScreen #talked {{ color: ${stage_variable(Stage.TALKED)}; }}
    StatsScreen #response-rate, StatsScreen #calls-this-week {{ color: $accent; }}
    StatsScreen #calls-by-week, StatsScreen #referrals, StatsScreen #imbalance {{
        column-span: 2;
    }}
    StatsScreen #stats-note {{ padding: 0 2; color: $text-muted; }}
    """

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Grid(id="dashboard"):
            yield _boxed(Digits(id="contacted"), "Contacted", "people")
            yield _boxed(Digits(id="replied"), "Replied", "people")
            yield _boxed(Digits(id="talked"), "Talked", "people")
            yield _boxed(Digits(id="response-rate"), "Response rate", "of contacted")
            yield _boxed(
                WeekChart(id="calls-by-week"),
                f"Calls held, last {stats.WEEKS_SHOWN} weeks",
                "oldest → this week",
            )
            yield _boxed(Digits(id="calls-this-week"), "This week", "calls held")
            yield _boxed(Static(id="today"), "Today")
            yield _boxed(Static(id="network"), "Network")
            yield _boxed(Static(id="intros"), "Introductions")
            yield _boxed(Static(id="targets"), "Hard targets")
            yield _boxed(Static(id="no-response"), "No response")
            yield _boxed(Static(id="referrals"), "Referrals", "by month: given/got")
            yield _boxed(Static(id="imbalance"), "Most uneven", "you gave / you got")
        yield Static(NOTE, id="stats-note")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        self.refresh_if_changed()

    def refresh_data(self) -> None:
        app = self.app
        repo = app.repo
        figures = stats.compute(
            repo.contacts, repo.messages, repo.calls, repo.intros, repo.targets, app.today()
        )
        cap = repo.settings().daily_cap
        referrals = stats.referral_stats(
            repo.referrals, repo.targets, repo.a_network(), app.today()
        )
        for widget_id, text in (
            ("contacted", f"{figures.contacted:,}"),
            ("replied", f"{figures.replied:,}"),
            ("talked", f"{figures.talked:,}"),
            ("response-rate", _percent(figures.response_rate)),
            ("calls-this-week", f"{figures.calls_this_week:,}"),
        ):
            self.query_one(f"#{widget_id}", Digits).update(text)
        self.query_one("#calls-by-week", WeekChart).show(figures.calls_per_week)
        talked_style = f"bold ${stage_variable(Stage.TALKED)}"
        for widget_id, lines in (
            (
                "today",
                [
                    _count(f"{figures.outreach_today} of {cap}", " new people"),
                    Content.styled(progress_bar(figures.outreach_today, cap), "$success"),
                    Content.styled("follow-ups extra", MUTED),
                ],
            ),
            (
                "network",
                [
                    _count(figures.a_network, " talked (A)", talked_style),
                    _count(figures.b_network, " not yet (B)"),
                    Content.styled(f"of {figures.people:,} people", MUTED),
                ],
            ),
            (
                "intros",
                [
                    _count(figures.intros_made, " made"),
                    _count(figures.intros_met, " met"),
                    Content.styled("made = sent", MUTED),
                ],
            ),
            ("targets", [_count(figures.targets_reached, " reached")]),
            (
                "no-response",
                [
                    _count(
                        _percent(figures.no_response_share),
                        " of contacted",
                        f"bold ${stage_variable(Stage.NO_RESPONSE)}",
                    ),
                    Content.styled("silent after the follow-up", MUTED),
                ],
            ),
            ("referrals", _referral_lines(referrals)),
            ("imbalance", _imbalance_lines(referrals, repo.contacts.by_id())),
        ):
            self.query_one(f"#{widget_id}", Static).update(Content("\n").join(lines))


def _share(share: float | None, what: str) -> Content:
    return Content.styled(f" · {'—' if share is None else _percent(share)} {what}", MUTED)


def _referral_lines(figures: stats.ReferralStats) -> list[Content]:
    """Given, received (with introductions) and the last months, given/received."""
    months = "  ".join(
        f"{date(int(key[:4]), int(key[5:]), 1):%b} {given}/{got}"
        for key, given, got in figures.by_month[-REFERRAL_MONTHS:]
    )
    return [
        Content.assemble(
            _count(figures.given, " given"), _share(figures.given_to_a_network, "to A")
        ),
        Content.assemble(
            _count(figures.received, " received"),
            f" + {figures.introductions_received:,} intros",
            _share(figures.received_from_a_network, "from A"),
        ),
        Content.styled(months, MUTED),
    ]


def _imbalance_lines(figures: stats.ReferralStats, people: Mapping[int, Contact]) -> list[Content]:
    """The people the referrals run most one way with (the domain's order)."""
    if not figures.imbalances:
        return [Content.styled("even with everyone", MUTED)]
    lines = []
    for imbalance in figures.imbalances[:IMBALANCES_SHOWN]:
        person = people.get(imbalance.contact_id)
        name = one_line(person.name) if person else f"contact #{imbalance.contact_id}"
        lines.append(
            Content.assemble(
                (name, "bold"),
                (f"  {imbalance.given_to_them} / {imbalance.received_from_them}", MUTED),
            )
        )
    return lines
