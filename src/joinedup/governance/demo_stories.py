"""The words of the governance demo: minutes, questions and risks retold from the seeds' facts."""

from __future__ import annotations

# The Joint Health and Wellbeing Strategy's priorities a paper to Oxfordshire's Board may serve.
OXFORDSHIRE_PRIORITIES = (
    "Prevention and healthy place-shaping",
    "The resident's journey through health and social care (the CQC action plan)",
    "Reshaping services with the public, locality by locality",
    "Critical workforce shortages",
    "A healthy start in life",
    "Living well",
    "Ageing well",
    "The wider issues that determine health",
)

# The Board's sub-groups; the Board itself is not one of them.
OXFORDSHIRE_SUB_GROUPS = (
    "Integrated System Delivery Board",
    "Children's Trust",
    "Better Care Fund Joint Management Group",
    "Adults with Support and Care Needs Joint Management Group",
    "Health Improvement Partnership Board",
)

OXFORDSHIRE_MINUTES = (
    "The Board received the highlight report on the CQC action plan from the Integrated System "
    "Delivery Board. Seven of the fifteen workstreams were rated Green and eight Amber; none was "
    "Red. Members asked about the two areas of future focus from the follow-up report that "
    "still lack detailed plans (organisational development, and flow and pathways) and heard "
    "that leads have been named. The updated evaluation framework was taken as read."
)

COVENTRY_PROGRESS_MINUTES = (
    "The Director of Adult Services reported on progress against the improvement plan that "
    "followed the review of December 2017 to March 2018; the Board owns the plan and receives "
    "a progress report until it ends in March 2019. CQC's light-touch follow-up had no site "
    "visit: a call on 10 December with the Council, the CCG and the Cabinet Member for Adult "
    "Services, then a draft slide deck that saw a positive direction of travel and more to do "
    "on clinical pathways and the local workforce strategy. The final deck goes to system "
    "leaders and the Department and will not be published. Some actions slipped to allow "
    "proper engagement. Members questioned whether the follow-up had been appreciative rather "
    "than an inspection, and noted that its indicators leaned towards hospitals rather than "
    "the whole system."
)

STOCKPORT_MINUTES = (
    "Placed on the agenda at the Chair's request. The committee received CQC's final report on "
    "Stockport Together, which found strengths in ambition and vision and weaknesses, chiefly "
    "in governance. The Cabinet Members for Adult Social Care and for Health answered members' "
    "questions; the findings will shape an action plan and the delivery plans."
)

# (question, response), retold from seed 004
STOCKPORT_QUESTIONS = (
    (
        "With every partner under financial pressure, how will the many nursing vacancies be "
        "tackled, given their risk to the quality of care?",
        "Each partner must weigh the review for itself. Cutting agency use, as the Trust was "
        "asked to, has itself raised the vacancy count.",
    ),
    (
        "How far has the action plan got?",
        "Stockport Managed Care will set out a timeline for the new models of care; every "
        "partner must also be clear about its own actions. Progress will come back to this "
        "committee.",
    ),
    (
        "What improvement will CQC expect to see in six to twelve months?",
        "Visible effort on the findings and some quick wins; many of the issues are long-term "
        "and cultural.",
    ),
    (
        "GP referrals to hospital run at twice the rate of comparable areas: what is being done?",
        "Much has already improved. Practices are being encouraged to take more ownership of "
        "the care homes near them to manage these referrals.",
    ),
    (
        "How quickly can the governance problems be fixed?",
        "Governance grew over time without being rationalised. Decision making needs clearer "
        "lines, and partners need to agree how they decide together and then keep to it.",
    ),
    (
        "Has the Council dropped the Accountable Care Organisation proposal?",
        "Yes.",
    ),
    (
        "Are managers doing all they can to engage staff, given the concerns about trust and "
        "communication?",
        "Engagement with staff and Unison is continuing, and leaders want staff involved in "
        "designing the new models of care.",
    ),
    (
        "How will future consultation reach further, given the concerns about engagement with "
        "Healthwatch and the Community Representative Panel?",
        "Partners were surprised by the finding but will take the points on board.",
    ),
)

# (risk, cause, (first (likelihood, impact), later), owner, mitigations, workstreams)
RISKS = (
    (
        "Pathway redesign is not ready before winter",
        "No detailed plan yet for the follow-up's area of future focus on pathways of care",
        ((4, 4), (4, 4)),
        "Flow & Pathways workstream lead",
        "A workstream lead is named; plans to be brought to the delivery board at pace.",
        ("H",),
    ),
    (
        "Workforce gaps slow new models of care",
        "Unclear how the county's actions feed the wider footprint's workforce strategy",
        ((3, 4), (4, 4)),
        "Workforce Strategy workstream lead",
        "The CQC Steering Group to seek clarity from the workstream leads in June.",
        ("G",),
    ),
    (
        "Continuing health care overspends its budget",
        "Updated plans delayed until a commissioner was appointed",
        ((4, 3), (3, 3)),
        "Demand Pressures workstream lead",
        "The new commissioner, appointed in May, will bring updated plans.",
        ("E",),
    ),
    (
        "Carers are not involved early enough in discharge",
        "Carers' assessments happen after discharge dates are set",
        ((3, 3), (2, 3)),
        "Support for Carers workstream lead",
        "Carers' workshop held with Healthwatch; earlier contact built into discharge planning.",
        ("K",),
    ),
)
