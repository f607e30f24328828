"""Asking an OpenAI-compatible chat-completions endpoint (a local llama.cpp or Ollama
server) for a better draft; used only when ``TUTORBOT_LLM_URL`` is set."""

from __future__ import annotations

import logging

import httpx

from tutorbot.core.drafting import Draft
from tutorbot.core.drafting.suggest import improve, parse, request
from tutorbot.core.errors import NotesError

logger = logging.getLogger(__name__)


def improved_draft(notes: str, draft: Draft, url: str, model: str, timeout: float) -> Draft:
    """``draft`` improved by the model at ``url``; ``draft`` itself on any error or time-out."""
    try:
        response = httpx.post(url, json=request(notes, draft, model), timeout=timeout)
        response.raise_for_status()
        return improve(draft, parse(response.json()))
    except (httpx.HTTPError, ValueError, NotesError) as exc:
        logger.warning(
            "the model at %s gave no usable draft (%s): using the offline draft", url, exc
        )
        return draft
