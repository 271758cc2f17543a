"""The intro wizard: two people, why they should meet, a litmus check, ask both, introduce.

An introduction spends your credibility with both people, so each side is asked privately
first (double opt-in) and the two-sided introduction goes out only when both said yes.
Every step is on the keyboard (ctrl+n / ctrl+b move between steps, as the steps have text
fields), every text is editable, and the preview shows the introduction as it stands.
The wizard saves as you move between steps and when you close it; nothing is lost on escape.

`shell.py` is the screen; each step is a widget of its own module (`people`, `why`, `litmus`,
`ask`, `introduce`, `met`), and only the current one is mounted.
"""

from netdesk.domain.intro import ASK, INTRODUCE, LITMUS, MET, PEOPLE, STEPS, WHY
from netdesk.tui.screens.intro_wizard.shell import IntroWizard

__all__ = ["ASK", "INTRODUCE", "LITMUS", "MET", "PEOPLE", "STEPS", "WHY", "IntroWizard"]
