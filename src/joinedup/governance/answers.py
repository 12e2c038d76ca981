"""What the governance API answers: each read as a model with its OpenAPI schema, with the fields
of its frozen view in ``joinedup.governance.views`` (one list of fields, kept in the view)."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ConfigDict

from joinedup.governance import views


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


def fields_of(view: type, **nested: type[_Out]) -> dict[str, Any]:
    """The fields of ``view`` as an answer's annotations: a tuple becomes a list, of the answer
    given in ``nested`` for that field when its items are views."""
    fields: dict[str, Any] = {}
    for name, hint in typing.get_type_hints(view).items():
        if typing.get_origin(hint) is tuple:
            item = nested.get(name, typing.get_args(hint)[0])
            hint = types.GenericAlias(list, (item,))
        fields[name] = hint
    return fields


class MemberOut(_Out):
    __annotations__ = fields_of(views.MemberView)


class BoardOut(_Out):
    __annotations__ = fields_of(views.BoardView, members=MemberOut)


class AgendaItemOut(_Out):
    __annotations__ = fields_of(views.AgendaItemView)


class AttendanceOut(_Out):
    __annotations__ = fields_of(views.AttendanceView)


class ResolutionOut(_Out):
    __annotations__ = fields_of(views.ResolutionView)


class QuestionOut(_Out):
    __annotations__ = fields_of(views.QuestionView)


class ActionArisingOut(_Out):
    __annotations__ = fields_of(views.ActionArisingView)


class MeetingOut(_Out):
    __annotations__ = fields_of(
        views.MeetingView,
        agenda=AgendaItemOut,
        attendance=AttendanceOut,
        resolutions=ResolutionOut,
        questions=QuestionOut,
        actions=ActionArisingOut,
    )


class ParticipantOut(_Out):
    __annotations__ = fields_of(views.ParticipantView)


class OversightOut(_Out):
    __annotations__ = fields_of(views.OversightView, participants=ParticipantOut)


class EngagementOut(_Out):
    __annotations__ = fields_of(views.EngagementView)


class RiskScoreOut(_Out):
    __annotations__ = fields_of(views.RiskScoreView)


class RiskOut(_Out):
    __annotations__ = fields_of(views.RiskView, history=RiskScoreOut)


class SignOffOut(_Out):
    __annotations__ = fields_of(views.SignOffView)
