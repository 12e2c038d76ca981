"""The workstreams and actions of Oxfordshire's demo improvement plan, shaped like the real
highlight report the demo follows (seed 003): codes, titles, leads, the ratings of the latest
board meeting with their reasons, and each action's due month and where it ends up."""

from __future__ import annotations

from dataclasses import dataclass

from joinedup.plans.schemas import ActionStatus, Rating


@dataclass(frozen=True)
class DemoAction:
    description: str
    owner: str
    due: int  # months from the reporting date of seed 003's highlight report (31 May 2019)
    final: ActionStatus  # where it stands on that date
    indicative: bool = False
    absorbed: bool = False  # added for the follow-up review's area of future focus


@dataclass(frozen=True)
class DemoWorkstream:
    code: str
    title: str
    group: str
    leads: str
    rating: Rating
    rationale: str
    mitigation: str
    actions: tuple[DemoAction, ...]


DONE, ON, RISK, SLIP = (
    ActionStatus.COMPLETE,
    ActionStatus.ON_TRACK,
    ActionStatus.AT_RISK,
    ActionStatus.SLIPPED,
)
GREEN, AMBER = Rating.GREEN, Rating.AMBER
BOARD = "Integrated System Delivery Board"

WORKSTREAMS: tuple[DemoWorkstream, ...] = (
    DemoWorkstream(
        "A",
        "Vision, governance and strategy",
        BOARD,
        "Chief executives of the council and ICB",
        GREEN,
        "Nearly every task is finished and the last ones are on schedule.",
        "",
        (
            DemoAction(
                "Agree a shared vision for health and care with all partners",
                "Director of Adult Services",
                -13,
                DONE,
            ),
            DemoAction(
                "Set up one system board with clear terms of reference",
                "Head of Governance",
                -12,
                DONE,
            ),
            DemoAction("Publish a joint strategy that residents can read", "Strategy Lead", 2, ON),
        ),
    ),
    DemoWorkstream(
        "B",
        "Organisational development",
        BOARD,
        "Director of Workforce",
        AMBER,
        "The first round of actions is done, but there is no detailed plan yet for the culture "
        "change the follow-up review asked for.",
        "A lead has been named and is drawing up the plan with frontline staff.",
        (
            DemoAction(
                "Run joint leadership sessions for senior managers",
                "Director of Workforce",
                -10,
                DONE,
            ),
            DemoAction(
                "Plan culture work so frontline teams adopt strength-based care planning",
                "Organisational Development Lead",
                -1,
                RISK,
                True,
                absorbed=True,
            ),
            DemoAction(
                "Measure staff views on joint working every six months", "Workforce Analyst", 4, ON
            ),
        ),
    ),
    DemoWorkstream(
        "C",
        "Older people's strategy",
        "Health and Wellbeing Board",
        "Director of Public Health",
        GREEN,
        "The board approved the strategy; its delivery plan is being written with providers.",
        "",
        (
            DemoAction(
                "Write the older people's strategy with residents", "Strategy Lead", -4, DONE
            ),
            DemoAction("Bring the delivery plan to the board", "Commissioning Manager", 3, ON),
        ),
    ),
    DemoWorkstream(
        "D",
        "Learning after escalation",
        BOARD,
        "Chief Operating Officer",
        GREEN,
        "Every task in this workstream is complete.",
        "",
        (
            DemoAction(
                "Review what happened during the winter escalation",
                "Chief Operating Officer",
                -13,
                DONE,
            ),
            DemoAction(
                "Share the lessons with every partner and update the escalation plan",
                "Urgent Care Lead",
                -9,
                DONE,
            ),
        ),
    ),
    DemoWorkstream(
        "E",
        "Demand pressures",
        "Joint Management Group",
        "Director of Finance",
        AMBER,
        "Most actions are complete or on track, but the plan for continuing health care within "
        "budget is late because the post to lead it was vacant.",
        "A new commissioner started last month and will bring the updated plan shortly.",
        (
            DemoAction(
                "Model demand for care over the next five years", "Performance Lead", -8, DONE
            ),
            DemoAction(
                "Plan continuing health care within the agreed budget",
                "Continuing Care Commissioner",
                -2,
                SLIP,
            ),
            DemoAction(
                "Expand admission avoidance in the community", "Community Services Manager", 2, ON
            ),
        ),
    ),
    DemoWorkstream(
        "F",
        "Market management",
        "Joint Management Group",
        "Head of Commissioning",
        GREEN,
        "All tasks are on track, including the care homes and home care strategies.",
        "",
        (
            DemoAction(
                "Publish market position statements", "Market Development Manager", -6, DONE
            ),
            DemoAction("Agree the care homes strategy", "Head of Commissioning", 1, ON),
            DemoAction("Procure short stay beds", "Procurement Lead", 3, ON),
        ),
    ),
    DemoWorkstream(
        "G",
        "Workforce strategy",
        BOARD,
        "Director of Workforce",
        AMBER,
        "Operational actions are done or on track; how the county feeds into the wider "
        "partnership's workforce strategy, and when, is not yet clear.",
        "The steering group will ask the workstream leads for a timetable at its next meeting.",
        (
            DemoAction(
                "Run a joint recruitment campaign for care staff", "Recruitment Manager", -7, DONE
            ),
            DemoAction(
                "Agree the county's part in the regional workforce strategy",
                "Director of Workforce",
                -1,
                RISK,
                True,
            ),
        ),
    ),
    DemoWorkstream(
        "H",
        "Flow and pathways",
        "A&E Delivery Board",
        "Tom Hughes",
        AMBER,
        "There is no detailed plan yet for the review of care pathways and discharge to assess "
        "that the follow-up review asked for.",
        "A workstream lead is in post and the plan is being written now.",
        (
            DemoAction(
                "Introduce a single point of access for hospital discharge", "Tom Hughes", -9, DONE
            ),
            DemoAction(
                "Review care pathways, moving away from assessment in beds",
                "Tom Hughes",
                -1,
                SLIP,
                absorbed=True,
            ),
            DemoAction(
                "Include equipment and home adaptations in discharge planning",
                "Occupational Therapy Lead",
                13,  # open through the board year
                ON,
            ),
        ),
    ),
    DemoWorkstream(
        "I",
        "Housing",
        "Housing and Health Partnership",
        "Head of Housing",
        GREEN,
        "Most tasks are complete; the two that remain are due within three months.",
        "",
        (
            DemoAction(
                "Place housing officers in hospital discharge teams", "Head of Housing", -8, DONE
            ),
            DemoAction("Speed up disabled facilities grants", "Housing Improvement Manager", 2, ON),
            DemoAction(
                "Agree a protocol for people with no home to go to",
                "Housing Options Manager",
                2,
                ON,
            ),
        ),
    ),
    DemoWorkstream(
        "J",
        "Review of commissioned services",
        "Joint Management Group",
        "Head of Commissioning",
        AMBER,
        "Several service reviews are done, but more evidence is needed that commissioning has "
        "moved from a transactional to a partnership approach.",
        "Providers are involved in co-produced projects and the provider conference continues.",
        (
            DemoAction(
                "Review reablement, home care and short stay beds",
                "Commissioning Manager",
                -5,
                DONE,
            ),
            DemoAction(
                "Summarise the service reviews for the joint management groups",
                "Commissioning Manager",
                1,
                ON,
            ),
            DemoAction(
                "Engage providers in shaping the care market",
                "Market Development Manager",
                -1,
                RISK,
                absorbed=True,
            ),
        ),
    ),
    DemoWorkstream(
        "K",
        "Support for carers",
        "Carers Partnership",
        "Tom Hughes",
        AMBER,
        "Two events for carers were held late; a fuller plan is needed once they are done.",
        "The workstream lead will bring an updated plan after the second event.",
        (
            DemoAction("Hold a listening event with carers", "Tom Hughes", -2, DONE),
            DemoAction("Hold the strategic carers event", "Carers Lead", -1, SLIP),
        ),
    ),
    DemoWorkstream(
        "L",
        "Self-funders",
        "Joint Management Group",
        "Head of Adult Social Care",
        GREEN,
        "The brokerage service for people who pay for their own care opens next month.",
        "",
        (
            DemoAction(
                "Design a brokerage service for self-funders", "Brokerage Manager", -3, DONE
            ),
            DemoAction("Open the brokerage service", "Brokerage Manager", 1, ON),
        ),
    ),
    DemoWorkstream(
        "M",
        "Trusted assessor",
        "A&E Delivery Board",
        "Discharge Lead",
        GREEN,
        "Every task is complete or on track for its planned date.",
        "",
        (
            DemoAction(
                "Train trusted assessors for care home admissions", "Discharge Lead", -6, DONE
            ),
            DemoAction("Extend trusted assessment to home care", "Discharge Lead", 4, ON),
        ),
    ),
    DemoWorkstream(
        "N",
        "Co-production",
        "Health and Wellbeing Board",
        "Healthwatch Lead",
        AMBER,
        "The system-wide approach to co-production was discussed by the board but not yet "
        "approved.",
        "The paper will be revised and brought back to a future board meeting.",
        (
            DemoAction(
                "Write a system-wide approach to co-production", "Healthwatch Lead", -3, SLIP
            ),
            DemoAction("Train staff in co-production", "Engagement Manager", 5, ON, True),
        ),
    ),
    DemoWorkstream(
        "O",
        "Voluntary, community and social enterprise sector",
        BOARD,
        "VCSE Alliance Chair",
        AMBER,
        "Joint working with the sector continues, but there is no detailed plan yet to embed the "
        "cultural change the follow-up review asked for.",
        "A workstream lead has been named and plans are being written.",
        (
            DemoAction(
                "Fund a VCSE alliance to speak for the sector", "VCSE Alliance Chair", -10, DONE
            ),
            DemoAction(
                "Embed the sector in system planning and decisions",
                "VCSE Alliance Chair",
                -1,
                RISK,
                True,
                absorbed=True,
            ),
        ),
    ),
)

# Which workstream answers a finding, by its theme: the review named its areas as the plan's
# workstreams are named (seed 003).
THEMES = {
    "Vision, Governance & Strategy": "A",
    "Organisational Development": "B",
    "Older People's Strategy": "C",
    "Learning After Escalation": "D",
    "Demand Pressures": "E",
    "Market Management": "F",
    "Workforce Strategy": "G",
    "Flow & Pathways": "H",
    "Housing": "I",
    "Review of Commissioned Services": "J",
    "Support for Carers": "K",
    "Self-Funders": "L",
    "Trusted Assessor": "M",
    "Co-production": "N",
    "Voluntary, Community & Social Enterprise (VCSE) Sector": "O",
}
