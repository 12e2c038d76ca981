"""The highlight report's content, shaped like seed 003, built from the plan and the framework.

Cover sheet; 1. Background; 2. Highlight report: the RAG summary table with workstreams grouped
under Green, Amber and Red, each workstream's overview, the mitigation of every Amber and Red,
and the areas of future focus its actions address, quoted; 3. Evaluation framework and the
appendix of SPC charts (``reports.evaluation``); 4. What changed since the last report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from joinedup.access.rules import Principal
from joinedup.areas import service as areas
from joinedup.errors import FORM, InvalidInput, NotFound
from joinedup.monitoring import service as monitoring
from joinedup.periods import long_date
from joinedup.plans import service as plans
from joinedup.reports.background import history
from joinedup.reports.document import (
    Block,
    BulletList,
    Cell,
    Choice,
    CoverSheet,
    Document,
    Figure,
    Paragraph,
    Purpose,
    Quote,
    Rag,
    Section,
    Table,
    purpose_of,
)
from joinedup.reports.evaluation import framework_tables, printed_figures, spc_figures
from joinedup.reports.last_paper import LastPaper, last_paper
from joinedup.reports.risks import risk_section
from joinedup.reports.vintage import vintage_as_at, vintage_note, vintage_words

RAG_MEANING = {
    Rag.GREEN: "Workstream is progressing well",
    Rag.AMBER: "Development required",
    Rag.RED: "Major problems identified",
}
PURPOSE_TEXT = "To update the board on progress and next steps in relation to the plan."
FUTURE_FOCUS = "area_of_future_focus"


@dataclass(frozen=True)
class BoardCover:
    """The board a paper goes to, the meeting's date and what its cover sheet offers: the
    board's own settings, never another system's (none: an empty cover sheet to fill)."""

    board: str = ""
    sub_groups: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    meeting_date: date | None = None
    title: str = ""
    presenters: str = ""
    purposes: tuple[str, ...] = ()
    board_id: int | None = None
    risk_threshold: int | None = None


def board_cover(
    session: Session, *, actor: Principal, area_code: str, agenda_item_id: int | None = None
) -> BoardCover:
    """The cover settings of the meeting an agenda item is on, or of the system's board."""
    from joinedup.governance import service as governance  # governance reads reports' door

    if agenda_item_id is not None:
        found = governance.paper_settings(session, actor=actor, agenda_item_id=agenda_item_id)
        if found.meeting_date is None:  # pragma: no cover - an item always has its meeting
            raise NotFound(f"no agenda item {agenda_item_id}")
    else:
        settings = governance.system_cover_settings(session, actor=actor, area_code=area_code)
        if settings is None:
            return BoardCover()
        found = settings
    return BoardCover(
        board=found.board,
        sub_groups=found.sub_groups,
        priorities=found.strategy_priorities,
        meeting_date=found.meeting_date,
        title=found.item_title,
        presenters=found.presenter,
        purposes=found.purposes,
        board_id=found.board_id,
        risk_threshold=found.risk_threshold,
    )


def cover_of_board(session: Session, *, actor: Principal, board_id: int) -> BoardCover:
    """The settings of one board, as they are now (a draft rebuilt for the board it was for)."""
    from joinedup.governance import service as governance  # governance reads reports' door

    board = governance.get_board(session, actor=actor, board_id=board_id)
    return BoardCover(
        board=board.name,
        sub_groups=tuple(g for g in board.sub_groups if g != board.name),
        priorities=board.strategy_priorities,
        purposes=board.purposes,
        board_id=board.id,
        risk_threshold=board.risk_threshold,
    )


def _purposes(offered: tuple[str, ...]) -> tuple[Choice, ...]:
    """The board's purposes, "For information" ticked (a highlight report updates the board),
    else the first the board offers."""
    chosen = next((p for p in offered if purpose_of(p) is Purpose.INFORMATION), None)
    chosen = chosen or (offered[0] if offered else None)
    return tuple(Choice(p, p == chosen) for p in offered)


@dataclass(frozen=True)
class RatedWorkstream:
    code: str
    title: str
    group: str
    rag: Rag | None
    rationale: str
    mitigation: str
    future_focus: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.code} - {self.title}"


