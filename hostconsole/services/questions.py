"""Viewers' questions: comments from the platform listed for the producer, duplicates
collapsed; one the producer approves may go to the presenter's screen and, on request, on
air as a question card. Nothing unapproved ever leaves this list."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from hostconsole.adapters.sales.model import CommentSeen

MAX_QUESTIONS = 300  # the newest are kept; the oldest unapproved ones go first


class QuestionState(StrEnum):
    NEW = "new"
    APPROVED = "approved"
    DISMISSED = "dismissed"


class Question(msgspec.Struct):
    id: str
    author: str
    text: str
    first_at: float
    last_at: float
    times: int = 1  # how many viewers asked it (duplicates collapsed)
    state: QuestionState = QuestionState.NEW

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "author": self.author,
            "text": self.text,
            "times": self.times,
            "state": self.state.value,
            "at": self.last_at,
        }


def _key(text: str) -> str:
    """Two comments are the same question when they differ only in case, width, spaces and
    punctuation ("多少钱？" and "多少钱" and "多少钱??")."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\W_]+", "", folded)


class Questions:
    def __init__(self) -> None:
        self.items: dict[str, Question] = {}  # by key, in arrival order
        self._ids: dict[str, str] = {}  # question id → key
        self._next = 0

    def add(self, comment: CommentSeen) -> Question:
        key = _key(comment.text)
        known = self.items.get(key)
        if known is not None:
            if known.state is not QuestionState.DISMISSED:
                known.times += 1
            known.last_at = comment.at
            return known
        self._next += 1
        question = Question(f"q{self._next}", comment.author, comment.text, comment.at, comment.at)
        self.items[key] = question
        self._ids[question.id] = key
        self._trim()
        return question

    def _trim(self) -> None:
        while len(self.items) > MAX_QUESTIONS:
            oldest = next(
                (k for k, q in self.items.items() if q.state is not QuestionState.APPROVED),
                next(iter(self.items)),
            )
            gone = self.items.pop(oldest)
            self._ids.pop(gone.id, None)  # one still on a screen reads as gone from then on

    def get(self, question_id: str) -> Question | None:
        key = self._ids.get(question_id)
        return None if key is None else self.items.get(key)

    def listed(self) -> list[Question]:
        """Newest first, dismissed ones left out."""
        return [q for q in reversed(self.items.values()) if q.state is not QuestionState.DISMISSED]
