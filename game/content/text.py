"""Localised text: every player-visible string exists in Dutch and (ideally) English."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

LANGUAGES = ("nl", "en")


class LocalText(BaseModel):
    """A string in Dutch (required) and English (expected).

    In a file it is written as ``title.nl = "..."`` and ``title.en = "..."``; a bare string
    counts as Dutch only, which the validator reports as a missing translation.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)

    nl: str = Field(description="the Dutch text (required)")
    en: str | None = Field(default=None, description="the English text")

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict:
        """In a file a bare string counts as Dutch, so the schema allows it too."""
        table = handler.resolve_ref_schema(handler(core_schema))
        return {"anyOf": [{"type": "string", "description": "the Dutch text only"}, table],
                "title": "Text"}

    @model_validator(mode="before")
    @classmethod
    def _bare_string_is_dutch(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"nl": value}
        return value

    def get(self, lang: str) -> str:
        """The text in ``lang``; Dutch when that translation is missing."""
        if lang == "en" and self.en:
            return self.en
        return self.nl

    def missing(self) -> list[str]:
        return [lang for lang in LANGUAGES if not getattr(self, lang)]


class LocalList(BaseModel):
    """A list of strings per language (discussion questions, for example)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)

    nl: list[str] = Field(description="the Dutch texts (required)")
    en: list[str] | None = Field(default=None, description="the English texts")

    def get(self, lang: str) -> list[str]:
        if lang == "en" and self.en:
            return self.en
        return self.nl

    def missing(self) -> list[str]:
        return [lang for lang in LANGUAGES if not getattr(self, lang)]