def _workstreams(
    session: Session, actor: Principal, plan_id: int, as_of: date
) -> list[RatedWorkstream]:
    """Every workstream with the rating in force at ``as_of`` and the areas of future focus its
    actions answer: two reads of the plan, whatever its size."""
    details = plans.workstream_details(session, actor=actor, plan_id=plan_id, on=as_of)
    cover = plans.coverage(session, actor=actor, plan_id=plan_id)
    focus_by_code: dict[str, list[str]] = {}
    for finding in cover.findings:
        if finding.kind != FUTURE_FOCUS:
            continue
        for code in dict.fromkeys(
            ref.split(".")[0] for ref in cover.covered_by.get(finding.id, [])
        ):
            focus_by_code.setdefault(code, []).append(finding.text)
    rated = []
    for detail in details:
        ws, rating = detail.workstream, detail.rating
        rated.append(
            RatedWorkstream(
                code=ws.code,
                title=ws.title,
                group=ws.responsible_group,
                rag=Rag(rating.rating) if rating else None,
                rationale=rating.rationale if rating else "",
                mitigation=rating.mitigation if rating else "",
                future_focus=tuple(focus_by_code.get(ws.code, ())),
            )
        )
    return rated


def rag_summary_table(workstreams: list[RatedWorkstream]) -> Table:
    """Seed 003's summary: one column per rating, the workstreams listed under it."""
    columns = {rag: [w.name for w in workstreams if w.rag is rag] for rag in Rag}
    depth = max((len(names) for names in columns.values()), default=0)
    rows = tuple(
        tuple(Cell(columns[rag][i], rag=rag) if i < len(columns[rag]) else Cell("") for rag in Rag)
        for i in range(depth)
    )
    return Table(
        caption="Workstreams by rating",
        header=tuple(rag.label for rag in Rag),
        rows=rows,
        name="RAG summary",
    )


def _workstream_section(ws: RatedWorkstream) -> Section:
    blocks: list[Block] = [Paragraph(ws.rationale or "No overview was given with this rating.")]
    if ws.future_focus:
        several = len(ws.future_focus) > 1
        blocks.append(
            Paragraph(
                f"The {'Areas' if several else 'Area'} of Future Focus the review identified "
                f"for this workstream{' are' if several else ' is'}:"
            )
        )
        blocks.extend(Quote(text) for text in ws.future_focus)
    if ws.rag in (Rag.AMBER, Rag.RED):
        blocks.append(BulletList((f"Mitigation – {ws.mitigation or 'none recorded'}",)))
    return Section(heading=ws.name, blocks=tuple(blocks))


def _highlight_section(workstreams: list[RatedWorkstream]) -> Section:
    groups: list[Section] = []
    for rag in Rag:
        members = [w for w in workstreams if w.rag is rag]
        if members:
            groups.append(
                Section(
                    heading=f"2.{len(groups) + 1}. {rag.label}",
                    subsections=tuple(_workstream_section(w) for w in members),
                )
            )
    unrated = [w.name for w in workstreams if w.rag is None]
    blocks: list[Block] = [
        Paragraph("Each workstream has been rated on how well it is progressing."),
        BulletList(tuple(f"{rag.label} – {RAG_MEANING[rag]}" for rag in Rag)),
        rag_summary_table(workstreams),
    ]
    if unrated:
        blocks.append(Paragraph("Not yet rated: " + "; ".join(unrated) + "."))
    blocks.append(
        Paragraph(
            "A brief overview of each workstream is given below; where a workstream has been "
            "rated Amber or Red the agreed mitigation actions are also given."
        )
    )
    return Section("2. Highlight Report", blocks=tuple(blocks), subsections=tuple(groups))


def _changes_section(
    session: Session, actor: Principal, plan_id: int, last: LastPaper | None, as_of: date
) -> Section:
    if last is None or last.as_of >= as_of:
        return Section(
            "4. Changes since the last report",
            blocks=(Paragraph("There is no earlier approved paper on the plan to this Board."),),
        )
    start = last.as_of
    changes = plans.since_last_report(session, actor=actor, plan_id=plan_id, start=start, end=as_of)
    items = [
        f"{code}: rated {after.value.capitalize()}"
        + (f" (was {before.value.capitalize()})" if before else " (first rating)")
        for code, before, after in changes.rag_changes
    ]
    items += [f"{e.reference} completed on {e.on.day} {e.on:%B %Y}" for e in changes.completions]
    items += [
        f"{e.reference} slipped" + (f": {e.reason}" if e.reason else "") for e in changes.slippage
    ]
    items += [f"{e.reference} added" for e in changes.new_actions]
    blocks: list[Block] = [Paragraph(f"Since {last.described}:")]
    blocks.append(BulletList(tuple(items)) if items else Paragraph("Nothing changed."))
    return Section("4. Changes since the last report", blocks=tuple(blocks))


