"""The advisory line's vocabulary as the API documents it: read from the OpenAPI document's
`ContactInput` schema (`GET /api/v1/openapi.json`), not written out again here."""

from __future__ import annotations

from dataclasses import dataclass

from conftest import openapi_enum


@dataclass(frozen=True)
class AdvisoryVocabulary:
    caller_roles: list[str]
    reasons: list[str]
    triages: list[str]
    actions: list[str]
    outcomes: list[str]
    channels: list[str]
    directions: list[str]


def advisory_vocabulary(document: dict) -> AdvisoryVocabulary:
    """The values a contact's fields may take, in the document's order."""

    def values(prop: str) -> list[str]:
        return openapi_enum(document, "ContactInput", prop)

    return AdvisoryVocabulary(
        caller_roles=values("callerRole"),
        reasons=values("reasons"),
        triages=values("triage"),
        actions=values("actions"),
        outcomes=values("outcome"),
        channels=values("channel"),
        directions=values("direction"),
    )
