"""A fixed ContactTable for the snapshot test: 20 people, hostile and wide names included."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult

from netdesk.domain.models import Contact, Stage
from netdesk.tui.widgets.contact_table import ContactTable

PEOPLE = [
    ("Ann", "Abbott", "Acme", "Software Engineer", Stage.NEW, None),
    ("[bold]Ann", "", "Initech", "Designer", Stage.CONTACTED, date(2025, 3, 1)),
    ("Ann [/b] Lee", "", "Globex", "CTO", Stage.REPLIED, date(2025, 2, 14)),
    ("[@click=app.quit]Zed", "", "Umbrella", "Recruiter", Stage.SCHEDULED, None),
    ("Jo", "[A-Team]", "Dee [VIP] Fox", "Founder", Stage.TALKED, date(2024, 12, 24)),
    ("محمد", "الأحمد", "شركة المثال", "مهندس", Stage.NEW, None),
    ("李", "小龙", "阿里巴巴集团控股有限公司", "产品经理", Stage.TALKED, date(2024, 11, 2)),
    ("Zoë 🚀", "Müller", "Rocket 🚀 Labs", "Head of 🌍 Partnerships", Stage.NO_RESPONSE, None),
    ("Björn", "Straße", "Siemens", "Principal Engineer", Stage.DECLINED, date(2023, 7, 7)),
    ("Chloé", "Dubois", "", "Consultant", Stage.DO_NOT_CONTACT, None),
    ("David", "Okafor", "Stark Industries International Holdings", "VP", Stage.NEW, None),
    ("Emma", "Rossi", "Wayne Enterprises", "Data Scientist", Stage.CONTACTED, date(2025, 1, 9)),
    ("François", "Tanaka", "Zalando", "", Stage.NEW, None),
    ("Grace", "Hopper-Featherstonehaugh-Smythe", "Navy", "Rear Admiral", Stage.TALKED, None),
    ("Hiro", "Nguyen", "Hooli", "Product Manager", Stage.REPLIED, date(2025, 4, 30)),
    ("Ines", "Kowalski", "Pied Piper", "Software Engineer", Stage.NEW, None),
    ("Jürgen", "Haddad", "Vandelay Industries", "Importer/Exporter", Stage.CONTACTED, None),
    ("Karim", "Patel", "Beta GmbH", "CTO", Stage.SCHEDULED, date(2025, 5, 5)),
    ("Lena", "O'Brien", "Acme", "Recruiter", Stage.NEW, None),
    ("", "", "Nameless Co", "", Stage.NEW, None),
]


def contacts() -> list[Contact]:
    return [
        Contact(
            id=n,
            first_name=first,
            last_name=last,
            company=company,
            position=position,
            stage=stage,
            last_contacted_on=last_contact,
        )
        for n, (first, last, company, position, stage, last_contact) in enumerate(PEOPLE, 1)
    ]


class ContactTableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ContactTable()

    def on_mount(self) -> None:
        table = self.query_one(ContactTable)
        table.set_rows(contacts(), a_network={5, 7, 14})
        table.focus()


if __name__ == "__main__":
    ContactTableApp().run()