def build_highlight(
    session: Session,
    *,
    actor: Principal,
    area_code: str,
    as_of: date,
    meeting_date: date | None = None,
    cover: BoardCover | None = None,
) -> Document:
    """The highlight report of a system's current plan as at `as_of`, its cover sheet from
    ``cover`` (by default the settings of the system's own board)."""
    system = areas.get_system(session, actor=actor, area_code=area_code)
    try:
        plan = plans.current_plan(session, actor=actor, area_code=area_code)
    except NotFound:
        raise InvalidInput.of(
            FORM, f"{system.name} has no improvement plan to report on yet."
        ) from None
    workstreams = _workstreams(session, actor, plan.id, as_of)
    last = last_paper(session, area_code=area_code, before=as_of)
    try:
        # The values as they stood on the paper's date: later corrections are left out.
        view: monitoring.FrameworkView | None = monitoring.values_as_at(
            session, actor=actor, area_code=area_code, on=as_of, published=True
        )
    except NotFound:
        view = None
    vintage = vintage_as_at(session, as_of)
    groups = Counter(w.group for w in workstreams if w.group)
    main_group = groups.most_common(1)[0][0] if groups else ""
    title = f"{plan.title} Highlight Report"
    framework_note = (
        " It also gives the system's performance against the Evaluation Framework."
        if view is not None
        else ""
    )
    if cover is None:
        cover = board_cover(session, actor=actor, area_code=area_code)
    background = history(
        session,
        actor=actor,
        area_code=area_code,
        system_name=system.name,
        plan_title=plan.title,
        plan_agreed_on=plan.agreed_on,
        framework_title=view.title if view is not None else None,
        as_of=as_of,
        framework_agreed_on=view.agreed_on if view is not None else None,
        framework_agreed_by=view.agreed_by if view is not None else "",
    )
    background.append(
        Paragraph(
            f"This report describes progress against each of the {len(workstreams)} "
            f"workstreams in the plan as at {long_date(as_of)}.{framework_note}"
        )
    )
    highlight = _highlight_section(workstreams)
    if cover.board_id is not None and cover.risk_threshold is not None:
        risks = risk_section(
            session,
            actor=actor,
            plan_id=plan.id,
            board=cover.board,
            board_id=cover.board_id,
            threshold=cover.risk_threshold,
            number=f"2.{len(highlight.subsections) + 1}.",
            as_of=as_of,
        )
        highlight = replace(highlight, subsections=(*highlight.subsections, risks))
    sections = [Section("1. Background", blocks=tuple(background)), highlight]
    figures: list[Figure] = []
    if view is not None:
        tables: list[Block] = [*framework_tables(view, last), vintage_note(vintage, as_of)]
        sections.append(Section("3. Evaluation Framework", blocks=tuple(tables)))
        figures = spc_figures(view)
    else:
        sections.append(
            Section(
                "3. Evaluation Framework",
                blocks=(Paragraph("The system has no evaluation framework yet."),),
            )
        )
    sections.append(_changes_section(session, actor, plan.id, last, as_of))
    if figures:
        sections.append(
            Section("Appendix: SPC charts", blocks=tuple(figures), page_break_before=True)
        )
    meeting_day = meeting_date or cover.meeting_date
    sheet = CoverSheet(
        board=cover.board,
        meeting_date=meeting_day.isoformat() if meeting_day else "",
        title=cover.title or title,
        authors=f"{main_group} – System Leaders" if main_group else "System Leaders",
        presenters=cover.presenters,
        summary=(
            f"This paper describes progress against each workstream in the {plan.title}"
            + (" and updated performance against the Evaluation Framework." if view else ".")
        ),
        # The boards reporting to this board, never the board itself.
        sub_groups=tuple(Choice(g, g == main_group) for g in cover.sub_groups if g != cover.board),
        priorities=tuple(Choice(p) for p in cover.priorities),
        purpose=Purpose.INFORMATION,
        purpose_text=PURPOSE_TEXT,
        purposes=_purposes(cover.purposes),
    )
    return Document(
        kind="highlight",
        title=title,
        subtitle=f"Report from the {main_group}" if main_group else "",
        cover=sheet,
        sections=tuple(sections),
        facts=(
            ("System", system.name),
            ("As at", long_date(as_of)),
            ("Data vintage", vintage_words(vintage)),
        ),
        printed=printed_figures(view) if view is not None else (),
    )
