"""The five approaches a recommendation can name, and their words.

The lowest layer owns them: the flow format, the fact registry, the cost model and every
renderer read the same ids and labels, and none of those should import another for them.
"""

from __future__ import annotations

from typing import Literal

Approach = Literal["prompt_engineering", "rag", "fine_tuning", "hybrid", "rag_fine_tuning"]
APPROACHES: tuple[Approach, ...] = (
    "prompt_engineering",
    "rag",
    "fine_tuning",
    "hybrid",
    "rag_fine_tuning",
)
APPROACH_LABELS: dict[str, str] = {
    "prompt_engineering": "prompt engineering",
    "rag": "retrieval-augmented generation (RAG)",
    "fine_tuning": "fine-tuning",
    "hybrid": "hybrid (fine-tuning plus prompts)",
    "rag_fine_tuning": "RAG plus fine-tuning",
}
# For charts and tables, where a row label must be short.
APPROACH_SHORT_LABELS: dict[str, str] = {
    "prompt_engineering": "prompts",
    "rag": "RAG",
    "fine_tuning": "fine-tuning",
    "hybrid": "hybrid",
    "rag_fine_tuning": "RAG + fine-tuning",
}
