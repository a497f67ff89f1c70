"""advisor: choose between prompt engineering, RAG, fine-tuning or a hybrid, with dated costs."""

__version__ = "0.1.0"
